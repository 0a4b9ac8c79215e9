// The corpus README's naive reference ranker, kept deliberately plain so the benchmark has a fixed
// floor to compare the portal against: BM25 over character bigrams of CJK runs plus lower-cased
// latin words. No Traditional/Simplified conversion, no synonyms, no tuning.

export interface BigramSection {
  doc: string;
  /** Absent for a document without numbered units (indexed whole). */
  section?: string;
  text: string;
}

export interface BigramHit {
  doc: string;
  section?: string;
  score: number;
}

export interface BigramIndex {
  sections: BigramSection[];
  /** term → [section index, term frequency] pairs. */
  postings: Map<string, [number, number][]>;
  lengths: number[];
  avgLength: number;
  k1: number;
  b: number;
}

const CJK_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;
const LATIN_WORD = /[a-z0-9]+/g;

/** Bigrams of every CJK run (a one-character run is kept as itself) and latin words, in order. */
export function bigramTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  for (const word of text.toLowerCase().replace(CJK_RUN, " ").match(LATIN_WORD) ?? []) tokens.push(word);
  return tokens;
}

export function buildBigramIndex(sections: BigramSection[], options: { k1?: number; b?: number } = {}): BigramIndex {
  const postings = new Map<string, [number, number][]>();
  const lengths: number[] = [];
  sections.forEach((s, i) => {
    const tokens = bigramTokens(s.text);
    lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t);
      if (list) list.push([i, n]);
      else postings.set(t, [[i, n]]);
    }
  });
  const avgLength = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
  return { sections, postings, lengths, avgLength, k1: options.k1 ?? 1.2, b: options.b ?? 0.75 };
}

/** Top `limit` sections sharing at least one query term, by BM25 (ties keep corpus order). */
export function searchBigram(index: BigramIndex, query: string, limit = 10): BigramHit[] {
  const n = index.sections.length;
  const scores = new Map<number, number>();
  for (const term of new Set(bigramTokens(query))) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const [i, tf] of list) {
      const norm = index.k1 * (1 - index.b + (index.b * index.lengths[i]!) / (index.avgLength || 1));
      scores.set(i, (scores.get(i) ?? 0) + (idf * tf * (index.k1 + 1)) / (tf + norm));
    }
  }
  return [...scores]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, limit)
    .map(([i, score]) => {
      const s = index.sections[i]!;
      return s.section === undefined ? { doc: s.doc, score } : { doc: s.doc, section: s.section, score };
    });
}
