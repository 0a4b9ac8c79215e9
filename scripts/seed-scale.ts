// npm run seed:scale [-- --factor 1] [--database-url <url>]
// Creates the dashboard-scale data set (lib/seed/scale.ts) in its own database, `shouwen_scale` on the
// portal's PostgreSQL (embedded or DATABASE_URL's server), dropped and recreated each run so the demo
// data is never touched. npm run bench:insights then measures every dashboard on it.
import { parseArgs } from "node:util";
import pg from "pg";
import { refreshRollups } from "../lib/analytics/rollup/registry";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { seedScale } from "../lib/seed/scale";
import { scaleDatabaseUrl } from "./scale-target";

const { values } = parseArgs({ options: { factor: { type: "string" }, "database-url": { type: "string" } } });
const factor = Number(values.factor ?? 1);
if (!(factor > 0 && factor <= 1)) {
  console.error("--factor must be a number in (0, 1]");
  process.exit(1);
}
const target = await scaleDatabaseUrl(values["database-url"]);
const started = performance.now();
let code = 0;
try {
  const admin = new pg.Client({ connectionString: target.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${target.database}"`);
  } finally {
    await admin.end();
  }
  await migrate(target.url, { log: () => undefined });
  console.log(`seeding ${target.database} (factor ${factor})…`);
  const counts = await seedScale(target.url, { factor, log: (m) => console.log(`  ${m}`) });
  const seeded = performance.now();
  const db = createDb(target.url, 2);
  try {
    const days = await refreshRollups(db, new Date());
    console.log(`  rollups: ${JSON.stringify(days)}, ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  } finally {
    await db.$disconnect();
  }
  console.log(JSON.stringify(counts, null, 2));
  console.log(`seed:scale done in ${((performance.now() - started) / 1000).toFixed(0)} s → ${target.database}`);
} catch (err) {
  console.error(`seed:scale failed: ${(err as Error).stack ?? err}`);
  code = 1;
} finally {
  await target.stop();
}
process.exit(code);
