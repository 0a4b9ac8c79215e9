// Blocks → the policy Markdown the rest of the product already reads (docs/content-format.md):
// `##` chapters, `####` one heading per citable unit. Which numbering makes the units is decided per
// document: the highest-ranking scheme it uses (第X条 over 一、 over （一） over 1. / 1.1); lower schemes stay
// inside their unit as text, as they are cited ("第十二条第（三）项"). Annexes and named tables (附件1,
// 税率表一) are units of their own; everything in an annex belongs to it. Table rows become lines that
// carry their column headers, so a row is findable by any of its headers and cells.
import type { Block } from "./blocks";
import { cleanText } from "./blocks";
import { chapterOf, leadingLabel, type LeadingLabel, type Scheme } from "./labels";

export interface StructureResult {
  /** Markdown body (no frontmatter). */
  body: string;
  /** Paragraphs that fell outside any unit (before the first one), for the upload preview. */
  outside: string[];
  scheme: Scheme | "none";
}

const RANK: Scheme[] = ["article", "item", "subitem", "decimal"];
const SHORT = 40;
const ENDS_SENTENCE = /[。；;！？!?：:]$/;

interface Para {
  text: string;
  heading: boolean;
  short: boolean;
  label: LeadingLabel | null;
  chapter: ReturnType<typeof chapterOf>;
  table?: string[][];
}

function classify(blocks: Block[]): Para[] {
  return blocks.map((b) => {
    if (b.kind === "table") return { text: "", heading: false, short: false, label: null, chapter: null, table: b.rows };
    const raw = b.text.replace(/[ \t\u00a0]+/g, " ").trim();
    const short = raw.length <= SHORT && !ENDS_SENTENCE.test(raw);
    return { text: raw, heading: b.kind === "heading", short, label: leadingLabel(raw, short || b.kind === "heading"), chapter: chapterOf(raw) };
  });
}

/** The scheme whose numbers are the units: the highest-ranking one used at least twice (an article once). */
function unitScheme(paras: Para[]): Scheme | "none" {
  const counts = new Map<Scheme, number>();
  for (const p of paras) if (p.label && !p.chapter) counts.set(p.label.scheme, (counts.get(p.label.scheme) ?? 0) + 1);
  for (const s of RANK) if ((counts.get(s) ?? 0) >= (s === "article" ? 1 : 2)) return s;
  return "none";
}

const mdEscape = (text: string) =>
  text
    .replace(/([\\`*_[\]<>|])/g, "\\$1")
    .replace(/^(#{1,6}\s|>|[-+=]\s|~~~|```)/, "\\$1")
    .replace(/^(\d+)([.)])(\s)/, "$1\\$2$3");

function tableLines(rows: string[][]): string[] {
  const clean = rows.map((r) => r.map((c) => cleanText(c)));
  const header = clean[0] ?? [];
  // A first row that is all labels (no digits-only cells) is the header; otherwise the columns are numbered.
  const hasHeader = clean.length > 1 && header.every((c) => c && !/^[\d.,%\s]+$/.test(c));
  const body = hasHeader ? clean.slice(1) : clean;
  return body
    .filter((r) => r.some((c) => c))
    .map((r) => `- ${r.map((c, i) => (c ? `${hasHeader ? header[i] || `列${i + 1}` : `列${i + 1}`}：${c}` : "")).filter(Boolean).map(mdEscape).join("；")}`);
}

export function structure(blocks: Block[], title: string): StructureResult {
  const paras = classify(blocks);
  const scheme = unitScheme(paras);
  const out: string[] = [];
  const outside: string[] = [];
  let inUnit = false;
  let inAnnex = false;
  let titleSkipped = false;
  const cleanTitle = cleanText(title).replace(/\s/g, "");
  const emit = (line: string) => out.push(line, "");

  paras.forEach((p, i) => {
    if (p.table) {
      const lines = tableLines(p.table);
      if (lines.length) out.push(...lines, "");
      if (!inUnit) outside.push(...lines);
      return;
    }
    const text = cleanText(p.text);
    if (!text) return;
    // The document's own title line (first heading or first short line equal to the title) is the `#` title.
    if (!titleSkipped && i < 3 && (text.replace(/\s/g, "") === cleanTitle || (p.heading && i === 0))) {
      titleSkipped = true;
      return;
    }
    if (p.chapter && !inAnnex) {
      const rest = cleanText(p.chapter.rest);
      emit(`${p.chapter.kind === "节" ? "###" : "##"} ${mdEscape(rest ? `${p.chapter.label} ${rest}` : p.chapter.label)}`);
      return;
    }
    const label = p.label;
    const startsUnit =
      label !== null &&
      (label.scheme === "annex" || (!inAnnex && label.scheme === scheme));
    if (startsUnit) {
      if (label.scheme === "annex") inAnnex = true;
      // An unnumbered 附录 / 附表 line followed by numbered annexes is the heading above them.
      if (label.scheme === "annex" && /^附(件|表|录)$/.test(label.label)) {
        const nextLabelled = paras.slice(i + 1).find((q) => q.label || q.chapter);
        if (nextLabelled?.label?.scheme === "annex") {
          emit(`## ${mdEscape(text)}`);
          inUnit = false;
          return;
        }
      }
      const rest = cleanText(label.rest);
      // A decimal number with nothing under it before a deeper number is a heading (3 费用标准 → 3.1, 3.2).
      const next = paras.slice(i + 1).find((q) => q.table || cleanText(q.text));
      const headingOnly =
        label.scheme === "decimal" && next?.label?.scheme === "decimal" && next.label.depth > label.depth && next.label.label.startsWith(`${label.label}.`) && p.short;
      if (headingOnly) {
        emit(`${label.depth === 1 ? "##" : "###"} ${mdEscape(text)}`);
        inUnit = false;
        return;
      }
      inUnit = true;
      // A short titled unit (一、制度工作时间的计算; 附件1 差旅费标准) keeps its title in the heading;
      // an article's body goes below its bare label.
      if (label.scheme !== "article" && (p.short || p.heading || !rest)) emit(`#### ${mdEscape(rest ? `${label.label}${labelSeparator(label)}${rest}` : label.label)}`);
      else {
        emit(`#### ${mdEscape(label.label)}`);
        if (rest) emit(mdEscape(rest));
      }
      return;
    }
    if (p.heading && !inUnit && !inAnnex) {
      emit(`## ${mdEscape(text)}`);
      return;
    }
    if (!inUnit) outside.push(text);
    emit(mdEscape(text));
  });
  return { body: out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n", outside, scheme };
}

function labelSeparator(label: LeadingLabel): string {
  if (label.scheme === "item") return "、";
  return " ";
}
