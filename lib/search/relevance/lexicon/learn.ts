/**
 * Learning everyday-word → formal-term associations from (question, answering article) pairs.
 *
 * Procedure (docs/decisions/0017-general-lexicon.md, rebuilt by `npm run lexicon:learn`):
 *  1. question words = contentWords() of the normalised question (the same words the analyzer looks
 *     up at search time); article words = jieba exact-mode words (≥ 2 CJK chars, no stop words) of
 *     the normalised text of the gold articles, and their document frequency over all units.
 *  2. for a question word q seen in n(q) training questions and an article word a:
 *       n(q,a) = training questions containing q whose gold articles contain a,
 *       p(a|q) = n(q,a) / n(q),  background p(a) = share of all units containing a,
 *       lift  = p(a|q) / p(a).
 *     (optionally only for q found in at most maxQShare of all units: an everyday word)
 *  3. keep a for q when n(q,a) ≥ minCount, p(a|q) ≥ minProb, lift ≥ minLift and neither word
 *     contains the other; rank by p(a|q)·ln(lift), keep topK, weight = score / best score of q.
 * Thresholds are chosen by k-fold cross-validation over the training questions (split by question).
 * Pure: no I/O; the script in scripts/lexicon/ reads the corpus and writes the data file.
 */
import { contentWords } from '../analyze';
import { normalizeText } from '../normalize';
import { STOP_PHRASE_SET, getJieba } from '../tokenize';
import type { LearnedLexicon } from './learned';

export type { LearnedLexicon };

export interface LearnParams {
  minCount: number;
  minProb: number;
  minLift: number;
  topK: number;
  /** feature weight of a learned term relative to a query word (the analyzer's learnedWeight) */
  weight: number;
  /** only question words found in at most this share of units (everyday words); default 1 = all */
  maxQShare?: number;
  /** keep a pair only when its co-occurrences span at least this many distinct gold documents (1 or 2);
   *  needs pairs counted with their documents. Default 1. */
  minDocs?: number;
  /** how candidates of a word are ranked: p·ln(lift) (default, for lift counts) or p alone (for
   *  translation-model counts, whose p is already an alignment share) */
  rankBy?: 'pLogLift' | 'prob';
  /** shrink p(a|q) = n(q,a) / (n(q) + shrink): a word seen in few questions needs more evidence; default 0 */
  shrink?: number;
  /** words found in at most this share of the units (everyday words the articles hardly use) need only
   *  one supporting question (their pairs are still shrunk); default 0 (off) = minCount for every word */
  rareShare?: number;
}

interface TrainingPair {
  question: string;
  /** texts of the articles that answer it */
  articles: string[];
}

const CJK_WORD = /^[\u3400-\u9fff]{2,}$/;

/** Content words of an article text (jieba exact mode, ≥ 2 CJK characters, no stop words). */
export function articleWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of getJieba().cut(normalizeText(text), false)) if (CJK_WORD.test(w) && !STOP_PHRASE_SET.has(w)) out.add(w);
  return out;
}

/** Question words looked up in the learned table (same function the analyzer uses). */
export function questionWords(question: string, groups: readonly (readonly string[])[] = []): string[] {
  return contentWords(normalizeText(question), groups).filter((w) => CJK_WORD.test(w));
}

/** Co-occurrence counts; computed once per training set, then selected under many thresholds. */
export interface CoCounts {
  nq: Map<string, number>;
  nqa: Map<string, Map<string, number>>;
  /** share of all units containing the word */
  background: (word: string) => number;
  /** per (q, a): the first gold document seen, or true once a second distinct document was seen */
  docs: Map<string, Map<string, string | true>>;
}

export function countCooccurrence(
  pairs: readonly { qWords: readonly string[]; aWords: ReadonlySet<string>; doc?: string }[],
  background: (word: string) => number,
): CoCounts {
  const nq = new Map<string, number>();
  const nqa = new Map<string, Map<string, number>>();
  const docs = new Map<string, Map<string, string | true>>();
  for (const p of pairs) {
    for (const q of new Set(p.qWords)) {
      nq.set(q, (nq.get(q) ?? 0) + 1);
      let m = nqa.get(q);
      if (!m) nqa.set(q, (m = new Map()));
      for (const a of p.aWords) m.set(a, (m.get(a) ?? 0) + 1);
      if (p.doc === undefined) continue;
      let d = docs.get(q);
      if (!d) docs.set(q, (d = new Map()));
      for (const a of p.aWords) {
        const seen = d.get(a);
        if (seen === undefined) d.set(a, p.doc);
        else if (seen !== true && seen !== p.doc) d.set(a, true);
      }
    }
  }
  return { nq, nqa, background, docs };
}

export function selectEntries(counts: CoCounts, p: LearnParams): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {};
  for (const [q, n] of [...counts.nq].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const minCount = (p.rareShare ?? 0) > 0 && counts.background(q) <= p.rareShare! ? 1 : p.minCount;
    if (n < minCount || counts.background(q) > (p.maxQShare ?? 1)) continue;
    const cands: [string, number][] = [];
    for (const [a, k] of counts.nqa.get(q) ?? []) {
      if (k < minCount || a.includes(q) || q.includes(a)) continue;
      if ((p.minDocs ?? 1) >= 2 && counts.docs.get(q)?.get(a) !== true) continue;
      const prob = k / (n + (p.shrink ?? 0));
      if (prob < p.minProb) continue;
      const bg = Math.max(counts.background(a), 1e-6);
      const lift = prob / bg;
      if (lift < p.minLift) continue;
      cands.push([a, p.rankBy === 'prob' ? prob : prob * Math.log(lift)]);
    }
    if (!cands.length) continue;
    cands.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const top = cands.slice(0, p.topK);
    const best = top[0]![1];
    out[q] = top.map(([a, s]) => [a, Number((s / best).toFixed(3))]);
  }
  return out;
}


