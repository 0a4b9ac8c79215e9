// PDF through Mozilla's pdf.js (pdfjs-dist, legacy build for Node): text items with their positions.
// Exported PDFs break lines mid-sentence, repeat a header and footer on every page and number the
// pages; this rebuilds the paragraphs an author wrote. Nothing in the file is executed: no eval, no
// fonts loaded, no XFA, no links followed.
import path from "node:path";
import type { Block } from "./blocks";
import { joinLines } from "./blocks";
import { LEADING_LABEL } from "./labels";

interface Line {
  page: number;
  y: number;
  x: number;
  right: number;
  height: number;
  text: string;
}

class PdfWithoutText extends Error {}

// pdf.js's page lookup grows with the square of the page count: a 1.2 MB file listing one page 20,000
// times took 89 s of the portal's CPU (200,000 times: hours). Policies are far shorter than either bound.
const MAX_PDF_PAGES = 2_000;
const MAX_PDF_READ_MS = 60_000;

/** A PDF refused for its size (pages or reading time); its message is the reason shown. */
class PdfTooLong extends Error {
  override name = "PdfTooLong";
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;

// Chinese PDFs often use the predefined CJK encodings (UniGB-UCS2-H…) with fonts that are not embedded:
// pdf.js needs its CMap files to map those codes to text. Read from the package on disk, never fetched.
// Asked of Node itself: the production build rewrites `createRequire(import.meta.url).resolve` into a
// module id (a number), and every PDF upload failed there ("path" must be of type string).
const pdfjsDir = () => path.dirname(process.getBuiltinModule("node:module").createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

export async function extractPdf(bytes: Uint8Array): Promise<{ blocks: Block[]; pages: number }> {
  const lib = await (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // pdf.js detaches the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: path.join(pdfjsDir(), "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsDir(), "standard_fonts") + path.sep,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > MAX_PDF_PAGES) throw new PdfTooLong(`the PDF has ${doc.numPages} pages; at most ${MAX_PDF_PAGES} are read`);
    const deadline = Date.now() + MAX_PDF_READ_MS;
    const lines: Line[] = [];
    const pageHeights: number[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      if (Date.now() > deadline) throw new PdfTooLong(`reading the PDF took longer than ${MAX_PDF_READ_MS / 1000} s (stopped at page ${p})`);
      const page = await doc.getPage(p);
      const [, y0 = 0, , y1 = 842] = page.view;
      pageHeights.push(y1 - y0);
      const content = await page.getTextContent();
      lines.push(...toLines(p, content.items.filter((i) => "str" in i) as unknown as TextItem[]));
      page.cleanup();
    }
    const kept = dropRunningHeads(lines, pageHeights);
    return { blocks: toParagraphs(kept), pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Text items → lines: items on the same baseline (±2 pt) in x order; a wide gap between items is a cell break. */
function toLines(page: number, items: TextItem[]): Line[] {
  const rows: { y: number; items: TextItem[] }[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const y = item.transform[5]!;
    const row = rows.find((r) => Math.abs(r.y - y) <= 2);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows
    .map((row) => {
      row.items.sort((a, b) => a.transform[4]! - b.transform[4]!);
      let text = "";
      let end = -Infinity;
      let height = 0;
      for (const item of row.items) {
        const x = item.transform[4]!;
        const size = Math.abs(item.transform[3]!) || item.height || 10;
        height = Math.max(height, size);
        // A gap of more than two characters inside a line separates table cells or tab stops.
        if (text && x - end > size * 2 && !text.endsWith(" ")) text += "  ";
        text += item.str;
        end = x + item.width;
      }
      const first = row.items[0]!;
      return { page, y: row.y, x: first.transform[4]!, right: end, height, text: text.replace(/\s+$/, "") };
    })
    .filter((l) => l.text.trim() !== "");
}

const PAGE_NUMBER = /^[-–—\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-–—\s]*$|^page\s*\d+(\s*of\s*\d+)?$/i;

/** Removes page numbers and lines repeated near the top or bottom of most pages (running headers and footers). */
function dropRunningHeads(lines: Line[], pageHeights: number[]): Line[] {
  const pages = pageHeights.length;
  const nearEdge = (l: Line) => {
    const h = pageHeights[l.page - 1] ?? 842;
    return l.y > h * 0.9 || l.y < h * 0.1;
  };
  const key = (l: Line) => l.text.replace(/\d+/g, "#").replace(/\s+/g, "");
  const counts = new Map<string, Set<number>>();
  for (const l of lines) if (nearEdge(l)) counts.set(key(l), (counts.get(key(l)) ?? new Set()).add(l.page));
  const repeated = (l: Line) => pages >= 3 && (counts.get(key(l))?.size ?? 0) >= Math.max(2, Math.ceil(pages * 0.5));
  return lines.filter((l) => !(nearEdge(l) && (PAGE_NUMBER.test(l.text.trim()) || repeated(l))));
}

/** Lines → paragraphs: a new paragraph after a larger vertical gap, a short line, or at a numbered unit. */
function toParagraphs(lines: Line[]): Block[] {
  if (lines.length === 0) return [];
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && a.y > b.y) gaps.push(a.y - b.y);
  }
  gaps.sort((a, b) => a - b);
  const lineGap = gaps[Math.floor(gaps.length * 0.25)] ?? 14;
  const rightEdge = [...lines].map((l) => l.right).sort((a, b) => a - b)[Math.floor(lines.length * 0.9)] ?? 0;
  const leftEdge = [...lines].map((l) => l.x).sort((a, b) => a - b)[Math.floor(lines.length * 0.1)] ?? 0;
  const blocks: Block[] = [];
  let current = "";
  let prev: Line | null = null;
  for (const line of lines) {
    let breakHere = prev === null;
    if (prev) {
      const samePage = prev.page === line.page;
      const gap = samePage ? prev.y - line.y : lineGap;
      const prevShort = prev.right < leftEdge + (rightEdge - leftEdge) * 0.8;
      const indented = line.x > leftEdge + line.height * 1.5;
      breakHere = gap > lineGap * 1.4 || prevShort || indented || LEADING_LABEL.test(line.text.trim()) || /^\s*第\s*\S{1,6}\s*[章节编]/.test(line.text);
    }
    if (breakHere) {
      if (current.trim()) blocks.push({ kind: "para", text: current.trim() });
      current = line.text.trim();
    } else current = joinLines(current, line.text.trim());
    prev = line;
  }
  if (current.trim()) blocks.push({ kind: "para", text: current.trim() });
  return blocks;
}
