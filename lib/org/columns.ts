// The columns of an org file, in Chinese or English. A header is matched after trimming, lower-casing
// and dropping spaces, "_" and "-", so "Head E-mail", "head_email" and "负责人邮箱" all work.
import type { DepartmentKind, Role } from "../db/generated/enums";
import { formatCompanyTime, parseCompanyTime } from "../time/zone";

export type SheetKind = "departments" | "people" | "matrix" | "roster";

export const FIELDS = {
  departments: {
    code: ["id", "code", "部门编码", "部门编号", "编码", "编号", "部门id"],
    name: ["name", "部门名称", "名称"],
    parent: ["parent", "parentid", "parentcode", "上级", "上级部门", "上级部门编码", "上级编码"],
    head: ["head", "heademail", "负责人", "负责人邮箱", "部门负责人"],
    kind: ["kind", "type", "level", "类型", "层级"],
  },
  people: {
    email: ["email", "mail", "邮箱", "电子邮箱", "邮件"],
    name: ["name", "姓名", "名字"],
    department: ["department", "departmentid", "departmentcode", "dept", "部门", "部门编码", "所属部门"],
    title: ["title", "position", "职务", "岗位", "职位"],
    phone: ["phone", "mobile", "电话", "手机", "手机号", "联系电话"],
    im: ["im", "imids", "imid", "即时通讯", "企业微信", "钉钉", "飞书"],
    roles: ["roles", "role", "角色"],
  },
  matrix: {
    line: ["line", "linecode", "businessline", "条线", "条线编码"],
    lineName: ["linename", "条线名称"],
    owner: ["owner", "owneremail", "email", "首问责任人", "首问责任人邮箱", "责任人", "邮箱"],
    order: ["order", "position", "顺序", "序号", "排序"],
  },
  roster: {
    line: ["line", "linecode", "条线", "条线编码"],
    person: ["person", "email", "onduty", "值班人", "值班人邮箱", "邮箱"],
    startsAt: ["start", "starts", "startsat", "from", "开始", "开始时间"],
    endsAt: ["end", "ends", "endsat", "until", "to", "结束", "结束时间"],
  },
} as const;

export const REQUIRED: { [K in SheetKind]: readonly (keyof (typeof FIELDS)[K])[] } = {
  departments: ["code", "name"],
  people: ["email", "name", "department"],
  matrix: ["line", "owner"],
  roster: ["line", "person", "startsAt", "endsAt"],
};

export const SHEET_NAMES: Record<SheetKind, readonly string[]> = {
  departments: ["departments", "部门", "组织架构", "组织"],
  people: ["people", "人员", "员工", "用户"],
  matrix: ["matrix", "责任分配表", "责任矩阵"],
  roster: ["roster", "onduty", "值班表", "值班"],
};
export const EXPORT_SHEET_NAMES: Record<SheetKind, string> = { departments: "部门", people: "人员", matrix: "责任分配表", roster: "值班表" };

export const EXPORT_SHEET_NAMES_EN: Record<SheetKind, string> = { departments: "Departments", people: "People", matrix: "Matrix", roster: "Roster" };
/** The export's file names: the Chinese ones and the ASCII fallback (Content-Disposition filename=). */
export const EXPORT_FILE_NAMES = { workbook: "组织架构.xlsx", csvPrefix: "组织" } as const;

export const normaliseHeader = (h: string) => h.normalize("NFKC").trim().toLowerCase().replace(/[\s_\-]/g, "");

/** Which field of `kind` a header names, or undefined. */
export function fieldOf(kind: SheetKind, header: string): string | undefined {
  const h = normaliseHeader(header);
  for (const [field, aliases] of Object.entries(FIELDS[kind])) if ((aliases as readonly string[]).includes(h)) return field;
  return undefined;
}

