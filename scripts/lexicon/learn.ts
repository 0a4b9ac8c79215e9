// npm run lexicon:learn -- --corpus <dir> [--folds 5] [--out <file>] [--check-only] [--params <json>] [--without-heldout]
//
// Learns the everyday-word → formal-term table (lib/search/relevance/lexicon/learned-stard.json) from a
// corpus (docs/ in the docs/content-format.md format + questions.jsonl) whose questions carry gold articles (e.g. corpus-stard-train).
// Procedure (docs/decisions/0017-general-lexicon.md; counting and selection in lexicon/learn.ts):
//  1. every 5th question by FNV-1a hash of its id is HELD OUT (own acceptance check, never tuned on);
//  2. k-fold cross-validation over the remaining questions (folds by question) picks the thresholds
//     (minCount, minProb, minLift, topK, weight) that maximise section recall@5 of the held fold, with
//     the portal's ranker (all other settings default) answering the fold's questions;
//  3. the held-out check: learned from all non-held-out questions with the chosen thresholds, scored on
//     the held-out fifth, with and without the table;
//  4. the shipped table is learned from ALL questions with the chosen thresholds (unless --check-only).
// Deterministic: same corpus → same file.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveGroups } from "../../lib/search/relevance/analyze";
import { articleWords, countCooccurrence, documentExpansions, invertEntries, model1Counts, questionWords, selectEntries, type LearnParams, type LearnedLexicon } from "../../lib/search/relevance/lexicon/learn";
import { buildIndex, search, type RelevanceIndex, type SectionInput } from "../../lib/search/relevance/ranker";
import { normalizeText } from "../../lib/search/relevance/normalize";
import { requireCorpusArg } from "../eval/corpus-arg";
import { loadCorpus } from "../lab/corpus";
import { fnv1a, isHeldOut } from "./split";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    folds: { type: "string", default: "5" },
    out: { type: "string", default: "lib/search/relevance/lexicon/learned-stard.json" },
    "check-only": { type: "boolean", default: false },
    /** skip the cross-validation and use these thresholds (JSON LearnParams) */
    params: { type: "string" },
    /** learn the written table from the non-held-out questions only (for an honest held-out comparison) */
    "without-heldout": { type: "boolean", default: false },
    /** cross-validate maxQShare ∈ {1, 0.01, 0.002} on top of --params */
    "q-share-grid": { type: "boolean", default: false },
    /** article words also include the document title (round 2) */
    title: { type: "boolean", default: false },
    /** cross-validate minDocs ∈ {1, 2} and minLift ∈ {20, 40, 80} on top of --params (round 2) */
    "docs-grid": { type: "boolean", default: false },
    /** cross-validate counting learned terms in the coverage re-rank (learnedInCoverage) on top of --params */
    "cov-grid": { type: "boolean", default: false },
    /** cross-validate this grid (JSON array of LearnParams) instead of the built-in one */
    grid: { type: "string" },
    /** extra analyzer options for every evaluation (JSON), e.g. '{"learnedParts":false}' */
    analyzer: { type: "string" },
    /** how pairs are counted: "lift" (co-occurrence, rounds 1–2) or "model1" (IBM Model 1 alignment, round 3) */
    method: { type: "string", default: "lift" },
    /** EM iterations of --method model1 */
    iterations: { type: "string", default: "10" },
    /** null-word prior of --method model1 */
    "null-weight": { type: "string", default: "1" },
    /** additive smoothing of t(q|a) of --method model1 */
    smoothing: { type: "string", default: "0" },
    /** cross-validate document expansion (the table turned around, everyday words added to units as a
     *  low-weight field) on top of the chosen thresholds: JSON array of {weight, perUnit, query} */
    "doc-grid": { type: "string" },
  },
});
const dir = requireCorpusArg(values.corpus, "--corpus", "npm run lexicon:learn -- --corpus <dir with docs/ and questions.jsonl carrying gold> [--folds 5] [--out file] [--check-only]");
const folds = Number(values.folds);
const log = (s: string) => console.log(s);

