// npm run backup [-- --out <dir>] [--database-url <url>]
// A consistent logical backup of the portal's database (lib/ops/backup.ts) into backups/<timestamp>/
// (or --out). The embedded PostgreSQL is used when DATABASE_URL is not set (started if not running).
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "../lib/ops/backup";
import { startStack } from "../lib/embedded/local-stack";

const { values } = parseArgs({ options: { out: { type: "string" }, "database-url": { type: "string" } } });
const stack = values["database-url"] ? null : await startStack({ reuseRunning: true, log: () => undefined });
const url = values["database-url"] ?? stack!.ownerUrl;
const dir = path.resolve(values.out ?? path.join("backups", new Date().toISOString().replace(/[:.]/g, "-")));
const started = performance.now();
let code = 0;
try {
  const manifest = await backupDatabase(url, dir, { log: (m) => console.log(`  ${m}`) });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`backup: ${manifest.tables.length} tables, ${rows} rows → ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await stack?.stop();
}
process.exit(code);
