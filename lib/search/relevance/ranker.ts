/**
 * In-memory BM25 ranker over citable sections with field weights, a document-level prior,
 * per-document result diversification and a deflection decision.
 *
 * The index is derived data: keep the section rows (e.g. in PostgreSQL) and call buildIndex()
 * again (≈1 s per ~1–2k sections, dominated by jieba; lib/search/build runs it off the request path).
 */
import { analyzeQuery, resolveGroups, type AnalyzedQuery, type AnalyzerOptions, type QueryConcept } from './analyze';
import { conceptCoverage, decideDeflection, termIdf, type DeflectionFeatures, type DeflectionOptions, type ResultState } from './deflection';
import { normalizeText } from './normalize';
import { charTrigrams, charUnigrams, jiebaWords, textFeatures as baseFeatures } from './tokenize';
import { buildTypoVocabulary, type TypoVocabulary } from './typo';
import { centroidSimilarity, softAlternatives, softCredit, type SoftCoverageOptions, type WordVectorTable } from './soft-coverage';
import { PostingsBuilder } from './postings-builder';
import { bm25, bm25Candidates, bm25Of, candidateScratch, idf, topK, type CandidateScratch, type PostingList } from './score-units';

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
  /** also use words of the indexed text (not only synonym terms) as typo-correction targets */
  typoFromIndex: boolean;
  analyzer: Omit<AnalyzerOptions, 'typoVocabulary' | 'knownWord'>;
  deflection: Partial<DeflectionOptions>;
  /**
   * BM25F: per-field weights and length normalisation (title, chapter/section headings, the unit's own
   * heading text, body), combined before saturation. null = the older single-field scheme (title and
   * chapter features added to the body's term frequency, heading inside the body).
   */
  fields: FieldOptions | null;
  /** each Markdown table row becomes an extra findable unit (its cells carry the column headers) */
  tableRows: boolean;
  /** amount/standard questions (多少, 标准, 上限, 几天, 比例 …): units stating figures get × (1 + figureBoost) */
  figureBoost: number;
  /**
   * when the first five results all come from one document, the best unit of another document takes
   * fifth place if its score is at least this share of the top score (0 = off)
   */
  secondDocRatio: number;
  /** weight of single-character query features (0 = off; the index then carries no "c:" features) */
  unigramWeight: number;
  /**
   * pseudo-relevance feedback: the words most characteristic of the first `feedbackDocs` units are
   * added to the query with weight ≤ feedbackWeight, then ranking runs again (0 = off)
   */
  feedbackDocs: number;
  feedbackTerms: number;
  feedbackWeight: number;
  /**
   * structure smoothing: a unit's score gets neighbourWeight × the best score of the units just before and
   * after it in its document (answers often sit next to the matched article; 0 = off)
   */
  neighbourWeight: number;
  /** structure smoothing: a matched unit gets chapterSmoothing × the best score of another unit of its chapter (0 = off) */
  chapterSmoothing: number;
  /**
   * term proximity in the re-rank: pairs of the question's content words (at most `proximitySpan` apart in
   * the question) found within `proximityWindow` characters of each other in the unit, IDF-weighted, give
   * score × (1 + proximityBoost · proximity) (0 = off)
   */
  proximityBoost: number;
  proximityWindow: number;
  proximitySpan: number;
  /** document score = mean of its best `docTopUnits` unit scores instead of BM25 over its whole text (0 = BM25) */
  docTopUnits: number;
  /** in the coverage re-rank, a missing word of ≥ 3 characters earns this × the share of its bigrams in the unit (0 = off) */
  coveragePartial: number;
  /** learned re-rank: the first `rerankDepth` candidates score sigmoid(w · rerankFeatures) (null = the fixed re-rank) */
  rerankWeights: readonly number[] | null;
  /** weight of character-trigram query features (0 = off; the index then carries no "t:" features) */
  trigramWeight: number;
  /**
   * soft matching in the coverage re-rank: a query word missing from the unit earns weight × the cosine of
   * its nearest unit word in a general word-vector space (soft-coverage.ts; null = off)
   */
  softCoverage: SoftCoverageOptions | null;
}

