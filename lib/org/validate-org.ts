// Checks a parsed org file against itself and the current database; returns the company as the file
// describes it, or every problem found (row, column, why). Pure, so it runs the same in preview and apply.
import { z } from "zod";
import type { DepartmentKind, Role } from "../db/generated/enums";
import { kindOf, roleOf, rosterTimeOf, splitList } from "./columns";
import type { OrgIssue } from "./org-issue";
import type { OrgSnapshot } from "./org-snapshot";
import type { OrgRow, OrgSheet } from "./parse-org-file";

export interface DesiredDepartment { code: string; name: string; kind: DepartmentKind; parentCode: string | null; headEmail: string | null; row: number }
export interface DesiredPerson { email: string; name: string; departmentCode: string | null; title: string | null; phone: string | null; im: string | null; roles: Role[]; row: number }
export interface DesiredAssignment { lineCode: string; lineName: string | null; ownerEmail: string; order: number; row: number }
export interface DesiredDuty { lineCode: string; email: string; startsAt: Date; endsAt: Date; row: number }
export interface DesiredOrg {
  departments?: DesiredDepartment[];
  people?: DesiredPerson[];
  matrix?: DesiredAssignment[];
  roster?: DesiredDuty[];
}

const email = z.string().email().max(200);
const CODE = /^[^\s]{1,64}$/;

