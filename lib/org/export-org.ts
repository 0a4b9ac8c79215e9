import "server-only";
import ExcelJS from "exceljs";
import { csvRow, CSV_BOM, neutraliseFormula } from "../analytics/shared/csv-cell";
import type { Locale } from "../i18n/locales";
import { EXPORT_SHEET_NAMES, EXPORT_SHEET_NAMES_EN, KIND_LABELS, KIND_LABELS_EN, ROLE_LABELS, ROLE_LABELS_EN, rosterTimeText, type SheetKind } from "./columns";
import { EXPORT_HEADERS, EXPORT_HEADERS_EN } from "./headers";
import { requireOrgAdmin, type OrgCtx } from "./org-context";

// Headers, sheet names and the words for kinds and roles follow the admin's language; the import reads both.
const WORDS = {
  "zh-CN": { headers: EXPORT_HEADERS, sheets: EXPORT_SHEET_NAMES, kinds: KIND_LABELS, roles: ROLE_LABELS, roleSeparator: "、" },
  en: { headers: EXPORT_HEADERS_EN, sheets: EXPORT_SHEET_NAMES_EN, kinds: KIND_LABELS_EN, roles: ROLE_LABELS_EN, roleSeparator: ", " },
} as const;

type Table = { kind: SheetKind; header: string[]; rows: string[][] };

async function tables(ctx: OrgCtx, locale: Locale): Promise<Table[]> {
  const [departments, people, lines, roster] = await Promise.all([
    ctx.db.department.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, kind: true, parent: { select: { code: true } }, manager: { select: { email: true } } } }),
    ctx.db.user.findMany({ where: { disabledAt: null }, orderBy: { email: "asc" }, select: { email: true, name: true, title: true, phone: true, im: true, roles: true, department: { select: { code: true } } } }),
    ctx.db.businessLine.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, assignments: { where: { active: true, user: { disabledAt: null } }, orderBy: { createdAt: "asc" }, select: { user: { select: { email: true } } } } } }),
    ctx.db.dutyRoster.findMany({ where: { endsAt: { gt: ctx.now } }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: { startsAt: true, endsAt: true, line: { select: { code: true } }, user: { select: { email: true } } } }),
  ]);
  const { headers: h, kinds, roles, roleSeparator } = WORDS[locale];
  return [
    { kind: "departments", header: Object.values(h.departments), rows: departments.map((d) => [d.code, d.name, d.parent?.code ?? "", d.manager?.email ?? "", kinds[d.kind]]) },
    {
      kind: "people",
      header: Object.values(h.people),
      rows: people.map((p) => [p.email, p.name, p.department?.code ?? "", p.title ?? "", p.phone ?? "", p.im ?? "", p.roles.map((r) => roles[r]).join(roleSeparator)]),
    },
    { kind: "matrix", header: Object.values(h.matrix), rows: lines.flatMap((l) => l.assignments.map((a, i) => [l.code, l.name, a.user.email, String(i + 1)])) },
    { kind: "roster", header: Object.values(h.roster), rows: roster.map((r) => [r.line.code, r.user.email, rosterTimeText(r.startsAt), rosterTimeText(r.endsAt)]) },
  ];
}

/**
 * The org as a file the import reads back unchanged. Text that a spreadsheet could run as a formula
 * gets a leading apostrophe (lib/analytics/shared/csv-cell.ts); the import takes it off again.
 */
export async function exportOrgXlsx(ctx: OrgCtx, locale: Locale = "zh-CN"): Promise<Buffer> {
  requireOrgAdmin(ctx);
  const book = new ExcelJS.Workbook();
  for (const t of await tables(ctx, locale)) {
    const ws = book.addWorksheet(WORDS[locale].sheets[t.kind]);
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow(r.map(neutraliseFormula));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportOrgCsv(ctx: OrgCtx, kind: SheetKind, locale: Locale = "zh-CN"): Promise<string> {
  requireOrgAdmin(ctx);
  const t = (await tables(ctx, locale)).find((x) => x.kind === kind)!;
  return CSV_BOM + csvRow(t.header) + t.rows.map((r) => csvRow(r)).join("");
}
