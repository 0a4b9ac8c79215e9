// Drill 2: PostgreSQL is stopped (fast shutdown: open sessions are cut) while users file questions, and
// started again after a few seconds. Promises: during the outage clients get 503 with a clear message
// and Retry-After, never a 500 or a dropped connection; every acknowledged question exists afterwards
// (also after clients retry the unacknowledged ones with the same idempotency key); the same portal
// process serves again, without a restart, soon after PostgreSQL is back.
import { since, sleep, type Check, type DrillContext, type DrillReport } from "./drill";
import { seconds } from "../lib/report";
import { byStatus, is2xx, storedKeys, Traffic, type Sample } from "./traffic";

const WARM_MS = 5_000;
const OUTAGE_MS = 8_000;
const AFTER_MS = 5_000;
const RECOVER_WITHIN_MS = 30_000;

function isClear503(s: Sample): boolean {
  if (s.status !== 503) return false;
  try {
    const body = JSON.parse(s.body ?? "") as { error?: { code?: string; message?: string }; requestId?: string };
    return body.error?.code === "UNAVAILABLE" && /数据库/.test(body.error.message ?? "") && !!body.requestId && !!s.retryAfter;
  } catch {
    return false;
  }
}

/** What the portal logged for these request ids ("request failed" lines): the error's own message, counted. */
function loggedCauses(output: string[], requestIds: Set<string>): string {
  const causes = new Map<string, number>();
  for (const line of output.join("").split("\n")) {
    if (!line.startsWith("{") || !line.includes('"request failed"')) continue;
    let entry: { requestId?: string; err?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // stdout and stderr chunks may interleave mid-line
    }
    if (!entry.requestId || !requestIds.has(entry.requestId)) continue;
    // A Prisma message carries a code frame; the cause is its last line before the stack.
    const message = (entry.err ?? "").split("\n    at ")[0]!.split("\n").filter((l) => l.trim()).pop() ?? "";
    const cause = message.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>").slice(0, 160);
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }
  return [...causes].map(([c, n]) => `${n} × ${c}`).join("; ") || "none found";
}

async function probe(url: string, cookie: string): Promise<string> {
  try {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.headers.get("retry-after") ? `${res.status} (Retry-After ${res.headers.get("retry-after")})` : String(res.status);
  } catch (err) {
    return `no answer (${String((err as Error).cause ?? (err as Error).message)})`;
  }
}