export function validateOrg(sheets: OrgSheet[], snap: OrgSnapshot, actorId: string | null): { desired: DesiredOrg; issues: OrgIssue[] } {
  const issues: OrgIssue[] = [];
  const sheetOf = (kind: OrgSheet["kind"]) => sheets.find((s) => s.kind === kind);
  const depSheet = sheetOf("departments");
  const peopleSheet = sheetOf("people");
  const matrixSheet = sheetOf("matrix");
  const issue = (s: OrgSheet, r: OrgRow, field: string, message: string) => issues.push({ sheet: s.name, row: r.row, column: s.columns[field] ?? field, message });

  const dbDeptByCode = new Map(snap.departments.map((d) => [d.code, d]));
  const dbDeptById = new Map(snap.departments.map((d) => [d.id, d]));
  const dbUserByEmail = new Map(snap.users.map((u) => [u.email, u]));
  const desired: DesiredOrg = {};

  if (depSheet) {
    const seen = new Set<string>();
    desired.departments = [];
    for (const r of depSheet.rows) {
      const v = r.values;
      const code = v.code ?? "";
      if (!code) { issue(depSheet, r, "code", "不能为空"); continue; }
      if (!CODE.test(code)) { issue(depSheet, r, "code", "编码不能含空格，最多 64 个字符"); continue; }
      if (seen.has(code)) { issue(depSheet, r, "code", `部门编码「${code}」重复`); continue; }
      seen.add(code);
      if (!v.name) issue(depSheet, r, "name", "不能为空");
      const parentCode = v.parent || null;
      let kind = v.kind ? kindOf(v.kind) : (dbDeptByCode.get(code)?.kind ?? (parentCode ? "DEPARTMENT" : "COMPANY"));
      if (!kind) { issue(depSheet, r, "kind", `未知类型「${v.kind}」（公司、中心、区域、部门）`); kind = "DEPARTMENT"; }
      desired.departments.push({ code, name: v.name ?? "", kind, parentCode, headEmail: v.head ? v.head.toLowerCase() : null, row: r.row });
    }
  }
  const fileDepts = new Map((desired.departments ?? []).map((d) => [d.code, d]));
  const deptExists = (code: string) => fileDepts.has(code) || dbDeptByCode.has(code);

  if (peopleSheet) {
    const seen = new Set<string>();
    desired.people = [];
    for (const r of peopleSheet.rows) {
      const v = r.values;
      const address = (v.email ?? "").toLowerCase();
      if (!address) { issue(peopleSheet, r, "email", "不能为空"); continue; }
      if (!email.safeParse(address).success) { issue(peopleSheet, r, "email", `「${address}」不是有效的邮箱`); continue; }
      if (seen.has(address)) { issue(peopleSheet, r, "email", `邮箱「${address}」重复`); continue; }
      seen.add(address);
      if (!v.name) issue(peopleSheet, r, "name", "不能为空");
      // No department is allowed (the first admin has none); escalation then goes to the admins.
      if (v.department && !deptExists(v.department)) issue(peopleSheet, r, "department", `部门「${v.department}」不存在`);
      const roles = new Set<Role>(["EMPLOYEE"]);
      for (const name of splitList(v.roles ?? "")) {
        const role = roleOf(name);
        if (role) roles.add(role);
        else issue(peopleSheet, r, "roles", `未知角色「${name}」（员工、首问责任人、制度负责人、管理者、管理员、质检员）`);
      }
      const existing = dbUserByEmail.get(address);
      if (existing && existing.id === actorId && existing.roles.includes("ADMIN") && !roles.has("ADMIN")) issue(peopleSheet, r, "roles", "不能取消自己的管理员角色");
      if ((v.phone ?? "").length > 40) issue(peopleSheet, r, "phone", "最多 40 个字符");
      desired.people.push({ email: address, name: v.name ?? "", departmentCode: v.department || null, title: v.title || null, phone: v.phone || null, im: v.im || null, roles: [...roles], row: r.row });
    }
  }
  const filePeople = new Map((desired.people ?? []).map((p) => [p.email, p]));

  if (depSheet && desired.departments) {
    // Parents: from the file, else the database; a cycle is reported once, at the first row that closes it.
    const parentOf = new Map<string, string | null>();
    for (const d of snap.departments) parentOf.set(d.code, d.parentId ? (dbDeptById.get(d.parentId)?.code ?? null) : null);
    for (const d of desired.departments) parentOf.set(d.code, d.parentCode);
    const inCycle = new Set<string>();
    for (const d of desired.departments) {
      const r = depSheet.rows.find((x) => x.row === d.row)!;
      if (d.parentCode && !deptExists(d.parentCode)) { issue(depSheet, r, "parent", `上级部门「${d.parentCode}」不存在`); continue; }
      const path = [d.code];
      let at = d.parentCode;
      while (at && !path.includes(at) && path.length <= 64) { path.push(at); at = parentOf.get(at) ?? null; }
      if (at && path.includes(at) && !inCycle.has(d.code)) {
        const cycle = path.slice(path.indexOf(at));
        cycle.forEach((c) => inCycle.add(c));
        issue(depSheet, r, "parent", `组织架构出现循环：${[...cycle, at].join(" → ")}`);
      } else if (path.length > 64) issue(depSheet, r, "parent", "层级超过 64 级");
      if (d.headEmail) {
        const person = filePeople.get(d.headEmail);
        const dbPerson = dbUserByEmail.get(d.headEmail);
        const memberOf = person ? person.departmentCode : dbPerson?.departmentId ? dbDeptById.get(dbPerson.departmentId)?.code : undefined;
        if (!person && !dbPerson) issue(depSheet, r, "head", `负责人「${d.headEmail}」不在人员名单中`);
        else if (memberOf !== d.code) issue(depSheet, r, "head", `负责人「${d.headEmail}」不是本部门成员`);
      }
    }
  }

  if (matrixSheet) {
    desired.matrix = [];
    const lineByCode = new Map(snap.lines.map((l) => [l.code, l]));
    const seen = new Set<string>();
    for (const r of matrixSheet.rows) {
      const v = r.values;
      const lineCode = v.line ?? "";
      const ownerEmail = (v.owner ?? "").toLowerCase();
      if (!lineCode) { issue(matrixSheet, r, "line", "不能为空"); continue; }
      if (!lineByCode.has(lineCode) && !v.lineName) issue(matrixSheet, r, "line", `条线「${lineCode}」不存在（填写条线名称可新建）`);
      else if (!lineByCode.has(lineCode) && snap.lines.some((l) => l.name === v.lineName)) issue(matrixSheet, r, "lineName", `条线名称「${v.lineName}」已被其他条线使用`);
      const owner = filePeople.get(ownerEmail);
      const dbOwner = dbUserByEmail.get(ownerEmail);
      const roles = owner ? owner.roles : dbOwner?.roles;
      if (!ownerEmail) issue(matrixSheet, r, "owner", "不能为空");
      else if (!owner && !dbOwner) issue(matrixSheet, r, "owner", `「${ownerEmail}」不在人员名单中`);
      else if (!roles?.includes("FIRST_CONTACT_OWNER")) issue(matrixSheet, r, "owner", `「${ownerEmail}」没有首问责任人角色`);
      else if (!owner && dbOwner?.disabledAt) issue(matrixSheet, r, "owner", `「${ownerEmail}」已停用`);
      if (seen.has(`${lineCode}\n${ownerEmail}`)) issue(matrixSheet, r, "owner", "同一条线重复指定此人");
      seen.add(`${lineCode}\n${ownerEmail}`);
      const order = v.order ? Number(v.order) : r.row;
      if (!Number.isInteger(order)) issue(matrixSheet, r, "order", "顺序必须是整数");
      desired.matrix.push({ lineCode, lineName: v.lineName || null, ownerEmail, order, row: r.row });
    }
  }
  const rosterSheet = sheetOf("roster");
  if (rosterSheet) {
    desired.roster = [];
    const lineCodes = new Set([...snap.lines.map((l) => l.code), ...(desired.matrix ?? []).filter((a) => a.lineName).map((a) => a.lineCode)]);
    for (const r of rosterSheet.rows) {
      const v = r.values;
      const who = (v.person ?? "").toLowerCase();
      if (!v.line) issue(rosterSheet, r, "line", "不能为空");
      else if (!lineCodes.has(v.line)) issue(rosterSheet, r, "line", `条线「${v.line}」不存在`);
      const person = filePeople.get(who) ?? dbUserByEmail.get(who);
      if (!who) issue(rosterSheet, r, "person", "不能为空");
      else if (!person) issue(rosterSheet, r, "person", `「${who}」不在人员名单中`);
      else if (!person.roles.includes("FIRST_CONTACT_OWNER")) issue(rosterSheet, r, "person", `「${who}」没有首问责任人角色`);
      const startsAt = rosterTimeOf(v.startsAt ?? "", false);
      const endsAt = rosterTimeOf(v.endsAt ?? "", true);
      if (!startsAt) issue(rosterSheet, r, "startsAt", "时间格式为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）");
      if (!endsAt) issue(rosterSheet, r, "endsAt", "时间格式为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）");
      else if (startsAt && endsAt <= startsAt) issue(rosterSheet, r, "endsAt", "结束时间必须晚于开始时间");
      if (v.line && person && startsAt && endsAt) desired.roster.push({ lineCode: v.line, email: who, startsAt, endsAt, row: r.row });
    }
  }
  return { desired, issues };
}
