// Prints the SQL that creates prisma/schema.prisma from an empty database (development tool).
//   npm run db:sql > prisma/migrations/<timestamp>_<name>/migration.sql   (then edit to the delta)
// Also used by the drift test. Needs a scratch PostgreSQL: SQL_DIFF_DATABASE_URL, or starts one.
import { fileURLToPath } from "node:url";
import { schemaSqlFromEmpty } from "../lib/db/schema-sql";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(await schemaSqlFromEmpty());
}
