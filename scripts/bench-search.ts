// npm run bench:search [-- --corpus <dir>] [--duration <s>]
// One run, one machine: (1) relevance of the portal pipeline, Meilisearch with default settings and
// a character-bigram BM25 baseline, each scored with the corpus' score.mjs; (2) latency of raw
// Meilisearch search vs the portal's GET /api/search (scripts/serve.ts, production build) at 1 and 50
// connections with autocannon. Everything on loopback in a throwaway namespace that is dropped at the
// end, also on error or Ctrl-C. Exits non-zero only when something failed to run; missed targets
// are figures (PASS/MISS).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../lib/auth/password";
import { childEnv } from "../lib/env";
import { meili, type MeiliConfig } from "../lib/search/client";
import { buildBigramIndex, searchBigram } from "../lib/search/eval/bigram-baseline";
import { evalCorpus, readQuestions, type EvalLine } from "../lib/search/eval/eval-corpus";
import { createNamespace, type Namespace } from "../lib/search/eval/isolated-namespace";
import { createDefaultIndex, defaultIndexUid, dropDefaultIndex, loadEvalSections, resultOf, searchDefaultIndex } from "../lib/search/eval/meili-default";
import { sectionsIndexUid } from "../lib/search/meili-index";
import { findFreePort, waitFor } from "../lib/services/ports";
import { startStack } from "../lib/services/local-stack";

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { corpus: { type: "string" }, duration: { type: "string" } } });
const corpus = path.resolve(values.corpus ?? "../shared/corpus");
const durationS = Math.min(60, Math.max(1, Number(values.duration ?? 10)));
const BUILD_SOURCES = ["app", "lib", "components", "next.config.js"];
const started = performance.now();

// ---- cleanup: every resource registers its undo; run once, newest first ----
const cleanups: { what: string; run: () => Promise<void> }[] = [];
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  for (const c of cleanups.reverse()) {
    await c.run().catch((err) => console.error(`cleanup (${c.what}) failed: ${(err as Error).message}`));
  }
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping children and dropping the namespace`);
    void cleanup().then(() => process.exit(130));
  });
}

// ---- small helpers ----
type Row = (string | number)[];
function table(header: Row, rows: Row[]): string {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length + (r[i]!.match(/[\u3000-\u9fff]/g)?.length ?? 0))));
  return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]! - (c.match(/[\u3000-\u9fff]/g)?.length ?? 0)) : c.padStart(widths[i]!))).join("  ")).join("\n");
}
const f3 = (x: number | null | undefined) => (x === null || x === undefined ? "n/a" : x.toFixed(3));
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function isLoopback(url: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(new URL(url).hostname);
}
function newestSource(entry: string): { file: string; mtimeMs: number } {
  if (!existsSync(entry)) return { file: entry, mtimeMs: 0 };
  const st = statSync(entry);
  if (!st.isDirectory()) return { file: entry, mtimeMs: st.mtimeMs };
  let newest = { file: entry, mtimeMs: 0 };
  for (const child of readdirSync(entry)) {
    const n = newestSource(path.join(entry, child));
    if (n.mtimeMs > newest.mtimeMs) newest = n;
  }
  return newest;
}

// ---- relevance ----
interface Metrics {
  doc_recall_at_1: number | null;
  doc_recall_at_5: number | null;
  doc_mrr_at_10: number | null;
  section_recall_at_5: number | null;
  false_deflection_rate: number | null;
  false_deflections: number;
  unanswerable: number;
  answerable_deflection_rate: number | null;
}

function score(lines: EvalLine[] | { id: string; results: { doc: string; section?: string }[] }[], file: string): Metrics {
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const r = spawnSync(process.execPath, [path.join(corpus, "score.mjs"), path.join(corpus, "questions.jsonl"), file, "--json"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`score.mjs failed on ${file} (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Metrics;
}

