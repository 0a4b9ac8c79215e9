// npm run bench:insights [-- --runs 30] [--database-url <url>]
// Server time of every dashboard's query function on the seed:scale data set (run that first), per
// role that opens it, for the default 30-day range and a 365-day range: p50 and p97.5 over `runs`
// sequential calls after warm-up, against the target p97.5 ≤ 300 ms. Reads only; exits non-zero only
// when something failed to run (a missed target is a figure, marked MISS).
import { parseArgs } from "node:util";
import type { Actor, Role } from "../lib/auth/roles";
import { createDb, type Db } from "../lib/db/client";
import { refreshRollups } from "../lib/analytics/rollup/registry";
import { parseRange, type DateRange } from "../lib/analytics/shared/range";
import { localDate } from "../lib/time/zone";
import { getPolicyDashboard } from "../lib/analytics/policies/dashboard";
import { getScorecardDashboard } from "../lib/analytics/owners/dashboard";
import { getManagementDashboard } from "../lib/analytics/management/dashboard";
import { listLedger } from "../lib/analytics/ledger/list";
import type { Ctx } from "../lib/kernel/context";
import { scaleDatabaseUrl } from "./scale-target";

const TARGET_MS = 300;
const { values } = parseArgs({ options: { runs: { type: "string" }, "database-url": { type: "string" } } });
const runs = Math.max(5, Math.min(500, Number(values.runs ?? 30)));

function percentile(sorted: number[], p: number): number {
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function actorWhere(db: Db, label: string, where: { role?: Role; name?: string }): Promise<Actor> {
  const u = await db.user.findFirst({
    where: { ...(where.role ? { roles: { has: where.role } } : {}), ...(where.name ? { name: where.name } : {}) },
    orderBy: { email: "asc" },
  });
  if (!u) throw new Error(`no ${label} in the scale database: run npm run seed:scale first`);
  return { id: u.id, name: u.name, email: u.email, roles: u.roles, departmentId: u.departmentId, sessionId: "bench" };
}

const target = await scaleDatabaseUrl(values["database-url"]);
const db = createDb(target.url, 4);
let code = 0;
try {
  const counts = {
    searchQueries: await db.searchQuery.count(),
    impressions: await db.searchImpression.count(),
    questions: await db.question.count(),
    questionEvents: await db.questionEvent.count(),
    users: await db.user.count(),
  };
  console.log(`data: ${JSON.stringify(counts)}`);
  if (counts.questions === 0) throw new Error("the scale database is empty: run npm run seed:scale first");
  const refreshStarted = performance.now();
  await refreshRollups(db, new Date());
  console.log(`rollup refresh (incremental, nothing new): ${(performance.now() - refreshStarted).toFixed(0)} ms`);

  const admin = await actorWhere(db, "admin", { role: "ADMIN" });
  const ceo = await actorWhere(db, "company manager", { name: "星河科技负责人" });
  const region = await actorWhere(db, "region manager", { name: "华东区负责人" });
  const policyOwner = await actorWhere(db, "policy owner", { name: "人力资源制度负责人" });
  const owner = await actorWhere(db, "first-contact owner", { name: "首问0-0" });
  const qa = await actorWhere(db, "QA reviewer", { role: "QA_REVIEWER" });
  const now = new Date();
  const ranges: [string, DateRange][] = [
    ["30 d", parseRange({}, now)],
    ["365 d", parseRange({ from: localDate(now.getTime() - 364 * 86_400_000) }, now)],
  ];
  const ctx = (actor: Actor): Ctx => ({ actor, db, now });

  const cases: { dashboard: string; who: string; run: (r: DateRange) => Promise<unknown> }[] = [
    { dashboard: "policies", who: "policy owner (人力资源)", run: (range) => getPolicyDashboard(ctx(policyOwner), { range }) },
    { dashboard: "policies", who: "admin (all)", run: (range) => getPolicyDashboard(ctx(admin), { range }) },
    { dashboard: "scorecard", who: "owner (self)", run: (range) => getScorecardDashboard(ctx(owner), { range }) },
    { dashboard: "scorecard", who: "manager (华东区)", run: (range) => getScorecardDashboard(ctx(region), { range }) },
    { dashboard: "scorecard", who: "CEO (company)", run: (range) => getScorecardDashboard(ctx(ceo), { range }) },
    { dashboard: "management", who: "manager (华东区)", run: (range) => getManagementDashboard(ctx(region), { range }) },
    { dashboard: "management", who: "CEO (company)", run: (range) => getManagementDashboard(ctx(ceo), { range }) },
    { dashboard: "management", who: "admin (all)", run: (range) => getManagementDashboard(ctx(admin), { range }) },
    { dashboard: "ledger", who: "manager (华东区)", run: (range) => listLedger(ctx(region), { range, filters: {} }) },
    { dashboard: "ledger", who: "QA (all)", run: (range) => listLedger(ctx(qa), { range, filters: {} }) },
  ];

  console.log(`\n${runs} runs each after 3 warm-up calls; server time of the dashboard's query function, ms`);
  console.log(["dashboard", "who", "range", "p50", "p97.5", "max", `≤ ${TARGET_MS} ms`].join("\t"));
  let misses = 0;
  for (const c of cases) {
    for (const [label, range] of ranges) {
      for (let i = 0; i < 3; i++) await c.run(range);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await c.run(range);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p975 = percentile(times, 97.5);
      if (p975 > TARGET_MS) misses++;
      console.log([c.dashboard, c.who, label, percentile(times, 50).toFixed(1), p975.toFixed(1), times.at(-1)!.toFixed(1), p975 <= TARGET_MS ? "PASS" : "MISS"].join("\t"));
    }
  }
  console.log(`\n${misses === 0 ? "all dashboards PASS" : `${misses} MISS`} (target p97.5 ≤ ${TARGET_MS} ms)`);
} catch (err) {
  console.error(`bench:insights failed: ${(err as Error).stack ?? err}`);
  code = 1;
} finally {
  await db.$disconnect();
  await target.stop();
}
process.exit(code);
