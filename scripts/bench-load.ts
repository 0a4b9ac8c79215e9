// npm run bench:load [-- --duration <s>]
// Load on a throwaway portal (PostgreSQL and Meilisearch in a temp dir, the production build served by
// scripts/serve.ts, all on loopback), autocannon, one run per target:
//   GET /api/ping (the framework floor: no session, no database), GET /api/me (the session check alone,
//   for reference), GET /api/search (20 everyday queries in turn, as people repeat them: answers come
//   from the answer cache), GET /api/search with every query new (a serial number appended: every answer
//   computed in full) and the search page /search?q=… at 50 connections; POST /api/questions at 20 connections, JSON, same-origin
//   Origin, a session cookie, a unique idempotency key and a fresh searched ask session per request.
// Prints requests/s, p50/p97.5/p99, errors, non-2xx and, for filing, the rows stored vs 2xx answers,
// against the targets (zero errors and non-2xx; stored/2xx = 1.000; search API ≥ 0.5 × the floor).
// A missed target is a figure (MISS), not a failure: the exit code is non-zero only when something
// failed to run. Everything started is stopped and removed, also on Ctrl-C.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_PASSWORD, demoEmail } from "../lib/seed/demo";
import { findFreePort } from "../lib/embedded/ports";
import { createCleanups, runScript } from "./lib/cleanups";
import { load, requestsPerSecond, type LoadRow } from "./lib/load";
import { ms, percentile, table, verdict } from "./lib/report";
import { ensureBuild, portalEnv, prepareThrowawayData, signIn, startPortal, startThrowawayServices, type RunningPortal } from "./lib/throwaway-portal";

const { values } = parseArgs({ options: { duration: { type: "string" } } });
const durationS = Math.min(60, Math.max(1, Number(values.duration ?? 30)));
const FILERS = ["employee", "employee2", "manager", "owner.finance", "owner.it", "policy.hr", "center.biz", "qa"];
const QUERIES = ["年假怎么休", "出差住宿标准", "报销需要哪些发票", "加班费怎么算", "试用期多久", "公积金缴存比例", "病假工资", "离职交接", "采购审批流程", "电脑密码忘了", "婚假几天", "差旅补贴", "年终奖发放", "客户投诉处理", "合同盖章", "哺乳假", "异地办公", "办公用品领用", "信息安全事件上报", "培训费用报销"];
const started = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const cleanups = createCleanups("bench:load");

