// npm run content:import -- <dir>     (default: content/)
// Validates and stores every policy file in PostgreSQL (Markdown, .docx, .doc, .pdf, .txt; metadata from
// manifest.csv beside them), syncing Meilisearch while it runs.
// Exit code 1 when any file failed; the others are imported all the same.
import { createDb } from "../lib/db/client";
import { importPolicies } from "../lib/content/import-policies";
import { progressBar } from "../lib/content/cli-progress";
import { indexCounts, syncIndexDuring } from "../lib/search/sync-index";
import { startStack } from "../lib/embedded/local-stack";

const dir = process.argv[2] ?? "content";
const stack = await startStack({ reuseRunning: true, log: () => undefined });
const db = createDb(stack.env.DATABASE_URL!, 4);
const config = { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! };
let code = 0;
try {
  const bar = progressBar("导入");
  // Meilisearch indexes what is committed while the rest is still being imported.
  const sync = { prefix: stack.env.MEILI_INDEX_PREFIX!, config };
  const report = await syncIndexDuring(db, sync, importPolicies(db, dir, { onProgress: (d, t, f) => bar.update(d, t, f) }));
  bar.stop();
  console.log(`created ${report.created.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}, failed ${report.failed.length}`);
  for (const w of report.warnings) console.warn(`  ! ${w}`);
  for (const f of report.failed) console.error(`  ✗ ${f.error}`);
  const counts = await indexCounts(db, sync);
  console.log(`search index: sections in PostgreSQL ${counts.postgres}, in Meilisearch ${counts.meilisearch}`);
  if (report.failed.length) code = 1;
} catch (err) {
  console.error(`content import failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.$disconnect();
  await stack.stop();
}
process.exit(code);
