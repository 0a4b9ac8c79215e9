/**
 * Workplace synonym / paraphrase groups — plain data, mergeable with owner-supplied groups.
 *
 * A group is a list of terms that mean (roughly) the same thing in a company-policy context:
 * colloquial words, formal/legal wording, abbreviations, English. Matching is on the normalised
 * query (Simplified, lower-case, half-width), so Traditional spellings need not be listed.
 * Expansion is query-side only: when any term of a group occurs in the query, the other terms
 * are added with a reduced weight. Policy owners can extend this list (see mergeSynonymGroups).
 */
import { GENERAL_LEXICON_GROUPS } from './lexicon/general';
import { normalizeText } from './normalize';

export type SynonymGroup = readonly string[];

/**
 * The default groups are the general lexicon (lexicon/general.ts), organised by concept and written
 * from general knowledge; the pre-issue-20 list written from the dev questions is quarantined in
 * lexicon/legacy-dev.ts and not used (docs/decisions/0017-general-lexicon.md).
 */
export const DEFAULT_SYNONYM_GROUPS: readonly SynonymGroup[] = GENERAL_LEXICON_GROUPS;

/** Normalise, de-duplicate, and merge synonym groups; groups sharing a term are NOT unioned (kept explicit). */
export function mergeSynonymGroups(...lists: readonly (readonly SynonymGroup[])[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const list of lists) {
    for (const g of list) {
      const terms = [...new Set(g.map((t) => normalizeText(t)).filter((t) => t.length > 0))];
      if (terms.length < 2) continue;
      const key = [...terms].sort().join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(terms);
    }
  }
  return out;
}

/** Parse owner-supplied groups from text: one group per line, terms separated by "," "，" "、" or "|". */
export function parseSynonymText(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => l.split(/[,，、|]/).map((t) => t.trim()).filter(Boolean));
}

export interface Expansion {
  term: string;
  /** the query term that triggered it */
  from: string;
}

const isLatin = (t: string) => /^[a-z0-9+.\- ]+$/.test(t);

/** Does the normalised query contain the term (Latin terms must sit on word boundaries)? */
export function containsTerm(query: string, term: string): boolean {
  if (!isLatin(term)) return query.includes(term);
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${esc}($|[^a-z0-9])`).test(query);
}

/** Terms to add for a normalised query (excluding terms already present). */
export function expandQuery(normalizedQuery: string, groups: readonly (readonly string[])[]): Expansion[] {
  const out: Expansion[] = [];
  const added = new Set<string>();
  for (const g of groups) {
    const hit = g.find((t) => containsTerm(normalizedQuery, t));
    if (!hit) continue;
    for (const t of g) {
      if (t === hit || added.has(t) || containsTerm(normalizedQuery, t)) continue;
      added.add(t);
      out.push({ term: t, from: hit });
    }
  }
  return out;
}
