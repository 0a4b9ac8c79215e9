import { createDb } from "../lib/db/client";
import { seedDemo } from "../lib/seed/demo";

/** Seeds the demo company (idempotent). Content import and indexing are added by lib/content. */
export async function prepareData(env: Record<string, string>, options: { seedDemo: boolean; log: (m: string) => void }) {
  const db = createDb(env.DATABASE_URL!, 2);
  try {
    if (options.seedDemo) await seedDemo(db, { log: options.log });
  } finally {
    await db.$disconnect();
  }
}
