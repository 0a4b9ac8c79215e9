/**
 * Soft coverage in the re-rank (ADR 0003, "Round 4 — soft matching"): a query content word the unit lacks
 * still earns partial credit when a word of the unit is close to it in a general word-vector space
 * (辞退 / 解雇). Only the re-rank uses it; deflection and "nothing found" keep exact coverage.
 *
 * The vectors come in through the options (plain data, structured-cloneable): the ranker never reads files.
 * A unit's word rows are computed lazily, once, for the units that reach the re-rank.
 */
import type { QueryConcept } from './analyze';
import type { RelevanceIndex } from './ranker';
import { normalizeText } from './normalize';
import { jiebaWords } from './tokenize';

/** Word vectors as plain data: unit-length rows, `index.size` words × `dim`. */
export interface WordVectorTable {
  dim: number;
  /** word → row */
  index: ReadonlyMap<string, number>;
  vecs: Float32Array;
}

export interface SoftCoverageOptions {
  /** a missing word earns weight × cos of its nearest unit word (when cos ≥ minCos), at most weight */
  weight: number;
  minCos: number;
  vectors: WordVectorTable;
  /** credit weight × (cos − minCos) / (1 − minCos) instead of weight × cos */
  ramp?: boolean;
  /** only words that occur in no unit of the corpus earn soft credit (a word the corpus has elsewhere is informative by its absence) */
  unseenOnly?: boolean;
  /**
   * re-rank factor 1 + centroidBoost·(cos − best cos of the re-ranked units), cos between the IDF-weighted
   * centroids of the query's words and of the unit's words (0 / absent = off)
   */
  centroidBoost?: number;
  /** in the proximity step, unit words at cos ≥ minCos of a missing question word stand in for it */
  proximity?: boolean;
  /** the unit's words come from its own heading and text only, not the document title and chapter */
  bodyOnly?: boolean;
  /** a word without a vector of its own is represented by its jieba sub-words (出借人 → 出借) */
  backoff?: boolean;
  /** also try the word's synonyms and learned terms (its coverage alternatives), keeping the best cosine */
  alternatives?: boolean;
}

interface UnitWords {
  /** vector rows of the unit's distinct words that have one */
  rows: Int32Array;
  /** the same words, in the same order */
  words: string[];
}

const unitWordsCache = new WeakMap<RelevanceIndex, Map<number, UnitWords>>();
const bodyWordsCache = new WeakMap<RelevanceIndex, Map<number, UnitWords>>();
const centroidCache = new WeakMap<RelevanceIndex, Map<number, Float32Array>>();

/** The distinct words of unit `id` that have a vector (jieba search mode over its full text), cached per index. */
function unitWords(index: RelevanceIndex, id: number, v: WordVectorTable, bodyOnly = false): UnitWords {
  const cache = bodyOnly ? bodyWordsCache : unitWordsCache;
  let byUnit = cache.get(index);
  if (!byUnit) cache.set(index, (byUnit = new Map()));
  let uw = byUnit.get(id);
  if (!uw) {
    const seen = new Map<number, string>();
    const row = index.rows[id];
    // a section's own heading and text (as the index normalised them), without the document title and chapter
    const text = bodyOnly && row ? normalizeText(`${row.heading.replace(/^\S+/, '')} ${row.text}`) : (index.fullText[id] ?? '');
    for (const f of jiebaWords(text)) {
      const r = v.index.get(f.slice(2));
      if (r !== undefined) seen.set(r, f.slice(2));
    }
    uw = { rows: Int32Array.from(seen.keys()), words: [...seen.values()] };
    byUnit.set(id, uw);
  }
  return uw;
}

/** Vector rows standing for a query word: its own, or with `backoff` (no vector of its own) those of its jieba sub-words. */
function wordRows(word: string, v: WordVectorTable, backoff: boolean): number[] {
  const q = v.index.get(word);
  if (q !== undefined) return [q];
  if (!backoff) return [];
  const out: number[] = [];
  for (const f of jiebaWords(word)) {
    const r = v.index.get(f.slice(2));
    if (r !== undefined && !out.includes(r)) out.push(r);
  }
  return out;
}

