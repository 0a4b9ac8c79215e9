/**
 * In-memory BM25 ranker over citable sections with field weights, a document-level prior,
 * per-document result diversification and a deflection decision.
 *
 * The index is derived data: keep the section rows (e.g. in PostgreSQL) and call buildIndex()
 * again (≈1 s per ~1–2k sections, dominated by jieba), or persist `exportRows()` output.
 */
import { analyzeQuery, resolveGroups, type AnalyzedQuery, type AnalyzerOptions } from './analyze';
import { conceptCoverage, decideDeflection, type DeflectionFeatures, type DeflectionOptions } from './deflection';
import { normalizeText } from './normalize';
import { textFeatures } from './tokenize';
import { buildTypoVocabulary, type TypoVocabulary } from './typo';

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
}

export interface RankerOptions {
  k1: number;
  b: number;
  /** weight of doc-title features added to each section's term frequency */
  titleWeight: number;
  /** weight of chapter-heading features */
  chapterWeight: number;
  /** weight of the document-level BM25 score mixed into each section score (0 = off) */
  docPrior: number;
  /** at most this many sections of one document in the first `diversifyTop` results */
  maxPerDoc: number;
  diversifyTop: number;
  typoCorrection: boolean;
  /** re-rank the first `rerankDepth` candidates by s·(1 − β + β·coverage) (0 = off) */
  coverageBoost: number;
  rerankDepth: number;
  /** also use words of the indexed text (not only synonym terms) as typo-correction targets */
  typoFromIndex: boolean;
  analyzer: Omit<AnalyzerOptions, 'typoVocabulary'>;
  deflection: Partial<DeflectionOptions>;
}

export const DEFAULT_RANKER_OPTIONS: RankerOptions = {
  k1: 1.6,
  b: 0.5,
  titleWeight: 1,
  chapterWeight: 0.5,
  docPrior: 0.3,
  maxPerDoc: 5,
  diversifyTop: 5,
  typoCorrection: true,
  coverageBoost: 0.6,
  rerankDepth: 30,
  typoFromIndex: false,
  analyzer: {},
  deflection: {},
};

interface Postings {
  ids: number[];
  tfs: number[];
}

/** A feature's posting list as the index holds it (JS arrays when just built, typed-array views once packed). */
export interface PostingList {
  readonly ids: ArrayLike<number>;
  readonly tfs: ArrayLike<number>;
}

export interface RelevanceIndex {
  options: RankerOptions;
  rows: SectionInput[];
  /** normalised searchable text per section (title + chapter + heading + body) */
  fullText: string[];
  lengths: number[];
  avgLength: number;
  postings: Map<string, PostingList>;
  docIds: string[];
  sectionDoc: number[];
  docPostings: Map<string, PostingList>;
  docLengths: number[];
  docAvgLength: number;
  typo: TypoVocabulary;
}

function count(features: string[], into: Map<string, number>, w = 1): void {
  for (const f of features) into.set(f, (into.get(f) ?? 0) + w);
}

function push(p: Map<string, Postings>, f: string, id: number, tf: number): void {
  const e = p.get(f);
  if (e) {
    e.ids.push(id);
    e.tfs.push(tf);
  } else p.set(f, { ids: [id], tfs: [tf] });
}