async function relevance(ns: Namespace, questions: { id: string; question: string }[], tmp: string): Promise<void> {
  console.log("\n== (1) Relevance on the corpus (score.mjs --json) ==");
  const portal = await evalCorpus(ns, corpus);
  if (portal.importFailures.length) throw new Error(`import failed:\n${portal.importFailures.join("\n")}`);
  const sections = await loadEvalSections(ns.db);

  const uid = defaultIndexUid(ns.prefix);
  cleanups.push({ what: `index ${uid}`, run: () => dropDefaultIndex(uid, ns.meili) });
  await createDefaultIndex(uid, sections, ns.meili);
  const meiliLines = [];
  for (const q of questions) meiliLines.push({ id: q.id, results: await searchDefaultIndex(uid, q.question, ns.meili) });

  const bigram = buildBigramIndex(sections.map((s) => ({ ...resultOf(s.doc, s.section), text: `${s.heading}\n${s.text}` })));
  const bigramLines = questions.map((q) => ({ id: q.id, results: searchBigram(bigram, q.question, 10).map(({ doc, section }) => (section === undefined ? { doc } : { doc, section })) }));

  const systems: [string, Metrics][] = [
    ["(a) portal pipeline (evalCorpus)", score(portal.lines, path.join(tmp, "portal.jsonl"))],
    ["(b) Meilisearch, default settings", score(meiliLines, path.join(tmp, "meili-default.jsonl"))],
    ["(c) bigram BM25 baseline", score(bigramLines, path.join(tmp, "bigram.jsonl"))],
  ];
  console.log(`${sections.length} sections from ${new Set(sections.map((s) => s.doc)).size} documents, ${questions.length} questions; (b) and (c) send no "deflected" field, so false-deflection = "top-1 exists"`);
  console.log(
    table(
      ["system", "doc R@1", "doc R@5", "MRR@10", "sec R@5", "false-defl", "answerable defl"],
      systems.map(([name, m]) => [name, f3(m.doc_recall_at_1), f3(m.doc_recall_at_5), f3(m.doc_mrr_at_10), f3(m.section_recall_at_5), `${f3(m.false_deflection_rate)} (${m.false_deflections}/${m.unanswerable})`, f3(m.answerable_deflection_rate)]),
    ),
  );
  console.log(`portal pipeline in-process (searchClauses, no HTTP): p50 ${ms(percentile(portal.latenciesMs, 50))} ms, p97.5 ${ms(percentile(portal.latenciesMs, 97.5))} ms`);
}

// ---- latency ----
interface Autocannon {
  (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void): NodeJS.EventEmitter & { stop(): void };
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
}
interface LoadRow {
  name: string;
  connections: number;
  result: AutocannonResult;
  latencies: number[];
}

function load(name: string, connections: number, opts: { url: string; method: "GET" | "POST"; headers: Record<string, string>; next: () => { path?: string; body?: string } }): Promise<LoadRow> {
  const autocannon = require("autocannon") as Autocannon;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        method: opts.method,
        headers: opts.headers,
        connections,
        duration: durationS,
        timeout: 10,
        requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, ...opts.next() }) }],
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve({ name, connections, result, latencies });
      },
    );
    // autocannon's own histogram keeps whole milliseconds; raw Meilisearch answers in well under one.
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    const guard = setTimeout(() => instance.stop(), (durationS + 30) * 1000);
  });
}

async function ensureBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const buildId = ".next/BUILD_ID";
  const newest = BUILD_SOURCES.map(newestSource).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > newest.mtimeMs) {
    console.log(`build: reusing .next (BUILD_ID ${new Date(builtAt).toISOString()} is newer than every file in ${BUILD_SOURCES.join(", ")})`);
    return;
  }
  console.log(builtAt ? `build: running next build (${newest.file} changed at ${new Date(newest.mtimeMs).toISOString()}, after BUILD_ID ${new Date(builtAt).toISOString()})` : "build: running next build (no .next/BUILD_ID)");
  const t = performance.now();
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
  cleanups.push({ what: "next build", run: () => stopChild(child) });
  const output: string[] = [];
  child.stdout.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr.on("data", (c: Buffer) => output.push(c.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.join("").split("\n").slice(-40).join("\n")}`);
  console.log(`build: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      jar.set(pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1).trim());
    }
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base, json: "true" }),
  });
  take(res);
  const session = [...jar].find(([k]) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return `${session[0]}=${session[1]}`;
}

