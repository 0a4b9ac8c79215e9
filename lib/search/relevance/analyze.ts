/**
 * Query analysis: normalisation → filler-word removal → synonym expansion → learned expansion →
 * weighted features. Weights: the query's own words 1, synonym terms `expansionWeight` (0.6),
 * learned terms `learnedWeight` × their table weight (lower still; docs/decisions/0017).
 * Independent of any index, so a candidate generator (e.g. Meilisearch) can be fed
 * `normalized`, `keywords` and `expansions` directly, and the in-memory ranker re-scores.
 */
import { normalizeText } from './normalize';
import { DEFAULT_SYNONYM_GROUPS, containsTerm, expandQuery, mergeSynonymGroups, type Expansion } from './synonyms';
import { DEFAULT_LEARNED_LEXICON, learnedExpansionsFor, type LearnedLexicon } from './lexicon/learned';
import { correctTypos, type TypoVocabulary } from './typo';
import { STOP_PHRASE_SET, addJiebaWords, charBigrams, getJieba, jiebaWords, latinWords, stripQueryStopPhrases } from './tokenize';

export interface AnalyzerOptions {
  /** synonym groups (already merged); defaults to DEFAULT_SYNONYM_GROUPS */
  synonymGroups?: readonly (readonly string[])[];
  /** weight of jieba word features */
  wordWeight?: number;
  /** weight of character-bigram features */
  bigramWeight?: number;
  /** multiplier for features that come only from synonym expansion */
  expansionWeight?: number;
  /** expansions of one group beyond this many terms share the weight */
  expansionBudget?: number;
  /** remove question / filler words */
  stripStopWords?: boolean;
  /** known domain words for typo correction (built by the index); omit to disable */
  typoVocabulary?: TypoVocabulary;
  /** learned everyday-word → formal-term table; defaults to the shipped one, null disables */
  learned?: Pick<LearnedLexicon, 'entries' | 'weight'> | null;
  /** overrides the table's own weight (multiplier of a learned term's features) */
  learnedWeight?: number;
  /** learned terms also count as alternatives of their word in the coverage check (default on since
   *  round 2: cross-validated on STARD-train 0.601 → 0.612; false disables) */
  learnedInCoverage?: boolean;
  /** a learned term also adds its jieba words and bigrams (default true); false = the whole term only */
  learnedParts?: boolean;
  /**
   * further word → related-term tables from general sources (dictionaries, word vectors), applied like the
   * learned table, each with its own weight; a term already added by synonyms or the learned table is
   * skipped. Defaults to DEFAULT_RELATED_LEXICONS; [] disables.
   */
  related?: readonly RelatedLexicon[];
  /**
   * how a stray single character of the question joins the content words: 'forward' (default) glues it
   * to the next word (陪+产假, but also 因+征收, 谁+偿还); 'typed' drops function characters (因, 将, 谁 …),
   * glues suffixes (第三+人, 先用+权, 承包+方) to the word before and the rest forward. Measured in round 3
   * (ADR 0003): typed raises answerable questions answered with confidence (STARD-train 0.341 → 0.375, dev
   * 0.192 → 0.212, same false deflection) but costs STARD-train section recall with the kept steps
   * (0.729 → 0.721 with a table relearned under it), so it is not the default.
   */
  glue?: GlueMode;
}

/** A general word → related-term table (same entry shape as the learned table). */
export interface RelatedLexicon {
  /** short name for logs and the lab (e.g. "vectors", "cedict") */
  name: string;
  /** multiplier of a related term's features (× the entry's own weight) */
  weight: number;
  /** related terms also count as alternatives of their word in the coverage check */
  inCoverage?: boolean;
  entries: Record<string, [string, number][]>;
}

/** General tables on by default (none until one measures as helping; docs/decisions/0017). */
export const DEFAULT_RELATED_LEXICONS: readonly RelatedLexicon[] = [];

export interface LearnedExpansion {
  term: string;
  /** the query content word that triggered it */
  from: string;
  /** final multiplier of the term's features (learnedWeight × table weight) */
  weight: number;
  /** the table it came from: "learned" or a related lexicon's name */
  source?: string;
  /** counts as an alternative of `from` in the coverage check */
  inCoverage?: boolean;
}

export interface QueryConcept {
  /** a content word of the query (jieba exact mode, after filler removal) */
  term: string;
  /** the term plus its synonyms (normalised) */
  alternatives: string[];
}

