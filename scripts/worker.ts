// npm run worker — the durable scheduler beside the portal (also started by npm run dev / npm start).
// Each tick: time-limit sweep (warnings, escalations), outbox delivery, daily digests, potential
// deflections, the weekly QA sample. All state lives in PostgreSQL; several workers may run (rows are
// claimed with SKIP LOCKED), and a killed worker loses nothing: the next tick picks up where it stopped.
import { createDb } from "../lib/db/client";
import { serverEnv } from "../lib/env";
import { sweepEscalations } from "../lib/escalation/sweep";
import { sweepOverdueReviews } from "../lib/complaints/sweep-reviews";
import { log } from "../lib/log";
import { refreshRollups } from "../lib/analytics/rollup/registry";
import { deliverDue } from "../lib/notify/deliver-due";
import { DEFAULT_DIGEST_MINUTE, enqueueDigests, parseDigestTime } from "../lib/notify/digest/enqueue-digests";
import { transportsFromEnv } from "../lib/notify/transports";
import { markPotentialDeflections } from "../lib/questions/potential-deflections";
import { drawPreviousWeekIfDue } from "../lib/qa/draw-qa-sample";
import { staleIndexCount, syncIndex } from "../lib/search/sync-index";

import { EnvError } from "../lib/env";

let env: ReturnType<typeof serverEnv>;
try {
  env = serverEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(`[shouwen] ${err.message}`);
  process.exit(1);
}
log.setLevel(env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, 4);
const transports = transportsFromEnv();
const digestMinute = parseDigestTime(env.DIGEST_TIME) ?? DEFAULT_DIGEST_MINUTE;
let stopping = false;
let rollupsRefreshedAt = 0;

async function tick(): Promise<void> {
  const now = new Date();
  const sweep = await sweepEscalations(db, now);
  const reviews = await sweepOverdueReviews(db, now);
  if (reviews.overdue) log.info("complaint reviews overdue", reviews);
  let delivered = 0;
  for (let round = 0; round < 20; round++) {
    const r = await deliverDue({ db, now: new Date(), transports, portalUrl: env.NEXTAUTH_URL, leaseMs: env.NOTIFY_LEASE_MS });
    delivered += r.sent;
    if (r.claimed === 0) break;
  }
  const digests = await enqueueDigests({ db, now, minute: digestMinute });
  const potential = await markPotentialDeflections(db, now, env.POTENTIAL_DEFLECTION_MINUTES);
  // 质检抽查: last week's sample, once (a primary-key lookup on every other tick).
  const qaDraw = await drawPreviousWeekIfDue(db, now);
  if (qaDraw) log.info("qa sample drawn", { ...qaDraw });
  // Policies published or retired while Meilisearch was away: one count query when nothing lags.
  if ((await staleIndexCount(db)) > 0) {
    const r = await syncIndex(db, { prefix: env.MEILI_INDEX_PREFIX }).catch((err) => {
      log.warn("search index sync failed; retried next tick", { err: String((err as Error)?.message ?? err) });
      return null;
    });
    if (r) log.info("search index synced", { synced: r.synced.length, removed: r.removed.length });
  }
  if (Date.now() - rollupsRefreshedAt >= env.INSIGHTS_REFRESH_MS) {
    const started = Date.now();
    const days = await refreshRollups(db, now);
    rollupsRefreshedAt = Date.now();
    log.info("insights rollups refreshed", { ms: rollupsRefreshedAt - started, days });
  }
  if (sweep.warned || sweep.escalated || sweep.firstResponseBreached || sweep.handoffsExpired || delivered || digests.enqueued || potential) {
    log.info("worker tick", { ...sweep, delivered, digests: digests.enqueued, potentialDeflections: potential });
  }
}

async function main() {
  log.info("worker started", { intervalMs: env.WORKER_INTERVAL_MS });
  while (!stopping) {
    const started = Date.now();
    await tick().catch((err) => log.error("worker tick failed", { err: String((err as Error)?.stack ?? err) }));
    const wait = Math.max(0, env.WORKER_INTERVAL_MS - (Date.now() - started));
    await new Promise((r) => setTimeout(r, wait));
  }
  await db.$disconnect();
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping = true));
void main();
