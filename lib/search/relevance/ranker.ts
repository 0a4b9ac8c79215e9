/**
 * In-memory BM25 ranker over citable sections with field weights, a document-level prior,
 * per-document result diversification and a deflection decision.
 *
 * The index is derived data: keep the section rows (e.g. in PostgreSQL) and call buildIndex()
 * again (≈1 s per ~1–2k sections, dominated by jieba; lib/search/build runs it off the request path).
 */
import { analyzeQuery, resolveGroups, type AnalyzedQuery, type AnalyzerOptions } from './analyze';
import { conceptCoverage, decideDeflection, termIdf, type DeflectionFeatures, type DeflectionOptions, type ResultState } from './deflection';
import { normalizeText } from './normalize';
import { charUnigrams, textFeatures as baseFeatures } from './tokenize';
import { buildTypoVocabulary, type TypoVocabulary } from './typo';
import { PostingsBuilder } from './postings-builder';
import { bm25, bm25Candidates, bm25Of, candidateScratch, topK, type CandidateScratch, type PostingList } from './score-units';

export interface SectionInput {
  docId: string;
  docTitle: string;
  line: string;
  owner: string;
  /** citable label, e.g. "第四十条"; "" for a document without numbered units */
  section: string;
  heading: string;
  chapter?: string | null;
  text: string;
  /** 常见问法: everyday wordings that find this unit (learned or added by its owner), weight 0–1 each */
  askedAs?: readonly { text: string; weight: number }[];
}

export interface RankerOptions {
  k1: number;
  b: number;
  /** weight of doc-title features added to each section's term frequency */
  titleWeight: number;
  /** weight of chapter-heading features */
  chapterWeight: number;
  /** weight of 常见问法 features (× each wording's own weight; once per feature per wording) */
  askedAsWeight: number;
  /** weight of the document-level BM25 score mixed into each section score (0 = off) */
  docPrior: number;
  /** at most this many sections of one document in the first `diversifyTop` results */
  maxPerDoc: number;
  diversifyTop: number;
  typoCorrection: boolean;
  /** re-rank the first `rerankDepth` candidates by s·(1 − β + β·coverage) (0 = off) */
  coverageBoost: number;
  rerankDepth: number;
  analyzer: Omit<AnalyzerOptions, 'typoVocabulary'>;
  deflection: Partial<DeflectionOptions>;
  /**
   * when the first five results all come from one document, the best unit of another document takes
   * fifth place if its score is at least this share of the top score (0 = off)
   */
  secondDocRatio: number;
  /** weight of single-character query features (0 = off; the index then carries no "c:" features) */
  unigramWeight: number;
  /**
   * term proximity in the re-rank: pairs of the question's content words (at most `proximitySpan` apart in
   * the question) found within `proximityWindow` characters of each other in the unit, IDF-weighted, give
   * score × (1 + proximityBoost · proximity) (0 = off)
   */
  proximityBoost: number;
  proximityWindow: number;
  proximitySpan: number;
  /** in the coverage re-rank, a missing word of ≥ 3 characters earns this × the share of its bigrams in the unit (0 = off) */
  coveragePartial: number;
}


export const DEFAULT_RANKER_OPTIONS: RankerOptions = {
  k1: 1.6,
  b: 0.5,
  titleWeight: 1,
  chapterWeight: 0.5,
  askedAsWeight: 1,
  docPrior: 0.3,
  maxPerDoc: 5,
  diversifyTop: 5,
  typoCorrection: true,
  coverageBoost: 0.6,
  rerankDepth: 30,
  analyzer: {},
  deflection: {},
  // Decided by measurement (ADR 0003, issue 20): kept only what helped on ../shared/corpus and
  // corpus-stard-train without hurting corpus-val. What was measured and not kept (BM25F fields, table
  // rows, a figure boost, feedback, structure smoothing, a learned re-rank, trigrams, soft coverage) was
  // removed from this file; ADR 0003 names the commit where it can still be run.
  secondDocRatio: 0.6,
  unigramWeight: 0.5,
  // Round 3 (ADR 0003): term proximity of adjacent question words (STARD-train +0.008 section recall, MRR
  // up on dev) and partial coverage of long compounds (dev +0.010, STARD-train +0.003).
  proximityBoost: 0.4,
  proximityWindow: 12,
  proximitySpan: 1,
  coveragePartial: 0.5,
};


