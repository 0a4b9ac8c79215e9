import type { DbTx } from "../db/client";
import type { DepartmentKind, Role } from "../db/generated/enums";

export interface OrgSnapshot {
  departments: { id: string; code: string; name: string; kind: DepartmentKind; parentId: string | null; managerId: string | null }[];
  users: { id: string; email: string; name: string; departmentId: string | null; title: string | null; phone: string | null; im: string | null; roles: Role[]; disabledAt: Date | null }[];
  lines: { id: string; code: string; name: string }[];
  assignments: { lineId: string; userId: string; active: boolean }[];
  /** Roster entries not yet over: the ones an import may replace. */
  roster: { id: string; lineId: string; userId: string; startsAt: Date; endsAt: Date }[];
}

/** What the import compares the file with; read inside the applying transaction so the plan is current. */
export async function loadOrgSnapshot(db: DbTx, now: Date): Promise<OrgSnapshot> {
  const [departments, users, lines, assignments, roster] = await Promise.all([
    db.department.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, managerId: true } }),
    db.user.findMany({ select: { id: true, email: true, name: true, departmentId: true, title: true, phone: true, im: true, roles: true, disabledAt: true } }),
    db.businessLine.findMany({ select: { id: true, code: true, name: true } }),
    db.responsibilityAssignment.findMany({ select: { lineId: true, userId: true, active: true } }),
    db.dutyRoster.findMany({ where: { endsAt: { gt: now } }, select: { id: true, lineId: true, userId: true, startsAt: true, endsAt: true } }),
  ]);
  return { departments, users, lines, assignments, roster };
}