/** A CSV has no sheet name: its headers tell what it holds. */
export function kindFromHeaders(headers: string[]): SheetKind {
  const has = (kind: SheetKind, field: string) => headers.some((h) => fieldOf(kind, h) === field);
  if (has("roster", "startsAt")) return "roster";
  if (has("matrix", "line")) return "matrix";
  if (has("people", "email") && !has("departments", "parent") && !has("departments", "head")) return "people";
  return "departments";
}

export function kindFromSheetName(name: string): SheetKind | undefined {
  const n = normaliseHeader(name);
  return (Object.keys(SHEET_NAMES) as SheetKind[]).find((k) => SHEET_NAMES[k].includes(n));
}

const KIND_NAMES: Record<string, DepartmentKind> = {
  公司: "COMPANY", 集团: "COMPANY", company: "COMPANY",
  中心: "CENTER", center: "CENTER", centre: "CENTER",
  区域: "REGION", 大区: "REGION", region: "REGION",
  部门: "DEPARTMENT", department: "DEPARTMENT", dept: "DEPARTMENT",
};
export const KIND_LABELS: Record<DepartmentKind, string> = { COMPANY: "公司", CENTER: "中心", REGION: "区域", DEPARTMENT: "部门" };
export const KIND_LABELS_EN: Record<DepartmentKind, string> = { COMPANY: "Company", CENTER: "Center", REGION: "Region", DEPARTMENT: "Department" };
// Own keys only: a cell saying "constructor" must not find Object.prototype's.
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
export const kindOf = (text: string): DepartmentKind | undefined => own(KIND_NAMES, normaliseHeader(text));

const ROLE_NAMES: Record<string, Role> = {
  员工: "EMPLOYEE", employee: "EMPLOYEE",
  首问责任人: "FIRST_CONTACT_OWNER", firstcontactowner: "FIRST_CONTACT_OWNER", owner: "FIRST_CONTACT_OWNER",
  制度负责人: "POLICY_OWNER", policyowner: "POLICY_OWNER",
  管理者: "MANAGER", 主管: "MANAGER", 经理: "MANAGER", manager: "MANAGER",
  管理员: "ADMIN", 系统管理员: "ADMIN", admin: "ADMIN",
  质检员: "QA_REVIEWER", 质检: "QA_REVIEWER", qareviewer: "QA_REVIEWER", qa: "QA_REVIEWER",
};
export const ROLE_LABELS: Record<Role, string> = {
  EMPLOYEE: "员工", FIRST_CONTACT_OWNER: "首问责任人", POLICY_OWNER: "制度负责人", MANAGER: "管理者", ADMIN: "管理员", QA_REVIEWER: "质检员",
};
export const ROLE_LABELS_EN: Record<Role, string> = {
  EMPLOYEE: "Employee", FIRST_CONTACT_OWNER: "First-contact owner", POLICY_OWNER: "Policy owner", MANAGER: "Manager", ADMIN: "Admin", QA_REVIEWER: "QA reviewer",
};
export const roleOf = (text: string): Role | undefined => own(ROLE_NAMES, normaliseHeader(text));
export const splitList = (text: string) => text.split(/[,，;；、|/]+/).map((s) => s.trim()).filter(Boolean);

/**
 * A roster time, company time (lib/time/zone.ts): "2026-12-08 09:00" (or with "T" or "/"), or a date alone — the start of
 * that day, or for an end the start of the next, so "12-08 … 12-08" covers the whole day.
 */
export function rosterTimeOf(text: string, isEnd: boolean): Date | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m;
  const pad = (x: string) => x.padStart(2, "0");
  const date = parseCompanyTime(`${y}-${pad(mo!)}-${pad(d!)}${h ? ` ${pad(h)}:${mi}` : ""}`);
  // 2026-02-30 would roll over to March: parseCompanyTime refuses it instead.
  if (!date) return undefined;
  return !h && isEnd ? new Date(date.getTime() + 86_400_000) : date;
}

/** The same time as the import writes it back: "YYYY-MM-DD HH:mm", company time. */
export const rosterTimeText = (d: Date) => formatCompanyTime(d);