export interface FieldOptions {
  weight: { title: number; chapter: number; heading: number; body: number };
  b: { title: number; chapter: number; heading: number; body: number };
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
  typoFromIndex: false,
  analyzer: {},
  deflection: {},
  // Decided by measurement (ADR 0003, issue 20): kept only what helped on ../shared/corpus or
  // corpus-stard-train without hurting corpus-val. BM25F fields cost 2 val questions' section hit,
  // table rows and the figure boost changed no recall anywhere (the boost lost one val document):
  // available as options, off.
  fields: null,
  tableRows: false,
  figureBoost: 0,
  secondDocRatio: 0.6,
  unigramWeight: 0.5,
  // pseudo-relevance feedback lowered MRR on every set: off
  feedbackDocs: 0,
  feedbackTerms: 8,
  feedbackWeight: 0.3,
  // Round 3 (ADR 0003, "Round 3: structure, proximity, question analysis"): measured on dev and STARD-train's
  // four fifths, checked on the held-out fifth and corpus-val. Kept: term proximity of adjacent question words
  // (STARD-train +0.008 section recall, MRR up on dev) and partial coverage of long compounds (dev +0.010,
  // STARD-train +0.003); together dev 0.784 → 0.794, STARD-train 0.721 → 0.729. Neighbour and chapter
  // smoothing, document scores from units and the learned re-rank did not help on the tuning sets: off.
  neighbourWeight: 0,
  chapterSmoothing: 0,
  proximityBoost: 0.4,
  proximityWindow: 12,
  proximitySpan: 1,
  docTopUnits: 0,
  coveragePartial: 0.5,
  rerankWeights: null,
  trigramWeight: 0,
  softCoverage: null,
};