/** Highest cosine between `word` (or, with `backoff`, one of its sub-words) and the words of unit `id` (0 without a vector). */
export function nearestInUnit(index: RelevanceIndex, id: number, word: string, v: WordVectorTable, backoff = false, bodyOnly = false): number {
  const qs = wordRows(word, v, backoff);
  if (!qs.length) return 0;
  const { dim, vecs } = v;
  let best = 0;
  for (const r of unitWords(index, id, v, bodyOnly).rows) {
    const ro = r * dim;
    for (const q of qs) {
      if (r === q) return 1;
      const qo = q * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += vecs[qo + d]! * vecs[ro + d]!;
      if (s > best) best = s;
    }
  }
  return best;
}

/** Words of unit `id` at cos ≥ minCos of a question word the unit lacks (none when it has one of its alternatives). */
export function softAlternatives(index: RelevanceIndex, id: number, c: QueryConcept, o: SoftCoverageOptions): string[] {
  const text = index.fullText[id] ?? '';
  if (c.alternatives.some((a) => text.includes(a))) return [];
  const q = o.vectors.index.get(c.term);
  if (q === undefined) return [];
  const { dim, vecs } = o.vectors;
  const { rows, words } = unitWords(index, id, o.vectors);
  const out: string[] = [];
  rows.forEach((r, k) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vecs[q * dim + d]! * vecs[r * dim + d]!;
    if (s >= o.minCos) out.push(words[k]!);
  });
  return out;
}

/** The share of a missing concept's weight it earns in unit `id` from its nearest unit word (0 below the threshold). */
export function softCredit(index: RelevanceIndex, id: number, c: QueryConcept, o: SoftCoverageOptions): number {
  if (o.unseenOnly && index.postings.has(`w:${c.term}`)) return 0;
  const backoff = o.backoff === true;
  const body = o.bodyOnly === true;
  let cos = nearestInUnit(index, id, c.term, o.vectors, backoff, body);
  if (o.alternatives) for (const a of c.alternatives) if (a !== c.term && cos < 1) cos = Math.max(cos, nearestInUnit(index, id, a, o.vectors, backoff, body));
  if (cos < o.minCos) return 0;
  return o.ramp ? (o.weight * (Math.min(1, cos) - o.minCos)) / (1 - o.minCos) : o.weight * Math.min(1, cos);
}

/** IDF-weighted mean of word rows, unit length (null when no row). */
function centroid(rows: ArrayLike<number>, weight: (key: number) => number, v: WordVectorTable, byPosition = false): Float32Array | null {
  const { dim, vecs } = v;
  const out = new Float32Array(dim);
  let any = false;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const w = weight(byPosition ? k : r);
    if (!(w > 0)) continue;
    any = true;
    for (let d = 0; d < dim; d++) out[d]! += w * vecs[r * dim + d]!;
  }
  if (!any) return null;
  let n = 0;
  for (let d = 0; d < dim; d++) n += out[d]! * out[d]!;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < dim; d++) out[d]! /= n;
  return out;
}

/**
 * Cosine between the query's content words and unit `id` as IDF-weighted centroids in the vector space
 * (null when either side has no vector). The unit's centroid is cached per index.
 */
export function centroidSimilarity(index: RelevanceIndex, id: number, concepts: readonly QueryConcept[], v: WordVectorTable, idfOf: (word: string) => number): number | null {
  const qRows: number[] = [];
  const qW = new Map<number, number>();
  for (const c of concepts) {
    for (const r of wordRows(c.term, v, true)) {
      if (!qW.has(r)) qRows.push(r);
      qW.set(r, Math.max(qW.get(r) ?? 0, idfOf(c.term)));
    }
  }
  const q = centroid(qRows, (r) => qW.get(r) ?? 0, v);
  if (!q) return null;
  let byUnit = centroidCache.get(index);
  if (!byUnit) centroidCache.set(index, (byUnit = new Map()));
  let u = byUnit.get(id);
  if (u === undefined) {
    const { rows, words } = unitWords(index, id, v);
    u = centroid(rows, (k) => idfOf(words[k]!), v, true) ?? new Float32Array(v.dim);
    byUnit.set(id, u);
  }
  let s = 0;
  for (let d = 0; d < v.dim; d++) s += q[d]! * u[d]!;
  return s;
}
