import "server-only";
import { ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { limitsFor } from "../questions/deadlines";
import { appendEvent, notifyInApp } from "../questions/events";
import { auditRefusedReceiver, isEligibleReceiver } from "../questions/handoff-receivers";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes } from "../time/working-time";
import { parseInput } from "../validation";
import { claimEscalationAction, nameOf } from "./claim-escalation-action";
import { moveOwnership } from "./move-ownership";
import { reassignInput } from "./schemas";

/**
 * The escalated manager gives the question to another eligible person, with a note. The new owner
 * gets fresh limits from the 条线's calendar (first response and resolution from now); the current
 * level's deadline is moved to the new resolution deadline when that is later, so the level above is
 * not called in before the new owner has had their time.
 */
export async function reassignQuestion(ctx: Ctx, raw: unknown): Promise<{ ownerId: string; firstResponseDueAt: string; dueAt: string }> {
  const input = parseInput(reassignInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const { q, authority } = await claimEscalationAction(ctx, tx, input, "reassign", { warnedAt50: null, warnedAt75: null });
    if (input.toUserId === q.ownerId) throw new ValidationError({ toUserId: m("errors.sameOwner") });
    if (!(await tx.user.count({ where: { id: input.toUserId, disabledAt: null } }))) throw new ValidationError({ toUserId: m("errors.userMissingOrInactive") });
    if (!(await isEligibleReceiver(tx, q.id, input.toUserId))) {
      // Audited through ctx.db, outside this transaction that rolls back with the refusal.
      await auditRefusedReceiver(ctx, "question.reassign", q.id, input.toUserId);
      throw new ValidationError({ toUserId: m("errors.receiverRefused") });
    }
    const limits = await limitsFor(tx, q.lineId, q.priority);
    const calendar = await loadCalendar(tx, q.lineId);
    const firstResponseDueAt = addWorkingMinutes(ctx.now, limits.firstResponseMinutes, calendar);
    const dueAt = addWorkingMinutes(ctx.now, limits.resolutionMinutes, calendar);
    await moveOwnership(tx, q.id, input.toUserId, "REASSIGNED", ctx.actor.id, ctx.now);
    // Not answered yet: the new owner's first response is due from now (and is warned about afresh).
    const answered = (await tx.question.findUniqueOrThrow({ where: { id: q.id }, select: { firstRespondedAt: true } })).firstRespondedAt;
    await tx.question.update({ where: { id: q.id }, data: { resolutionDueAt: dueAt, ...(answered ? {} : { firstResponseDueAt, firstResponseBreachedAt: null }) } });
    if (dueAt > authority.dueAt) await tx.escalation.update({ where: { questionId_level: { questionId: q.id, level: authority.level } }, data: { dueAt } });
    await appendEvent(tx, q.id, "REASSIGNED", ctx.actor.id, { fromUserId: q.ownerId, toUserId: input.toUserId, note: input.note, level: authority.level, firstResponseDueAt: firstResponseDueAt.toISOString(), dueAt: dueAt.toISOString() }, ctx.now);
    const [fromName, toName] = [await nameOf(tx, q.ownerId), await nameOf(tx, input.toUserId)];
    const payload = { number: q.number, fromName, toName, byName: ctx.actor.name, note: input.note, firstResponseDueAt: firstResponseDueAt.toISOString(), dueAt: dueAt.toISOString() };
    const key = `reassigned:${q.id}:${q.version + 1}`;
    await notifyInApp(tx, input.toUserId, "question.reassigned", q.id, `${key}:new`, payload);
    if (q.ownerId && q.ownerId !== ctx.actor.id) await notifyInApp(tx, q.ownerId, "question.reassigned", q.id, `${key}:previous`, payload);
    await notifyInApp(tx, q.askerId, "question.reassigned", q.id, `${key}:asker`, payload);
    await notifyInApp(tx, q.askerId, "question.owner-changed", q.id, `${key}:owner-changed`, { number: q.number, toName, why: "reassigned" });
    return { ownerId: input.toUserId, firstResponseDueAt: firstResponseDueAt.toISOString(), dueAt: dueAt.toISOString() };
  });
}
