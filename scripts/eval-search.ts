// npm run eval:search -- --corpus <dir> [--out <file>]
// Imports <dir>/docs into an isolated namespace, answers <dir>/questions.jsonl with the portal's
// search pipeline, writes one JSON line per question and prints the metrics of <dir>/score.mjs.
// Starts the embedded servers itself when none are configured, and leaves nothing running.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createNamespace } from "./eval/isolated-namespace";
import { requireCorpusArg } from "./eval/corpus-arg";
import { evalCorpus } from "./eval/eval-corpus";
import { startStack } from "../lib/embedded/local-stack";

const { values } = parseArgs({ options: { corpus: { type: "string" }, out: { type: "string" } } });
const corpus = requireCorpusArg(values.corpus, "--corpus", "npm run eval:search -- --corpus <dir with docs/ and questions.jsonl> [--out results.jsonl]");
const out = path.resolve(values.out ?? path.join(mkdtempSync(path.join(os.tmpdir(), "shouwen-eval-")), "results.jsonl"));

const stack = await startStack({ reuseRunning: true, log: () => undefined });
let code = 0;
try {
  const ns = await createNamespace(stack.ownerUrl, { host: stack.env.MEILI_HOST!, apiKey: stack.env.MEILI_MASTER_KEY! });
  try {
    const { lines, importFailures, latenciesMs } = await evalCorpus(ns, corpus);
    for (const f of importFailures) console.error(`import: ${f}`);
    writeFileSync(out, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1);
    console.log(`${lines.length} questions → ${out}  (search latency p50 ${pct(50)} ms, p97.5 ${pct(97.5)} ms)`);
  } finally {
    await ns.drop();
  }
  const scorer = path.join(corpus, "score.mjs");
  if (existsSync(scorer)) {
    const r = spawnSync(process.execPath, [scorer, path.join(corpus, "questions.jsonl"), out], { stdio: "inherit" });
    code = r.status ?? 1;
    printNothingFound(path.join(corpus, "questions.jsonl"), out);
  } else console.log("no score.mjs in the corpus: results written only");
} catch (err) {
  console.error(`eval failed: ${(err as Error).stack ?? err}`);
  code = 1;
} finally {
  await stack.stop();
}
process.exit(code);

/**
 * score.mjs knows only `deflected` (the search claims to answer). The third state, "nothing found"
 * (state none: no plausible unit, no results shown), is counted here from the same results file.
 */
function printNothingFound(questionsFile: string, resultsFile: string): void {
  const jsonl = (f: string) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  const state = new Map(jsonl(resultsFile).map((r) => [r.id as string, r.state as string]));
  let ans = 0, ansNone = 0, un = 0, unNone = 0;
  for (const q of jsonl(questionsFile)) {
    const none = state.get(q.id as string) === "none";
    if (q.type === "unanswerable") (un++, none && unNone++);
    else (ans++, none && ansNone++);
  }
  const rate = (a: number, b: number) => (b ? (a / b).toFixed(4) : "n/a");
  console.log(`answerable told "nothing found"   ${rate(ansNone, ans)}   (${ansNone}/${ans})`);
  console.log(`unanswerable told "nothing found" ${rate(unNone, un)}   (${unNone}/${un})`);
}
