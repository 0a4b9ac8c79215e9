// npx tsx scripts/lexicon/compare.ts --corpus <dir> [--variants legacy,none,general,learned,peers] [--heldout]
//
// In-memory comparison (the ranker of lib/search/relevance with default settings; no PostgreSQL or
// Meilisearch) of the lexicon variants and the two peers, each scored by the corpus' own score.mjs:
//   legacy   the quarantined pre-issue-20 groups (lexicon/legacy-dev.ts), no learned table
//   none     no synonym groups, no learned table
//   general  the general lexicon, no learned table
//   learned  the general lexicon + the learned table (the portal's default)
//   nolex    no synonym groups + the learned table
//   peers    character-bigram BM25 (scripts/eval/bigram-baseline) and BM25 over jieba words
// Prints one markdown row per variant. Reads only id + question for ranking; gold only via score.mjs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { requireCorpusArg } from "../eval/corpus-arg";
import { buildBigramIndex, searchBigram } from "../eval/bigram-baseline";
import type { AnalyzerOptions } from "../../lib/search/relevance/analyze";
import type { LearnedLexicon } from "../../lib/search/relevance/lexicon/learned";
import { LEGACY_DEV_SYNONYM_GROUPS } from "../../lib/search/relevance/lexicon/legacy-dev";
import { normalizeText } from "../../lib/search/relevance/normalize";
import { buildIndex, search, type RelevanceIndex, type SectionInput } from "../../lib/search/relevance/ranker";
import { getJieba } from "../../lib/search/relevance/tokenize";
import { loadCorpus, loadQueries } from "../lab/corpus";
import { isHeldOut } from "./split";

const { values } = parseArgs({ options: { corpus: { type: "string" }, variants: { type: "string", default: "legacy,none,general,learned,peers" }, one: { type: "boolean", default: false }, heldout: { type: "boolean", default: false }, table: { type: "string" } } });
const dir = requireCorpusArg(values.corpus, "--corpus", "npx tsx scripts/lexicon/compare.ts --corpus <dir with docs/, questions.jsonl and score.mjs> [--variants legacy,none,general,learned,nolex,peers]", ["docs", "questions.jsonl", "score.mjs"]);
const rows = loadCorpus(dir);
// --heldout: only the fifth of the questions that scripts/lexicon/learn.ts holds out (FNV-1a of the id % 5 = 0)
const keep = (id: string) => !values.heldout || isHeldOut(id);
const queries = loadQueries(dir).filter((q) => keep(q.id));
const tmp = mkdtempSync(path.join(os.tmpdir(), "lexicon-compare-"));
const questionsFile = path.join(tmp, "questions.jsonl");
writeFileSync(questionsFile, readFileSync(path.join(dir, "questions.jsonl"), "utf8").split("\n").filter((l) => l.trim() && keep((JSON.parse(l) as { id: string }).id)).join("\n") + "\n");
type Line = { id: string; results: { doc: string; section?: string }[]; deflected?: boolean };

