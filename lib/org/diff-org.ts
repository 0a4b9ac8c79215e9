// What applying a validated file would change: added, changed (with the fields) and disabled. Pure.
import { createHash } from "node:crypto";
import type { DesiredOrg } from "./validate-org";
import type { OrgSnapshot } from "./org-snapshot";

export interface OrgPlan {
  full: boolean;
  departments: { added: string[]; changed: { code: string; fields: string[] }[] };
  people: { added: string[]; changed: { email: string; fields: string[] }[]; disabled: string[]; kept: string[] };
  matrix: { linesAdded: string[]; added: { line: string; owner: string }[]; removed: { line: string; owner: string }[] };
  roster: { added: Duty[]; removed: Duty[] };
}
export interface Duty { line: string; person: string; startsAt: string; endsAt: string }

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function diffOrg(desired: DesiredOrg, snap: OrgSnapshot, options: { full: boolean; actorId: string | null }): OrgPlan {
  const deptById = new Map(snap.departments.map((d) => [d.id, d]));
  const deptByCode = new Map(snap.departments.map((d) => [d.code, d]));
  const userById = new Map(snap.users.map((u) => [u.id, u]));
  const userByEmail = new Map(snap.users.map((u) => [u.email, u]));
  const plan: OrgPlan = {
    full: options.full,
    departments: { added: [], changed: [] },
    people: { added: [], changed: [], disabled: [], kept: [] },
    matrix: { linesAdded: [], added: [], removed: [] },
    roster: { added: [], removed: [] },
  };

  for (const d of desired.departments ?? []) {
    const old = deptByCode.get(d.code);
    if (!old) { plan.departments.added.push(d.code); continue; }
    const fields: string[] = [];
    if (old.name !== d.name) fields.push("name");
    if (old.kind !== d.kind) fields.push("kind");
    if ((old.parentId ? deptById.get(old.parentId)?.code : null) !== d.parentCode) fields.push("parent");
    if ((old.managerId ? userById.get(old.managerId)?.email : null) !== d.headEmail) fields.push("head");
    if (fields.length) plan.departments.changed.push({ code: d.code, fields });
  }

  if (desired.people) {
    const inFile = new Set<string>();
    for (const p of desired.people) {
      inFile.add(p.email);
      const old = userByEmail.get(p.email);
      if (!old) { plan.people.added.push(p.email); continue; }
      const fields: string[] = [];
      if (old.name !== p.name) fields.push("name");
      if ((old.departmentId ? deptById.get(old.departmentId)?.code : null) !== p.departmentCode) fields.push("department");
      if (old.title !== p.title) fields.push("title");
      if (old.phone !== p.phone) fields.push("phone");
      if (old.im !== p.im) fields.push("im");
      if (!same(old.roles, p.roles)) fields.push("roles");
      if (old.disabledAt) fields.push("enabled");
      if (fields.length) plan.people.changed.push({ email: p.email, fields });
    }
    if (options.full) {
      for (const u of snap.users) {
        if (inFile.has(u.email) || u.disabledAt) continue;
        // Never lock out whoever runs the import.
        if (u.id === options.actorId) plan.people.kept.push(u.email);
        else plan.people.disabled.push(u.email);
      }
    }
  }

  if (desired.matrix) {
    const lineByCode = new Map(snap.lines.map((l) => [l.code, l]));
    const wanted = new Map<string, Set<string>>();
    for (const a of desired.matrix) {
      if (!lineByCode.has(a.lineCode) && !plan.matrix.linesAdded.includes(a.lineCode)) plan.matrix.linesAdded.push(a.lineCode);
      const set = wanted.get(a.lineCode) ?? new Set<string>();
      set.add(a.ownerEmail);
      wanted.set(a.lineCode, set);
    }
    // A 条线 in the file gets exactly the file's owners; 条线 not in the file keep theirs.
    for (const [lineCode, owners] of wanted) {
      const line = lineByCode.get(lineCode);
      const active = new Set(line ? snap.assignments.filter((x) => x.lineId === line.id && x.active).map((x) => userById.get(x.userId)?.email ?? "") : []);
      for (const o of [...owners].sort()) if (!active.has(o)) plan.matrix.added.push({ line: lineCode, owner: o });
      for (const o of [...active].sort()) if (!owners.has(o)) plan.matrix.removed.push({ line: lineCode, owner: o });
    }
  }
  if (desired.roster) {
    // A 条线 in the roster sheet gets exactly the file's entries from now on; past entries stay.
    const lineById = new Map(snap.lines.map((l) => [l.id, l.code]));
    const key = (d: Duty) => `${d.line}\n${d.person}\n${d.startsAt}\n${d.endsAt}`;
    const inFile = desired.roster.map((r) => ({ line: r.lineCode, person: r.email, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
    const lines = new Set(inFile.map((d) => d.line));
    const current = snap.roster
      .filter((r) => lines.has(lineById.get(r.lineId) ?? ""))
      .map((r) => ({ line: lineById.get(r.lineId)!, person: userById.get(r.userId)?.email ?? "", startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
    const currentKeys = new Set(current.map(key));
    const fileKeys = new Set(inFile.map(key));
    plan.roster.added = [...new Map(inFile.filter((d) => !currentKeys.has(key(d))).map((d) => [key(d), d])).values()];
    plan.roster.removed = current.filter((d) => !fileKeys.has(key(d)));
  }
  return plan;
}

export const isEmptyPlan = (p: OrgPlan) =>
  !p.departments.added.length && !p.departments.changed.length && !p.people.added.length && !p.people.changed.length &&
  !p.people.disabled.length && !p.matrix.linesAdded.length && !p.matrix.added.length && !p.matrix.removed.length &&
  !p.roster.added.length && !p.roster.removed.length;

/** Names the plan, so that apply can refuse when the database moved on since the preview. */
export const planHash = (p: OrgPlan) => createHash("sha256").update(JSON.stringify(p)).digest("hex").slice(0, 32);
