// Reads an org file (CSV or .xlsx) into rows of text keyed by field. Every cell is hostile: formulas
// are refused (their cached result could be anything), NUL and control characters are refused, values
// are capped, and the apostrophe our export puts before formula-like text is taken off again.
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { z } from "zod";
import { checkZip } from "../check-zip";
import { m } from "../errors";
import { fieldOf, kindFromHeaders, kindFromSheetName, REQUIRED, type SheetKind } from "./columns";
import { parseInput, uploadFileName } from "../validation";
import { headerKey } from "./headers";
import type { OrgIssue } from "./org-issue";

export const MAX_ORG_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 100_000;
const MAX_CELL = 200;

export interface OrgRow {
  row: number;
  values: Record<string, string>;
}
export interface OrgSheet {
  kind: SheetKind;
  name: string;
  columns: Record<string, string>; // field → header as written
  rows: OrgRow[];
}
export interface ParsedOrgFile {
  sheets: OrgSheet[];
  issues: OrgIssue[];
}

const TWO_SHEETS = m("errors.org.kindInTwoSheets");
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Our export's neutralised text ('=…): the apostrophe is not part of the value.
const EXPORTED_FORMULA = /^'(?=[\s\u3000]*[=+\-@])/;

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel in China saves "CSV" as GB18030 unless told otherwise.
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function cleanCell(text: string, at: Omit<OrgIssue, "message">, issues: OrgIssue[]): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(text)) {
    issues.push({ ...at, message: m("errors.org.controlChars") });
    return "";
  }
  const value = text.replace(EXPORTED_FORMULA, "").trim();
  if (value.length > MAX_CELL) {
    issues.push({ ...at, message: m("errors.org.cellTooLong", { max: MAX_CELL }) });
    return "";
  }
  return value;
}

function toSheet(kind: SheetKind, name: string, table: string[][], firstRow: number, issues: OrgIssue[]): OrgSheet | undefined {
  const [header, ...body] = table;
  if (!header) return undefined;
  const columns: Record<string, string> = {};
  const fieldAt: (string | undefined)[] = [];
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return;
    const field = fieldOf(kind, h);
    if (!field) issues.push({ sheet: name, row: firstRow, column: h, message: m("errors.org.unknownColumn") });
    else if (columns[field]) issues.push({ sheet: name, row: firstRow, column: h, message: m("errors.org.duplicateColumn", { column: columns[field] }) });
    else {
      columns[field] = h;
      fieldAt[i] = field;
    }
  });
  for (const field of REQUIRED[kind] as readonly string[]) {
    if (!columns[field]) issues.push({ sheet: name, row: firstRow, column: m(headerKey(kind, field)), message: m("errors.org.missingColumn") });
  }
  if (body.length > MAX_ROWS) {
    issues.push({ sheet: name, row: firstRow + MAX_ROWS + 1, column: "", message: m("errors.org.tooManyRows", { max: MAX_ROWS }) });
    return undefined;
  }
  const rows: OrgRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    const row = firstRow + 1 + i;
    const values: Record<string, string> = {};
    cells.forEach((cell, c) => {
      const field = fieldAt[c];
      if (field) values[field] = cleanCell(cell, { sheet: name, row, column: columns[field]! }, issues);
    });
    rows.push({ row, values });
  });
  return { kind, name, columns, rows };
}