export interface RelevanceIndex {
  options: RankerOptions;
  rows: SectionInput[];
  /**
   * Scoring units: every section, then (with tableRows) one unit per table row. unitSection[u] is the
   * section a unit belongs to; results are always sections (a row lends its score to its table's unit).
   */
  unitSection: number[];
  /** normalised searchable text per unit (title + chapter + heading + body) */
  fullText: string[];
  /** whether the unit states figures (amounts, days, rates) */
  hasFigures: boolean[];
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

/** A figure: Arabic digits, a percentage or a Chinese numeral with a unit of money, time or rate. */
const FIGURE = /\d|百分之|[零一二两三四五六七八九十百千万半]+(?:元|块|天|日|个月|月|年|周|小时|倍|分之|个工作日|人|次|岁|公里|平方米)/;

export function statesFigures(normalizedText: string): boolean {
  return FIGURE.test(normalizedText.replace(/第[零一二三四五六七八九十百千]+[条章节款项]/g, ''));
}

/** Questions about an amount, a limit, a duration or a rate (on the normalised query, filler words included). */
const AMOUNT_QUESTION = /多少|多久|多长|几[天个年月周次倍岁级档]|标准|上限|下限|限额|额度|最高|最低|最多|最少|比例|比率|费率|税率|百分之|金额|天数/;

export function asksForFigures(normalizedQuery: string): boolean {
  return AMOUNT_QUESTION.test(normalizedQuery);
}

/**
 * Markdown tables of a section as one text per data row, each cell preceded by its column header,
 * prefixed with the line just above the table (its caption, e.g. "个人所得税税率表一（综合所得适用）").
 */
export function tableRowTexts(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  let header: string[] | null = null;
  let caption = '';
  let prev = '';
  const cells = (l: string) => l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  for (const raw of lines) {
    const l = raw.trim();
    if (!l.startsWith('|')) {
      header = null;
      if (l) prev = l;
      continue;
    }
    const cs = cells(l);
    if (!header) {
      header = cs;
      caption = prev.length <= 80 ? prev : '';
      continue;
    }
    if (cs.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) continue;
    const parts = cs.map((c, i) => (c ? `${header![i] ?? ''} ${c}`.trim() : '')).filter(Boolean);
    if (parts.length) out.push(`${caption} ${parts.join('；')}`.trim());
  }
  return out;
}

const FIELD_NAMES = ['title', 'chapter', 'heading', 'body'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

export function buildIndex(sections: readonly SectionInput[], options: Partial<RankerOptions> = {}): RelevanceIndex {
  const opts: RankerOptions = { ...DEFAULT_RANKER_OPTIONS, ...options };
  const featureOptions = { unigrams: opts.unigramWeight > 0, trigrams: opts.trigramWeight > 0 };
  const textFeatures = (t: string) => baseFeatures(t, featureOptions);
  const groups = resolveGroups(opts.analyzer.synonymGroups);
  const docIndex = new Map<string, number>();
  const docTf: Map<string, number>[] = [];
  const docLengths: number[] = [];
  const lengths: number[] = [];
  const fullText: string[] = [];
  const hasFigures: boolean[] = [];
  const unitSection: number[] = [];
  const sectionDoc: number[] = [];
  const featCache = new Map<string, string[]>();
  const wordFreq = new Map<string, number>();
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
  type Unit = { section: number; fields: Record<FieldName, string[]>; asked?: { feats: string[]; weight: number }[]; text: string };
  const unitPostings = new PostingsBuilder();
  /** ends the unit whose term frequencies `unitPostings` holds */
  const addUnit = (u: Unit, bodyLength: number) => {
    const id = unitSection.length;
    for (const a of u.asked ?? []) unitPostings.count(a.feats, opts.askedAsWeight * a.weight);
    unitPostings.end(id);
    lengths.push(bodyLength);
    fullText.push(u.text);
    hasFigures.push(statesFigures(u.text.slice(u.text.indexOf(' ') + 1)));
    unitSection.push(u.section);
  };
  const deferred: Unit[] = [];
  // (with BM25F a separate counter, so that features are numbered in the order the units count them)
  const bodyCounts = opts.fields ? new PostingsBuilder() : unitPostings;
  const rowUnits: Unit[] = [];
  sections.forEach((s, i) => {
    const headingText = normalizeText(s.heading.replace(/^\S+/, ''));
    const text = normalizeText(s.text);
    const title = normalizeOnce(s.docTitle);
    const chapter = s.chapter ? normalizeOnce(s.chapter) : '';
    const bodyText = opts.fields ? text : `${headingText} ${text}`;
    // (the body's features as an array only where they are needed; otherwise counted straight from the text)
    const bodyFeats = opts.fields || opts.typoFromIndex ? textFeatures(bodyText) : null;
    // 常见问法 (docs/decisions/0018): each wording's words count once, weighted, as their own field.
    const asked = (s.askedAs ?? []).map((a) => ({ text: normalizeText(a.text), weight: a.weight }));
    const unit: Unit = {
      section: i,
      fields: { title: uniqueFeats(title), chapter: uniqueFeats(chapter), heading: opts.fields ? textFeatures(headingText) : [], body: opts.fields ? (bodyFeats ?? []) : [] },
      asked: asked.map((a) => ({ feats: [...new Set(textFeatures(a.text))], weight: a.weight })),
      text: `${title} ${chapter} ${headingText} ${text}${asked.map((a) => ` ${a.text}`).join('')}`,
    };
    if (opts.tableRows && s.text.includes('|')) {
      for (const r of tableRowTexts(s.text)) {
        const rt = normalizeText(r);
        const rowFeats = textFeatures(rt);
        rowUnits.push({
          section: i,
          fields: opts.fields
            ? { title: uniqueFeats(title), chapter: uniqueFeats(chapter), heading: textFeatures(headingText), body: rowFeats }
            : { title: uniqueFeats(title), chapter: uniqueFeats(chapter), heading: [], body: [...textFeatures(headingText), ...rowFeats] },
          text: `${title} ${chapter} ${headingText} ${rt}`,
        });
      }
    }
    if (opts.typoFromIndex) for (const f of bodyFeats ?? []) if (f.startsWith('w:')) wordFreq.set(f.slice(2), (wordFreq.get(f.slice(2)) ?? 0) + 1);

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
    bodyCounts.begin();
    const bodyLength = bodyFeats ? (bodyCounts.count(bodyFeats), bodyFeats.length) : bodyCounts.countText(bodyText, featureOptions);
    bodyCounts.addCurrentTo(docTf[d] as Map<string, number>);
    docLengths[d] = (docLengths[d] as number) + bodyLength;
    if (opts.fields) deferred.push(unit);
    else {
      unitPostings.count(unit.fields.title, opts.titleWeight);
      unitPostings.count(unit.fields.chapter, opts.chapterWeight);
      addUnit(unit, bodyLength);
    }
  });
  const units = [...deferred, ...rowUnits];

  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1) || 1;
  const avgField = Object.fromEntries(FIELD_NAMES.map((f) => [f, avg(units.map((u) => u.fields[f].length))])) as Record<FieldName, number>;
  for (const u of units) {
    unitPostings.begin();
    if (opts.fields) {
      // BM25F: length-normalised, weighted field frequencies summed before saturation (query time, b = 0)
      for (const f of FIELD_NAMES) {
        const feats = u.fields[f];
        if (!feats.length) continue;
        const norm = 1 - opts.fields.b[f] + (opts.fields.b[f] * feats.length) / avgField[f];
        unitPostings.count(feats, opts.fields.weight[f] / norm);
      }
    } else {
      unitPostings.count(u.fields.body);
      unitPostings.count(u.fields.title, opts.titleWeight);
      unitPostings.count(u.fields.chapter, opts.chapterWeight);
    }
    addUnit(u, u.fields.body.length);
  }
  const docPostings = new PostingsBuilder();
  docTf.forEach((m, d) => {
    docPostings.begin();
    for (const [f, n] of m) docPostings.countOne(f, n);
    docPostings.end(d);
  });
  for (const g of groups) for (const t of g) wordFreq.set(t, (wordFreq.get(t) ?? 0) + 1000);
  return {
    options: opts,
    rows: [...sections],
    unitSection,
    fullText,
    hasFigures,
    lengths,
    avgLength: avg(lengths),
    postings: unitPostings.finish(),
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
  /** best-scoring unit of the section */
  u: number;
  s: number;
}

export function search(index: RelevanceIndex, query: string, opts: SearchOptions = {}): SearchResponse {
  const o = index.options;
  const limit = opts.limit ?? 10;
  const aq = analyzeQuery(query, { ...o.analyzer, typoVocabulary: o.typoCorrection ? index.typo : undefined, knownWord: (w) => index.postings.has(`w:${w}`) });
  // single characters help ranking only; the deflection / plausibility features keep the query's own
  // words and bigrams, so their calibration does not depend on this step
  const rankFeatures = new Map(aq.features);
  if (o.unigramWeight > 0) {
    for (const f of charUnigrams(aq.stripped)) if (!rankFeatures.has(f)) rankFeatures.set(f, o.unigramWeight);
  }
  if (o.trigramWeight > 0) for (const f of charTrigrams(aq.stripped)) if (!rankFeatures.has(f)) rankFeatures.set(f, o.trigramWeight);
  // Only the best `depth` candidates are sorted (sorting every match was most of a search at ~40k
  // units); when the diversification or the second-document step needs more, all are sorted.
  const depth = Math.max(o.rerankDepth, limit) + o.maxPerDoc * o.diversifyTop;
  const rank = (all: boolean) => {
    const first = scoreSections(index, aq, rankFeatures, opts.line, all ? undefined : depth);
    let cand = first.cand;
    let complete = first.complete;
    if (o.feedbackDocs > 0 && cand.length) {
      const expanded = feedbackFeatures(index, rankFeatures, cand.slice(0, o.feedbackDocs));
      if (expanded.size > rankFeatures.size) ({ cand, complete } = scoreSections(index, aq, expanded, opts.line, all ? undefined : depth));
    }
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
    return { first, picked, needsAll: !complete && (picked.length < limit || otherMissing) };
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
      return { id: t.u, score: t.s, get raw() { return (raw ??= rawOf(t.i)); } };
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
  unitScores: Float64Array;
  bestUnit: Int32Array;
  ids: Int32Array;
  scores: Float64Array;
}
const scratches = new WeakMap<RelevanceIndex, Scratch>();

function scratchOf(index: RelevanceIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const n = index.rows.length;
    scratches.set(index, (s = { candidates: candidateScratch(index.unitSection.length), unitScores: new Float64Array(index.unitSection.length), bestUnit: new Int32Array(n), ids: new Int32Array(n), scores: new Float64Array(n) }));
  }
  return s;
}

/** BM25 of every section: the best of its units (itself or one of its table rows); in `scratch` when given. */
function unitMax(index: RelevanceIndex, features: Map<string, number>, scratch?: Scratch): { sec: Float64Array; bestUnit: Int32Array } {
  const o = index.options;
  const nUnits = index.unitSection.length;
  const unitScores = bm25(features, index.postings, nUnits, index.lengths, index.avgLength, o.k1, o.fields ? 0 : o.b, scratch?.unitScores);
  const n = index.rows.length;
  const bestUnit = scratch?.bestUnit ?? new Int32Array(n);
  if (nUnits === n) {
    // no table-row units: every unit is its own section (scores are never negative)
    for (let u = 0; u < n; u++) bestUnit[u] = (unitScores[u] as number) > 0 ? u : -1;
    return { sec: unitScores, bestUnit };
  }
  // a section scores as its best unit (itself or one of its table rows)
  const sec = new Float64Array(n);
  bestUnit.fill(-1);
  for (let u = 0; u < nUnits; u++) {
    const x = unitScores[u] as number;
    if (x <= 0) continue;
    const i = index.unitSection[u] as number;
    if (x > (sec[i] as number)) {
      sec[i] = x;
      bestUnit[i] = u;
    }
  }
  return { sec, bestUnit };
}

/** unitMax(index, features).sec[i] for the few sections asked for (each a binary search per feature when sections are the units). */
function sectionScoreOf(index: RelevanceIndex, features: Map<string, number>): (i: number) => number {
  const o = index.options;
  const nUnits = index.unitSection.length;
  if (nUnits !== index.rows.length) {
    let all: Float64Array | undefined;
    return (i) => (all ??= unitMax(index, features).sec)[i] as number;
  }
  return (i) => Math.max(0, bm25Of(i, features, index.postings, nUnits, index.lengths, index.avgLength, o.k1, o.fields ? 0 : o.b));
}

/** Document scores for the document prior: BM25 over each document's whole text (zeros with no prior). */
function docScores(index: RelevanceIndex, features: Map<string, number>): Float64Array {
  const o = index.options;
  return o.docPrior <= 0
    ? new Float64Array(index.docIds.length)
    : bm25(features, index.docPostings, index.docIds.length, index.docLengths, index.docAvgLength, o.k1, o.b);
}

/** Every matching section, then the best `depth` of them (all with no depth): the exhaustive candidate pass. */
function allCandidates(index: RelevanceIndex, features: Map<string, number>, line: string | undefined, depth: number | undefined, scratch: Scratch, docScoresDone?: Float64Array): { cand: Cand[]; complete: boolean; sec: Float64Array; maxSec: number; docs: Float64Array; maxDoc: number } {
  pruningStats.exhaustive++;
  const o = index.options;
  const n = index.rows.length;
  const { sec, bestUnit } = unitMax(index, features, scratch);
  let maxSec = 0;
  for (const x of sec) if (x > maxSec) maxSec = x;
  const docs = docScoresDone ?? (o.docTopUnits > 0 && o.docPrior > 0 ? docFromUnits(index, sec, o.docTopUnits) : docScores(index, features));
  let maxDoc = 0;
  for (const x of docs) if (x > maxDoc) maxDoc = x;
  const base = o.neighbourWeight > 0 || o.chapterSmoothing > 0 ? smoothStructure(index, sec, maxSec) : null;
  const { ids, scores } = scratch;
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const raw = base ? (base[i] as number) : (sec[i] as number) / maxSec;
    if (raw <= 0) continue;
    if (line && index.rows[i]!.line !== line) continue;
    const d = index.sectionDoc[i] as number;
    ids[matches] = i;
    scores[matches++] = raw + (maxDoc > 0 ? (o.docPrior * (docs[d] as number)) / maxDoc : 0);
    // a unit found only through its neighbour is its own best unit
    if ((bestUnit[i] as number) < 0) bestUnit[i] = i;
  }
  const complete = depth === undefined || depth >= matches;
  const cand: Cand[] = topK(ids, scores, matches, complete ? matches : depth).map(({ i, s }) => ({ i, u: bestUnit[i] as number, s }));
  return { cand, complete, sec, maxSec, docs, maxDoc };
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
  let maxDoc = 0;
  for (const x of docs) if (x > maxDoc) maxDoc = x;
  const n = index.rows.length;
  const c = bm25Candidates(features, index.postings, n, index.lengths, index.avgLength, o.k1, o.fields ? 0 : o.b, share, scratch.candidates, maxBound);
  let maxSec = 0;
  for (let j = 0; j < c.count; j++) {
    const x = c.scores[c.ids[j] as number] as number;
    if (x > maxSec) maxSec = x;
  }
  // a unit outside the candidates (≤ bound) could otherwise be the best, which normalises every score
  if (maxSec <= 0 || maxSec < c.bound) return 0;
  let maxDocPart = 0;
  for (let d = 0; d < docs.length; d++) {
    const part = maxDoc > 0 ? (o.docPrior * (docs[d] as number)) / maxDoc : 0;
    if (part > maxDocPart) maxDocPart = part;
  }
  const { ids, scores } = scratch;
  let matches = 0;
  for (let j = 0; j < c.count; j++) {
    const i = c.ids[j] as number;
    const raw = (c.scores[i] as number) / maxSec;
    if (raw <= 0) continue;
    if (line && index.rows[i]!.line !== line) continue;
    const d = index.sectionDoc[i] as number;
    ids[matches] = i;
    scores[matches++] = raw + (maxDoc > 0 ? (o.docPrior * (docs[d] as number)) / maxDoc : 0);
  }
  if (matches <= depth) return 0;
  const top = topK(ids, scores, matches, depth);
  const theta = top[top.length - 1]!.s;
  // a second try's candidates include these, so its depth-th score is at least theta and its best is maxSec
  if (!((c.bound / maxSec + maxDocPart) * (1 + 1e-9) < theta)) return Math.max(0, ((theta - maxDocPart) * maxSec) / (1 + 1e-6));
  pruningStats.pruned++;
  return top.map(({ i, s }) => ({ i, u: i, s }));
}

/** Lab counters: searches whose candidates came from the pruned pass or from the exhaustive one. */
export const pruningStats = { pruned: 0, exhaustive: 0 };

/** Candidates, best first: all of them, or with `depth` only the best `depth` (then `complete` is false). */
function scoreSections(index: RelevanceIndex, aq: AnalyzedQuery, features: Map<string, number>, line: string | undefined, depth?: number, collect?: { i: number; x: number[] }[]): { cand: Cand[]; complete: boolean } {
  const o = index.options;
  const n = index.rows.length;
  const scratch = scratchOf(index);
  const smoothing = o.neighbourWeight > 0 || o.chapterSmoothing > 0;
  const prunable = depth !== undefined && searchPruning.share > 0 && n >= searchPruning.minUnits && index.unitSection.length === n && !smoothing && o.docTopUnits <= 0 && !o.rerankWeights && !collect;
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
  const figures = o.figureBoost > 0 && asksForFigures(aq.normalized);
  if (o.rerankWeights || collect) {
    const head = cand.slice(0, o.rerankDepth);
    const ctx = rerankContext(index, aq, all!.sec, all!.maxSec, all!.docs, all!.maxDoc);
    head.forEach((c, r) => {
      const x = rerankFeatures(index, aq, c, r, ctx);
      collect?.push({ i: c.i, x });
      if (o.rerankWeights) {
        let z = 0;
        for (let k = 0; k < x.length; k++) z += (o.rerankWeights[k] ?? 0) * (x[k] as number);
        c.s = 1 / (1 + Math.exp(-z));
      }
    });
    head.sort((a, b) => b.s - a.s || a.i - b.i);
    cand.splice(0, head.length, ...head);
  } else if (o.coverageBoost > 0 || figures || o.proximityBoost > 0) {
    const head = cand.slice(0, o.rerankDepth);
    const pairs = o.proximityBoost > 0 ? proximityPairs(index, aq, o.proximitySpan) : null;
    if (o.softCoverage?.centroidBoost) centroidRerank(index, aq, head, o.softCoverage.vectors, o.softCoverage.centroidBoost);
    for (const c of head) {
      if (o.coverageBoost > 0) c.s *= 1 - o.coverageBoost + o.coverageBoost * unitCoverage(index, aq, c);
      if (pairs) {
        const u = c.u < 0 ? c.i : c.u;
        const so = o.softCoverage;
        const own = so?.proximity ? proximityPairs(index, aq, o.proximitySpan, (k) => softAlternatives(index, u, k, so)) : pairs;
        c.s *= 1 + o.proximityBoost * proximity(index.fullText[u] ?? '', own, o.proximityWindow);
      }
      if (figures && (index.hasFigures[c.u] || index.hasFigures[c.i])) c.s *= 1 + o.figureBoost;
    }
    head.sort((a, b) => b.s - a.s || a.i - b.i);
    cand.splice(0, head.length, ...head);
  }

  return { cand, complete };
}

/** × (1 + γ·(cos − best cos)): units whose words sit farther from the question's in the vector space lose. */
function centroidRerank(index: RelevanceIndex, aq: AnalyzedQuery, head: Cand[], v: WordVectorTable, gamma: number): void {
  const idfOf = (w: string) => termIdf(index, w);
  const cos = head.map((c) => centroidSimilarity(index, c.u < 0 ? c.i : c.u, aq.concepts, v, idfOf));
  let best = -Infinity;
  for (const x of cos) if (x !== null && x > best) best = x;
  head.forEach((c, k) => {
    const x = cos[k];
    if (x !== null && x !== undefined) c.s *= Math.max(0, 1 + gamma * (x - best));
  });
}

/** The query's features plus the most characteristic words of the first units (RM3-style, IDF-weighted). */
function feedbackFeatures(index: RelevanceIndex, features: Map<string, number>, top: readonly Cand[]): Map<string, number> {
  const o = index.options;
  const n = index.unitSection.length;
  const weight = new Map<string, number>();
  for (const c of top) {
    const words = jiebaWords(index.fullText[c.u] ?? '');
    if (!words.length) continue;
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const [w, k] of tf) {
      if (features.has(w)) continue;
      const df = index.postings.get(w)?.ids.length ?? 0;
      if (df < 2) continue;
      weight.set(w, (weight.get(w) ?? 0) + (k / words.length) * idf(n, df));
    }
  }
  const best = [...weight].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, o.feedbackTerms);
  const max = best[0]?.[1] ?? 0;
  const out = new Map(features);
  for (const [w, v] of best) out.set(w, (o.feedbackWeight * v) / max);
  return out;
}

