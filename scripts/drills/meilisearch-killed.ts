// Drill 1: Meilisearch is killed (SIGKILL) while users search and file questions. Promises: searches
// keep answering and are served in degraded mode (PostgreSQL alone) within 1 s of the kill; every
// question filed is acknowledged and stored; after Meilisearch is started again on the same port and
// data, the index holds as many sections as PostgreSQL within 60 s.
import { createDb } from "../../lib/db/client";
import { indexCounts } from "../../lib/search/sync-index";
import { INDEX_PREFIX } from "../lib/throwaway-portal";
import { ms, percentile, seconds } from "../lib/report";
import { since, sleep, type Check, type DrillContext, type DrillReport } from "./drill";
import { byStatus, is2xx, storedKeys, Traffic, type Sample } from "./traffic";

const WARM_MS = 5_000;
const OUTAGE_MS = 10_000;
const AFTER_MS = 5_000;
const DEGRADED_WITHIN_MS = 1_000;
const SYNC_WITHIN_MS = 60_000;

const latency = (samples: Sample[]) => {
  const l = samples.map((s) => s.at - s.startedAt);
  return `p50 ${ms(percentile(l, 50))} ms, p97.5 ${ms(percentile(l, 97.5))} ms`;
};

export async function meilisearchKilled(ctx: DrillContext): Promise<DrillReport> {
  const { log } = ctx;
  const traffic = new Traffic({ ...ctx.traffic, tag: `drill1-${Date.now().toString(36)}` });
  const db = createDb(ctx.services.databaseUrl, 2);
  const counts = () => indexCounts(db, { prefix: INDEX_PREFIX, config: ctx.services.meili });
  try {
    const t0 = Date.now();
    log(`mixed load: 3 clients searching, 2 filing questions (${ctx.traffic.cookies.length} signed-in demo users)`);
    traffic.start(3, 2);
    await sleep(WARM_MS);
    const killAt = Date.now();
    await ctx.services.meilisearch.kill("SIGKILL");
    log(`${since(t0)} Meilisearch killed with SIGKILL`);
    await sleep(OUTAGE_MS);

    const restartAt = Date.now();
    await ctx.services.meilisearch.start();
    const healthyAt = Date.now();
    log(`${since(t0)} Meilisearch started again on the same port and data directory (healthy after ${seconds(healthyAt - restartAt)})`);
    let syncedAt: number | null = null;
    let last = { postgres: -1, meilisearch: -1 };
    while (Date.now() - restartAt < SYNC_WITHIN_MS) {
      last = await counts().catch(() => last);
      if (last.postgres > 0 && last.postgres === last.meilisearch) {
        syncedAt = Date.now();
        break;
      }
      await sleep(200);
    }
    log(`${since(t0)} index counts: PostgreSQL ${last.postgres} sections, Meilisearch ${last.meilisearch} documents`);
    await sleep(AFTER_MS);
    await traffic.stop();
    log(`${since(t0)} load stopped`);

    const searches = traffic.samples.filter((s) => s.kind === "search");
    const filings = traffic.samples.filter((s) => s.kind === "file");
    const searchErrors = searches.filter((s) => !is2xx(s));
    const beforeKill = searches.filter((s) => s.at < killAt);
    const duringOutage = searches.filter((s) => s.startedAt >= killAt && s.at < restartAt);
    const firstDegraded = searches.find((s) => s.at >= killAt && is2xx(s) && s.degraded);
    const flaggedLate = duringOutage.filter((s) => is2xx(s) && !s.degraded && (!firstDegraded || s.at < firstDegraded.at)).length;
    const firstHealthy = searches.find((s) => s.startedAt >= healthyAt && is2xx(s) && !s.degraded);
    const degradedBefore = beforeKill.filter((s) => s.degraded).length;

    const acknowledged = filings.filter(is2xx).map((s) => s.key!);
    const stored = await storedKeys(ctx.services.databaseUrl, acknowledged);
    const ratio = acknowledged.length ? acknowledged.filter((k) => stored.has(k)).length / acknowledged.length : NaN;

    log(`searches: ${searches.length} (${byStatus(searches)}); before the kill ${beforeKill.length} (${degradedBefore} degraded), ${latency(beforeKill.filter(is2xx))}`);
    log(`searches during the outage: ${duringOutage.length}, ${duringOutage.filter((s) => s.degraded).length} flagged degraded, ${latency(duringOutage.filter(is2xx))}`);
    log(`first degraded answer ${firstDegraded ? seconds(firstDegraded.at - killAt) : "never"} after the kill; ${flaggedLate} answer(s) before it were served from the model but not yet flagged degraded`);
    log(`first non-degraded answer ${firstHealthy ? seconds(firstHealthy.at - healthyAt) : "never"} after Meilisearch was healthy again`);
    log(`question filings: ${filings.length} (${byStatus(filings)}); acknowledged ${acknowledged.length}, stored ${stored.size}`);
    for (const s of [...searchErrors, ...filings.filter((f) => !is2xx(f))].slice(0, 5)) log(`  failed ${s.kind}: ${s.status || s.error} ${s.body ?? ""}`);

    const checks: Check[] = [
      { promise: "search keeps answering (zero search errors)", measured: `${searchErrors.length} errors in ${searches.length} searches`, kept: searchErrors.length === 0 && searches.length > 0 },
      {
        promise: `search in degraded mode within ${DEGRADED_WITHIN_MS / 1000} s of the kill`,
        measured: firstDegraded ? `first degraded answer after ${seconds(firstDegraded.at - killAt)}` : "no degraded answer",
        kept: !!firstDegraded && firstDegraded.at - killAt <= DEGRADED_WITHIN_MS,
      },
      { promise: "every question filed is acknowledged (2xx)", measured: `${acknowledged.length}/${filings.length}`, kept: filings.length > 0 && acknowledged.length === filings.length },
      { promise: "acknowledged questions stored (ratio 1.000)", measured: `${stored.size}/${acknowledged.length} = ${ratio.toFixed(3)}`, kept: acknowledged.length > 0 && ratio === 1 },
      {
        promise: `index back in sync within ${SYNC_WITHIN_MS / 1000} s of the restart`,
        measured: syncedAt ? `counts equal (${last.postgres}) ${seconds(syncedAt - restartAt)} after the restart` : `not in sync after 60 s (${last.postgres} vs ${last.meilisearch})`,
        kept: syncedAt !== null,
      },
    ];
    return { title: "1. Meilisearch killed during a mixed load", checks };
  } finally {
    await traffic.stop();
    await db.$disconnect();
  }
}