export interface RelevanceIndex {
  options: RankerOptions;
  rows: SectionInput[];
  /** normalised searchable text per section (title + chapter + heading + body + 常见问法) */
  fullText: string[];
  lengths: number[];
  avgLength: number;
  postings: Map<string, PostingList>;
  docIds: string[];
  /** document of each section */
  sectionDoc: number[];
  docPostings: Map<string, PostingList>;
  docLengths: number[];
  docAvgLength: number;
  typo: TypoVocabulary;
}

function count(features: string[], into: Map<string, number>, w = 1): void {
  for (const f of features) into.set(f, (into.get(f) ?? 0) + w);
}

export function buildIndex(sections: readonly SectionInput[], options: Partial<RankerOptions> = {}): RelevanceIndex {
  const opts: RankerOptions = { ...DEFAULT_RANKER_OPTIONS, ...options };
  const featureOptions = { unigrams: opts.unigramWeight > 0 };
  const textFeatures = (t: string) => baseFeatures(t, featureOptions);
  const groups = resolveGroups(opts.analyzer.synonymGroups);
  const docIndex = new Map<string, number>();
  const docTf: Map<string, number>[] = [];
  const docLengths: number[] = [];
  const lengths: number[] = [];
  const fullText: string[] = [];
  const sectionDoc: number[] = [];
  const featCache = new Map<string, string[]>();
  const uniqueFeats = (t: string) => {
    let f = featCache.get(t);
    if (!f) {
      f = t ? [...new Set(textFeatures(t))] : [];
      featCache.set(t, f);
    }
    return f;
  };

  // Titles and chapter headings repeat on every unit of a document: normalised once per build.
  const normCache = new Map<string, string>();
  const normalizeOnce = (t: string) => {
    let n = normCache.get(t);
    if (n === undefined) normCache.set(t, (n = normalizeText(t)));
    return n;
  };
  const postings = new PostingsBuilder();
  sections.forEach((s, i) => {
    const headingText = normalizeText(s.heading.replace(/^\S+/, ''));
    const text = normalizeText(s.text);
    const title = normalizeOnce(s.docTitle);
    const chapter = s.chapter ? normalizeOnce(s.chapter) : '';
    const bodyText = `${headingText} ${text}`;
    // 常见问法 (docs/decisions/0018): each wording's words count once, weighted, as their own field.
    const asked = (s.askedAs ?? []).map((a) => ({ text: normalizeText(a.text), weight: a.weight }));

    let d = docIndex.get(s.docId);
    if (d === undefined) {
      d = docTf.length;
      docIndex.set(s.docId, d);
      docTf.push(new Map());
      docLengths.push(0);
      count(uniqueFeats(title), docTf[d] as Map<string, number>, 1);
    }
    sectionDoc.push(d);
    // the body's counts, once per feature: whole numbers, so the document gets the same sums as per occurrence
    postings.begin();
    const bodyLength = postings.countText(bodyText, featureOptions);
    postings.addCurrentTo(docTf[d] as Map<string, number>);
    docLengths[d] = (docLengths[d] as number) + bodyLength;
    postings.count(uniqueFeats(title), opts.titleWeight);
    postings.count(uniqueFeats(chapter), opts.chapterWeight);
    for (const a of asked) postings.count([...new Set(textFeatures(a.text))], opts.askedAsWeight * a.weight);
    postings.end(i);
    lengths.push(bodyLength);
    fullText.push(`${title} ${chapter} ${headingText} ${text}${asked.map((a) => ` ${a.text}`).join('')}`);
  });

  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1) || 1;
  const docPostings = new PostingsBuilder();
  docTf.forEach((m, d) => {
    docPostings.begin();
    for (const [f, n] of m) docPostings.countOne(f, n);
    docPostings.end(d);
  });
  const wordFreq = new Map<string, number>();
  for (const g of groups) for (const t of g) wordFreq.set(t, (wordFreq.get(t) ?? 0) + 1000);
  return {
    options: opts,
    rows: [...sections],
    fullText,
    lengths,
    avgLength: avg(lengths),
    postings: postings.finish(),
    docIds: [...docIndex.keys()],
    sectionDoc,
    docPostings: docPostings.finish(),
    docLengths,
    docAvgLength: avg(docLengths),
    typo: buildTypoVocabulary(wordFreq),
  };
}

export interface SearchResult {
  docId: string;
  docTitle: string;
  section: string;
  heading: string;
  line: string;
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  /** the top result answers the question (confident) */
  deflected: boolean;
  /** answered (confident) · related (可能相关: plausible, not confident) · none (nothing plausible: no results) */
  state: ResultState;
  confidence: number;
  features: DeflectionFeatures | null;
  query: AnalyzedQuery;
}