function score(name: string, lines: Line[]): string {
  const file = path.join(tmp, `${name}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const m = JSON.parse(execFileSync(process.execPath, [path.join(dir, "score.mjs"), questionsFile, file, "--json"], { encoding: "utf8" })) as Record<string, number | null>;
  const f = (k: string) => (typeof m[k] === "number" ? (m[k] as number).toFixed(3) : "n/a");
  return `| ${name} | ${f("doc_recall_at_1")} | ${f("doc_recall_at_5")} | ${f("doc_mrr_at_10")} | ${f("section_recall_at_5")} | ${f("false_deflection_rate")} | ${f("answerable_deflection_rate")} |`;
}

function portal(analyzer: Omit<AnalyzerOptions, "typoVocabulary">, base: RelevanceIndex): Line[] {
  const idx: RelevanceIndex = { ...base, options: { ...base.options, analyzer } };
  return queries.map((q) => {
    const r = search(idx, q.question.slice(0, 200), { limit: 10 });
    return { id: q.id, results: r.results.map((x) => (x.section ? { doc: x.docId, section: x.section } : { doc: x.docId })), deflected: r.deflected };
  });
}

/** BM25 (k1 1.2, b 0.75) over jieba search-mode words of the normalised text: the second peer. */
function jiebaPeer(sections: SectionInput[]): Line[] {
  const words = (t: string) => getJieba().cutForSearch(normalizeText(t), true).filter((w) => /[\p{Script=Han}a-z0-9]/u.test(w));
  const tfs = sections.map((s) => {
    const m = new Map<string, number>();
    for (const w of words(`${s.heading}\n${s.text}`)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  });
  const lens = tfs.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const avg = lens.reduce((a, b) => a + b, 0) / lens.length;
  const df = new Map<string, number>();
  for (const m of tfs) for (const w of m.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = sections.length;
  return queries.map((q) => {
    const qs = [...new Set(words(q.question))];
    const scored: { i: number; s: number }[] = [];
    tfs.forEach((m, i) => {
      let s = 0;
      for (const w of qs) {
        const tf = m.get(w);
        if (!tf) continue;
        const d = df.get(w)!;
        s += Math.log(1 + (n - d + 0.5) / (d + 0.5)) * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * lens[i]!) / avg)));
      }
      if (s > 0) scored.push({ i, s });
    });
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    return { id: q.id, results: scored.slice(0, 10).map(({ i }) => (sections[i]!.section ? { doc: sections[i]!.docId, section: sections[i]!.section } : { doc: sections[i]!.docId })) };
  });
}

const variants = values.variants!.split(",");
// --table <file>: a learned table other than the shipped one (e.g. learned without the held-out fifth)
const table = values.table ? (JSON.parse(readFileSync(values.table, "utf8")) as LearnedLexicon) : null;
if (!values.one) {
  // jieba's extra-word dictionary is process-wide (every index build registers its synonym terms), so
  // each variant runs in a fresh process or earlier variants would change later ones' segmentation.
  console.log(`${path.basename(dir)}: ${rows.length} units, ${queries.length} questions`);
  console.log("| variant | doc R@1 | doc R@5 | MRR@10 | section R@5 | false defl. | answerable defl. |\n|---|---|---|---|---|---|---|");
  for (const v of variants) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, "--corpus", dir, "--variants", v, "--one", ...(values.heldout ? ["--heldout"] : []), ...(values.table ? ["--table", values.table] : [])], { encoding: "utf8" });
    process.stdout.write(out);
  }
  process.exit(0);
}
// built only for the variants that use it: an index build registers the lexicon's words with jieba,
// which would change the jieba peer's segmentation
let baseIndex: RelevanceIndex | null = null;
const base = () => (baseIndex ??= buildIndex(rows));
for (const v of variants) {
  if (v === "legacy") console.log(score("legacy", portal({ synonymGroups: LEGACY_DEV_SYNONYM_GROUPS, learned: null }, buildIndex(rows, { analyzer: { synonymGroups: LEGACY_DEV_SYNONYM_GROUPS } }))));
  else if (v === "none") console.log(score("none", portal({ synonymGroups: [], learned: null }, buildIndex(rows, { analyzer: { synonymGroups: [] } }))));
  else if (v === "nolex") console.log(score("nolex", portal({ synonymGroups: [], ...(table ? { learned: table } : {}) }, buildIndex(rows, { analyzer: { synonymGroups: [] } }))));
  else if (v === "general") console.log(score("general", portal({ learned: null }, base())));
  else if (v === "learned") console.log(score("learned", portal(table ? { learned: table } : {}, base())));
  else if (v.startsWith("learned-w")) console.log(score(v, portal({ learnedWeight: Number(v.slice(9)) }, base())));
  else if (v === "learned-cov") console.log(score("learned-cov", portal({ learnedInCoverage: true }, base())));
  else if (v === "peers") {
    const bigram = buildBigramIndex(rows.map((s) => ({ doc: s.docId, section: s.section || undefined, text: `${s.heading}\n${s.text}` })));
    console.log(score("peer: bigram BM25", queries.map((q) => ({ id: q.id, results: searchBigram(bigram, q.question, 10).map(({ doc, section }) => (section === undefined ? { doc } : { doc, section })) }))));
    console.log(score("peer: BM25 over jieba", jiebaPeer(rows)));
  }
}
