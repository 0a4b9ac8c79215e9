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
    if (n < p.minCount || counts.background(q) > (p.maxQShare ?? 1)) continue;
    const cands: [string, number][] = [];
    for (const [a, k] of counts.nqa.get(q) ?? []) {
      if (k < p.minCount || a.includes(q) || q.includes(a)) continue;
      if ((p.minDocs ?? 1) >= 2 && counts.docs.get(q)?.get(a) !== true) continue;
      const prob = k / n;
      if (prob < p.minProb) continue;
      const bg = Math.max(counts.background(a), 1e-6);
      const lift = prob / bg;
      if (lift < p.minLift) continue;
      cands.push([a, prob * Math.log(lift)]);
    }
    if (!cands.length) continue;
    cands.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const top = cands.slice(0, p.topK);
    const best = top[0]![1];
    out[q] = top.map(([a, s]) => [a, Number((s / best).toFixed(3))]);
  }
  return out;
}

