// What every extractor hands to the structure step: the document as a reader sees it, in order —
// headings, paragraphs and tables — with the text cleaned the same way for every format.

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "para"; text: string }
  | { kind: "table"; rows: string[][] };

const HAN = "\\p{Script=Han}";
const CJK_PUNCT = "，。；：！？、（）《》〈〉“”‘’「」『』【】—…·";
const CJK = `${HAN}${CJK_PUNCT}`;
const betweenCjkAndAlnum = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[0-9A-Za-z%％${CJK}])|([0-9A-Za-z%％])[ \\t\\u00a0]+(?=[${CJK}])`, "gu");

const HALF_TO_FULL: Record<string, string> = { ":": "：", ";": "；", ",": "，", "?": "？", "!": "！", "(": "（", ")": "）" };
const halfPunctNextToHan = new RegExp(`(?<=[${HAN}])[:;,?!()]|[:;,?!()](?=[${HAN}])`, "gu");

/**
 * One line of document text as the author wrote it: full-width letters and digits made ASCII, ASCII
 * punctuation next to Chinese made full-width, spaces that PDF export puts between Chinese and digits
 * (and between Chinese characters) removed, runs of spaces collapsed, control characters dropped.
 * A leading label's separator (the space in `第一条　为了` or `3.1 范围`) is kept by the caller.
 */
export function cleanText(raw: string): string {
  let s = raw.normalize("NFC");
  // Full-width ASCII letters and digits (ＡＢ１２) → ASCII; full-width punctuation stays.
  s = s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Control characters (form feeds, Word's field marks, NUL), zero-width characters and soft hyphens.
  s = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff]/g, "");
  s = s.replace(/[ \t\u00a0\u3000]+/g, (m) => (m.includes("\u3000") ? "\u3000" : " "));
  s = s.replace(halfPunctNextToHan, (c) => HALF_TO_FULL[c] ?? c);
  let prev: string;
  do {
    prev = s;
    s = s.replace(betweenCjkAndAlnum, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? "");
  } while (s !== prev);
  return s.trim();
}

/** Joins two lines broken mid-sentence: no space between Chinese, one between Latin words. */
export function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a.at(-1)!;
  const first = b[0]!;
  const latin = /[0-9A-Za-z,.;:!?)]/;
  return latin.test(last) && /[0-9A-Za-z(]/.test(first) ? `${a} ${b}` : `${a}${b}`;
}

/** The blocks' plain text, for checks such as "did this file yield any text at all". */
export function blocksText(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === "table" ? b.rows.map((r) => r.join(" ")).join("\n") : b.text)).join("\n");
}
