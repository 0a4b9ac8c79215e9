// Config for the Prisma 6 CLI (installed as `prisma-legacy`), used only as a development tool to write
// SQL from schema.prisma: its experimental JS engine works offline, Prisma 7's CLI needs a native
// engine from a CDN. It needs some PostgreSQL to connect to; scripts/sql-from-schema.ts passes one.
// See docs/decisions/0002-migrations-without-prisma-engine.md.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma-legacy/config";

const url = process.env.SQL_DIFF_DATABASE_URL;
const schema = process.env.SQL_DIFF_SCHEMA;
if (!url || !schema) throw new Error("SQL_DIFF_DATABASE_URL and SQL_DIFF_SCHEMA must be set (see lib/db/schema-sql.ts)");

export default defineConfig({
  schema,
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: url }),
} as never);
