// Checks a parsed org file against itself and the current database; returns the company as the file
// describes it, or every problem found (row, column, why). Pure, so it runs the same in preview and apply.
import { z } from "zod";
import type { DepartmentKind, Role } from "../db/generated/enums";
import { m, type ErrorMessage } from "../errors";
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
const MAX_DEPTH = 64;
const MAX_PHONE = 40;
const REQUIRED = m("errors.org.required");

export function validateOrg(sheets: OrgSheet[], snap: OrgSnapshot, actorId: string | null): { desired: DesiredOrg; issues: OrgIssue[] } {
  const issues: OrgIssue[] = [];
  const sheetOf = (kind: OrgSheet["kind"]) => sheets.find((s) => s.kind === kind);
  const depSheet = sheetOf("departments");
  const peopleSheet = sheetOf("people");
  const matrixSheet = sheetOf("matrix");
  const issue = (s: OrgSheet, r: OrgRow, field: string, message: ErrorMessage) => issues.push({ sheet: s.name, row: r.row, column: s.columns[field] ?? field, message });

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
      if (!code) { issue(depSheet, r, "code", REQUIRED); continue; }
      if (!CODE.test(code)) { issue(depSheet, r, "code", m("errors.org.codeFormat")); continue; }
      if (seen.has(code)) { issue(depSheet, r, "code", m("errors.org.duplicateDepartment", { code })); continue; }
      seen.add(code);
      if (!v.name) issue(depSheet, r, "name", REQUIRED);
      const parentCode = v.parent || null;
      let kind = v.kind ? kindOf(v.kind) : (dbDeptByCode.get(code)?.kind ?? (parentCode ? "DEPARTMENT" : "COMPANY"));
      if (!kind) { issue(depSheet, r, "kind", m("errors.org.unknownKind", { kind: v.kind ?? "" })); kind = "DEPARTMENT"; }
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
      if (!address) { issue(peopleSheet, r, "email", REQUIRED); continue; }
      if (!email.safeParse(address).success) { issue(peopleSheet, r, "email", m("errors.org.badEmail", { email: address })); continue; }
      if (seen.has(address)) { issue(peopleSheet, r, "email", m("errors.org.duplicateEmail", { email: address })); continue; }
      seen.add(address);
      if (!v.name) issue(peopleSheet, r, "name", REQUIRED);
      // No department is allowed (the first admin has none); escalation then goes to the admins.
      if (v.department && !deptExists(v.department)) issue(peopleSheet, r, "department", m("errors.org.unknownDepartment", { code: v.department }));
      const roles = new Set<Role>(["EMPLOYEE"]);
      for (const name of splitList(v.roles ?? "")) {
        const role = roleOf(name);
        if (role) roles.add(role);
        else issue(peopleSheet, r, "roles", m("errors.org.unknownRole", { role: name }));
      }
      const existing = dbUserByEmail.get(address);
      if (existing && existing.id === actorId && existing.roles.includes("ADMIN") && !roles.has("ADMIN")) issue(peopleSheet, r, "roles", m("errors.org.ownAdminRole"));
      if ((v.phone ?? "").length > MAX_PHONE) issue(peopleSheet, r, "phone", m("errors.org.phoneTooLong", { max: MAX_PHONE }));
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
      if (d.parentCode && !deptExists(d.parentCode)) { issue(depSheet, r, "parent", m("errors.org.unknownParent", { code: d.parentCode })); continue; }
      const path = [d.code];
      let at = d.parentCode;
      while (at && !path.includes(at) && path.length <= MAX_DEPTH) { path.push(at); at = parentOf.get(at) ?? null; }
      if (at && path.includes(at) && !inCycle.has(d.code)) {
        const cycle = path.slice(path.indexOf(at));
        cycle.forEach((c) => inCycle.add(c));
        issue(depSheet, r, "parent", m("errors.org.cycle", { path: [...cycle, at].join(" → ") }));
      } else if (path.length > MAX_DEPTH) issue(depSheet, r, "parent", m("errors.org.tooDeep", { max: MAX_DEPTH }));
      if (d.headEmail) {
        const person = filePeople.get(d.headEmail);
        const dbPerson = dbUserByEmail.get(d.headEmail);
        const memberOf = person ? person.departmentCode : dbPerson?.departmentId ? dbDeptById.get(dbPerson.departmentId)?.code : undefined;
        if (!person && !dbPerson) issue(depSheet, r, "head", m("errors.org.headNotListed", { email: d.headEmail }));
        else if (memberOf !== d.code) issue(depSheet, r, "head", m("errors.org.headNotMember", { email: d.headEmail }));
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
      if (!lineCode) { issue(matrixSheet, r, "line", REQUIRED); continue; }
      if (!lineByCode.has(lineCode) && !v.lineName) issue(matrixSheet, r, "line", m("errors.org.unknownLineNameIt", { code: lineCode }));
      else if (!lineByCode.has(lineCode) && snap.lines.some((l) => l.name === v.lineName)) issue(matrixSheet, r, "lineName", m("errors.org.lineNameTaken", { name: v.lineName ?? "" }));
      const owner = filePeople.get(ownerEmail);
      const dbOwner = dbUserByEmail.get(ownerEmail);
      const roles = owner ? owner.roles : dbOwner?.roles;
      if (!ownerEmail) issue(matrixSheet, r, "owner", REQUIRED);
      else if (!owner && !dbOwner) issue(matrixSheet, r, "owner", m("errors.org.personNotListed", { email: ownerEmail }));
      else if (!roles?.includes("FIRST_CONTACT_OWNER")) issue(matrixSheet, r, "owner", m("errors.org.notOwner", { email: ownerEmail }));
      else if (!owner && dbOwner?.disabledAt) issue(matrixSheet, r, "owner", m("errors.org.personDisabled", { email: ownerEmail }));
      if (seen.has(`${lineCode}\n${ownerEmail}`)) issue(matrixSheet, r, "owner", m("errors.org.duplicateAssignment"));
      seen.add(`${lineCode}\n${ownerEmail}`);
      const order = v.order ? Number(v.order) : r.row;
      if (!Number.isInteger(order)) issue(matrixSheet, r, "order", m("errors.org.orderNotInteger"));
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
      if (!v.line) issue(rosterSheet, r, "line", REQUIRED);
      else if (!lineCodes.has(v.line)) issue(rosterSheet, r, "line", m("errors.org.unknownLine", { code: v.line }));
      const person = filePeople.get(who) ?? dbUserByEmail.get(who);
      if (!who) issue(rosterSheet, r, "person", REQUIRED);
      else if (!person) issue(rosterSheet, r, "person", m("errors.org.personNotListed", { email: who }));
      else if (!person.roles.includes("FIRST_CONTACT_OWNER")) issue(rosterSheet, r, "person", m("errors.org.notOwner", { email: who }));
      const startsAt = rosterTimeOf(v.startsAt ?? "", false);
      const endsAt = rosterTimeOf(v.endsAt ?? "", true);
      if (!startsAt) issue(rosterSheet, r, "startsAt", m("errors.org.timeFormat"));
      if (!endsAt) issue(rosterSheet, r, "endsAt", m("errors.org.timeFormat"));
      else if (startsAt && endsAt <= startsAt) issue(rosterSheet, r, "endsAt", m("errors.org.endBeforeStart"));
      if (v.line && person && startsAt && endsAt) desired.roster.push({ lineCode: v.line, email: who, startsAt, endsAt, row: r.row });
    }
  }
  return { desired, issues };
}
