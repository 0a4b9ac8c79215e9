// Runs every question of a corpus (docs/ + questions.jsonl, policies in the docs/content-format.md format) through the
// same searchClauses() the ask page uses. Reads only `id` and `question`: never the gold labels.
import { readFileSync } from "node:fs";
import path from "node:path";
import { importPolicies } from "../../lib/content/import-policies";
import { syncIndex } from "../../lib/search/sync-index";
import { searchClauses } from "../../lib/search/search-clauses";
import type { Namespace } from "./isolated-namespace";

export interface EvalLine {
  id: string;
  results: { doc: string; section?: string }[];
  deflected: boolean;
  /** answered / related / none (nothing plausible found); ignored by score.mjs, counted by eval:search */
  state: "answered" | "related" | "none";
}

export function readQuestions(file: string): { id: string; question: string }[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const { id, question } = JSON.parse(l) as { id: string; question: string };
      return { id, question };
    });
}

export async function evalCorpus(ns: Namespace, corpusDir: string): Promise<{ lines: EvalLine[]; importFailures: string[]; latenciesMs: number[] }> {
  const report = await importPolicies(ns.db, path.join(corpusDir, "docs"));
  await syncIndex(ns.db, { prefix: ns.prefix, config: ns.meili });
  const lines: EvalLine[] = [];
  const latenciesMs: number[] = [];
  for (const q of readQuestions(path.join(corpusDir, "questions.jsonl"))) {
    const started = performance.now();
    const result = await searchClauses({ db: ns.db, meili: { prefix: ns.prefix, config: ns.meili } }, { q: q.question.slice(0, 200), limit: 10 });
    latenciesMs.push(performance.now() - started);
    lines.push({
      id: q.id,
      results: result.hits.map((h) => (h.label === "全文" ? { doc: h.policyId } : { doc: h.policyId, section: h.label })),
      deflected: result.deflected,
      state: result.state,
    });
  }
  return { lines, importFailures: report.failed.map((f) => f.error), latenciesMs };
}