export interface Model1Options {
  /** EM iterations (the first one starts from uniform translation probabilities) */
  iterations: number;
  /** prior mass of the null word relative to one article word (≥ 0); default 1 */
  nullWeight?: number;
  /** additive smoothing of t(q|a) over the question vocabulary (Moore 2004): keeps a rare article
   *  word from absorbing every question word it was seen with; default 0 */
  smoothing?: number;
}

/**
 * IBM Model 1 (translation model) over (question, article) pairs: every question word is generated by
 * one word of its gold articles or by a null word, t(q|a) is estimated by EM. A question word that the
 * article itself contains is explained by that word (t(q|q) grows), so only words the articles do not
 * use get aligned to other article words — the everyday → formal pairs; words found in every kind of
 * question are left to the null word.
 *
 * Returns counts in the shape of countCooccurrence: nq = questions containing q, nqa = expected number
 * of those questions in which q was generated by a (the alignment posterior of the last E step), so
 * selectEntries applies the same thresholds (minCount on expected counts, minProb = share of q's
 * occurrences explained by a; rankBy 'prob').
 */
export function model1Counts(
  pairs: readonly { qWords: readonly string[]; aWords: ReadonlySet<string> }[],
  background: (word: string) => number,
  opts: Model1Options,
): CoCounts {
  const NULL = '\u0000';
  const nullWeight = opts.nullWeight ?? 1;
  const sets = pairs.map((p) => ({ q: [...new Set(p.qWords)], a: [...p.aWords] }));
  const nq = new Map<string, number>();
  for (const p of sets) for (const q of p.q) nq.set(q, (nq.get(q) ?? 0) + 1);
  // t.get(a).get(q) = t(q|a); undefined = uniform (first iteration)
  let t: Map<string, Map<string, number>> | null = null;
  let nqa = new Map<string, Map<string, number>>();
  const tOf = (a: string, q: string) => (t ? (t.get(a)?.get(q) ?? 0) : 1);
  for (let it = 0; it < Math.max(1, opts.iterations); it++) {
    const c = new Map<string, Map<string, number>>(); // a → q → expected count
    nqa = new Map();
    for (const p of sets) {
      for (const q of p.q) {
        let denom = nullWeight * tOf(NULL, q);
        for (const a of p.a) denom += tOf(a, q);
        if (denom <= 0) continue;
        const add = (a: string, x: number) => {
          if (x <= 0) return;
          let m = c.get(a);
          if (!m) c.set(a, (m = new Map()));
          m.set(q, (m.get(q) ?? 0) + x);
        };
        add(NULL, (nullWeight * tOf(NULL, q)) / denom);
        let row = nqa.get(q);
        if (!row) nqa.set(q, (row = new Map()));
        for (const a of p.a) {
          const x = tOf(a, q) / denom;
          add(a, x);
          if (x > 0) row.set(a, (row.get(a) ?? 0) + x);
        }
      }
    }
    // M step: t(q|a) = c(q,a) / Σ_q' c(q',a)
    const next = new Map<string, Map<string, number>>();
    const alpha = opts.smoothing ?? 0;
    const vocab = nq.size;
    for (const [a, m] of c) {
      let sum = 0;
      for (const x of m.values()) sum += x;
      const row = new Map<string, number>();
      for (const [q, x] of m) row.set(q, (x + alpha) / (sum + alpha * vocab));
      next.set(a, row);
    }
    t = next;
  }
  return { nq, nqa, background, docs: new Map() };
}

/**
 * Document expansion, the other direction of a learned table: an article word a that answers the
 * everyday word q (entries q → a) lets a unit containing a be found by q. Returns the everyday words
 * of one unit, best first: weight = the best table weight over the unit's words that point to q, q not
 * already in the unit, at most `perUnit`.
 */
export function documentExpansions(
  unitWords: ReadonlySet<string>,
  unitText: string,
  inverted: ReadonlyMap<string, readonly [string, number][]>,
  perUnit: number,
): { text: string; weight: number }[] {
  const best = new Map<string, number>();
  for (const a of unitWords) {
    for (const [q, w] of inverted.get(a) ?? []) {
      if (unitText.includes(q)) continue;
      if ((best.get(q) ?? 0) < w) best.set(q, w);
    }
  }
  return [...best]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, perUnit)
    .map(([text, weight]) => ({ text, weight }));
}

/** entries q → [a, w] turned around: a → [q, w]. */
export function invertEntries(entries: Record<string, readonly [string, number][]>): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const [q, list] of Object.entries(entries)) {
    for (const [a, w] of list) {
      let l = out.get(a);
      if (!l) out.set(a, (l = []));
      l.push([q, w]);
    }
  }
  return out;
}
