/**
 * Tokenisation: jieba cut-for-search words + CJK character bigrams (+ Latin/number words).
 *
 * Features are strings with a one-letter prefix so that both kinds share one inverted index:
 *   "w:年休假"  a jieba search-mode word (length ≥ 2, or a Latin/number word)
 *   "b:休假"    a character bigram inside a CJK run
 * Input is expected to be normalised already (normalizeText).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;
const extraWords: string[] = [];

/** Lazily created jieba instance with the default dictionary plus registered extra words. */
export function getJieba(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    if (extraWords.length) jieba.loadDict(Buffer.from(extraWords.map((w) => `${w} 2000`).join('\n'), 'utf8'));
  }
  return jieba;
}

/** Register domain words (e.g. all synonym terms) so jieba keeps them whole. Idempotent. */
export function addJiebaWords(words: Iterable<string>): void {
  const fresh: string[] = [];
  const known = new Set(extraWords);
  for (const w of words) {
    if (/^[\u3400-\u9fff]{2,8}$/.test(w) && !known.has(w)) {
      known.add(w);
      fresh.push(w);
    }
  }
  if (!fresh.length) return;
  extraWords.push(...fresh);
  if (jieba) jieba.loadDict(Buffer.from(fresh.map((w) => `${w} 2000`).join('\n'), 'utf8'));
}

/**
 * Question / filler words removed from queries before feature extraction. They carry no topic
 * and would otherwise dominate bigram matching ("怎么办", "可以吗"). Longest first.
 */
export const QUERY_STOP_PHRASES: readonly string[] = [
  '请问一下', '请问', '想问一下', '想问', '问一下', '咨询一下', '我想知道', '想知道', '有没有人知道',
  '怎么办', '怎么样', '怎么处理', '怎么算', '怎么弄', '怎么', '怎样', '如何', '为什么', '为啥',
  '什么时候', '什么', '啥时候', '啥', '哪些', '哪个', '哪里', '哪儿', '哪条', '多少', '多久', '多长时间', '多长', '几个', '几天', '几',
  '能不能', '可不可以', '可以吗', '行不行', '是不是', '要不要', '会不会', '有没有', '算不算', '该不该', '合不合法',
  '这样', '这种', '那种', '这个', '那个', '一下', '一般', '一直', '现在', '还是', '还要', '就是', '到底', '其实', '比如',
  '我们', '你们', '他们', '咱们', '自己', '公司', '单位里', '领导说',
  '可以', '需要', '已经', '直接', '马上', '根本', '一样', '因为', '所以', '如果', '的话', '今天', '今年', '一共', '总共', '大概',
  '之前', '以后', '之后', '时候', '情况', '问题', '东西', '事情', '还能', '我能', '不能', '正常', '合理', '合法', '合规', '违法',
  '没', '没有', '不', '还没', '别', '应该', '必须', '得', '人家', '别人', '有人', '知道', '觉得', '说', '想', '去', '来', '干', '做', '搞', '弄',
  '吗', '呢', '吧', '啊', '呀', '嘛', '了', '的', '得', '地', '着', '么', '我', '你', '他', '她', '它', '是', '在', '有', '都', '也', '就', '还', '要', '能', '会', '该', '和', '跟', '与', '或', '把', '被', '给', '让', '对', '从', '到', '这', '那',
];

/** Single-token stop words for jieba output (both sides). */
const STOP_TOKENS = new Set<string>([
  ...QUERY_STOP_PHRASES.filter((p) => p.length <= 3),
  '的', '了', '和', '与', '或者', '或', '及', '以及', '等', '其', '之', '为', '对', '在', '由', '向', '按照', '依照', '根据',
  '应当', '可以', '不得', '有关', '规定', '本法', '本条例', '本办法', '前款', '下列', '之一', '情形', '第', '条', '款', '项',
]);

export const STOP_PHRASE_SET: ReadonlySet<string> = new Set<string>(QUERY_STOP_PHRASES);

/**
 * Remove question/filler words from a normalised query. The query is segmented with jieba (exact
 * mode) and only whole segments that are stop phrases are dropped (replaced by a space so that no
 * bigram spans the gap) — substring deletion would break words such as 工会 or 有效.
 */
