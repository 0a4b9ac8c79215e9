import "server-only";
import { ForbiddenError, NotFoundError, PreconditionError, m } from "../errors";
import { denyAccess } from "../auth/deny-access";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { claimTransition, conflictIfFormerOwner, conflictSince } from "../questions/transition";
import { parseInput } from "../validation";
import { claimEscalationAction, nameOf } from "./claim-escalation-action";
import { acknowledgeInstructionInput, instructInput } from "./schemas";

/** The escalated manager tells the owner what to do; the owner must acknowledge it (a new one replaces an unacknowledged one). */
export async function instructOwner(ctx: Ctx, raw: unknown): Promise<{ ok: true }> {
  const input = parseInput(instructInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const { q, authority } = await claimEscalationAction(ctx, tx, input, "instruct");
    if (!q.ownerId) throw new PreconditionError(m("errors.noOwnerToInstruct"));
    await tx.question.update({ where: { id: q.id }, data: { instructionNote: input.note, instructedById: ctx.actor.id, instructedAt: ctx.now } });
    await appendEvent(tx, q.id, "INSTRUCTED", ctx.actor.id, { note: input.note, ownerId: q.ownerId, level: authority.level }, ctx.now);
    if (q.ownerId !== ctx.actor.id) {
      await notifyInApp(tx, q.ownerId, "question.instructed", q.id, `instructed:${q.id}:${q.version + 1}`, { number: q.number, byName: ctx.actor.name, note: input.note });
    }
    return { ok: true as const };
  });
}

/** The owner confirms they have read the instruction: an event, and the instructing manager is told. */
export async function acknowledgeInstruction(ctx: Ctx, raw: unknown): Promise<{ ok: true }> {
  const input = parseInput(acknowledgeInstructionInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const q = await tx.question.findUnique({ where: { id: input.questionId }, select: { id: true, number: true, ownerId: true, version: true, instructedAt: true, instructedById: true, instructionNote: true } });
    if (!q) throw new NotFoundError(m("errors.questionNotFound"));
    if (q.ownerId !== ctx.actor.id) throw (await conflictIfFormerOwner(tx, q.id, ctx.actor.id)) ?? (await denyAccess(ctx, "question.acknowledge-instruction", q.id, new ForbiddenError(m("errors.onlyOwnerAcknowledges"))));
    if (q.version !== input.expectedVersion) throw await conflictSince(tx, q.id);
    if (!q.instructedAt) throw new PreconditionError(m("errors.noInstructionPending"));
    await claimTransition(tx, { id: q.id, version: input.expectedVersion });
    await tx.question.update({ where: { id: q.id }, data: { instructionNote: null, instructedById: null, instructedAt: null } });
    await appendEvent(tx, q.id, "INSTRUCTION_ACKNOWLEDGED", ctx.actor.id, { instructedById: q.instructedById, instructedAt: q.instructedAt.toISOString() }, ctx.now);
    if (q.instructedById && q.instructedById !== ctx.actor.id) {
      await notifyInApp(tx, q.instructedById, "question.instruction-acknowledged", q.id, `instruction-ack:${q.id}:${q.version + 1}`, { number: q.number, ownerName: await nameOf(tx, ctx.actor.id) });
    }
    return { ok: true as const };
  });
}
