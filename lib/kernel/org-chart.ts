// The org chart, once: who manages what, what lies below a department, and who is above a person.
// Question access (managers see their subtree), handoff ping-pong flags (lowest common manager) and
// escalation (the next manager up) all read the chart through these.
import type { DbTx } from "../db/client";

export interface ChartDepartment {
  id: string;
  managerId: string | null;
}

/** Department ids from the given one up to the top, nearest first. */
export async function ancestry(db: DbTx, departmentId: string): Promise<ChartDepartment[]> {
  return db.$queryRaw<ChartDepartment[]>`
    WITH RECURSIVE up AS (
      SELECT id, "parentId", "managerId", 0 AS depth FROM "Department" WHERE id = ${departmentId}::uuid
      UNION ALL
      SELECT d.id, d."parentId", d."managerId", up.depth + 1 FROM "Department" d JOIN up ON d.id = up."parentId"
      WHERE up.depth < 50
    ) SELECT id, "managerId" FROM up ORDER BY depth`;
}

/** Departments the user manages, with everything below them. */
export async function departmentSubtree(db: DbTx, managerId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT id FROM "Department" WHERE "managerId" = ${managerId}::uuid
      UNION
      SELECT d.id FROM "Department" d JOIN tree t ON d."parentId" = t.id
    ) SELECT id FROM tree`;
  return rows.map((r) => r.id);
}

/** A department with everything below it. */
export async function departmentWithSubtree(db: DbTx, departmentId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT id FROM "Department" WHERE id = ${departmentId}::uuid
      UNION
      SELECT d.id FROM "Department" d JOIN tree t ON d."parentId" = t.id
    ) SELECT id FROM tree`;
  return rows.map((r) => r.id);
}

/** The lowest department that contains all the given departments (pure). */
export function lowestCommonDepartment(chains: ChartDepartment[][]): ChartDepartment | null {
  if (chains.length === 0) return null;
  const [first, ...rest] = chains;
  return first!.find((d) => rest.every((c) => c.some((x) => x.id === d.id))) ?? null;
}

/** The manager of the lowest department above all the given users (for ping-pong flags). */
export async function lowestCommonManager(db: DbTx, userIds: string[]): Promise<string | null> {
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { departmentId: true } });
  const chains = await Promise.all(users.filter((u) => u.departmentId).map((u) => ancestry(db, u.departmentId!)));
  const common = lowestCommonDepartment(chains);
  if (!common) return null;
  // The department itself may have no manager: go up until one does.
  const chain = chains[0]!;
  for (const d of chain.slice(chain.findIndex((x) => x.id === common.id))) if (d.managerId) return d.managerId;
  return null;
}

/**
 * The next person up the org chart from `fromUserId`, computed from the chart as it is now:
 * the manager of the nearest department (theirs, then upwards) who is someone else and active.
 * Null at the top.
 */
export async function nextManagerAbove(db: DbTx, fromUserId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: fromUserId }, select: { departmentId: true } });
  if (!user?.departmentId) return null;
  for (const dept of await ancestry(db, user.departmentId)) {
    if (!dept.managerId || dept.managerId === fromUserId) continue;
    const manager = await db.user.findFirst({ where: { id: dept.managerId, disabledAt: null }, select: { id: true } });
    if (manager) return manager.id;
  }
  return null;
}
