import type { DbTx } from "../db/client";
import { ancestry } from "../questions/org";

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