async function startPortal(ns: Namespace): Promise<{ base: string; cookie: string; child: ChildProcess }> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const env = childEnv({
    NODE_ENV: "production",
    DATABASE_URL: ns.databaseUrl,
    MEILI_HOST: ns.meili.host,
    MEILI_MASTER_KEY: ns.meili.apiKey,
    MEILI_INDEX_PREFIX: ns.prefix,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: base,
    TRUST_PROXY: "false",
  });
  await ensureBuild(env);
  const password = randomBytes(12).toString("base64url");
  const email = `bench-${randomBytes(4).toString("hex")}@bench.example`;
  await ns.db.user.create({ data: { email, name: "搜索基准测试", roles: ["EMPLOYEE"], passwordHash: await hashPassword(password) } });

  const output: string[] = [];
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/serve.ts", "start", "--port", String(port), "--hostname", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  cleanups.push({ what: "portal server", run: () => stopChild(child) });
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  const healthy = await waitFor(async () => {
    if (child.exitCode !== null) throw new Error("exited");
    return (await fetch(`${base}/api/health`)).ok;
  }, 60_000, 200);
  if (!healthy) throw new Error(`the portal did not become healthy on ${base}:\n${output.join("").split("\n").slice(-30).join("\n")}`);
  return { base, cookie: await signIn(base, email, password), child };
}

async function latency(ns: Namespace, questions: { id: string; question: string }[]): Promise<void> {
  console.log(`\n== (2) Latency: raw Meilisearch vs portal GET /api/search (autocannon, ${durationS} s per run) ==`);
  const portal = await startPortal(ns);
  const texts = questions.map((q) => q.question.slice(0, 200));
  const meiliSearchPath = `/indexes/${sectionsIndexUid(ns.prefix)}/search`;

  // One pass each, sequentially: warms both servers, checks the HTTP route answers, and gives
  // Meilisearch's own view of its work.
  let ok = 0;
  for (const q of texts) {
    const res = await fetch(`${portal.base}/api/search?${new URLSearchParams({ q, limit: "10" })}`, { headers: { cookie: portal.cookie } });
    if (res.ok) ok++;
    await res.arrayBuffer();
  }
  if (ok !== texts.length) throw new Error(`warm-up: /api/search answered ${ok}/${texts.length} questions with 2xx`);
  const processing: number[] = [];
  for (const q of texts) processing.push((await meili<{ processingTimeMs: number }>("POST", meiliSearchPath, { q, limit: 10 }, { config: ns.meili })).processingTimeMs);
  console.log(`warm-up: ${ok}/${texts.length} questions answered 2xx by /api/search (signed in as an EMPLOYEE of the namespace)`);
  console.log(`Meilisearch processingTimeMs over one pass of ${texts.length} questions: median ${percentile(processing, 50)} ms, p97.5 ${percentile(processing, 97.5)} ms`);

  const counter = { i: 0 };
  const nextQuestion = () => texts[counter.i++ % texts.length]!;
  const raw = (c: number) =>
    load("raw Meilisearch", c, {
      url: `${ns.meili.host}${meiliSearchPath}`,
      method: "POST",
      headers: { authorization: `Bearer ${ns.meili.apiKey}`, "content-type": "application/json", "accept-encoding": "identity" },
      next: () => ({ body: JSON.stringify({ q: nextQuestion(), limit: 10 }) }),
    });
  const api = (c: number) =>
    load("portal /api/search", c, {
      url: portal.base,
      method: "GET",
      headers: { cookie: portal.cookie, "accept-encoding": "identity" },
      next: () => ({ path: `/api/search?${new URLSearchParams({ q: nextQuestion(), limit: "10" })}` }),
    });
  const rows: LoadRow[] = [];
  for (const run of [() => raw(1), () => api(1), () => raw(50), () => api(50)]) {
    rows.push(await run());
    if (portal.child.exitCode !== null) throw new Error(`the portal exited during the benchmark (code ${portal.child.exitCode})`);
  }

  const p = (r: LoadRow, q: number) => percentile(r.latencies, q);
  console.log("latency in ms from autocannon's per-response timings; req/s = requests / duration");
  console.log(
    table(
      ["target", "conns", "requests", "req/s", "p50", "p97.5", "p99", "errors", "timeouts", "non-2xx"],
      rows.map((r) => [r.name, r.connections, r.result.requests.total, (r.result.requests.total / r.result.duration).toFixed(0), ms(p(r, 50)), ms(p(r, 97.5)), ms(p(r, 99)), r.result.errors, r.result.timeouts, r.result.non2xx]),
    ),
  );
  const [raw1, api1, raw50, api50] = rows as [LoadRow, LoadRow, LoadRow, LoadRow];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  for (const [c, r, a] of [[1, raw1, api1], [50, raw50, api50]] as const) {
    console.log(`ratio portal/raw at ${c} conn: p50 ${ratio(p(a, 50), p(r, 50))}, p97.5 ${ratio(p(a, 97.5), p(r, 97.5))}, req/s ${ratio(a.result.requests.total / a.result.duration, r.result.requests.total / r.result.duration)}`);
  }
  const budget = p(raw1, 97.5) + 10;
  const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");
  console.log("targets:");
  console.log(`  portal p97.5 at 1 conn ≤ raw Meilisearch p97.5 + 10 ms: ${ms(p(api1, 97.5))} ms vs ${ms(budget)} ms → ${verdict(p(api1, 97.5) <= budget)}`);
  for (const r of [raw50, api50]) {
    const bad = r.result.errors + r.result.non2xx;
    console.log(`  ${r.name} at 50 conns: zero errors / non-2xx: ${r.result.errors} errors (${r.result.timeouts} timeouts), ${r.result.non2xx} non-2xx → ${verdict(bad === 0)}`);
  }
}

