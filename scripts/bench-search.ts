// npm run bench:search -- --corpus <dir> [--duration <s>] [--scale <documents>]
// --scale N (e.g. 1000) runs the scale bench instead (scripts/bench/scale.ts): a corpus of N
// documents made from <corpus>/docs with distinct ids, import + index time, search p50/p97.5 at 20
// and at N documents and memory, in one run.
// Both modes print the official Meilisearch client against the hand-written request it replaced,
// A/B interleaved on the same searches (scripts/bench/client-comparison.ts).
// One run, one machine: (1) relevance of the portal pipeline, Meilisearch with default settings and
// a character-bigram BM25 baseline, each scored with the corpus' score.mjs; (2) latency of raw
// Meilisearch search vs the portal's GET /api/search (scripts/serve.ts, production build) at 1 and 50
// connections with autocannon. Everything on loopback in a throwaway namespace that is dropped at the
// end, also on error or Ctrl-C. Exits non-zero only when something failed to run; missed targets
// are figures (PASS/MISS).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../lib/auth/password";
import { meiliClient, type MeiliConfig } from "../lib/search/client";
import { buildBigramIndex, searchBigram } from "./eval/bigram-baseline";
import { requireCorpusArg } from "./eval/corpus-arg";
import { evalCorpus, readQuestions, type EvalLine } from "./eval/eval-corpus";
import { createNamespace, type Namespace } from "./eval/isolated-namespace";
import { createDefaultIndex, defaultIndexUid, dropDefaultIndex, loadEvalSections, resultOf, searchDefaultIndex } from "./eval/meili-default";
import { sectionsIndexUid } from "../lib/search/meili-index";
import { findFreePort } from "../lib/embedded/ports";
import { startStack } from "../lib/embedded/local-stack";
import { compareClients, printClientComparison } from "./bench/client-comparison";
import { scaleBench } from "./bench/scale";
import { createCleanups, runScript } from "./lib/cleanups";
import { load as autocannonLoad, type LoadRow } from "./lib/load";
import { f3, ms, percentile, table } from "./lib/report";
import { ensureBuild, portalEnv, signIn, startPortal as serve, type RunningPortal } from "./lib/throwaway-portal";

const { values } = parseArgs({ options: { corpus: { type: "string" }, duration: { type: "string" }, scale: { type: "string" } } });
const corpus = requireCorpusArg(values.corpus, "--corpus", "npm run bench:search -- --corpus <dir with docs/, questions.jsonl and score.mjs> [--duration <s>] [--scale <documents>]", ["docs", "questions.jsonl", "score.mjs"]);
const durationS = Math.min(60, Math.max(1, Number(values.duration ?? 10)));
const scale = values.scale === undefined ? undefined : Number(values.scale);
if (scale !== undefined && !(Number.isInteger(scale) && scale >= 20 && scale <= 5000)) {
  console.error(`--scale: "${values.scale}" is not a whole number of documents between 20 and 5000`);
  process.exit(2);
}
const started = performance.now();

const cleanups = createCleanups("bench:search");
const log = (m: string) => console.log(m);

// ---- small helpers ----
function isLoopback(url: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(new URL(url).hostname);
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
  cleanups.add(`index ${uid}`, () => dropDefaultIndex(uid, ns.meili));
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
function load(name: string, connections: number, opts: { url: string; method: "GET" | "POST"; headers: Record<string, string>; next: () => { path?: string; body?: string } }): Promise<LoadRow> {
  return autocannonLoad(name, { ...opts, connections, durationS });
}

async function startPortal(ns: Namespace): Promise<RunningPortal & { cookie: string }> {
  const port = await findFreePort();
  const env = portalEnv(port, { DATABASE_URL: ns.databaseUrl, MEILI_HOST: ns.meili.host, MEILI_MASTER_KEY: ns.meili.apiKey, MEILI_INDEX_PREFIX: ns.prefix });
  await ensureBuild(env, cleanups, log);
  const password = randomBytes(12).toString("base64url");
  const email = `bench-${randomBytes(4).toString("hex")}@bench.example`;
  await ns.db.user.create({ data: { email, name: "搜索基准测试", roles: ["EMPLOYEE"], passwordHash: await hashPassword(password) } });
  const portal = await serve(port, env, cleanups);
  return { ...portal, cookie: await signIn(portal.base, email, password) };
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
  const index = meiliClient(ns.meili).index(sectionsIndexUid(ns.prefix));
  for (const q of texts) processing.push((await index.search(q, { limit: 10 })).processingTimeMs);
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
  cleanups.add("PostgreSQL / Meilisearch started here", stack.stop);
  const config: MeiliConfig = { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! };
  for (const [what, url] of [["DATABASE_URL", stack.env.DATABASE_URL!], ["MEILI_HOST", config.host]] as const) {
    if (!isLoopback(url)) throw new Error(`${what} is not on loopback (${new URL(url).hostname}); this benchmark runs on 127.0.0.1 only`);
  }
  const version = await meiliClient(config).getVersion();
  console.log(`首问 search benchmark — corpus ${corpus} (${questions.length} questions); Node ${process.version}, ${os.cpus().length} CPUs, Meilisearch ${version.pkgVersion}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "shouwen-bench-"));
  cleanups.add("temp files", async () => rmSync(tmp, { recursive: true, force: true }));
  if (scale !== undefined) {
    const texts = questions.map((q) => q.question.slice(0, 200));
    await scaleBench({ corpus, scale, ownerUrl: stack.ownerUrl, config, questions: texts, tmp, cleanups, atScale: async (ns) => printClientComparison(await compareClients({ prefix: ns.prefix, config }, texts)) });
    return;
  }
  const ns = await createNamespace(stack.ownerUrl, config);
  cleanups.add(`namespace ${ns.prefix}`, ns.drop);
  console.log(`namespace: database and index prefix ${ns.prefix} (dropped at the end)`);
  await relevance(ns, questions, tmp);
  printClientComparison(await compareClients({ prefix: ns.prefix, config }, questions.map((q) => q.question.slice(0, 200))));
  await latency(ns, questions);
}

await runScript("bench:search", cleanups, started, main);
