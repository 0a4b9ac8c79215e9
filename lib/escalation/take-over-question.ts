import "server-only";
import { PreconditionError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { parseInput } from "../validation";
import { claimEscalationAction, nameOf } from "./claim-escalation-action";
import { moveOwnership } from "./move-ownership";
import { takeOverInput } from "./schemas";

/** The escalated manager takes the question over and becomes its 首问责任人 (then replies and resolves as an owner). */
export async function takeOverQuestion(ctx: Ctx, raw: unknown): Promise<{ ownerId: string }> {
  const input = parseInput(takeOverInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const { q, authority } = await claimEscalationAction(ctx, tx, input, "take-over");
    if (q.ownerId === ctx.actor.id) throw new PreconditionError(m("errors.alreadyOwner"));
    await moveOwnership(tx, q.id, ctx.actor.id, "TAKEN_OVER", ctx.actor.id, ctx.now);
    await tx.question.update({ where: { id: q.id }, data: { ownerResponseDueAt: null, firstResponseBreachedAt: null } });
    await appendEvent(tx, q.id, "TAKEN_OVER", ctx.actor.id, { fromUserId: q.ownerId, level: authority.level, note: input.note ?? "" }, ctx.now);
    const key = `taken-over:${q.id}:${q.version + 1}`;
    const payload = { number: q.number, byName: ctx.actor.name };
    if (q.ownerId) await notifyInApp(tx, q.ownerId, "question.taken-over", q.id, `${key}:previous`, payload);
    await notifyInApp(tx, q.askerId, "question.taken-over", q.id, `${key}:asker`, payload);
    await notifyInApp(tx, q.askerId, "question.owner-changed", q.id, `${key}:owner-changed`, { number: q.number, toName: await nameOf(tx, ctx.actor.id), why: "taken-over" });
    return { ownerId: ctx.actor.id };
  });
}
