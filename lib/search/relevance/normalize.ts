/**
 * Text normalisation shared by the index side and the query side.
 *
 * normalizeText(): NFKC (full-width → half-width, compatibility forms), Traditional → Simplified
 * (OpenCC, Taiwan + Hong Kong variants), lower-case, whitespace collapse, and article numbers
 * "第40条" → "第四十条" so that both spellings index to the same tokens.
 * Deterministic and side-effect free (the OpenCC converters are built lazily once).
 */
import * as OpenCC from 'opencc-js';

type Conv = (s: string) => string;
let charT2s: Conv | null = null;
let phraseT2s: Conv | null = null;

/**
 * Traditional → Simplified. Character-level conversion (OpenCC hk + tw variants) decides whether the
 * text is Traditional at all; only then is it converted again with Taiwan *phrases* (twp: 軟體→软件,
 * 資訊→信息, 網路→网络, 程式→程序, 影印→复印), which must not touch Simplified text (程式 is also a
 * Simplified word). Decided per text, so a mixed query and a Traditional document behave alike.
 */
export function toSimplified(s: string): string {
  if (!charT2s || !phraseT2s) {
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const twp = OpenCC.Converter({ from: 'twp', to: 'cn' });
    charT2s = (x: string) => tw(hk(x));
    phraseT2s = (x: string) => hk(twp(x));
  }
  const chars = charT2s(s);
  if (chars === s || !phraseOption.enabled) return chars;
  return phraseT2s(s);
}

/** Lab switch for measuring the phrase step (on by default). */
export const phraseOption = { enabled: true };

const DIGITS = '零一二三四五六七八九';

/** 40 → "四十", 105 → "一百零五" (0..9999; other values are returned as Arabic digits). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n] as string;
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i] as string;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += (DIGITS[d] as string) + unit;
  });
  if (n >= 10 && n < 20) out = out.replace(/^一十/, '十');
  return out;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "四十" → 40, "一百零五" → 105, "十" → 10; null when the string is not a plain Chinese numeral. */
export function fromChineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) cur = CN_DIGIT[ch] as number;
    else {
      const u = CN_UNIT[ch] as number;
      total += (cur === 0 ? 1 : cur) * u;
      cur = 0;
    }
  }
  return total + cur;
}

/** Article / chapter / section numbers written with Arabic digits → Chinese numerals. */
export function normalizeArticleNumbers(s: string): string {
  return s.replace(/第\s*(\d{1,4})\s*(条|章|节|款|项)/g, (_m, d: string, u: string) => `第${toChineseNumber(Number(d))}${u}`);
}

/** Full normalisation used for indexing and querying. */
export function normalizeText(input: string): string {
  let s = input.normalize('NFKC');
  s = toSimplified(s);
  s = s.toLowerCase();
  s = normalizeArticleNumbers(s);
  s = s.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  return s;
}

/** The citable label of a `####` heading: text up to the first whitespace or "、" (NFKC, trimmed). */
export function sectionLabel(heading: string): string {
  const t = heading.normalize('NFKC').trim().replace(/^#+\s*/, '');
  return (t.split(/[\s、:：]/)[0] ?? '').trim();
}

const isCjk = (ch: string): boolean => /[\u3400-\u9fff\uf900-\ufaff]/.test(ch);
