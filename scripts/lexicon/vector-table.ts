/**
 * A related-term table (RelatedLexicon) from general Chinese word vectors (ADR 0017, round 4).
 *
 *   npm run lexicon:vectors -- [--params '<json>'] [--out <file>] [--cache <knn.json>]
 *
 * Procedure (deterministic; no question of any set is read):
 * 1. Words: the `topN` most frequent words of the vector file (it is frequency-ordered) that are CJK words of
 *    ≥ 2 characters. They are both the keys and the candidate terms.
 * 2. For every word, its `k` nearest words among them by cosine, kept when cosine ≥ `minCos`.
 * 3. `mutual`: keep term t of key w only when w is also among t's k nearest (mutual nearest neighbours).
 *    `noContain`: drop a term that contains or is contained in its key (工资 / 最低工资: bigram features
 *    already connect them). `jiebaKeys`: a key must be one word to jieba (with the synonym words registered,
 *    as in `contentWords`), since only such words can trigger an entry.
 * 4. Entry weight = the cosine (3 decimals), best first; table weight `weight`, `inCoverage` as given.
 * The vectors: node-synonyms@1.3.1 (npm), Chinese Wikipedia word2vec, declared licence GPL-3.0
 * (scripts/lexicon/word-vectors.ts fetches and checks them).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveGroups, type RelatedLexicon } from '../../lib/search/relevance/analyze';
import { getJieba } from '../../lib/search/relevance/tokenize';
import { loadVectors, type WordVectors } from './word-vectors';

export interface VectorTableParams {
  /** keys and terms: the N most frequent CJK words (≥ 2 characters) of the vector file */
  topN: number;
  /** neighbours kept per key (also the rank bound of the mutual check) */
  k: number;
  minCos: number;
  mutual: boolean;
  noContain: boolean;
  jiebaKeys: boolean;
  /** table weight (multiplier of a term's features × the entry's cosine) */
  weight: number;
  inCoverage: boolean;
}

/** Variant A of ADR 0017 round 4 (best on STARD-train, dev unchanged; not on by default in the portal). */
export const DEFAULT_VECTOR_TABLE_PARAMS: VectorTableParams = {
  topN: 40000, k: 1, minCos: 0.7, mutual: true, noContain: true, jiebaKeys: true, weight: 0.5, inCoverage: true,
};

/** Nearest-neighbour lists among a word set: for each word, [word, cosine] best first. */
export type NeighbourLists = Record<string, [string, number][]>;

const CJK_WORD = /^[\u3400-\u9fff]{2,}$/;

/** Row numbers of the first `topN` distinct CJK words (≥ 2 characters) of the vector file. */
export function eligibleRows(v: WordVectors, topN: number): Int32Array {
  const rows: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < v.words.length && rows.length < topN; i++) {
    const w = v.words[i]!;
    if (!CJK_WORD.test(w) || seen.has(w)) continue;
    seen.add(w);
    rows.push(i);
  }
  return Int32Array.from(rows);
}

/** The `k` nearest words (cosine ≥ minCos) of every eligible word among the eligible words; each pair is computed once. */
export function nearestAmong(v: WordVectors, rows: Int32Array, k: number, minCos: number): NeighbourLists {
  const { dim, vecs } = v;
  const best: [number, number][][] = Array.from({ length: rows.length }, () => []);
  const offer = (list: [number, number][], j: number, s: number) => {
    if (list.length === k && s <= list[k - 1]![1]) return;
    let p = list.length === k ? k - 1 : list.length;
    if (list.length < k) list.push([j, s]);
    while (p > 0 && list[p - 1]![1] < s) {
      list[p] = list[p - 1]!;
      p--;
    }
    list[p] = [j, s];
  };
  for (let a = 0; a < rows.length; a++) {
    const oa = rows[a]! * dim;
    for (let b = a + 1; b < rows.length; b++) {
      const ob = rows[b]! * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += vecs[oa + d]! * vecs[ob + d]!;
      if (s < minCos) continue;
      offer(best[a]!, b, s);
      offer(best[b]!, a, s);
    }
  }
  const out: NeighbourLists = {};
  rows.forEach((r, a) => {
    out[v.words[r]!] = best[a]!.map(([b, s]) => [v.words[rows[b]!]!, s]);
  });
  return out;
}

/** Table entries from neighbour lists (steps 3–4); `isKey` decides which words may be keys. */
export function selectEntries(lists: NeighbourLists, p: Pick<VectorTableParams, 'k' | 'minCos' | 'mutual' | 'noContain'>, isKey: (w: string) => boolean = () => true): Record<string, [string, number][]> {
  const near = (w: string) => (lists[w] ?? []).slice(0, p.k).filter(([, s]) => s >= p.minCos);
  const entries: Record<string, [string, number][]> = {};
  for (const w of Object.keys(lists).sort()) {
    if (!isKey(w)) continue;
    const kept = near(w)
      .filter(([t]) => !p.noContain || (!t.includes(w) && !w.includes(t)))
      .filter(([t]) => !p.mutual || near(t).some(([x]) => x === w))
      .map(([t, s]): [string, number] => [t, Math.round(s * 1000) / 1000]);
    if (kept.length) entries[w] = kept;
  }
  return entries;
}

