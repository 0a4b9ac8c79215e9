// CSV cells for files people open in Excel / WPS / LibreOffice. Pure, so the unit tests pin every case.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a cell that starts with = + - @
// (and, in some programs, one that starts with a tab or carriage return) as a formula, so a question
// body like `=HYPERLINK("http://evil","点我")` or `=cmd|' /C calc'!A0` would run on the exporter's machine.
// Such a cell gets a leading apostrophe: spreadsheets then show it as text.
//
// Leading whitespace: some importers (LibreOffice's "trim spaces", Google Sheets) strip it before
// deciding, so " =1+1", "\n@SUM(A1)" or "\u3000+1" (ideographic space) are neutralised as well.
// Full-width look-alikes ("＝1+1") are left alone: no spreadsheet evaluates them.
// Numbers we produce ourselves (scores) are written as numbers; every string is checked.

export type CsvValue = string | number | boolean | null | undefined;

/** The byte-order mark that makes Excel read a CSV as UTF-8 (otherwise Chinese turns to mojibake). */
export const CSV_BOM = "\uFEFF";
export const CSV_EOL = "\r\n";

const TRIGGER = /^[=+\-@\t\r]/;
const LEADING_SPACE = /^[\s\u3000\ufeff]+/;

/** True when a spreadsheet could read this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return TRIGGER.test(text) || TRIGGER.test(text.replace(LEADING_SPACE, ""));
}

/** Prefixes a single quote when the text could be read as a formula; anything else is returned unchanged. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** One field, RFC 4180: neutralised, then quoted (quotes doubled) when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "是" : "否";
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + CSV_EOL;
}

/**
 * Content-Disposition for a download with a non-ASCII name: RFC 6266 / RFC 5987 `filename*` for
 * browsers, and a plain ASCII `filename` for old clients. Neither can break out of the header.
 */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
