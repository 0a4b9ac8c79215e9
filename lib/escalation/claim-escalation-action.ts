import "server-only";
// The common start of every escalated manager's action: the question read in the verb's transaction,
// the actor checked against the escalation as it stands (refusals audited), then the change claimed
// on the version the actor's page showed (lib/questions/transition.ts).
import { denyAccess } from "../auth/deny-access";
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ForbiddenError, NotFoundError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { claimTransition, conflictSince } from "../questions/transition";
import { escalationAuthority, type EscalationAuthority } from "./authority";

export const NOT_ESCALATION_ACTOR = m("errors.notEscalationActor");

const SELECT = { id: true, number: true, ownerId: true, askerId: true, lineId: true, priority: true, status: true, escalationLevel: true, version: true, resolutionDueAt: true } as const;

export type EscalatedQuestion = Prisma.QuestionGetPayload<{ select: typeof SELECT }>;

export async function claimEscalationAction(
  ctx: Ctx,
  tx: DbTx,
  input: { questionId: string; expectedVersion: number },
  action: string,
  data: Prisma.QuestionUpdateManyMutationInput = {},
): Promise<{ q: EscalatedQuestion; authority: EscalationAuthority }> {
  const q = await tx.question.findUnique({ where: { id: input.questionId }, select: SELECT });
  if (!q) throw new NotFoundError(m("errors.questionNotFound"));
  const authority = await escalationAuthority(tx, q);
  if (!authority || !authority.actorIds.includes(ctx.actor.id)) {
    // Someone who could act a moment ago (a level moved on, or the question closed) lost a race.
    if (q.version !== input.expectedVersion && (await tx.escalation.count({ where: { questionId: q.id, toUserId: ctx.actor.id } })) > 0) throw await conflictSince(tx, q.id);
    throw await denyAccess(ctx, `question.${action}`, q.id, new ForbiddenError(NOT_ESCALATION_ACTOR));
  }
  if (q.status === "RESOLVED" || q.status === "CLOSED" || q.version !== input.expectedVersion) throw await conflictSince(tx, q.id);
  await claimTransition(tx, { id: q.id, version: input.expectedVersion }, data);
  return { q, authority };
}

export async function nameOf(tx: DbTx, userId: string | null): Promise<string> {
  if (!userId) return "";
  return (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "";
}
