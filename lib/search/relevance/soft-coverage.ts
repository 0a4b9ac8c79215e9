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
  /** a word without a vector of its own is represented by its jieba sub-words (出借人 → 出借) */
  backoff?: boolean;
  /** also try the word's synonyms and learned terms (its coverage alternatives), keeping the best cosine */
  alternatives?: boolean;
}

const unitRowsCache = new WeakMap<RelevanceIndex, Map<number, Int32Array>>();

/** Vector rows of the distinct words of unit `id` (jieba search mode over its full text). */
function unitRows(index: RelevanceIndex, id: number, v: WordVectorTable): Int32Array {
  let byUnit = unitRowsCache.get(index);
  if (!byUnit) unitRowsCache.set(index, (byUnit = new Map()));
  let rows = byUnit.get(id);
  if (!rows) {
    const seen = new Set<number>();
    for (const f of jiebaWords(index.fullText[id] ?? '')) {
      const r = v.index.get(f.slice(2));
      if (r !== undefined) seen.add(r);
    }
    rows = Int32Array.from(seen);
    byUnit.set(id, rows);
  }
  return rows;
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
export function nearestInUnit(index: RelevanceIndex, id: number, word: string, v: WordVectorTable, backoff = false): number {
  const qs = wordRows(word, v, backoff);
  if (!qs.length) return 0;
  const { dim, vecs } = v;
  let best = 0;
  for (const r of unitRows(index, id, v)) {
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

/** The share of a missing concept's weight it earns in unit `id` from its nearest unit word (0 below the threshold). */
export function softCredit(index: RelevanceIndex, id: number, c: QueryConcept, o: SoftCoverageOptions): number {
  if (o.unseenOnly && index.postings.has(`w:${c.term}`)) return 0;
  const backoff = o.backoff === true;
  let cos = nearestInUnit(index, id, c.term, o.vectors, backoff);
  if (o.alternatives) for (const a of c.alternatives) if (a !== c.term && cos < 1) cos = Math.max(cos, nearestInUnit(index, id, a, o.vectors, backoff));
  if (cos < o.minCos) return 0;
  return o.ramp ? (o.weight * (Math.min(1, cos) - o.minCos)) / (1 - o.minCos) : o.weight * Math.min(1, cos);
}
