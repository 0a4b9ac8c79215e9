// npm run content:reindex — rebuilds the Meilisearch index from PostgreSQL.
import { createDb } from "../lib/db/client";
import { progressBar } from "../lib/content/cli-progress";
import { indexCounts, reindex } from "../lib/search/sync-index";
import { startStack } from "../lib/embedded/local-stack";

const stack = await startStack({ reuseRunning: true, log: () => undefined });
const db = createDb(stack.env.DATABASE_URL!, 2);
const options = { prefix: stack.env.MEILI_INDEX_PREFIX!, config: { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! } };
let code = 0;
try {
  const bar = progressBar("重建索引");
  const result = await reindex(db, { ...options, onProgress: (d, t, p) => bar.update(d, t, p) });
  bar.stop();
  const counts = await indexCounts(db, options);
  console.log(`reindexed ${result.synced.length} policies; sections in PostgreSQL ${counts.postgres}, in Meilisearch ${counts.meilisearch}`);
  if (counts.postgres !== counts.meilisearch) code = 1;
} catch (err) {
  console.error(`reindex failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.$disconnect();
  await stack.stop();
}
process.exit(code);
