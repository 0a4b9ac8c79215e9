// Snippets with highlights as data (text segments), never as HTML: the UI renders each segment as
// text, so policy text can never inject markup, whatever it contains.
import { normalizeText } from "./relevance/normalize";

export interface Segment {
  text: string;
  hit: boolean;
}

/** A text prepared once for highlighting: whitespace collapsed, and its normalised twin. */
export interface SnippetSource {
  clean: string;
  /** Lower-case + Traditional→Simplified per character, so positions stay aligned with `clean`. */
  norm: string;
}

export function snippetSource(text: string): SnippetSource {
  const clean = text.replace(/\s+/g, " ").trim();
  const n = normalizeText(clean);
  return { clean, norm: n.length === clean.length ? n : clean.toLowerCase() };
}

/**
 * The terms normalised once for a whole result page (normalising is OpenCC over the string, the
 * costliest step: a page of ten hits used to normalise the terms and every clause text per request).
 */
export function highlighter(terms: string[]): (source: SnippetSource, width?: number) => Segment[] {
  const words = [...new Set(terms.map((t) => normalizeText(t)).filter((t) => t.length >= 2 || /[a-z0-9]/.test(t)))].sort((a, b) => b.length - a.length);
  return (source, width) => mark(source, words, width);
}

export function highlight(text: string, terms: string[], width = 90): Segment[] {
  return highlighter(terms)(snippetSource(text), width);
}

function mark({ clean, norm }: SnippetSource, words: string[], width = 90): Segment[] {
  const marks = new Array<boolean>(clean.length).fill(false);
  for (const w of words) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(w, from);
      if (at < 0) break;
      for (let i = at; i < at + w.length && i < marks.length; i++) marks[i] = true;
      from = at + w.length;
    }
  }
  // The window with the most highlighted characters.
  let start = 0;
  if (clean.length > width) {
    let best = -1;
    let count = 0;
    for (let i = 0; i < clean.length; i++) {
      if (marks[i]) count++;
      if (i >= width && marks[i - width]) count--;
      if (i >= width - 1 && count > best) {
        best = count;
        start = i - width + 1;
      }
    }
    // Begin a little before the first highlighted character of the best window.
    const first = marks.indexOf(true, start);
    if (first >= 0) start = Math.max(0, Math.min(first - 10, clean.length - width));
  }
  const end = Math.min(clean.length, start + width);
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: "…", hit: false });
  for (let i = start; i < end; i++) {
    const last = segments[segments.length - 1];
    if (last && last.hit === marks[i] && last.text !== "…") last.text += clean[i];
    else segments.push({ text: clean[i]!, hit: marks[i]! });
  }
  if (end < clean.length) segments.push({ text: "…", hit: false });
  return segments;
}
