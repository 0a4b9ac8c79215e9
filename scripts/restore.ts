// npm run restore -- <backup dir> [--database <name> | --database-url <url>] (--index-prefix <prefix> | --no-reindex)
// Restores a backup into a NEW database (default shouwen_restore_<time> on the portal's PostgreSQL; an
// existing database must be empty), then rebuilds the Meilisearch index from it under --index-prefix
// (never this environment's live MEILI_INDEX_PREFIX: lib/ops/restore-index-prefix.ts) and compares
// counts. Point DATABASE_URL and MEILI_INDEX_PREFIX at the restored ones to serve it. Prints the
// measured recovery time.
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { EnvError, launcherEnv } from "../lib/env";
import { restoreDatabase } from "../lib/ops/backup";
import { restoreIndexPrefix, RestoreOptionError } from "../lib/ops/restore-index-prefix";
import { indexCounts, reindex } from "../lib/search/sync-index";
import { startStack } from "../lib/embedded/local-stack";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: "string" }, "database-url": { type: "string" }, "no-reindex": { type: "boolean" }, "index-prefix": { type: "string" } },
});
const dir = positionals[0];
if (!dir) {
  console.error("usage: npm run restore -- <backup dir> [--database <name> | --database-url <url>] (--index-prefix <prefix> | --no-reindex)");
  process.exit(1);
}
const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, "");
let indexPrefix: string | null = null;
// Decided before anything starts: a refused restore touches no database and no index.
if (!values["no-reindex"]) {
  try {
    indexPrefix = restoreIndexPrefix({ requested: values["index-prefix"], livePrefix: launcherEnv().MEILI_INDEX_PREFIX, suggestion: `restore_${stamp}` });
  } catch (err) {
    if (!(err instanceof RestoreOptionError || err instanceof EnvError)) throw err;
    console.error(`restore refused: ${err.message}`);
    process.exit(1);
  }
}
const stack = await startStack({ reuseRunning: true, log: () => undefined });
const started = performance.now();
let code = 0;
try {
  let url = values["database-url"];
  if (!url) {
    const name = values.database ?? `shouwen_restore_${stamp}`;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--database: "${name}" is not a plain lower-case database name`);
    const server = new URL(stack.ownerUrl);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: "/postgres" }).toString() });
    await admin.connect();
    try {
      const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
      if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  }
  const restored = await restoreDatabase(url, dir, { log: (m) => console.log(`  ${m}`) });
  const dbDone = performance.now();
  console.log(`restore: ${restored.tables} tables, ${restored.rows} rows in ${((dbDone - started) / 1000).toFixed(1)} s → ${new URL(url).pathname.slice(1)}`);
  if (indexPrefix) {
    const db = createDb(url, 2);
    try {
      const options = { prefix: indexPrefix, config: { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! } };
      await reindex(db, options);
      const counts = await indexCounts(db, options);
      console.log(`search index "${indexPrefix}" rebuilt: sections in PostgreSQL ${counts.postgres}, in Meilisearch ${counts.meilisearch} (${counts.postgres === counts.meilisearch ? "equal" : "DIFFERENT"})`);
      if (counts.postgres !== counts.meilisearch) code = 1;
    } finally {
      await db.$disconnect();
    }
  }
  console.log(`recovery time (restore + reindex): ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await stack.stop();
}
process.exit(code);
