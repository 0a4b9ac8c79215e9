// npx tsx scripts/lexicon/corpus-assoc.ts --corpus <dir> --out <file> [--params <json>] [--merge <table.json>]
//
// Round 3 experiment (ADR 0017): word associations from the document text alone, no questions —
// a procedure that would transfer to any company's documents. Every unit is a "pair" of its own
// words with its own words (countCooccurrence), so p(a|q) = share of the units containing q that
// also contain a, lift = p(a|q) / share of all units containing a; selectEntries keeps the pairs above
// the thresholds. Words in more than maxQShare of the units are not expanded. Writes a learned table
// (optionally merged with another, e.g. the STARD table: per word the union, max weight).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { articleWords, countCooccurrence, selectEntries, type LearnParams, type LearnedLexicon } from "../../lib/search/relevance/lexicon/learn";
import { requireCorpusArg } from "../eval/corpus-arg";
import { loadCorpus } from "../lab/corpus";

const { values } = parseArgs({ options: { corpus: { type: "string" }, out: { type: "string" }, params: { type: "string" }, merge: { type: "string" } } });
const dir = requireCorpusArg(values.corpus, "--corpus", "npx tsx scripts/lexicon/corpus-assoc.ts --corpus <dir> --out <file>");
const p: LearnParams = { minCount: 3, minProb: 0.3, minLift: 20, topK: 3, weight: 0.3, maxQShare: 0.01, ...(values.params ? (JSON.parse(values.params) as Partial<LearnParams>) : {}) };
const t0 = performance.now();
const rows = loadCorpus(dir);
const sets = rows.map((r) => articleWords(`${r.heading.replace(/^\S+/, "")} ${r.text}`));
const df = new Map<string, number>();
for (const s of sets) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
const background = (w: string) => (df.get(w) ?? 0) / rows.length;
// only words rare enough to be worth expanding are counted as q (bounded cost: Σ over units of
// |rare words| × |words|)
const pairs = sets.map((s) => ({ qWords: [...s].filter((w) => background(w) <= (p.maxQShare ?? 1) && (df.get(w) ?? 0) >= p.minCount), aWords: s }));
const entries = selectEntries(countCooccurrence(pairs, background), p);
if (values.merge) {
  const other = JSON.parse(readFileSync(values.merge, "utf8")) as LearnedLexicon;
  for (const [q, list] of Object.entries(other.entries)) {
    const m = new Map(entries[q] ?? []);
    for (const [a, w] of list) m.set(a, Math.max(m.get(a) ?? 0, w));
    entries[q] = [...m].sort((x, y) => y[1] - x[1]);
  }
}
const lexicon: LearnedLexicon = { version: 1, meta: { procedure: "unit co-occurrence lift over the corpus text (scripts/lexicon/corpus-assoc.ts)", corpus: path.basename(dir), units: rows.length, params: p, merged: values.merge ?? null }, weight: p.weight, entries };
writeFileSync(values.out ?? "/tmp/corpus-assoc.json", JSON.stringify(lexicon));
console.log(`${rows.length} units → ${Object.keys(entries).length} words in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
