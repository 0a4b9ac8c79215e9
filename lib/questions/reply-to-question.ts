import "server-only";
import { denyAccess } from "../auth/deny-access";
import { BrushOffError, ForbiddenError, NotFoundError, ValidationError, m } from "../errors";
import { parseInput } from "../validation";
import { loadCitableSections } from "../policies/citable-sections";
import { findBrushOffs } from "./brush-off";
import type { Ctx } from "../kernel/context";
import { pauseClock, resumeClock, WAITING_FOR_MATERIALS } from "./clock";
import { appendEvent, notifyInApp } from "./events";
import { canActAsOwner } from "./access";
import { replyInput } from "./schemas";
import { claimTransition, conflictIfFormerOwner, conflictSince } from "./transition";
import { isAnswered } from "../kernel/question-status";

/**
 * The owner answers. 服务忌语 block the reply (the block itself is recorded for the scorecard);
 * the 一次性告知 checklist goes out as one list; an expected resolution time is promised when the
 * matter cannot be solved at once.
 */
export async function replyToQuestion(ctx: Ctx, raw: unknown): Promise<{ replyId: string }> {
  const input = parseInput(replyInput, raw);
  const q = await ctx.db.question.findUnique({ where: { id: input.questionId }, select: { id: true, ownerId: true, askerId: true, status: true } });
  if (!q) throw new NotFoundError(m("errors.questionNotFound"));
  if (!canActAsOwner(ctx.actor, q)) throw (await conflictIfFormerOwner(ctx.db, q.id, ctx.actor.id)) ?? (await denyAccess(ctx, "question.reply", q.id, new ForbiddenError(m("errors.onlyOwnerReplies"))));
  // A reply to a question resolved meanwhile is a lost race (409 naming the resolve), however it is timed.
  if (isAnswered(q.status)) throw await conflictSince(ctx.db, q.id);
  const phrases = await ctx.db.brushOffPhrase.findMany({ where: { active: true }, select: { phrase: true, suggestion: true } });
  const found = findBrushOffs([input.body, ...input.checklist].join("\n"), phrases);
  if (found.length > 0) {
    await ctx.db.$transaction(async (tx) => {
      // One refused reply is one block (and one event), however many brush-offs it held: docs/metrics.md.
      await tx.brushOffBlock.create({ data: { questionId: q.id, userId: ctx.actor.id, phrase: found.map((f) => f.phrase).join("、"), createdAt: ctx.now } });
      await appendEvent(tx, q.id, "BRUSH_OFF_BLOCKED", ctx.actor.id, { phrases: found.map((f) => f.phrase) }, ctx.now);
    });
    throw new BrushOffError(found);
  }
  if (input.expectedResolutionAt && input.expectedResolutionAt <= ctx.now) throw new ValidationError({ expectedResolutionAt: m("errors.expectedByInPast") });
  return ctx.db.$transaction(async (tx) => {
    // Decided again on the state read in this transaction: a resolve, handoff or reply that won a race
    // since the check above turns this reply into a 409 that stores nothing.
    const current = await tx.question.findUniqueOrThrow({ where: { id: q.id }, select: { ownerId: true, status: true, firstRespondedAt: true, version: true } });
    if (!canActAsOwner(ctx.actor, current) || isAnswered(current.status)) throw await conflictSince(tx, q.id);
    await claimTransition(tx, { id: q.id, version: current.version }, {
      status: input.checklist.length > 0 ? "WAITING_ASKER" : "IN_PROGRESS",
      firstRespondedAt: current.firstRespondedAt ?? ctx.now,
      expectedResolutionAt: input.expectedResolutionAt ?? undefined,
    });
    const sections = await loadCitableSections(tx, input.citedSectionIds);
    const reply = await tx.reply.create({
      data: { questionId: q.id, authorId: ctx.actor.id, body: input.body, checklist: input.checklist, expectedResolutionAt: input.expectedResolutionAt ?? null, createdAt: ctx.now },
    });
    for (const s of sections) await tx.citation.create({ data: { questionId: q.id, replyId: reply.id, sectionId: s.id, policyId: s.policyId, createdAt: ctx.now } });
    await appendEvent(tx, q.id, "REPLIED", ctx.actor.id, { replyId: reply.id, checklistItems: input.checklist.length, cited: sections.map((s) => s.id) }, ctx.now);
    // Waiting for the asker's materials stops the clock (with that reason shown); any other reply restarts it.
    if (input.checklist.length > 0) await pauseClock(tx, q.id, ctx.actor.id, WAITING_FOR_MATERIALS, ctx.now);
    else await resumeClock(tx, q.id, ctx.actor.id, ctx.now);
    await notifyInApp(tx, q.askerId, "question.replied", q.id, `replied:${reply.id}`, { replyId: reply.id });
    return { replyId: reply.id };
  });
}
