// npm run migrate: applies prisma/migrations as DATABASE_OWNER_URL (or DATABASE_URL alone, or the
// embedded database), then grants DATABASE_URL's role what the portal needs (lib/db/app-role.ts).
import { launcherEnv } from "../lib/env";
import { prepareDatabase } from "../lib/db/prepare-database";
import { startStack } from "../lib/embedded/local-stack";

const env = launcherEnv();
if (env.DATABASE_URL) {
  await prepareDatabase({ ownerUrl: env.DATABASE_OWNER_URL ?? env.DATABASE_URL, appUrl: env.DATABASE_URL, embedded: false, log: console.log });
} else {
  const stack = await startStack();
  await stack.stop();
}
