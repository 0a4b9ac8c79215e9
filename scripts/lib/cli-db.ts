// The database a CLI works on: DATABASE_URL when set (production), else the local PostgreSQL that
// `npm run dev` / `npm start` runs (started for the CLI when it is not running).
import { createDb, type Db } from "../../lib/db/client";
import { launcherEnv } from "../../lib/env";
import { startStack } from "../../lib/embedded/local-stack";

export async function openCliDb(): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  const url = launcherEnv().DATABASE_URL;
  if (url) {
    const db = createDb(url, 2);
    return { db, url, close: () => db.$disconnect() };
  }
  const stack = await startStack({ reuseRunning: true, log: () => undefined });
  const db = createDb(stack.env.DATABASE_URL!, 2);
  return {
    db,
    url: stack.env.DATABASE_URL!,
    close: async () => {
      await db.$disconnect();
      await stack.stop();
    },
  };
}
