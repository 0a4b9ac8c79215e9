// How people number and cite the parts of a Chinese policy, as printed: 第十二条, 一、, （一）, 1. / 1.1 /
// 3.1.2, 附件1 / 附表 / 税率表一; chapters 第一章 and sections 第二节 are headings. The label of a unit is
// its number as printed (the rule of the content format: up to the first whitespace or 、).

const CN = "零〇一二三四五六七八九十百千万两";

export type Scheme = "article" | "item" | "subitem" | "decimal" | "annex";

export interface LeadingLabel {
  scheme: Scheme;
  /** The label as cited: 第十二条, 一, （一）, 3.1, 附件1, 税率表一. */
  label: string;
  /** Decimal depth (1 for `3.`, 2 for `3.1`); 1 otherwise. */
  depth: number;
  /** The text after the label and its separator. */
  rest: string;
}

const ARTICLE = new RegExp(`^第\\s*([${CN}]+|\\d{1,4})\\s*条(?:[\\s\\u3000:：]+|$)`);
const CHAPTER = new RegExp(`^第\\s*([${CN}]+|\\d{1,3})\\s*([编章节])(?:[\\s\\u3000:：]+|$|(?=\\p{Script=Han}))`, "u");
const ITEM = new RegExp(`^([${CN}]{1,4})\\s*(?:、|[．.](?!\\d))\\s*`);
const SUBITEM = new RegExp(`^[（(]\\s*([${CN}]{1,4}|\\d{1,3})\\s*[）)]\\s*`);
// 1. / 1、 / 1．/ 3.1 / 3.1.2 followed by text; not dates or amounts (2000年, 12 月, 3.5元).
const DECIMAL = /^(\d{1,3}(?:[.．]\d{1,3}){0,4})(?:[.．、](?!\d)\s*|[\s\u3000]+(?![年月日号时分秒元%‰个项次天周岁万亿.．]))(?=\S)/;
const ANNEX = /^(附件|附表|附录)\s*([0-9一二三四五六七八九十]{1,3}|[A-Z])?(?=[\s\u3000:：、.．]|$|\p{Script=Han})/u;
const NAMED_TABLE = /^(\p{Script=Han}{0,10}表[0-9一二三四五六七八九十]{1,3})(?:[\s\u3000:：]|$)/u;

/** Quick test for the PDF line joiner: does this line start a numbered unit or heading? */
export const LEADING_LABEL = new RegExp(
  [ARTICLE, SUBITEM, ITEM, DECIMAL, ANNEX].map((r) => r.source).map((s) => `(?:${s})`).join("|"),
  "u",
);

export function chapterOf(text: string): { kind: "编" | "章" | "节"; label: string; rest: string } | null {
  const m = CHAPTER.exec(text);
  if (!m || text.length > 40) return null;
  return { kind: m[2] as "编" | "章" | "节", label: `第${m[1]}${m[2]}`, rest: text.slice(m[0].length) };
}

export function leadingLabel(text: string, isShortLine: boolean): LeadingLabel | null {
  let m = ARTICLE.exec(text);
  if (m) return { scheme: "article", label: `第${m[1]}条`, depth: 1, rest: text.slice(m[0].length) };
  m = SUBITEM.exec(text);
  if (m) return { scheme: "subitem", label: `（${m[1]}）`, depth: 1, rest: text.slice(m[0].length) };
  m = ITEM.exec(text);
  if (m) return { scheme: "item", label: m[1]!, depth: 1, rest: text.slice(m[0].length) };
  m = DECIMAL.exec(text);
  if (m) {
    const label = m[1]!.replace(/．/g, ".");
    return { scheme: "decimal", label, depth: label.split(".").length, rest: text.slice(m[0].length) };
  }
  // Annexes and named tables are units only as headings (a short line), not when a sentence mentions them.
  if (isShortLine) {
    m = ANNEX.exec(text);
    if (m) return { scheme: "annex", label: `${m[1]}${m[2] ?? ""}`, depth: 1, rest: text.slice(m[0].length).replace(/^[\s\u3000:：、.．]+/, "") };
    m = NAMED_TABLE.exec(text);
    if (m) return { scheme: "annex", label: m[1]!, depth: 1, rest: text.slice(m[0].length).trim() };
  }
  return null;
}
