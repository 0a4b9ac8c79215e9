// Who may act on an escalated question (instruct, reassign, extend, take over): the target of the
// level the question is at now, and every manager above that target in the org chart as it is now.
// Targets of lower levels were passed over by the escalation and may no longer act.
import type { DbTx } from "../db/client";
import { ancestry } from "../kernel/org-chart";

export interface EscalationAuthority {
  level: number;
  targetId: string;
  dueAt: Date;
  /** the target first, then the managers above, nearest first */
  actorIds: string[];
}

/** Null when the question is not escalated (level 0) or the level's row is missing. */
export async function escalationAuthority(db: DbTx, q: { id: string; escalationLevel: number }): Promise<EscalationAuthority | null> {
  if (q.escalationLevel < 1) return null;
  const e = await db.escalation.findUnique({ where: { questionId_level: { questionId: q.id, level: q.escalationLevel } }, select: { toUserId: true, dueAt: true } });
  if (!e) return null;
  return { level: q.escalationLevel, targetId: e.toUserId, dueAt: e.dueAt, actorIds: [e.toUserId, ...(await managersAbove(db, e.toUserId))] };
}

/** Active managers of the departments above the user's own, nearest first, without the user. */
export async function managersAbove(db: DbTx, userId: string): Promise<string[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { departmentId: true } });
  if (!user?.departmentId) return [];
  const ids = [...new Set((await ancestry(db, user.departmentId)).map((d) => d.managerId).filter((m): m is string => !!m && m !== userId))];
  const active = new Set((await db.user.findMany({ where: { id: { in: ids }, disabledAt: null }, select: { id: true } })).map((u) => u.id));
  return ids.filter((id) => active.has(id));
}