export interface SearchOptions {
  limit?: number;
  /** restrict to one business line */
  line?: string;
}

interface Cand {
  /** section */
  i: number;
  s: number;
}

export function search(index: RelevanceIndex, query: string, opts: SearchOptions = {}): SearchResponse {
  const o = index.options;
  const limit = opts.limit ?? 10;
  const aq = analyzeQuery(query, { ...o.analyzer, typoVocabulary: o.typoCorrection ? index.typo : undefined });
  // single characters help ranking only; the deflection / plausibility features keep the query's own
  // words and bigrams, so their calibration does not depend on this step
  const rankFeatures = new Map(aq.features);
  if (o.unigramWeight > 0) {
    for (const f of charUnigrams(aq.stripped)) if (!rankFeatures.has(f)) rankFeatures.set(f, o.unigramWeight);
  }
  // Only the best `depth` candidates are sorted (sorting every match was most of a search at ~40k
  // units); when the diversification or the second-document step needs more, all are sorted.
  const depth = Math.max(o.rerankDepth, limit) + o.maxPerDoc * o.diversifyTop;
  const rank = (all: boolean) => {
    const { cand, complete } = scoreSections(index, aq, rankFeatures, opts.line, all ? undefined : depth);
    const picked = diversify(index, cand, limit);
    // a question spanning two documents: keep a place in the first five for the best other document
    let otherMissing = false;
    if (o.secondDocRatio > 0 && picked.length >= 5) {
      const d0 = index.sectionDoc[picked[0]!.i];
      if (picked.slice(0, 5).every((c) => index.sectionDoc[c.i] === d0)) {
        const other = cand.find((c) => index.sectionDoc[c.i] !== d0);
        if (!other) otherMissing = true;
        else if (other.s >= o.secondDocRatio * picked[0]!.s) {
          const at = picked.indexOf(other);
          if (at >= 0) picked.splice(at, 1);
          picked.splice(4, 0, other);
        }
      }
    }
    return { picked, needsAll: !complete && (picked.length < limit || otherMissing) };
  };
  let ranked = rank(false);
  if (ranked.needsAll) ranked = rank(true);
  const { picked } = ranked;
  // deflection strength compares the query's own features (without the single characters) with their
  // best possible score; only the shown units need that BM25
  const rawOf = sectionScoreOf(index, aq.features);
  const top = picked.slice(0, limit);

  const decision = decideDeflection(
    index,
    aq,
    // (a unit's raw BM25 is computed when read: the strength reads the first unit's)
    top.map((t) => {
      let raw: number | undefined;
      return { id: t.i, score: t.s, get raw() { return (raw ??= rawOf(t.i)); } };
    }),
    o.deflection,
  );
  const results: SearchResult[] = decision.state === 'none' ? [] : top.map(({ i, s }) => {
    const r = index.rows[i] as SectionInput;
    return { docId: r.docId, docTitle: r.docTitle, section: r.section, heading: r.heading, line: r.line, score: s };
  });
  return { results, deflected: decision.deflected, state: decision.state, confidence: decision.confidence, features: decision.features, query: aq };
}

/** Caps sections per document among the first `diversifyTop` results. */
function diversify(index: RelevanceIndex, cand: readonly Cand[], limit: number): Cand[] {
  const o = index.options;
  const picked: Cand[] = [];
  const deferred: Cand[] = [];
  const perDoc = new Map<number, number>();
  for (const c of cand) {
    if (picked.length >= limit) break;
    const d = index.sectionDoc[c.i] as number;
    const k = perDoc.get(d) ?? 0;
    if (picked.length < o.diversifyTop && k >= o.maxPerDoc) deferred.push(c);
    else {
      picked.push(c);
      perDoc.set(d, k + 1);
    }
    if (picked.length === o.diversifyTop) {
      picked.push(...deferred.splice(0));
    }
  }
  if (picked.length < limit) picked.push(...deferred);
  return picked;
}


/**
 * Per-index buffers of a search (scores and candidates of every section). search() is synchronous, so
 * one set per index serves every search; what a pass returns is copied out before the next pass runs.
 */
interface Scratch {
  candidates: CandidateScratch;
  sectionScores: Float64Array;
  ids: Int32Array;
  scores: Float64Array;
}
const scratches = new WeakMap<RelevanceIndex, Scratch>();

function scratchOf(index: RelevanceIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const n = index.rows.length;
    scratches.set(index, (s = { candidates: candidateScratch(n), sectionScores: new Float64Array(n), ids: new Int32Array(n), scores: new Float64Array(n) }));
  }
  return s;
}

