import { denyAccess } from "../auth/deny-access";
import type { Actor } from "../auth/roles";
import type { DbTx } from "../db/client";
import { ForbiddenError, NotFoundError, m } from "../errors";
import { canViewQuestion, loadScope, type QuestionAccessFacts } from "./access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads the facts that decide who may see a question. */
export async function accessFacts(db: DbTx, questionId: string): Promise<(QuestionAccessFacts & { id: string }) | null> {
  if (!UUID.test(questionId)) return null;
  const q = await db.question.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      askerId: true,
      ownerId: true,
      lineId: true,
      asker: { select: { departmentId: true } },
      ownerships: { select: { userId: true, user: { select: { departmentId: true } } } },
      handoffs: { where: { status: "PENDING" }, select: { toUserId: true } },
      escalations: { select: { toUserId: true } },
    },
  });
  if (!q) return null;
  const departmentIds = [q.asker.departmentId, ...q.ownerships.map((o) => o.user.departmentId)].filter((d): d is string => !!d);
  return {
    id: q.id,
    askerId: q.askerId,
    ownerId: q.ownerId,
    lineId: q.lineId,
    pastOwnerIds: q.ownerships.map((o) => o.userId),
    pendingReceiverIds: q.handoffs.map((h) => h.toUserId).filter((u): u is string => !!u),
    departmentIds,
    escalationTargetIds: q.escalations.map((e) => e.toUserId),
  };
}

/** Throws NotFound / Forbidden (and records the refusal) unless the actor may see the question. */
export async function assertCanView(db: DbTx, actor: Actor, questionId: string) {
  const facts = await accessFacts(db, questionId);
  if (!facts) throw new NotFoundError(m("errors.questionNotFound"));
  const scope = await loadScope(db, actor);
  if (!canViewQuestion(scope, facts)) throw await denyAccess({ actor, db }, "question.view", questionId, new ForbiddenError(m("errors.questionForbidden")));
  return { facts, scope };
}