export function buildIndex(sections: readonly SectionInput[], options: Partial<RankerOptions> = {}): RelevanceIndex {
  const opts: RankerOptions = { ...DEFAULT_RANKER_OPTIONS, ...options };
  const groups = resolveGroups(opts.analyzer.synonymGroups);
  const postings = new Map<string, Postings>();
  const docPostings = new Map<string, Postings>();
  const docIndex = new Map<string, number>();
  const docTf: Map<string, number>[] = [];
  const docLengths: number[] = [];
  const lengths: number[] = [];
  const fullText: string[] = [];
  const sectionDoc: number[] = [];
  const titleCache = new Map<string, string[]>();
  const wordFreq = new Map<string, number>();

  sections.forEach((s, i) => {
    const body = normalizeText(`${s.heading.replace(/^\S+/, '')} ${s.text}`);
    const title = normalizeText(s.docTitle);
    const chapter = s.chapter ? normalizeText(s.chapter) : '';
    fullText.push(`${title} ${chapter} ${body}`);
    let tFeats = titleCache.get(title);
    if (!tFeats) {
      tFeats = [...new Set(textFeatures(title))];
      titleCache.set(title, tFeats);
    }
    const bodyFeats = textFeatures(body);
    const tf = new Map<string, number>();
    count(bodyFeats, tf);
    count(tFeats, tf, opts.titleWeight);
    if (chapter) count([...new Set(textFeatures(chapter))], tf, opts.chapterWeight);
    for (const [f, n] of tf) push(postings, f, i, n);
    lengths.push(bodyFeats.length);
    if (opts.typoFromIndex) for (const f of bodyFeats) if (f.startsWith('w:')) wordFreq.set(f.slice(2), (wordFreq.get(f.slice(2)) ?? 0) + 1);

    let d = docIndex.get(s.docId);
    if (d === undefined) {
      d = docTf.length;
      docIndex.set(s.docId, d);
      docTf.push(new Map());
      docLengths.push(0);
      count(tFeats, docTf[d] as Map<string, number>, 1);
    }
    sectionDoc.push(d);
    count(bodyFeats, docTf[d] as Map<string, number>);
    docLengths[d] = (docLengths[d] as number) + bodyFeats.length;
  });
  docTf.forEach((m, d) => {
    for (const [f, n] of m) push(docPostings, f, d, n);
  });
  for (const g of groups) for (const t of g) wordFreq.set(t, (wordFreq.get(t) ?? 0) + 1000);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1) || 1;
  return {
    options: opts,
    rows: [...sections],
    fullText,
    lengths,
    avgLength: avg(lengths),
    postings,
    docIds: [...docIndex.keys()],
    sectionDoc,
    docPostings,
    docLengths,
    docAvgLength: avg(docLengths),
    typo: buildTypoVocabulary(wordFreq),
  };
}

export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function bm25(
  features: Map<string, number>,
  post: Map<string, PostingList>,
  n: number,
  lens: number[],
  avgLen: number,
  k1: number,
  b: number,
): Float64Array {
  const scores = new Float64Array(n);
  for (const [f, qw] of features) {
    const p = post.get(f);
    if (!p) continue;
    const w = qw * idf(n, p.ids.length);
    for (let j = 0; j < p.ids.length; j++) {
      const id = p.ids[j] as number;
      const tf = p.tfs[j] as number;
      scores[id] = (scores[id] as number) + (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (lens[id] as number)) / avgLen));
    }
  }
  return scores;
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
  deflected: boolean;
  confidence: number;
  features: DeflectionFeatures | null;
  query: AnalyzedQuery;
}

export interface SearchOptions {
  limit?: number;
  /** restrict to one business line */
  line?: string;
}

/**
 * The `k` best matches (score descending, then index ascending), sorted: a bounded min-heap over
 * all matches, O(n log k) instead of sorting all n.
 */