export interface AnalyzedQuery {
  raw: string;
  /** normalised full query (Simplified, lower-case, half-width) */
  normalized: string;
  /** normalised query with filler words removed — good text for a keyword search engine */
  stripped: string;
  /** content words of the query */
  keywords: string[];
  /** synonym expansions triggered by the query */
  expansions: Expansion[];
  /** learned expansions (weighted below synonyms) */
  learned: LearnedExpansion[];
  /** typo corrections applied ([typo, correction]) */
  corrections: [string, string][];
  /** weighted features (prefix "w:" word, "b:" bigram, "u:" single char) */
  features: Map<string, number>;
  concepts: QueryConcept[];
}

const defaultGroupsCache = new WeakMap<object, string[][]>();

export function resolveGroups(groups?: readonly (readonly string[])[]): string[][] {
  const src = groups ?? DEFAULT_SYNONYM_GROUPS;
  let g = defaultGroupsCache.get(src);
  if (!g) {
    g = mergeSynonymGroups(src);
    addJiebaWords(g.flat());
    defaultGroupsCache.set(src, g);
  }
  return g;
}

function addFeature(map: Map<string, number>, f: string, w: number): void {
  const prev = map.get(f);
  if (prev === undefined || prev < w) map.set(f, w);
}

/** Function characters jieba leaves alone (因/将/以/由/…): dropped rather than glued to a neighbour (因+征收 ≠ a word). */
const FUNCTION_CHARS = new Set([...'因将以由中内下后上时找谁指仍但未所及其于向从为而并且则即又再均各该此等已曾需须应若当每另经按凭据就之乃亦皆只才却更最很太']);
/** Suffix characters that end a compound (第三+人, 先用+权, 承包+方): glued to the word before them. */
const SUFFIX_CHARS = new Set([...'人权方者费金款税率额险证书单表品物性期地法价']);

export type GlueMode = 'forward' | 'typed';

/**
 * Content words of a normalised query for coverage checks: jieba exact mode without HMM (no
 * invented words such as 人入), filler words dropped, and a stray single character glued to its
 * neighbour so that compounds survive (陪+产假 → 陪产假, 育儿+假 → 育儿假, 年+假 → 年假); with glue
 * 'typed' a function character is dropped instead (因+征收, 谁+偿还 are not words) and a suffix character
 * joins the word before it (第三+人 → 第三人).
 * Latin words are mapped to the first Chinese term of their synonym group.
 */
export function contentWords(normalized: string, groups: readonly (readonly string[])[], glue: GlueMode = 'forward'): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[\u3400-\u9fff]+|[a-z][a-z0-9+.\-]*[a-z0-9+]|\d+(?:\.\d+)?%?/g)) {
    const chunk = m[0];
    if (!/^[\u3400-\u9fff]/.test(chunk)) {
      const g = groups.find((x) => x.includes(chunk));
      const cn = g?.find((t) => /[\u3400-\u9fff]/.test(t));
      if (cn) out.push(cn);
      else if (chunk.length >= 2) out.push(chunk);
      continue;
    }
    const toks = getJieba().cut(chunk, false).map((t) => (STOP_PHRASE_SET.has(t) ? null : t));
    const merged: (string | null)[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t === null || t === undefined) {
        merged.push(null);
        continue;
      }
      const next = toks[i + 1];
      if (glue === 'typed' && t.length === 1) {
        const prev = merged[merged.length - 1];
        if (FUNCTION_CHARS.has(t)) merged.push(null);
        else if (SUFFIX_CHARS.has(t) && prev) merged[merged.length - 1] = prev + t;
        else if (next) {
          merged.push(t + next);
          i++;
        } else if (prev) merged[merged.length - 1] = prev + t;
        continue;
      }
      if (t.length === 1 && next) {
        merged.push(t + next);
        i++;
      } else if (t.length === 1 && merged.length && merged[merged.length - 1]) {
        merged[merged.length - 1] += t;
      } else merged.push(t);
    }
    for (const w of merged) if (w && w.length >= 2) out.push(w);
  }
  return [...new Set(out)];
}

