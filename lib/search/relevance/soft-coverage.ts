/**
 * Soft coverage in the re-rank (ADR 0003, "Round 4 — soft matching"): a query content word the unit lacks
 * still earns partial credit when a word of the unit is close to it in a general word-vector space
 * (辞退 / 解雇). Only the re-rank uses it; deflection and "nothing found" keep exact coverage.
 *
 * The vectors come in through the options (plain data, structured-cloneable): the ranker never reads files.
 * A unit's word rows are computed lazily, once, for the units that reach the re-rank.
 */
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

/** Highest cosine between `word` and the words of unit `id` (0 when the word has no vector). */
export function nearestInUnit(index: RelevanceIndex, id: number, word: string, v: WordVectorTable): number {
  const q = v.index.get(word);
  if (q === undefined) return 0;
  const { dim, vecs } = v;
  const qo = q * dim;
  let best = 0;
  for (const r of unitRows(index, id, v)) {
    if (r === q) return 1;
    const ro = r * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += vecs[qo + d]! * vecs[ro + d]!;
    if (s > best) best = s;
  }
  return best;
}

/** The share of a missing word's weight it earns in unit `id`: weight × cos above the threshold, else 0. */
export function softCredit(index: RelevanceIndex, id: number, word: string, o: SoftCoverageOptions): number {
  const cos = nearestInUnit(index, id, word, o.vectors);
  return cos >= o.minCos ? o.weight * Math.min(1, cos) : 0;
}
