import "server-only";
// Who may keep and use 常用答复. Personal ones belong to their owner alone; a 条线's shared ones are
// kept by that line's policy owners (the line's policy-owner department) and admins, and used by the
// line's first-contact owners, its keepers, and whoever currently owns an open question of the line.
import type { Actor } from "../auth/roles";
import { hasRole } from "../auth/roles";
import type { DbTx } from "../db/client";
import { OPEN_STATUSES } from "../kernel/question-status";

export async function canManageLineReplies(db: DbTx, actor: Actor, lineId: string): Promise<boolean> {
  if (hasRole(actor, "ADMIN")) return true;
  if (!hasRole(actor, "POLICY_OWNER") || !actor.departmentId) return false;
  return (await db.businessLine.count({ where: { id: lineId, policyOwnerDeptId: actor.departmentId } })) > 0;
}

export async function canUseLineReplies(db: DbTx, actor: Actor, lineId: string): Promise<boolean> {
  if (await canManageLineReplies(db, actor, lineId)) return true;
  const [assigned, owning] = await Promise.all([
    db.responsibilityAssignment.count({ where: { lineId, userId: actor.id, active: true } }),
    db.question.count({ where: { lineId, ownerId: actor.id, status: { in: [...OPEN_STATUSES] } } }),
  ]);
  return assigned + owning > 0;
}

/** Personal saved replies are for people who answer questions. */
export function canKeepOwnReplies(actor: Actor): boolean {
  return hasRole(actor, "FIRST_CONTACT_OWNER", "MANAGER", "POLICY_OWNER", "ADMIN");
}