/** BM25 of the few sections asked for (a binary search per feature). */
function sectionScoreOf(index: RelevanceIndex, features: Map<string, number>): (i: number) => number {
  const o = index.options;
  const n = index.rows.length;
  return (i) => Math.max(0, bm25Of(i, features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b));
}

/** Document scores for the document prior: BM25 over each document's whole text (zeros with no prior). */
function docScores(index: RelevanceIndex, features: Map<string, number>): Float64Array {
  const o = index.options;
  return o.docPrior <= 0
    ? new Float64Array(index.docIds.length)
    : bm25(features, index.docPostings, index.docIds.length, index.docLengths, index.docAvgLength, o.k1, o.b);
}

/** Largest of the first `count` values (0 when none is positive). */
function maxOf(xs: ArrayLike<number>, count = xs.length): number {
  let m = 0;
  for (let j = 0; j < count; j++) if ((xs[j] as number) > m) m = xs[j] as number;
  return m;
}

/**
 * Fills the scratch's ids/scores with the matching sections among `from` (its first `count` ids; null = every
 * section 0…count−1): BM25 normalised by the best section, plus the document prior; returns how many.
 */
function gatherMatches(index: RelevanceIndex, sec: ArrayLike<number>, maxSec: number, docs: Float64Array, maxDoc: number, line: string | undefined, from: Int32Array | null, count: number, scratch: Scratch): number {
  const o = index.options;
  const { ids, scores } = scratch;
  let matches = 0;
  for (let j = 0; j < count; j++) {
    const i = from ? (from[j] as number) : j;
    const raw = (sec[i] as number) / maxSec;
    if (raw <= 0) continue;
    if (line && index.rows[i]!.line !== line) continue;
    const d = index.sectionDoc[i] as number;
    ids[matches] = i;
    scores[matches++] = raw + (maxDoc > 0 ? (o.docPrior * (docs[d] as number)) / maxDoc : 0);
  }
  return matches;
}

/** Every matching section, then the best `depth` of them (all with no depth): the exhaustive candidate pass. */
function allCandidates(index: RelevanceIndex, features: Map<string, number>, line: string | undefined, depth: number | undefined, scratch: Scratch, docScoresDone?: Float64Array): { cand: Cand[]; complete: boolean } {
  pruningStats.exhaustive++;
  const o = index.options;
  const n = index.rows.length;
  const sec = bm25(features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b, scratch.sectionScores);
  const docs = docScoresDone ?? docScores(index, features);
  const matches = gatherMatches(index, sec, maxOf(sec), docs, maxOf(docs), line, null, n, scratch);
  const complete = depth === undefined || depth >= matches;
  return { cand: topK(scratch.ids, scratch.scores, matches, complete ? matches : depth), complete };
}

/**
 * Exact dynamic pruning of the candidate pass (ADR 0003, "Round 4 — scale"): `share` of the query features'
 * summed upper bounds may be left to score only units that hold another feature (score-units.ts,
 * bm25Candidates); 0 ranks every matching unit. Answers never depend on it: when the bound it leaves cannot
 * be shown to stay below the best `depth` candidates, it is tried once more leaving out only what the
 * first try showed to be safe (more candidates can only raise the depth-th score), then the exhaustive
 * pass runs. Below `minUnits`
 * units the exhaustive pass costs well under a millisecond and the bound seldom holds: not tried.
 * (0.2 measured against 0.1 / 0.3 / 0.5 at 42,671 units: the least CPU per search.)
 */
export const searchPruning = { share: 0.2, minUnits: 5000 };

/**
 * The best `depth` sections from the pruned candidates, exactly as the exhaustive pass orders them, or,
 * when pruning cannot prove it (fewer than `depth + 1` matches, or a unit outside the candidates could
 * reach the depth-th score with the best document prior), the largest bound a second try could leave out
 * (0: none).
 */