/** Coverage of the query by a candidate: its best unit (a table row) or the whole section, whichever covers more. */
function unitCoverage(index: RelevanceIndex, aq: AnalyzedQuery, c: Cand): number {
  const { coveragePartial: p, softCoverage: so } = index.options;
  const cover = (id: number) => conceptCoverage(index, aq, id, undefined, p, so && so.weight > 0 ? (k) => softCredit(index, id, k, so) : undefined);
  const a = cover(c.i);
  return c.u === c.i || c.u < 0 ? a : Math.max(a, cover(c.u));
}

/**
 * Section scores (normalised by the best) smoothed over the document's structure: + neighbourWeight × the
 * better of the two adjacent units of the same document, + chapterSmoothing × the best other matched unit of
 * the same chapter. Sections are in document order in `rows`.
 */
function smoothStructure(index: RelevanceIndex, sec: Float64Array, maxSec: number): Float64Array {
  const o = index.options;
  const n = index.rows.length;
  const base = new Float64Array(n);
  if (maxSec <= 0) return base;
  for (let i = 0; i < n; i++) base[i] = (sec[i] as number) / maxSec;
  const out = Float64Array.from(base);
  if (o.neighbourWeight > 0) {
    for (let i = 0; i < n; i++) {
      const d = index.sectionDoc[i];
      const prev = i > 0 && index.sectionDoc[i - 1] === d ? (base[i - 1] as number) : 0;
      const next = i + 1 < n && index.sectionDoc[i + 1] === d ? (base[i + 1] as number) : 0;
      const best = Math.max(prev, next);
      if (best > 0) out[i] = (out[i] as number) + o.neighbourWeight * best;
    }
  }
  if (o.chapterSmoothing > 0) {
    const chapterBest = bestInChapter(index, (i) => base[i] as number);
    for (let i = 0; i < n; i++) {
      if ((base[i] as number) <= 0 || !index.rows[i]!.chapter) continue;
      out[i] = (out[i] as number) + o.chapterSmoothing * chapterBest(i);
    }
  }
  return out;
}