interface Q {
  id: string;
  question: string;
  gold: { doc: string; section?: string }[];
}
const questions: Q[] = readFileSync(path.join(dir, "questions.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Q)
  .filter((q) => q.gold?.some((g) => g.section));

const t0 = performance.now();
const rows = loadCorpus(dir);
const unitKey = (doc: string, section: string) => `${doc}\u0001${section}`;
const unitWords = new Map<string, Set<string>>();
const df = new Map<string, number>();
for (const r of rows) {
  const w = articleWords(`${values.title ? `${r.docTitle} ` : ""}${r.heading.replace(/^\S+/, "")} ${r.text}`);
  unitWords.set(unitKey(r.docId, r.section), w);
  for (const x of w) df.set(x, (df.get(x) ?? 0) + 1);
}
const background = (w: string) => (df.get(w) ?? 0) / rows.length;
const groups = resolveGroups();
const pairs = new Map<string, { qWords: string[]; aWords: Set<string>; doc: string }>();
for (const q of questions) {
  const aWords = new Set<string>();
  for (const g of q.gold) for (const w of unitWords.get(unitKey(g.doc, g.section ?? "")) ?? []) aWords.add(w);
  pairs.set(q.id, { qWords: questionWords(q.question, groups), aWords, doc: q.gold[0]!.doc });
}
const index = buildIndex(rows);
search(index, "预热");
log(`${rows.length} units, ${questions.length} questions with gold sections; prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const heldOut = questions.filter((q) => isHeldOut(q.id));
const train = questions.filter((q) => !isHeldOut(q.id));

function withLexicon(idx: RelevanceIndex, lex: Pick<LearnedLexicon, "entries" | "weight"> | null, learnedInCoverage = true): RelevanceIndex {
  const extra = values.analyzer ? (JSON.parse(values.analyzer) as Record<string, unknown>) : {};
  return { ...idx, options: { ...idx.options, analyzer: { ...idx.options.analyzer, ...extra, learned: lex, learnedInCoverage } } };
}

interface Score {
  secR5: number;
  mrr: number;
  deflected: number;
}
function evaluate(idx: RelevanceIndex, qs: readonly Q[]): Score {
  let hit = 0;
  let rr = 0;
  let defl = 0;
  for (const q of qs) {
    const r = search(idx, q.question.slice(0, 200), { limit: 10 });
    const gold = new Set(q.gold.map((g) => unitKey(g.doc, g.section ?? "")));
    const goldDocs = new Set(q.gold.map((g) => g.doc));
    if (r.results.slice(0, 5).some((x) => gold.has(unitKey(x.docId, x.section)))) hit++;
    const d = r.results.findIndex((x) => goldDocs.has(x.docId));
    if (d >= 0) rr += 1 / (d + 1);
    if (r.deflected) defl++;
  }
  return { secR5: hit / qs.length, mrr: rr / qs.length, deflected: defl / qs.length };
}

const grid: LearnParams[] = [];
// Grid history (each step chosen by this cross-validation only, on corpus-stard-train):
//  1. minCount 2–3, minProb 0.2–0.35, minLift 5–20, topK 3–6, weight 0.2–0.4 → best at minCount 2, weight 0.4;
//  2. minCount 2, minProb 0.15–0.3, minLift 10–40, topK 3–5, weight 0.4–0.5 → best at minProb 0.15, minLift 40,
//     topK 5, weight 0.5 (CV 0.6134);
//  3. this grid, around step 2's edge: step 2's optimum is interior, kept;
//  4. --q-share-grid: maxQShare 1 / 0.01 / 0.002 → CV 0.613 / 0.597 / 0.580, kept 1 (all words).
// Weight is capped at 0.5, below the synonym weight (0.6): a learned term never counts as much as a listed
// synonym or the query's own words.
for (const minCount of [2])
  for (const minProb of [0.1, 0.15])
    for (const minLift of [40, 80, 160])
      for (const topK of [5, 8])
        for (const weight of [0.5]) grid.push({ minCount, minProb, minLift, topK, weight });

const model1 = values.method === "model1";
if (!model1 && values.method !== "lift") throw new Error(`--method must be lift or model1, not ${values.method}`);
const m1 = { iterations: Number(values.iterations), nullWeight: Number(values["null-weight"]), smoothing: Number(values.smoothing) };
const counts = (qs: readonly Q[]) => {
  const ps = qs.map((q) => pairs.get(q.id)!);
  return model1 ? model1Counts(ps, background, m1) : countCooccurrence(ps, background);
};
if (model1) {
  // round 3: IBM Model 1 counts are alignment shares (Σ over a ≤ 1 per occurrence of q), so the
  // thresholds live on another scale than lift's; candidates are ranked by that share.
  grid.splice(0, grid.length);
  // grid 1 (no smoothing): CV 0.570 → 0.581 at best (lift: 0.615) — rare article words absorbed the
  // question words; grid 2 with smoothing:
  for (const minCount of [1, 2])
    for (const minProb of [0.05, 0.1, 0.2])
      for (const minLift of [20])
        for (const topK of [5]) grid.push({ minCount, minProb, minLift, topK, weight: 0.5, rankBy: "prob" });
}

if (values.grid) grid.splice(0, grid.length, ...(JSON.parse(values.grid) as LearnParams[]));
// k-fold cross-validation over the training part (folds by question, in hash order)
if (values.params) grid.splice(0, grid.length, JSON.parse(values.params) as LearnParams);
if (values["q-share-grid"]) {
  // step 4: restrict learning to everyday words (rare in the articles), on top of the chosen thresholds
  const base = grid[0]!;
  grid.splice(0, grid.length, ...[1, 0.01, 0.002].map((maxQShare) => ({ ...base, maxQShare })));
  values.params = undefined;
}
if (values["docs-grid"]) {
  // round 2: require support from ≥ 2 documents (laws), with a lower lift bar, on top of the chosen thresholds
  const base = grid[0]!;
  grid.splice(0, grid.length, ...[1, 2].flatMap((minDocs) => [20, 40, 80].map((minLift) => ({ ...base, minDocs, minLift }))));
  values.params = undefined;
}
// round 2: the same thresholds, with and without learned terms counted in the coverage re-rank
const covGrid = grid.map(() => true);
if (values["cov-grid"]) {
  grid.splice(0, grid.length, grid[0]!, grid[0]!);
  covGrid.splice(0, covGrid.length, false, true);
  values.params = undefined;
}
const ordered = [...train].sort((a, b) => fnv1a(`fold:${a.id}`) - fnv1a(`fold:${b.id}`));
const sums = grid.map(() => 0);
let baseSum = 0;
for (let f = 0; f < (values.params ? 0 : folds); f++) {
  const test = ordered.filter((_, i) => i % folds === f);
  const learnOn = ordered.filter((_, i) => i % folds !== f);
  const c = counts(learnOn);
  baseSum += evaluate(withLexicon(index, null), test).secR5;
  grid.forEach((p, gi) => {
    sums[gi]! += evaluate(withLexicon(index, { entries: selectEntries(c, p), weight: p.weight }, covGrid[gi]), test).secR5;
  });
  log(`fold ${f + 1}/${folds}: ${test.length} questions`);
}
const cv = grid.map((p, i) => ({ p, i, secR5: sums[i]! / folds })).sort((a, b) => b.secR5 - a.secR5);
if (!values.params) {
  log(`cross-validated section recall@5 without the table: ${(baseSum / folds).toFixed(4)}`);
  for (const x of cv.slice(0, 5)) log(`  ${JSON.stringify(x.p)}${values["cov-grid"] ? ` learnedInCoverage ${covGrid[x.i]}` : ""} → ${x.secR5.toFixed(4)}`);
} else log(`thresholds given: ${JSON.stringify(grid[0])} (no cross-validation)`);
const chosen = values.params ? grid[0]! : cv[0]!.p;

// round 3: document expansion by the table turned around, cross-validated like the thresholds
interface DocVariant { weight: number; perUnit: number; query: boolean }
function expandRows(entries: Record<string, [string, number][]>, v: DocVariant): SectionInput[] {
  const inv = invertEntries(entries);
  return rows.map((r) => {
    const words = unitWords.get(unitKey(r.docId, r.section)) ?? new Set<string>();
    const text = normalizeText(`${r.heading} ${r.text}`);
    const extra = documentExpansions(words, text, inv, v.perUnit).map((x) => ({ text: x.text, weight: v.weight * x.weight }));
    return extra.length ? { ...r, askedAs: extra } : r;
  });
}
if (values["doc-grid"]) {
  const dv = JSON.parse(values["doc-grid"]) as DocVariant[];
  const dsum = dv.map(() => 0);
  let qsum = 0;
  for (let f = 0; f < folds; f++) {
    const test = ordered.filter((_, i) => i % folds === f);
    const entries = selectEntries(counts(ordered.filter((_, i) => i % folds !== f)), chosen);
    qsum += evaluate(withLexicon(index, { entries, weight: chosen.weight }), test).secR5;
    dv.forEach((v, i) => {
      const idx = buildIndex(expandRows(entries, v));
      dsum[i]! += evaluate(withLexicon(idx, v.query ? { entries, weight: chosen.weight } : null), test).secR5;
    });
    log(`doc-grid fold ${f + 1}/${folds}`);
  }
  log(`cross-validated section recall@5, query expansion only: ${(qsum / folds).toFixed(4)}`);
  dv.forEach((v, i) => log(`  document expansion ${JSON.stringify(v)} → ${(dsum[i]! / folds).toFixed(4)}`));
}

// own held-out check
const trained = selectEntries(counts(train), chosen);
const before = evaluate(withLexicon(index, null), heldOut);
const after = evaluate(withLexicon(index, { entries: trained, weight: chosen.weight }), heldOut);
const fmt = (s: Score) => `section R@5 ${s.secR5.toFixed(4)}, doc MRR@10 ${s.mrr.toFixed(4)}, deflected ${s.deflected.toFixed(4)}`;
log(`held-out fifth (${heldOut.length} questions): without table ${fmt(before)}`);
log(`held-out fifth (${heldOut.length} questions): with table    ${fmt(after)}`);

if (!values["check-only"]) {
  const entries = selectEntries(counts(values["without-heldout"] ? train : questions), chosen);
  const lexicon: LearnedLexicon = {
    version: 1,
    meta: {
      procedure: model1
        ? `IBM Model 1 alignment of question content words to gold-article words, ${m1.iterations} EM iterations, null weight ${m1.nullWeight}, smoothing ${m1.smoothing} (lib/search/relevance/lexicon/learn.ts)`
        : "co-occurrence lift between question content words and gold-article words (lib/search/relevance/lexicon/learn.ts)",
      corpus: path.basename(dir),
      questions: values["without-heldout"] ? train.length : questions.length,
      units: rows.length,
      params: chosen,
      crossValidation: values.params
        ? { note: "thresholds given with --params (chosen by the cross-validation recorded in ADR 0017)" }
        : { folds, trainQuestions: train.length, sectionRecall5Without: Number((baseSum / folds).toFixed(4)), sectionRecall5With: Number(cv[0]!.secR5.toFixed(4)) },
      heldOutCheck: { questions: heldOut.length, without: before, with: after },
    },
    weight: chosen.weight,
    entries,
  };
  writeFileSync(values.out!, JSON.stringify(lexicon, null, 0).replace(/\],"/g, '],\n"') + "\n");
  log(`wrote ${Object.keys(entries).length} words → ${values.out}`);
}
