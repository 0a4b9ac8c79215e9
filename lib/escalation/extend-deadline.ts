import "server-only";
import { ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { parseInput } from "../validation";
import { claimEscalationAction } from "./claim-escalation-action";
import { extendDeadlineInput } from "./schemas";

/** The escalated manager moves the current level's deadline later, with a reason; the warnings start again. */
export async function extendDeadline(ctx: Ctx, raw: unknown): Promise<{ dueAt: string }> {
  const input = parseInput(extendDeadlineInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const { q, authority } = await claimEscalationAction(ctx, tx, input, "extend", { warnedAt50: null, warnedAt75: null });
    if (input.dueAt <= ctx.now) throw new ValidationError({ dueAt: m("errors.deadlineNotInFuture") });
    if (input.dueAt <= authority.dueAt) throw new ValidationError({ dueAt: m("errors.deadlineNotLater") });
    await tx.escalation.update({ where: { questionId_level: { questionId: q.id, level: authority.level } }, data: { dueAt: input.dueAt } });
    await appendEvent(tx, q.id, "DEADLINE_EXTENDED", ctx.actor.id, { level: authority.level, from: authority.dueAt.toISOString(), to: input.dueAt.toISOString(), reason: input.reason }, ctx.now);
    const payload = { number: q.number, byName: ctx.actor.name, reason: input.reason, dueAt: input.dueAt.toISOString() };
    for (const [who, userId] of [["owner", q.ownerId], ["asker", q.askerId]] as const) {
      if (userId && userId !== ctx.actor.id) await notifyInApp(tx, userId, "question.deadline-extended", q.id, `extended:${q.id}:${q.version + 1}:${who}`, payload);
    }
    return { dueAt: input.dueAt.toISOString() };
  });
}