// ---- main ----
async function main(): Promise<void> {
  if (!existsSync(path.join(corpus, "questions.jsonl")) || !existsSync(path.join(corpus, "docs")) || !existsSync(path.join(corpus, "score.mjs"))) {
    throw new Error(`${corpus} needs docs/, questions.jsonl and score.mjs (use --corpus <dir>)`);
  }
  const questions = readQuestions(path.join(corpus, "questions.jsonl"));
  const stack = await startStack({ reuseRunning: true, log: (m) => console.log(`services: ${m}`) });
  cleanups.push({ what: "PostgreSQL / Meilisearch started here", run: stack.stop });
  const config: MeiliConfig = { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! };
  for (const [what, url] of [["DATABASE_URL", stack.env.DATABASE_URL!], ["MEILI_HOST", config.host]] as const) {
    if (!isLoopback(url)) throw new Error(`${what} is not on loopback (${new URL(url).hostname}); this benchmark runs on 127.0.0.1 only`);
  }
  const version = await meili<{ pkgVersion: string }>("GET", "/version", undefined, { config });
  console.log(`首问 search benchmark — corpus ${corpus} (${questions.length} questions); Node ${process.version}, ${os.cpus().length} CPUs, Meilisearch ${version.pkgVersion}`);
  const ns = await createNamespace(stack.env.DATABASE_URL!, config);
  cleanups.push({ what: `namespace ${ns.prefix}`, run: ns.drop });
  console.log(`namespace: database and index prefix ${ns.prefix} (dropped at the end)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "shouwen-bench-"));
  cleanups.push({ what: "temp files", run: async () => rmSync(tmp, { recursive: true, force: true }) });

  await relevance(ns, questions, tmp);
  await latency(ns, questions);
}

let code = 0;
try {
  await main();
} catch (err) {
  console.error(`\nbench:search failed: ${(err as Error)?.stack ?? err}`);
  code = 1;
} finally {
  await cleanup();
}
console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s${code ? " (failed)" : ""}`);
process.exit(code);