/**
 * For each unit, the best score among the OTHER matched units of its chapter (same document and chapter;
 * 0 for a unit without a chapter): the best and second-best per chapter are kept, so a unit is never
 * credited with its own score.
 */
function bestInChapter(index: RelevanceIndex, score: (i: number) => number): (i: number) => number {
  const top = new Map<string, [best: number, bestAt: number, second: number]>();
  const key = (i: number) => `${index.sectionDoc[i]}\u0000${index.rows[i]!.chapter ?? ''}`;
  for (let i = 0; i < index.rows.length; i++) {
    const x = score(i);
    if (x <= 0 || !index.rows[i]!.chapter) continue;
    const k = key(i);
    const t = top.get(k);
    if (!t) top.set(k, [x, i, 0]);
    else if (x > t[0]) top.set(k, [x, i, t[0]]);
    else if (x > t[2]) t[2] = x;
  }
  return (i) => {
    const t = index.rows[i]!.chapter ? top.get(key(i)) : undefined;
    return t ? (t[1] === i ? t[2] : t[0]) : 0;
  };
}

/** Document scores from their units: the mean of each document's best `k` section scores. */
function docFromUnits(index: RelevanceIndex, sec: Float64Array, k: number): Float64Array {
  const best = new Map<number, number[]>();
  for (let i = 0; i < sec.length; i++) {
    const x = sec[i] as number;
    if (x <= 0) continue;
    const d = index.sectionDoc[i] as number;
    const b = best.get(d);
    if (!b) best.set(d, [x]);
    else if (b.length < k) b.push(x);
    else {
      let m = 0;
      for (let j = 1; j < b.length; j++) if ((b[j] as number) < (b[m] as number)) m = j;
      if (x > (b[m] as number)) b[m] = x;
    }
  }
  const out = new Float64Array(index.docIds.length);
  for (const [d, b] of best) out[d] = b.reduce((a, x) => a + x, 0) / k;
  return out;
}