async function count(databaseUrl: string, sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function warmUp(portal: RunningPortal, cookie: string): Promise<void> {
  for (const q of QUERIES) {
    for (const p of ["/api/ping", `/api/search?${new URLSearchParams({ q, limit: "10" })}`, `/search?${new URLSearchParams({ q })}`]) {
      const res = await fetch(`${portal.base}${p}`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`warm-up: GET ${p} answered ${res.status}`);
    }
  }
}

async function main(): Promise<void> {
  console.log(`首问 load benchmark — Node ${process.version}, ${os.cpus().length} CPUs, ${durationS} s per run, autocannon on loopback`);
  const services = await startThrowawayServices("bench-load", cleanups, (m) => log(`services: ${m}`));
  await prepareThrowawayData(services, (m) => log(`data: ${m}`));
  const port = await findFreePort();
  // The per-user flood limit (20 questions per 10 minutes) would answer nearly every filing 429: raised here.
  const env = portalEnv(port, { ...services.env, QUESTIONS_PER_10_MINUTES: "1000000", LOG_LEVEL: "warn" });
  await ensureBuild(env, cleanups, log);
  const portal = await startPortal(port, env, cleanups);
  log(`portal: ${portal.base} (scripts/serve.ts, production build, one process, DATABASE_POOL_SIZE default 10; QUESTIONS_PER_10_MINUTES=1000000, LOG_LEVEL=warn)`);
  const cookies: string[] = [];
  for (const u of FILERS) cookies.push(await signIn(portal.base, demoEmail(u), DEMO_PASSWORD));
  const client = new pg.Client({ connectionString: services.databaseUrl });
  await client.connect();
  const lineIds = (await client.query<{ id: string }>(`SELECT id FROM "BusinessLine" ORDER BY code`)).rows.map((r) => r.id);
  // The server files a question only from an ask session with a search in it: one fresh searched
  // session per filing, made beforehand so the run measures filing alone.
  const sessionsPerFiler = 20_000;
  const askSessions = FILERS.map(() => [] as string[]);
  const made = await client.query<{ id: string; email: string }>(
    `WITH u AS (SELECT id, email FROM "User" WHERE email = ANY($1::text[])),
          s AS (INSERT INTO "AskSession" (id, "userId", "startedAt", "lastActivityAt")
                SELECT gen_random_uuid(), u.id, now(), now() FROM u, generate_series(1, $2::int) RETURNING id, "userId"),
          q AS (INSERT INTO "SearchQuery" (id, "userId", "askSessionId", query, "resultCount", "latencyMs", "createdAt")
                SELECT gen_random_uuid(), "userId", id, '出差住宿标准', 0, 1, now() FROM s)
     SELECT s.id, u.email FROM s JOIN u ON u.id = s."userId"`,
    [FILERS.map((f) => demoEmail(f)), sessionsPerFiler],
  );
  for (const r of made.rows) askSessions[FILERS.findIndex((f) => demoEmail(f) === r.email)]!.push(r.id);
  await client.end();
  await warmUp(portal, cookies[0]!);
  log(`warm-up: ${QUERIES.length} queries × (ping, /api/search, /search) answered 200; filing as ${FILERS.length} signed-in demo users in turn`);

  let i = 0;
  let unique = 0;
  const nextQuery = () => QUERIES[i++ % QUERIES.length]!;
  const tag = `load-${randomBytes(4).toString("hex")}`;
  let n = 0;
  const acknowledged = new Set<string>();
  const get = (name: string, next: () => string): Promise<LoadRow> =>
    load(name, { url: portal.base, method: "GET", headers: { cookie: cookies[0]!, "accept-encoding": "identity" }, connections: 50, durationS, next: () => ({ path: next() }) });
  const runs: (() => Promise<LoadRow>)[] = [
    () => get("GET /api/ping (floor)", () => "/api/ping"),
    () => get("GET /api/me (session only)", () => "/api/me"),
    () => get("GET /api/search", () => `/api/search?${new URLSearchParams({ q: nextQuery(), limit: "10" })}`),
    // Each query unseen (a serial number after it): every answer computed in full, none from the cache.
    () => get("GET /api/search (every query new)", () => `/api/search?${new URLSearchParams({ q: `${nextQuery()} ${++unique}`, limit: "10" })}`),
    () => get("GET /search?q= (page)", () => `/search?${new URLSearchParams({ q: nextQuery() })}`),
    () =>
      load("POST /api/questions", {
        url: `${portal.base}/api/questions`,
        method: "POST",
        headers: { "content-type": "application/json", origin: portal.base, "accept-encoding": "identity" },
        connections: 20,
        durationS,
        next: (context) => {
          const k = ++n;
          context.key = `${tag}-${k}`;
          const askSessionId = askSessions[k % cookies.length]!.pop();
          const body = { idempotencyKey: context.key, body: `负载测试问题 ${k}：出差住宿标准是多少？`, lineId: lineIds[k % lineIds.length]!, contactName: "负载测试", askSessionId };
          return { body: JSON.stringify(body), headers: { cookie: cookies[k % cookies.length]! } };
        },
        onResponse: (status, context) => {
          if (status >= 200 && status < 300) acknowledged.add(context.key as string);
        },
      }),
  ];
  const rows: LoadRow[] = [];
  for (const run of runs) {
    const row = await run();
    rows.push(row);
    log(`${row.name}: ${row.result.requests.total} requests`);
    if (!portal.isRunning()) throw new Error(`the portal exited during "${row.name}" (code ${portal.child.exitCode})`);
  }
  const [floor, session, api, apiUncached, page, filing] = rows as [LoadRow, LoadRow, LoadRow, LoadRow, LoadRow, LoadRow];
  // Wait for requests autocannon abandoned at the end of its run: the portal may still commit them.
  await new Promise((r) => setTimeout(r, 2000));
  const allRows = await count(services.databaseUrl, `SELECT count(*) AS n FROM "Question" WHERE "idempotencyKey" LIKE $1`, [`${tag}-%`]);
  const stored = await count(services.databaseUrl, `SELECT count(*) AS n FROM "Question" WHERE "idempotencyKey" = ANY($1::text[])`, [[...acknowledged]]);

  const p = (r: LoadRow, q: number) => ms(percentile(r.latencies, q));
  console.log(`\nlatency in ms from autocannon's per-response timings; req/s = requests / duration; errors include timeouts (10 s)`);
  console.log(
    table(
      ["target", "conns", "requests", "req/s", "p50", "p97.5", "p99", "errors", "timeouts", "non-2xx"],
      rows.map((r) => [r.name, r.connections, r.result.requests.total, requestsPerSecond(r).toFixed(0), p(r, 50), p(r, 97.5), p(r, 99), r.result.errors, r.result.timeouts, r.result.non2xx]),
    ),
  );
  for (const r of rows) {
    const codes = Object.entries(r.result.statusCodeStats ?? {}).filter(([c]) => !c.startsWith("2"));
    if (codes.length) console.log(`  ${r.name}: non-2xx by status ${codes.map(([c, v]) => `${c}: ${v.count}`).join(", ")}`);
  }
  const ok2xx = filing.result["2xx"];
  const ratio = ok2xx ? stored / ok2xx : NaN;
  console.log(`question filing: ${n} sent, ${ok2xx} answered 2xx (${acknowledged.size} distinct keys); of those ${stored} stored → stored/2xx ${ratio.toFixed(3)}`);
  console.log(`  all rows with this run's keys: ${allRows}; ${allRows - stored} stored without a counted answer (in flight when autocannon stopped; at most ${filing.connections})`);
  console.log("targets:");
  for (const r of rows) {
    const bad = r.result.errors + r.result.non2xx;
    console.log(`  ${r.name}: zero errors and zero non-2xx: ${r.result.errors} errors (${r.result.timeouts} timeouts), ${r.result.non2xx} non-2xx → ${verdict(bad === 0)}`);
  }
  console.log(`  rows stored / 2xx = 1.000: ${stored}/${ok2xx} = ${ratio.toFixed(3)} → ${verdict(ok2xx > 0 && stored === ok2xx && acknowledged.size === ok2xx)}`);
  const share = requestsPerSecond(api) / requestsPerSecond(floor);
  console.log(`  search API throughput ≥ 0.5 × floor: ${requestsPerSecond(api).toFixed(0)} vs ${requestsPerSecond(floor).toFixed(0)} req/s = ${share.toFixed(2)} × → ${verdict(share >= 0.5)}`);
  const ofFloor = (r: LoadRow) => `${requestsPerSecond(r).toFixed(0)} req/s = ${(requestsPerSecond(r) / requestsPerSecond(floor)).toFixed(2)} × floor`;
  console.log(`  search API, every query new (no answer from the cache): ${ofFloor(apiUncached)} → ${verdict(requestsPerSecond(apiUncached) / requestsPerSecond(floor) >= 0.5)}`);
  console.log(`  (no target: session check alone ${ofFloor(session)}; search page ${ofFloor(page)}; filing at 20 connections ${ofFloor(filing)})`);
  console.log(`autocannon runs in this process on the same ${os.cpus().length} CPUs as the portal, PostgreSQL and Meilisearch.`);
}

await runScript("bench:load", cleanups, started, main);