/** Analyse a user query (pure; deterministic). */
export function analyzeQuery(query: string, opts: AnalyzerOptions = {}): AnalyzedQuery {
  const groups = resolveGroups(opts.synonymGroups);
  const ww = opts.wordWeight ?? 1;
  const bw = opts.bigramWeight ?? 1;
  const ewBase = opts.expansionWeight ?? 0.6;
  let normalized = normalizeText(query);
  let stripped = opts.stripStopWords === false ? normalized : stripQueryStopPhrases(normalized);
  const corrections = opts.typoVocabulary ? correctTypos(stripped, opts.typoVocabulary) : [];
  if (corrections.length) {
    const extra = corrections.map(([, c]) => c).join(' ');
    normalized = `${normalized} ${extra}`;
    stripped = `${stripped} ${extra}`;
  }
  const expansions = expandQuery(normalized, groups);
  // Latin abbreviations / English terms are replaced by the group's first Chinese term for
  // feature extraction and coverage ("hr" → "人力资源", "annual leave" → "年假").
  for (const g of groups) {
    const cn = g.find((t) => /[\u3400-\u9fff]/.test(t));
    if (!cn) continue;
    for (const t of g) if (/^[a-z0-9+.\- ]+$/.test(t) && containsTerm(stripped, t)) stripped = stripped.split(t).join(` ${cn} `);
  }
  const perGroup = new Map<string, number>();
  for (const e of expansions) perGroup.set(e.from, (perGroup.get(e.from) ?? 0) + 1);

  const features = new Map<string, number>();
  for (const f of jiebaWords(stripped)) addFeature(features, f, ww);
  for (const f of latinWords(stripped)) addFeature(features, f, ww);
  for (const f of charBigrams(stripped)) if (!f.startsWith('u:')) addFeature(features, f, bw);
  for (const e of expansions) {
    const t = e.term;
    const ew = ewBase * Math.min(1, (opts.expansionBudget ?? 3) / (perGroup.get(e.from) ?? 1));
    for (const f of jiebaWords(t)) addFeature(features, f, ww * ew);
    for (const f of latinWords(t)) addFeature(features, f, ww * ew);
    for (const f of charBigrams(t)) if (!f.startsWith('u:')) addFeature(features, f, bw * ew);
    if (/^[\u3400-\u9fff]{2,}$/.test(t)) addFeature(features, `w:${t}`, ww * ew);
  }

  const keywords = contentWords(normalized, groups, opts.glue);
  const table = opts.learned === undefined ? DEFAULT_LEARNED_LEXICON : opts.learned;
  const lw = opts.learnedWeight ?? table?.weight ?? 0;
  const learned: LearnedExpansion[] = [];
  // a learned or related term: its jieba words and bigrams (unless `parts` is false) and the whole term
  const addTerm = (term: string, w: number, parts: boolean) => {
    if (parts) {
      for (const f of jiebaWords(term)) addFeature(features, f, ww * w);
      for (const f of charBigrams(term)) if (!f.startsWith('u:')) addFeature(features, f, bw * w);
    }
    addFeature(features, `w:${term}`, ww * w);
  };
  if (table && lw > 0) {
    const synonymTerms = new Set(expansions.map((e) => e.term));
    for (const e of learnedExpansionsFor(keywords, normalized, table)) {
      if (synonymTerms.has(e.term)) continue;
      const w = lw * e.weight;
      learned.push({ term: e.term, from: e.from, weight: w });
      addTerm(e.term, w, opts.learnedParts !== false);
    }
  }
  const related = opts.related ?? DEFAULT_RELATED_LEXICONS;
  if (related.length) {
    const taken = new Set([...expansions.map((e) => e.term), ...learned.map((e) => e.term)]);
    for (const lex of related) {
      if (!(lex.weight > 0)) continue;
      for (const e of learnedExpansionsFor(keywords, normalized, lex)) {
        if (taken.has(e.term)) continue;
        taken.add(e.term);
        const w = lex.weight * e.weight;
        learned.push({ term: e.term, from: e.from, weight: w, source: lex.name, inCoverage: lex.inCoverage === true });
        addTerm(e.term, w, true);
      }
    }
  }
  const concepts: QueryConcept[] = [...new Set(keywords)].map((term) => {
    const alts = new Set<string>([term]);
    for (const g of groups) if (g.includes(term)) for (const t of g) alts.add(t);
    for (const e of learned) {
      if (e.from !== term) continue;
      if (e.source === undefined ? opts.learnedInCoverage !== false : e.inCoverage) alts.add(e.term);
    }
    return { term, alternatives: [...alts] };
  });

  return { raw: query, normalized, stripped, keywords, expansions, learned, corrections, features, concepts };
}
