// The dictionary pivot: two Chinese headwords of a Chinese → English dictionary (CC-CEDICT) that share a
// specific English sense are related terms (解雇 / 辞退 "dismiss", 薪水 / 薪金 "salary"). Pure: no I/O;
// scripts/lexicon/dictionary-table.ts reads the dictionary and writes the table (ADR 0017, round 4).
//
// Procedure:
//  1. headwords: the Simplified form, CJK only, ≥ 2 characters; proper nouns (a capitalised pinyin
//     syllable: places, people, brands) are skipped; the senses of a headword's several entries merge.
//  2. senses: every definition is split at ";"; a piece that is a cross-reference or a grammatical note
//     ("see …", "variant of …", "CL:…", "surname …", "abbr. for …", "used in …", "lit. …" — a literal gloss,
//     not the meaning) is dropped; the rest is normalised: parenthesised and bracketed notes removed,
//     lower case, "to" / "a" / "the" / "fig." in front and the placeholders sb, sth, one's removed; a piece
//     still holding CJK (a cross-reference) is dropped. Options: plurals to the singular (`singular`),
//     senses marked (old) / (archaic) / (classical) dropped (`dropArchaic`).
//  3. a normalised sense shared by more than `maxShare` headwords is too general to link anything
//     ("be", "make"); a sense of one English word is also dropped when that word occurs in the senses of
//     more than `maxWordDf` headwords (an ambiguous word), multi-word senses are kept.
//  4. pairs: two headwords sharing kept senses, unless one contains the other (工资 / 工资单 are found by
//     the ranker's own features). specificity(s) = (1 / (n(s) − 1)) ^ specPower, n(s) = headwords with
//     sense s; weight(a, b) = 1 − Π (1 − specificity(s)) over their shared senses (a sense of exactly two
//     headwords gives 1; several shared general senses add up like independent evidence), × `charless`
//     when the two share no character (everyday / formal variants usually do: 删掉 / 删除, 辱骂 / 侮辱).
//  5. keys: a headword is a key only when it is one word of the analyzer (jieba exact mode keeps it whole
//     and it is no filler word): the table is looked up with the analyzer's content words; optionally
//     only words at most `maxKeyFreq` frequent in general Chinese. Each key keeps its `topK` best related
//     terms (weight, then code point order: deterministic); `relative` divides by the key's best weight.
// Measured in round 4 (ADR 0017): no setting helped dev section recall, so no table is on by default.

