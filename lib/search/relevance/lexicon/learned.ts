/**
 * Runtime side of the learned everyday-word → formal-term table (lexicon/learned-stard.json, made by
 * `npm run lexicon:learn -- --corpus <dir>`, procedure in lexicon/learn.ts and ADR 0017).
 */
import learnedData from './learned-stard.json';

export interface LearnedLexicon {
  version: 1;
  /** how it was made (procedure, thresholds, corpus, sizes) — informational */
  meta: Record<string, unknown>;
  /** multiplier of a learned term's features relative to the query's own words (< synonym weight) */
  weight: number;
  /** question word → [article term, weight in (0, 1]] best first */
  entries: Record<string, [string, number][]>;
}

/** The shipped table (empty entries when it was never learned). */
export const DEFAULT_LEARNED_LEXICON: LearnedLexicon = learnedData as unknown as LearnedLexicon;

/** Learned expansions of a query's content words: term → weight (max over triggering words). */
export function learnedExpansionsFor(
  keywords: readonly string[],
  normalizedQuery: string,
  lexicon: Pick<LearnedLexicon, 'entries'>,
): { term: string; from: string; weight: number }[] {
  const best = new Map<string, { term: string; from: string; weight: number }>();
  for (const k of keywords) {
    const list = Object.prototype.hasOwnProperty.call(lexicon.entries, k) ? lexicon.entries[k] : undefined;
    if (!list) continue;
    for (const [term, weight] of list) {
      if (normalizedQuery.includes(term)) continue;
      const prev = best.get(term);
      if (!prev || prev.weight < weight) best.set(term, { term, from: k, weight });
    }
  }
  return [...best.values()];
}