/**
 * Smoothing of a learned table (variant 2 of round 4): an eligible word that is not a key of the learned table
 * borrows the entries of its nearest key (cosine ≥ minCos), each weight × that cosine; terms the word contains
 * or is contained in are dropped.
 */
export function borrowEntries(v: WordVectors, rows: Int32Array, learned: Record<string, [string, number][]>, minCos: number, isKey: (w: string) => boolean = () => true): Record<string, [string, number][]> {
  const keys = Object.keys(learned).filter((k) => v.index.has(k));
  const keyRows = keys.map((k) => v.index.get(k)! * v.dim);
  const entries: Record<string, [string, number][]> = {};
  for (const r of rows) {
    const w = v.words[r]!;
    if (Object.prototype.hasOwnProperty.call(learned, w) || !isKey(w)) continue;
    let best = -1, bestCos = minCos;
    keyRows.forEach((o, i) => {
      let s = 0;
      for (let d = 0; d < v.dim; d++) s += v.vecs[r * v.dim + d]! * v.vecs[o + d]!;
      if (s >= bestCos) [best, bestCos] = [i, s];
    });
    if (best < 0) continue;
    const kept = learned[keys[best]!]!
      .filter(([t]) => !t.includes(w) && !w.includes(t))
      .map(([t, x]): [string, number] => [t, Math.round(x * bestCos * 1000) / 1000]);
    if (kept.length) entries[w] = kept;
  }
  return entries;
}

/** Whether jieba (default dictionary + the synonym words, as the analyzer uses it) keeps `w` as one word. */
function isJiebaWord(w: string): boolean {
  const t = getJieba().cut(w, false);
  return t.length === 1 && t[0] === w;
}

function main(): void {
  const { values } = parseArgs({ options: { params: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, vectors: { type: 'string' }, smooth: { type: 'string' } } });
  const p: VectorTableParams = { ...DEFAULT_VECTOR_TABLE_PARAMS, ...(values.params ? (JSON.parse(values.params) as Partial<VectorTableParams>) : {}) };
  const out = values.out ?? 'lib/search/relevance/lexicon/related-vectors.json';
  if (values.smooth) {
    // --smooth <learned table>: write the borrowed entries as a related table (weight and coverage as the learned table's)
    const learned = JSON.parse(readFileSync(values.smooth, 'utf8')) as { weight: number; entries: Record<string, [string, number][]> };
    const v = loadVectors(values.vectors);
    if (p.jiebaKeys) resolveGroups();
    const entries = borrowEntries(v, eligibleRows(v, p.topN), learned.entries, p.minCos, p.jiebaKeys ? isJiebaWord : undefined);
    const table = { version: 1, name: 'vectors-smoothed', weight: p.weight, inCoverage: p.inCoverage, meta: { procedure: 'borrowed entries of the nearest learned key', learned: values.smooth, params: p }, entries };
    writeFileSync(out, JSON.stringify(table));
    console.log(`${out}: ${Object.keys(entries).length} keys`);
    return;
  }
  // the neighbour lists depend only on topN (k ≤ 10, minCos ≥ 0.5 are cut from them), so a cache serves a grid
  const cacheKey = `topN=${p.topN},k=10,minCos=0.5`;
  let lists: NeighbourLists | undefined;
  if (values.cache && existsSync(values.cache)) {
    const c = JSON.parse(readFileSync(values.cache, 'utf8')) as { key: string; lists: NeighbourLists };
    if (c.key === cacheKey) lists = c.lists;
  }
  if (!lists) {
    if (p.k > 10 || p.minCos < 0.5) throw new Error('k ≤ 10 and minCos ≥ 0.5 (the neighbour lists are computed with those bounds)');
    const t0 = Date.now();
    const v = loadVectors(values.vectors);
    lists = nearestAmong(v, eligibleRows(v, p.topN), 10, 0.5);
    console.error(`neighbour lists of ${Object.keys(lists).length} words in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (values.cache) writeFileSync(values.cache, JSON.stringify({ key: cacheKey, lists }));
  }
  if (p.jiebaKeys) resolveGroups();
  const entries = selectEntries(lists, p, p.jiebaKeys ? isJiebaWord : undefined);
  const table: RelatedLexicon & { version: 1; meta: Record<string, unknown> } = {
    version: 1,
    name: 'vectors',
    weight: p.weight,
    inCoverage: p.inCoverage,
    meta: {
      source: 'npm package node-synonyms@1.3.1, data/words.vector (Chinese Wikipedia word2vec, 125,796 words × 100 dimensions)',
      licence: 'GPL-3.0 (as declared by the package)',
      procedure: 'mutual / plain k nearest neighbours by cosine among the topN most frequent CJK words (scripts/lexicon/vector-table.ts, ADR 0017 round 4)',
      params: p,
      keys: Object.keys(entries).length,
      pairs: Object.values(entries).reduce((n, l) => n + l.length, 0),
    },
    entries,
  };
  // one key per line, so a diff of a rebuilt table is readable
  const body = Object.entries(entries).map(([w, l]) => `${JSON.stringify(w)}:${JSON.stringify(l)}`).join(',\n');
  const head = JSON.stringify({ ...table, entries: undefined }).slice(0, -1);
  writeFileSync(out, `${head},"entries":{\n${body}\n}}\n`);
  console.log(`${out}: ${table.meta.keys} keys, ${table.meta.pairs} pairs`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