export interface DictionaryEntry {
  traditional?: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

export interface PivotParams {
  /** a sense shared by more headwords than this links none of them */
  maxShare: number;
  /** a one-word sense is dropped when its word occurs in the senses of more headwords than this */
  maxWordDf: number;
  /** related terms kept per key */
  topK: number;
  /** lowest pair weight kept */
  minWeight?: number;
  /** specificity = (1 / (n(s) − 1)) ** specPower; default 1 */
  specPower?: number;
  /** English plurals reduced to the singular (wages → wage, salaries → salary); default false */
  singular?: boolean;
  /** senses marked (old), (archaic), (classical) … are dropped; default false */
  dropArchaic?: boolean;
  /** multiplier of the weight of a pair that shares no character (删掉 / 删除 share one, 钟头 / 小时
   *  none): 1 keeps such pairs as they are, 0 drops them; default 1 */
  charless?: number;
  /** a headword more frequent than this in general Chinese (jieba's dictionary count) is no key: common
   *  words (要求, 进行) are matched well enough as they are and their dictionary neighbours add noise;
   *  default no limit */
  maxKeyFreq?: number;
  /** weights divided by the key's best weight (its closest term gets 1), as the learned table does */
  relative?: boolean;
}

/** What the table needs to know of the analyzer's segmenter. */
export interface KeyVocabulary {
  /** the analyzer produces this headword as one content word */
  isWord(word: string): boolean;
  /** general-language frequency of a word (0 when unknown) */
  frequency(word: string): number;
}

export type SenseOptions = Pick<PivotParams, 'singular' | 'dropArchaic'>;

const DROP_PIECE = /^(see( also)?\b|(old |archaic |japanese |erhua |taiwan |korean )?variant of\b|cl:|surname\b|abbr\.|abbreviation\b|also written\b|also pr\.|taiwan pr\.|pr\.|used in\b|used for\b|classifier for\b|lit\.|same as\b|name of\b|also called\b|also known as\b|euphemism for\b|equivalent to\b|component in\b|as in\b|e\.g\.|i\.e\.)/i;
const LEADING = /^(?:(?:fig\.|figuratively|to|a|an|the|be)\s+)+/;
const PLACEHOLDERS = /\b(?:sb's|sb|sth's|sth|one's|oneself|someone|something|somebody)\b/g;
const ARCHAIC = /\((?:old|archaic|classical|ancient|old usage|obsolete|historical)\)/i;
const CJK = /[\u3400-\u9fff]/;

/** wages → wage, salaries → salary, taxes → tax; leaves -ss, -us, -is and short words alone */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}
const HEADWORD = /^[\u3400-\u9fff]{2,}$/;

/** The normalised senses of one definition string (an element of `english`); [] when it carries none. */
export function normalizeSenses(definition: string, opts: SenseOptions = {}): string[] {
  const out: string[] = [];
  for (const raw of definition.split(/;/)) {
    let p = raw.trim();
    if (!p || DROP_PIECE.test(p) || (opts.dropArchaic && ARCHAIC.test(p))) continue;
    // nested notes: remove innermost brackets until none is left
    for (let prev = ''; prev !== p; ) {
      prev = p;
      p = p.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ');
    }
    p = p.toLowerCase();
    if (CJK.test(p) || DROP_PIECE.test(p.trim())) continue;
    p = p.replace(PLACEHOLDERS, ' ').replace(/["“”…!?]/g, ' ').replace(/\s+/g, ' ').trim();
    p = p.replace(LEADING, '').replace(/^[\s,.:/-]+|[\s,.:/-]+$/g, '').trim();
    if (opts.singular) p = p.split(' ').map(singular).join(' ');
    if (p.length < 2 || !/[a-z]/.test(p)) continue;
    out.push(p);
  }
  return out;
}

/** Headword → its normalised senses (step 1 and 2); proper nouns and non-CJK headwords skipped. */
export function headwordSenses(entries: Iterable<DictionaryEntry>, opts: SenseOptions = {}): Map<string, Set<string>> {
  const senses = new Map<string, Set<string>>();
  for (const e of entries) {
    const w = e.simplified;
    if (!HEADWORD.test(w) || /[A-Z]/.test(e.pinyin)) continue;
    for (const d of e.english) {
      for (const s of normalizeSenses(d, opts)) {
        let set = senses.get(w);
        if (!set) senses.set(w, (set = new Set()));
        set.add(s);
      }
    }
  }
  return senses;
}

/** Related pairs from shared specific senses (steps 3 and 4): word → [other word, weight] best first. */
export function pivotPairs(senses: Map<string, Set<string>>, params: Omit<PivotParams, 'topK'>): Map<string, [string, number][]> {
  const bySense = new Map<string, string[]>();
  const wordDf = new Map<string, number>();
  for (const [w, ss] of senses) {
    const words = new Set<string>();
    for (const s of ss) {
      const list = bySense.get(s);
      if (list) list.push(w);
      else bySense.set(s, [w]);
      for (const t of s.split(' ')) words.add(t);
    }
    for (const t of words) wordDf.set(t, (wordDf.get(t) ?? 0) + 1);
  }
  // word → other word → product of (1 − specificity) over shared senses
  const miss = new Map<string, Map<string, number>>();
  for (const [s, ws] of bySense) {
    if (ws.length < 2 || ws.length > params.maxShare) continue;
    if (!s.includes(' ') && (wordDf.get(s) ?? 0) > params.maxWordDf) continue;
    const spec = (1 / (ws.length - 1)) ** (params.specPower ?? 1);
    for (const a of ws) {
      for (const b of ws) {
        if (a === b || a.includes(b) || b.includes(a)) continue;
        let m = miss.get(a);
        if (!m) miss.set(a, (m = new Map()));
        m.set(b, (m.get(b) ?? 1) * (1 - spec));
      }
    }
  }
  const out = new Map<string, [string, number][]>();
  const charless = params.charless ?? 1;
  for (const [a, m] of miss) {
    const list: [string, number][] = [];
    const chars = new Set(a);
    for (const [b, p] of m) {
      const w = (1 - p) * ([...b].some((c) => chars.has(c)) ? 1 : charless);
      if (w <= 0) continue;
      if (w >= (params.minWeight ?? 0)) list.push([b, Math.round(w * 1000) / 1000]);
    }
    if (!list.length) continue;
    list.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    out.set(a, list);
  }
  return out;
}

/**
 * The table (step 5): keys that `isKey` accepts (the analyzer's words), topK terms each, keys in code
 * point order so the file is stable.
 */
export function dictionaryTable(
  entries: Iterable<DictionaryEntry>,
  params: PivotParams,
  vocabulary: KeyVocabulary,
): Record<string, [string, number][]> {
  const pairs = pivotPairs(headwordSenses(entries, params), params);
  const table: Record<string, [string, number][]> = {};
  const maxFreq = params.maxKeyFreq ?? Infinity;
  for (const k of [...pairs.keys()].sort()) {
    if (!vocabulary.isWord(k) || vocabulary.frequency(k) > maxFreq) continue;
    const list = pairs.get(k)!.slice(0, params.topK);
    const best = params.relative ? list[0]![1] : 1;
    table[k] = list.map(([t, w]) => [t, Math.round((w / best) * 1000) / 1000]);
  }
  return table;
}