export function bestMatches(ids: readonly number[], scores: readonly number[], k: number): { i: number; s: number }[] {
  const n = ids.length;
  const worse = (a: number, b: number) => (scores[a] as number) < (scores[b] as number) || ((scores[a] as number) === (scores[b] as number) && (ids[a] as number) > (ids[b] as number));
  let out: number[];
  if (k >= n) out = Array.from({ length: n }, (_, j) => j);
  else {
    const heap: number[] = []; // positions into ids/scores; heap[0] is the worst kept
    const down = (at: number) => {
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let m = at;
        if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
        if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
        if (m === at) return;
        [heap[at], heap[m]] = [heap[m] as number, heap[at] as number];
        at = m;
      }
    };
    for (let j = 0; j < n; j++) {
      if (heap.length < k) {
        heap.push(j);
        for (let at = heap.length - 1; at > 0; ) {
          const up = (at - 1) >> 1;
          if (!worse(heap[at] as number, heap[up] as number)) break;
          [heap[at], heap[up]] = [heap[up] as number, heap[at] as number];
          at = up;
        }
      } else if (k > 0 && worse(heap[0] as number, j)) {
        heap[0] = j;
        down(0);
      }
    }
    out = heap;
  }
  return out.map((j) => ({ i: ids[j] as number, s: scores[j] as number })).sort((a, b) => b.s - a.s || a.i - b.i);
}

export function search(index: RelevanceIndex, query: string, opts: SearchOptions = {}): SearchResponse {
  const o = index.options;
  const limit = opts.limit ?? 10;
  const aq = analyzeQuery(query, { ...o.analyzer, typoVocabulary: o.typoCorrection ? index.typo : undefined });
  const n = index.rows.length;
  const sec = bm25(aq.features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b);
  const docs = o.docPrior > 0
    ? bm25(aq.features, index.docPostings, index.docIds.length, index.docLengths, index.docAvgLength, o.k1, o.b)
    : new Float64Array(index.docIds.length);
  let maxSec = 0;
  let maxDoc = 0;
  for (const x of sec) if (x > maxSec) maxSec = x;
  for (const x of docs) if (x > maxDoc) maxDoc = x;
  const matchIds: number[] = [];
  const matchScores: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = sec[i] as number;
    if (raw <= 0) continue;
    const row = index.rows[i] as SectionInput;
    if (opts.line && row.line !== opts.line) continue;
    const d = index.sectionDoc[i] as number;
    matchIds.push(i);
    matchScores.push(raw / maxSec + (maxDoc > 0 ? (o.docPrior * (docs[d] as number)) / maxDoc : 0));
  }
  // Only the best `depth` matches are sorted (sorting every match was most of a search at ~40k
  // units); the diversification asks for all of them in the rare case it runs out.
  let depth = Math.max(o.rerankDepth, limit) + o.maxPerDoc * o.diversifyTop;
  let picked: { i: number; s: number }[];
  for (;;) {
    const cand = bestMatches(matchIds, matchScores, depth);
    if (o.coverageBoost > 0) {
      const head = cand.slice(0, o.rerankDepth);
      for (const c of head) c.s *= 1 - o.coverageBoost + o.coverageBoost * conceptCoverage(index, aq, c.i);
      head.sort((a, b) => b.s - a.s || a.i - b.i);
      cand.splice(0, head.length, ...head);
    }

    // diversification: cap sections per document among the first `diversifyTop` results
    picked = [];
    const deferred: { i: number; s: number }[] = [];
    const perDoc = new Map<number, number>();
    let filled = false;
    for (const c of cand) {
      if (picked.length >= limit) {
        filled = true;
        break;
      }
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
    if (!filled && cand.length < matchIds.length) {
      depth = matchIds.length;
      continue;
    }
    if (picked.length < limit) picked.push(...deferred);
    break;
  }
  const top = picked.slice(0, limit);

  const results: SearchResult[] = top.map(({ i, s }) => {
    const r = index.rows[i] as SectionInput;
    return { docId: r.docId, docTitle: r.docTitle, section: r.section, heading: r.heading, line: r.line, score: s };
  });
  const decision = decideDeflection(index, aq, top.map((t) => ({ id: t.i, score: t.s, raw: sec[t.i] as number })), o.deflection);
  return { results, deflected: decision.deflected, confidence: decision.confidence, features: decision.features, query: aq };
}

/** Rows needed to rebuild the index (what to store in the database). */
export function exportRows(index: RelevanceIndex): SectionInput[] {
  return index.rows.map((r) => ({ ...r }));
}
