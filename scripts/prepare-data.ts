import path from "node:path";
import { importPolicies } from "../lib/content/import-policies";
import { createDb } from "../lib/db/client";
import { seedDemo } from "../lib/seed/demo";
import { syncIndex } from "../lib/search/sync-index";

/**
 * At every start: with the demo flag, the demo company (idempotent) and its policies in content/ (unchanged
 * files skipped); then the index is synced. Without it nothing demo is stored: a real company starts empty
 * and moves in with `npm run admin:create` and `npm run org:import` (docs/operations.md).
 */
export async function prepareData(env: Record<string, string>, options: { seedDemo: boolean; log: (m: string) => void }) {
  const db = createDb(env.DATABASE_URL!, 2);
  try {
    if (options.seedDemo) {
      await seedDemo(db, { log: options.log });
      const report = await importPolicies(db, path.resolve("content"));
      options.log(`content/: ${report.created.length} new, ${report.updated.length} changed, ${report.unchanged.length} unchanged, ${report.failed.length} failed`);
      for (const f of report.failed) options.log(`  ✗ ${f.error}`);
    }
    try {
      const sync = await syncIndex(db, { prefix: env.MEILI_INDEX_PREFIX!, config: { host: env.MEILI_HOST!, apiKey: env.MEILI_MASTER_KEY! } });
      if (sync.synced.length) options.log(`search index: ${sync.synced.length} policies synced`);
    } catch (err) {
      // The portal still serves (degraded search from PostgreSQL); the next start or a reindex retries.
      options.log(`search index not synced (${(err as Error).message}); search runs in degraded mode until it is`);
    }
  } finally {
    await db.$disconnect();
  }
}