interface ProximityPair {
  a: readonly string[];
  b: readonly string[];
  weight: number;
}

/** Pairs of the question's content words at most `span` apart in the question, weighted by the rarer word's IDF. */
function proximityPairs(index: RelevanceIndex, aq: AnalyzedQuery, span: number, extra?: (c: QueryConcept) => string[]): ProximityPair[] {
  const cs = extra ? aq.concepts.map((c) => ({ term: c.term, alternatives: [...c.alternatives, ...extra(c)] })) : aq.concepts;
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

interface RerankContext {
  sec: Float64Array;
  maxSec: number;
  docs: Float64Array;
  maxDoc: number;
  /** best normalised score of another matched unit of the same chapter */
  chapterBest: (i: number) => number;
  /** best normalised score of the two adjacent units of the same document */
  neighbourBest: (i: number) => number;
  pairs: ProximityPair[];
}

function rerankContext(index: RelevanceIndex, aq: AnalyzedQuery, sec: Float64Array, maxSec: number, docs: Float64Array, maxDoc: number): RerankContext {
  const n = index.rows.length;
  const norm = (i: number) => (maxSec > 0 ? (sec[i] as number) / maxSec : 0);
  return {
    sec, maxSec, docs, maxDoc, pairs: proximityPairs(index, aq, 1),
    chapterBest: bestInChapter(index, norm),
    neighbourBest: (i) => {
      const d = index.sectionDoc[i];
      return Math.max(i > 0 && index.sectionDoc[i - 1] === d ? norm(i - 1) : 0, i + 1 < n && index.sectionDoc[i + 1] === d ? norm(i + 1) : 0);
    },
  };
}

/** Features of a re-rank candidate (the learned re-rank's inputs); index 0 is the bias. */
function rerankFeatures(index: RelevanceIndex, aq: AnalyzedQuery, c: Cand, rank: number, ctx: RerankContext): number[] {
  const u = c.u < 0 ? c.i : c.u;
  const d = index.sectionDoc[c.i] as number;
  const cov = conceptCoverage(index, aq, c.i);
  const covP = conceptCoverage(index, aq, c.i, undefined, 1);
  const title = index.rows[c.i]!.docTitle;
  let tw = 0;
  let tt = 0;
  for (const k of aq.concepts) {
    const w = termIdf(index, k.term);
    tt += w;
    if (k.alternatives.some((a) => title.includes(a))) tw += w;
  }
  return [
    1,
    ctx.maxSec > 0 ? (ctx.sec[c.i] as number) / ctx.maxSec : 0,
    ctx.maxDoc > 0 ? (ctx.docs[d] as number) / ctx.maxDoc : 0,
    cov,
    covP - cov,
    proximity(index.fullText[u] ?? '', ctx.pairs, 12),
    ctx.chapterBest(c.i),
    ctx.neighbourBest(c.i),
    Math.log(1 + rank),
    tt > 0 ? tw / tt : 0,
    Math.log(((index.lengths[u] as number) + 1) / index.avgLength),
  ];
}

/** Lab hook: the re-rank candidates of a query with their features (scripts/lab/ltr.ts). */
export function rerankCandidates(index: RelevanceIndex, query: string): { i: number; x: number[] }[] {
  const o = index.options;
  const aq = analyzeQuery(query, { ...o.analyzer, typoVocabulary: o.typoCorrection ? index.typo : undefined, knownWord: (w) => index.postings.has(`w:${w}`) });
  const rankFeatures = new Map(aq.features);
  if (o.unigramWeight > 0) for (const f of charUnigrams(aq.stripped)) if (!rankFeatures.has(f)) rankFeatures.set(f, o.unigramWeight);
  if (o.trigramWeight > 0) for (const f of charTrigrams(aq.stripped)) if (!rankFeatures.has(f)) rankFeatures.set(f, o.trigramWeight);
  const out: { i: number; x: number[] }[] = [];
  scoreSections(index, aq, rankFeatures, undefined, Math.max(o.rerankDepth, 10), out);
  return out;
}