function parseCsvFile(bytes: Buffer, fileName: string, issues: OrgIssue[]): OrgSheet[] {
  let table: string[][];
  try {
    table = parseCsv(decode(bytes), { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (err) {
    issues.push({ sheet: fileName, row: Number((err as { lines?: number }).lines ?? 1), column: "", message: m("errors.org.badCsv", { detail: (err as Error).message.slice(0, 120) }) });
    return [];
  }
  const sheet = toSheet(kindFromHeaders(table[0] ?? []), fileName, table, 1, issues);
  return sheet ? [sheet] : [];
}

async function parseXlsxFile(bytes: Buffer, fileName: string, issues: OrgIssue[]): Promise<OrgSheet[]> {
  // exceljs inflates every part into memory: a zip bomb is refused before it is opened.
  const zipProblem = await checkZip(bytes);
  if (zipProblem) {
    const message = zipProblem.kind === "entries" ? m("errors.org.xlsxTooManyParts", { max: zipProblem.max }) : zipProblem.kind === "expands" ? m("errors.org.xlsxExpandsTooFar", { mb: zipProblem.maxMb }) : m("errors.org.badXlsx");
    issues.push({ sheet: fileName, row: 1, column: "", message });
    return [];
  }
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    issues.push({ sheet: fileName, row: 1, column: "", message: m("errors.org.badXlsx") });
    return [];
  }
  const sheets: OrgSheet[] = [];
  for (const ws of book.worksheets) {
    if (ws.rowCount > MAX_ROWS + 1) {
      issues.push({ sheet: ws.name, row: MAX_ROWS + 2, column: "", message: m("errors.org.tooManyRows", { max: MAX_ROWS }) });
      continue;
    }
    const table: string[][] = [];
    let formula = false;
    // exceljs recounts columnCount over every row on each read: read it once (20,000 rows took minutes).
    const rowCount = ws.rowCount;
    const columnCount = Math.min(ws.columnCount, 50);
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= columnCount; c++) {
        const cell = row.getCell(c);
        if (cell.formula || cell.type === ExcelJS.ValueType.Formula) {
          issues.push({ sheet: ws.name, row: r, column: String(table[0]?.[c - 1] ?? c), message: m("errors.org.formula") });
          formula = true;
          cells.push("");
        } else if (cell.value instanceof Date) {
          // Excel dates carry no zone: exceljs hands over the wall-clock time as UTC.
          cells.push(cell.value.toISOString().slice(0, 16).replace("T", " "));
        } else cells.push(cell.value === null || cell.value === undefined ? "" : cell.text);
      }
      table.push(cells);
    }
    if (table.length === 0 || formula) continue;
    const kind = kindFromSheetName(ws.name) ?? kindFromHeaders(table[0] ?? []);
    const sheet = toSheet(kind, ws.name, table, 1, issues);
    if (sheet) sheets.push(sheet);
  }
  return sheets;
}

/** Parses an uploaded org file; the format is told by its bytes (.xlsx is a zip), not by its name. */
export async function parseOrgFile(bytes: Buffer, fileName = "file"): Promise<ParsedOrgFile> {
  const issues: OrgIssue[] = [];
  if (bytes.length === 0) return { sheets: [], issues: [{ sheet: fileName, row: 1, column: "", message: m("errors.org.emptyFile") }] };
  if (bytes.length > MAX_ORG_FILE_BYTES) return { sheets: [], issues: [{ sheet: fileName, row: 1, column: "", message: m("errors.org.fileTooLarge", { mb: MAX_ORG_FILE_BYTES / 1024 / 1024 }) }] };
  const sheets = bytes.subarray(0, 4).equals(XLSX_MAGIC) ? await parseXlsxFile(bytes, fileName, issues) : parseCsvFile(bytes, fileName, issues);
  const seen = new Set<SheetKind>();
  for (const s of sheets) {
    if (seen.has(s.kind)) issues.push({ sheet: s.name, row: 1, column: "", message: TWO_SHEETS });
    seen.add(s.kind);
  }
  return { sheets, issues };
}

/** Several files (e.g. departments.csv and people.csv) as one import. */
export async function parseOrgFiles(files: { name: string; bytes: Buffer }[]): Promise<ParsedOrgFile> {
  // A CSV's name is the "sheet" its issues are shown under.
  for (const f of files) parseInput(z.object({ fileName: uploadFileName }), { fileName: f.name });
  const all: ParsedOrgFile = { sheets: [], issues: [] };
  for (const f of files) {
    const one = await parseOrgFile(f.bytes, f.name);
    all.sheets.push(...one.sheets);
    all.issues.push(...one.issues);
  }
  const kinds = all.sheets.map((s) => s.kind);
  for (const s of all.sheets) if (kinds.filter((k) => k === s.kind).length > 1 && !all.issues.some((i) => i.sheet === s.name && i.message.key === TWO_SHEETS.key)) all.issues.push({ sheet: s.name, row: 1, column: "", message: TWO_SHEETS });
  return all;
}
