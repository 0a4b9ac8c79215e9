/**
 * Pinyin-input typo tolerance without a pinyin table: a 3–4 character window of the query that is
 * not a known word is corrected to a known domain word (from the index vocabulary or the synonym
 * list) that differs in exactly one character (适用期 → 试用期, 公基金 → 公积金, 汇算清交 → 汇算清缴).
 * Two-character words are not corrected (too many neighbours).
 */
import { getJieba } from './tokenize';

export interface TypoVocabulary {
  /** "试?期" → words */
  readonly keys: Map<string, string[]>;
  readonly words: Set<string>;
  readonly weight: Map<string, number>;
}

/** Build from (word → frequency) pairs; only CJK words of length 3–4 take part. */
export function buildTypoVocabulary(words: Iterable<[string, number]>): TypoVocabulary {
  const keys = new Map<string, string[]>();
  const set = new Set<string>();
  const weight = new Map<string, number>();
  for (const [w, n] of words) {
    if (!/^[\u3400-\u9fff]{3,4}$/.test(w)) continue;
    weight.set(w, (weight.get(w) ?? 0) + n);
    if (set.has(w)) continue;
    set.add(w);
    for (let i = 0; i < w.length; i++) {
      const k = `${w.slice(0, i)}?${w.slice(i + 1)}`;
      const list = keys.get(k);
      if (list) list.push(w);
      else keys.set(k, [w]);
    }
  }
  return { keys, words: set, weight };
}

const known = new Map<string, boolean>();
function isDictionaryWord(w: string): boolean {
  let v = known.get(w);
  if (v === undefined) {
    const parts = getJieba().cut(w, false);
    v = parts.length === 1;
    if (known.size > 50_000) known.clear();
    known.set(w, v);
  }
  return v;
}

/**
 * Corrections for a normalised, filler-stripped query: [typo, correction][] (deterministic).
 * A window qualifies only if it is aligned with jieba word boundaries, is not itself a known word,
 * and the substituted character is not a stand-alone one-character word (一个人 ≠ 一个月).
 */
export function correctTypos(text: string, vocab: TypoVocabulary): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/[\u3400-\u9fff]{3,}/g)) {
    const run = m[0];
    const parts = getJieba().cut(run, true);
    const starts = new Set<number>();
    const single = new Set<number>();
    let pos = 0;
    for (const p of parts) {
      starts.add(pos);
      if (p.length === 1) single.add(pos);
      pos += p.length;
    }
    starts.add(pos);
    for (const len of [4, 3]) {
      for (let s = 0; s + len <= run.length; s++) {
        if (!starts.has(s) || !starts.has(s + len)) continue;
        const win = run.slice(s, s + len);
        if (vocab.words.has(win) || isDictionaryWord(win)) continue;
        let best: string | null = null;
        let bestW = -1;
        for (let i = 0; i < len; i++) {
          if (single.has(s + i)) continue;
          const cands = vocab.keys.get(`${win.slice(0, i)}?${win.slice(i + 1)}`);
          if (!cands) continue;
          for (const c of cands) {
            const w = vocab.weight.get(c) ?? 0;
            if (w > bestW || (w === bestW && best !== null && c < best)) {
              best = c;
              bestW = w;
            }
          }
        }
        if (best && !seen.has(best) && !run.includes(best)) {
          seen.add(best);
          out.push([win, best]);
        }
      }
    }
  }
  return out;
}