function prunedTop(index: RelevanceIndex, features: Map<string, number>, line: string | undefined, depth: number, docs: Float64Array, scratch: Scratch, share: number, maxBound?: number): Cand[] | number {
  const o = index.options;
  const maxDoc = maxOf(docs);
  const n = index.rows.length;
  const c = bm25Candidates(features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b, share, scratch.candidates, maxBound);
  let maxSec = 0;
  for (let j = 0; j < c.count; j++) {
    const x = c.scores[c.ids[j] as number] as number;
    if (x > maxSec) maxSec = x;
  }
  // a unit outside the candidates (≤ bound) could otherwise be the best, which normalises every score
  if (maxSec <= 0 || maxSec < c.bound) return 0;
  // the largest document-prior part any section can get (the best document's)
  const maxDocPart = maxDoc > 0 ? (o.docPrior * maxDoc) / maxDoc : 0;
  const matches = gatherMatches(index, c.scores, maxSec, docs, maxDoc, line, c.ids, c.count, scratch);
  if (matches <= depth) return 0;
  const top = topK(scratch.ids, scratch.scores, matches, depth);
  const theta = top[top.length - 1]!.s;
  // a second try's candidates include these, so its depth-th score is at least theta and its best is maxSec
  if (!((c.bound / maxSec + maxDocPart) * (1 + 1e-9) < theta)) return Math.max(0, ((theta - maxDocPart) * maxSec) / (1 + 1e-6));
  pruningStats.pruned++;
  return top;
}

/** Lab counters: searches whose candidates came from the pruned pass or from the exhaustive one. */
export const pruningStats = { pruned: 0, exhaustive: 0 };


/** Candidates, best first: all of them, or with `depth` only the best `depth` (then `complete` is false). */
function scoreSections(index: RelevanceIndex, aq: AnalyzedQuery, features: Map<string, number>, line: string | undefined, depth?: number): { cand: Cand[]; complete: boolean } {
  const o = index.options;
  const n = index.rows.length;
  const scratch = scratchOf(index);
  const prunable = depth !== undefined && searchPruning.share > 0 && n >= searchPruning.minUnits;
  const docs = prunable ? docScores(index, features) : undefined;
  let pruned: Cand[] | null = null;
  if (prunable) {
    let r = prunedTop(index, features, line, depth, docs!, scratch, searchPruning.share);
    if (typeof r === 'number' && r > 0) r = prunedTop(index, features, line, depth, docs!, scratch, 1, r);
    if (typeof r !== 'number') pruned = r;
  }
  const all = pruned ? null : allCandidates(index, features, line, depth, scratch, docs);
  const cand = pruned ?? all!.cand;
  const complete = pruned ? false : all!.complete;
  if (o.coverageBoost > 0 || o.proximityBoost > 0) {
    const head = cand.slice(0, o.rerankDepth);
    const pairs = o.proximityBoost > 0 ? proximityPairs(index, aq, o.proximitySpan) : null;
    for (const c of head) {
      if (o.coverageBoost > 0) c.s *= 1 - o.coverageBoost + o.coverageBoost * conceptCoverage(index, aq, c.i, undefined, o.coveragePartial);
      if (pairs) c.s *= 1 + o.proximityBoost * proximity(index.fullText[c.i] ?? '', pairs, o.proximityWindow);
    }
    head.sort((a, b) => b.s - a.s || a.i - b.i);
    cand.splice(0, head.length, ...head);
  }

  return { cand, complete };
}

interface ProximityPair {
  a: readonly string[];
  b: readonly string[];
  weight: number;
}

/** Pairs of the question's content words at most `span` apart in the question, weighted by the rarer word's IDF. */
function proximityPairs(index: RelevanceIndex, aq: AnalyzedQuery, span: number): ProximityPair[] {
  const cs = aq.concepts;
  const out: ProximityPair[] = [];
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length && j <= i + span; j++) {
      out.push({ a: cs[i]!.alternatives, b: cs[j]!.alternatives, weight: Math.min(termIdf(index, cs[i]!.term), termIdf(index, cs[j]!.term)) });
    }
  }
  return out;
}

function occurrences(text: string, alts: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const a of alts) {
    if (!a) continue;
    for (let k = text.indexOf(a); k >= 0; k = text.indexOf(a, k + 1)) out.push([k, k + a.length]);
  }
  return out;
}

/**
 * Term proximity of a text for the question's word pairs, in [0, 1]: each pair found within `window`
 * characters (gap between the two words; overlapping = 0) adds its weight × (1 − gap / (window + 1)).
 */
export function proximity(text: string, pairs: readonly ProximityPair[], window: number): number {
  let got = 0;
  let total = 0;
  for (const p of pairs) {
    total += p.weight;
    const pa = occurrences(text, p.a);
    if (!pa.length) continue;
    const pb = occurrences(text, p.b);
    let best = Infinity;
    for (const [s1, e1] of pa) {
      for (const [s2, e2] of pb) {
        const gap = s2 >= e1 ? s2 - e1 : s1 >= e2 ? s1 - e2 : 0;
        if (gap < best) best = gap;
      }
    }
    if (best <= window) got += p.weight * (1 - best / (window + 1));
  }
  return total > 0 ? got / total : 0;
}

