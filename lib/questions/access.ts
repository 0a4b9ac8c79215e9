// Named authorization rules for questions. Verbs call these; list queries use the matching where-clauses.
import type { Actor } from "../auth/roles";
import { hasRole } from "../auth/roles";
import type { DbTx } from "../db/client";
import { departmentSubtree } from "../kernel/org-chart";

export interface QuestionAccessFacts {
  askerId: string;
  ownerId: string | null;
  lineId: string;
  /** users who ever owned it (the handoff chain) */
  pastOwnerIds: string[];
  /** users with a pending handoff to them */
  pendingReceiverIds: string[];
  /** departments of asker and owners, for managers */
  departmentIds: string[];
  /** people the question escalated to (a department head need not hold the MANAGER role); optional for older callers */
  escalationTargetIds?: string[];
}

export interface ActorScope {
  actor: Actor;
  /** 条线 where the actor is a first-contact owner */
  lineIds: string[];
  /** the actor's managed department subtree */
  managedDepartmentIds: string[];
}

export async function loadScope(db: DbTx, actor: Actor): Promise<ActorScope> {
  const [lines, managed] = await Promise.all([
    hasRole(actor, "FIRST_CONTACT_OWNER") ? db.responsibilityAssignment.findMany({ where: { userId: actor.id, active: true }, select: { lineId: true } }) : [],
    hasRole(actor, "MANAGER") ? departmentSubtree(db, actor.id) : [],
  ]);
  return { actor, lineIds: lines.map((l) => l.lineId), managedDepartmentIds: managed };
}

export function canViewQuestion(scope: ActorScope, q: QuestionAccessFacts): boolean {
  const { actor } = scope;
  if (hasRole(actor, "ADMIN")) return true;
  if (q.askerId === actor.id) return true;
  if (q.ownerId === actor.id || q.pastOwnerIds.includes(actor.id) || q.pendingReceiverIds.includes(actor.id)) return true;
  if (q.escalationTargetIds?.includes(actor.id)) return true;
  if (hasRole(actor, "FIRST_CONTACT_OWNER") && scope.lineIds.includes(q.lineId)) return true;
  if (hasRole(actor, "MANAGER") && q.departmentIds.some((d) => scope.managedDepartmentIds.includes(d))) return true;
  if (hasRole(actor, "QA_REVIEWER")) return true;
  return false;
}

/** Acting as the first-contact owner (reply, hand off, resolve) belongs to the current owner only. */
export function canActAsOwner(actor: Actor, q: { ownerId: string | null }): boolean {
  return q.ownerId === actor.id;
}

export function isAsker(actor: Actor, q: { askerId: string }): boolean {
  return q.askerId === actor.id;
}