export function stripQueryStopPhrases(text: string, phrases: ReadonlySet<string> = STOP_PHRASE_SET): string {
  const parts = getJieba().cut(text, true);
  return parts
    .map((p) => (phrases.has(p) ? ' ' : p))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

const CJK_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /[a-z][a-z0-9+.\-]*[a-z0-9+]|[a-z]|\d+(?:\.\d+)?%?/g;

/** Character bigrams inside CJK runs (a single-char run yields that char as a unigram "u:"). */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CJK_RUN)) {
    const run = m[0];
    if (run.length === 1) {
      out.push(`u:${run}`);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run.slice(i, i + 2)}`);
  }
  return out;
}

/** Latin words and numbers ("hr", "n+1", "21.75", "300%"). */
export function latinWords(text: string): string[] {
  return [...text.matchAll(LATIN_WORD)].map((m) => `w:${m[0]}`);
}

/**
 * jieba search-mode words of length ≥ 2 (CJK), minus stop tokens. The text's CJK runs go to jieba in one
 * call, joined by line breaks: jieba cuts each block between non-word characters on its own, so every run
 * is cut exactly as alone (tests/unit/tokenize-batch.test.ts), without a native call per run.
 */
export function jiebaWords(text: string): string[] {
  const runs = text.match(CJK_RUN);
  if (!runs) return [];
  const out: string[] = [];
  for (const w of getJieba().cutForSearch(runs.length === 1 ? runs[0]! : runs.join('\n'), true)) {
    if (w.length >= 2 && !STOP_TOKENS.has(w)) out.push(`w:${w}`);
  }
  return out;
}

/**
 * Single CJK characters ("c:" prefix) outside stop characters: a weak, low-weight signal for wording
 * that shares characters but no bigram with the text (宿舍 / 住宿, 辞退 / 退工).
 */
const UNIGRAM_STOP = new Set([...'的了和与或及等其之为对在由向按照依据应当可以不得有关规定本法条款项第是我你他她它这那吗呢吧啊么怎什哪谁几多少能会要就都也还个一上下中内外以于所而并被把给让从到时后前'.split('')]);
export function charUnigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CJK_RUN)) for (const ch of m[0]) if (!UNIGRAM_STOP.has(ch)) out.push(`c:${ch}`);
  return out;
}

export interface FeatureOptions {
  words?: boolean;
  bigrams?: boolean;
  unigrams?: boolean;
}

/**
 * Receives a text's features in textFeatures' order; character bigrams and single characters come as
 * positions and codes, so an index build can count them without making a string per occurrence.
 */
export interface FeatureVisitor {
  feature(f: string): void;
  /** the bigram run[i] run[i + 1] ("b:" feature) */
  bigram(run: string, i: number): void;
  /** the single CJK character with this code ("c:" feature) */
  unigram(code: number): void;
}

export function visitTextFeatures(text: string, opts: FeatureOptions, v: FeatureVisitor): void {
  if (opts.words !== false) for (const f of jiebaWords(text)) v.feature(f);
  if (opts.bigrams !== false) {
    for (const m of text.matchAll(CJK_RUN)) {
      const run = m[0];
      if (run.length === 1) v.feature(`u:${run}`);
      else for (let i = 0; i + 1 < run.length; i++) v.bigram(run, i);
    }
  }
  if (opts.unigrams) for (const m of text.matchAll(CJK_RUN)) for (const ch of m[0]) if (!UNIGRAM_STOP.has(ch)) v.unigram(ch.charCodeAt(0));
  for (const f of latinWords(text)) v.feature(f);
}

/** All features of a (normalised) text, with repetitions (term frequency matters on the index side). */
export function textFeatures(text: string, opts: FeatureOptions = {}): string[] {
  const out: string[] = [];
  visitTextFeatures(text, opts, {
    feature: (f) => out.push(f),
    bigram: (run, i) => out.push(`b:${run.slice(i, i + 2)}`),
    unigram: (code) => out.push(`c:${String.fromCharCode(code)}`),
  });
  return out;
}
