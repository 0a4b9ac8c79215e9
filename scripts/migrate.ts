// npm run migrate: applies prisma/migrations to DATABASE_URL (or the embedded database).
import { launcherEnv } from "../lib/env";
import { migrate } from "../lib/db/migrate";
import { startStack } from "../lib/services/local-stack";

const env = launcherEnv();
if (env.DATABASE_URL) {
  const applied = await migrate(env.DATABASE_URL, { log: console.log });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "nothing to apply");
} else {
  const stack = await startStack();
  await stack.stop();
}
