// What a policy owner's department answers for: the 条线 whose policy-owner department it is, and every
// policy in those lines or owned by the department itself (a policy may sit in another 条线). Used by the
// portal's scope checks (lib/analytics/shared/scope.ts) and by the worker's review reminders, so no "server-only".
import type { DbTx } from "../db/client";

/** The audit action of marking a policy for revision (lib/policies/mark-policy-revision.ts writes it). */
export const MARK_REVISION_ACTION = "policy.revision";

export async function policiesOwnedByDepartment(db: DbTx, departmentId: string): Promise<{ lineIds: string[]; policyIds: string[] }> {
  const [lines, ownDept] = await Promise.all([
    db.businessLine.findMany({ where: { policyOwnerDeptId: departmentId }, select: { id: true } }),
    db.policy.findMany({ where: { ownerDeptId: departmentId }, select: { id: true } }),
  ]);
  const lineIds = lines.map((l) => l.id);
  const inLines = lineIds.length ? await db.policy.findMany({ where: { lineId: { in: lineIds } }, select: { id: true } }) : [];
  return { lineIds, policyIds: [...new Set([...inLines, ...ownDept].map((p) => p.id))] };
}