export async function postgresRestarted(ctx: DrillContext): Promise<DrillReport> {
  const { log, portal } = ctx;
  const traffic = new Traffic({ ...ctx.traffic, tag: `drill2-${Date.now().toString(36)}` });
  const pid = portal.child.pid;
  const t0 = Date.now();
  try {
    log("load: 3 clients filing questions, 1 searching");
    traffic.start(1, 3);
    await sleep(WARM_MS);
    const stopAt = Date.now();
    await ctx.services.postgres.stop();
    log(`${since(t0)} PostgreSQL stopped (fast shutdown, took ${seconds(Date.now() - stopAt)})`);
    await sleep(OUTAGE_MS / 2);
    const pageDuring = await probe(`${portal.base}/search?q=${encodeURIComponent("年假")}`, ctx.cookie);
    const myQuestionsDuring = await probe(`${portal.base}/my/questions`, ctx.cookie);
    const healthDuring = await probe(`${portal.base}/api/health`, "");
    await sleep(OUTAGE_MS / 2);

    const startAt = Date.now();
    await ctx.services.postgres.start();
    const readyAt = Date.now();
    log(`${since(t0)} PostgreSQL started again on the same port and data (ready after ${seconds(readyAt - startAt)})`);
    let recovered: Sample | undefined;
    while (!recovered && Date.now() - readyAt < RECOVER_WITHIN_MS + 5_000) {
      recovered = traffic.samples.find((s) => s.kind === "file" && s.startedAt >= readyAt && is2xx(s));
      if (!recovered) await sleep(50);
    }
    log(`${since(t0)} first question acknowledged after the restart: ${recovered ? `${seconds(recovered.at - readyAt)} after PostgreSQL was ready` : "none"}`);
    await sleep(AFTER_MS);
    await traffic.stop();

    // Clients retry what was not acknowledged, with the same idempotency key.
    const filings = traffic.samples.filter((s) => s.kind === "file");
    const unacknowledged = filings.filter((s) => !is2xx(s)).map((s) => s.key!);
    const retries: Sample[] = [];
    for (const key of unacknowledged) retries.push(await traffic.retry(key));
    const retriedExisting = retries.filter((s) => s.status === 200).length;

    const all = traffic.samples.filter((s) => !retries.includes(s));
    const outage = all.filter((s) => s.at >= stopAt && s.startedAt < readyAt);
    const served503 = all.filter((s) => s.status === 503);
    const unclear503 = served503.filter((s) => !isClear503(s));
    const bad = all.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503));
    const acknowledged = [...new Set([...filings, ...retries].filter(is2xx).map((s) => s.key!))];
    const stored = await storedKeys(ctx.services.databaseUrl, acknowledged);
    const ratio = acknowledged.length ? acknowledged.filter((k) => stored.has(k)).length / acknowledged.length : NaN;
    const logged = portal.output.join("");
    const inLog = served503.filter((s) => s.requestId && logged.includes(`"requestId":"${s.requestId}"`)).length;
    const example = served503.find(isClear503);

    log(`all answers: ${byStatus(all)}; during the outage (${seconds(readyAt - stopAt)}): ${byStatus(outage)}`);
    if (example) log(`a 503 as the client saw it: Retry-After ${example.retryAfter}, body ${example.body}`);
    log(`503 answers whose request id is in the portal's JSON log: ${inLog}/${served503.length}`);
    log(`during the outage: search page GET /search → ${pageDuring}; GET /my/questions → ${myQuestionsDuring}; GET /api/health → ${healthDuring}`);
    log(`unacknowledged filings retried with the same key: ${retries.length} (${byStatus(retries)}; ${retriedExisting} had been stored before their 503)`);
    log(`acknowledged ${acknowledged.length} distinct questions, stored ${stored.size}`);
    if (bad.length) log(`causes the portal logged for the unexpected answers: ${loggedCauses(portal.output, new Set(bad.map((s) => s.requestId!).filter(Boolean)))}`);
    for (const s of [...bad, ...unclear503].slice(0, 3)) log(`  unexpected: ${s.kind} ${s.status || s.error} ${s.body ?? ""}`);

    const checks: Check[] = [
      { promise: "clients get 503 during the outage", measured: `${served503.length} × 503`, kept: served503.length > 0 },
      { promise: "each 503 has a clear message, request id and Retry-After", measured: `${served503.length - unclear503.length}/${served503.length}`, kept: unclear503.length === 0 },
      {
        promise: "pages answer 503 with Retry-After too (not 500)",
        measured: `/search ${pageDuring}, /my/questions ${myQuestionsDuring}`,
        kept: [pageDuring, myQuestionsDuring].every((p) => p.startsWith("503 (Retry-After")),
      },
      { promise: "no 500 and no dropped connection", measured: `${bad.length} (${byStatus(bad)})`, kept: bad.length === 0 },
      { promise: "acknowledged questions stored (ratio 1.000)", measured: `${stored.size}/${acknowledged.length} = ${ratio.toFixed(3)}`, kept: acknowledged.length > 0 && ratio === 1 },
      {
        promise: `the portal recovers without a restart (within ${RECOVER_WITHIN_MS / 1000} s)`,
        measured: recovered ? `first 2xx ${seconds(recovered.at - readyAt)} after PostgreSQL was ready; same process (pid ${pid})` : "no 2xx after the restart",
        kept: !!recovered && recovered.at - readyAt <= RECOVER_WITHIN_MS && portal.isRunning() && portal.child.pid === pid,
      },
      { promise: "retries with the same key are answered 2xx", measured: `${retries.filter(is2xx).length}/${retries.length}`, kept: retries.every(is2xx) },
    ];
    return { title: "2. PostgreSQL stopped and restarted during writes", checks };
  } finally {
    await traffic.stop();
  }
}
