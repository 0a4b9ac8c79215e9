import "server-only";
import { z } from "zod";
import { denyAccess } from "../auth/deny-access";
import type { DbTx } from "../db/client";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, PreconditionError, ValidationError, m, fieldKey } from "../errors";
import { pickReviewer } from "../complaints/assign-reviewer";
import { loadReviewSetting } from "../complaints/review-settings";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes } from "../time/working-time";
import { parseInput } from "../validation";
import { isAsker } from "./access";
import type { Ctx } from "../kernel/context";
import { resumeClock } from "./clock";
import { appendEvent, notifyInApp } from "./events";
import { assertComplaintRate, lockFloodCounter } from "./flood-limit";
import { complaintInput, rateInput } from "./schemas";
import { claimTransition, conflictSince } from "./transition";
import { isAnswered } from "../kernel/question-status";

const questionRef = z.object({ questionId: z.string().uuid() }).strict();
const askerReplyInput = z.object({ questionId: z.string().uuid(), body: z.string().trim().min(1, fieldKey("errors.field.contentRequired")).max(5000, fieldKey("errors.field.content5000")) }).strict();

/** `verb` names the refused attempt in the audit log (question.<verb>.denied). Read inside the verb's transaction. */
async function ownQuestion(ctx: Ctx, db: DbTx, questionId: string, verb: string) {
  const q = await db.question.findUnique({ where: { id: questionId }, select: { id: true, askerId: true, ownerId: true, status: true, version: true, reopenCount: true } });
  if (!q) throw new NotFoundError(m("errors.questionNotFound"));
  if (!isAsker(ctx.actor, q)) throw await denyAccess(ctx, `question.${verb}`, q.id, new ForbiddenError(m("errors.onlyAsker")));
  return q;
}

/** The asker adds information (e.g. the materials of the 一次性告知 list). */
export async function askerReply(ctx: Ctx, raw: unknown) {
  const input = parseInput(askerReplyInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const q = await ownQuestion(ctx, tx, input.questionId, "asker-reply");
    if (q.status === "CLOSED") throw new PreconditionError(m("errors.questionClosedReopen"));
    await claimTransition(tx, q, q.status === "WAITING_ASKER" ? { status: "IN_PROGRESS" } : {});
    const reply = await tx.reply.create({ data: { questionId: q.id, authorId: ctx.actor.id, body: input.body, checklist: [], createdAt: ctx.now } });
    await appendEvent(tx, q.id, "REPLIED", ctx.actor.id, { replyId: reply.id, byAsker: true }, ctx.now);
    await resumeClock(tx, q.id, ctx.actor.id, ctx.now);
    if (q.ownerId) await notifyInApp(tx, q.ownerId, "question.asker-replied", q.id, `asker-replied:${reply.id}`, { replyId: reply.id });
    return { replyId: reply.id };
  });
}

/** The asker confirms the answer solved it: the question is closed (销项). */
export async function confirmSolved(ctx: Ctx, raw: unknown) {
  const questionId = parseInput(questionRef, raw).questionId;
  await ctx.db.$transaction(async (tx) => {
    const q = await ownQuestion(ctx, tx, questionId, "confirm");
    // Closed, or reopened since it was resolved: the asker acted on a page that is out of date (409).
    if (q.status !== "RESOLVED") throw q.status === "CLOSED" || q.reopenCount > 0 ? await conflictSince(tx, q.id) : new PreconditionError(m("errors.onlyResolvedConfirmed"));
    await claimTransition(tx, q, { status: "CLOSED" });
    await appendEvent(tx, q.id, "CONFIRMED", ctx.actor.id, {}, ctx.now);
  });
}

/** Not solved after all: back to the owner, counted as one more trip (跑一趟). */
export async function reopenQuestion(ctx: Ctx, raw: unknown) {
  const input = parseInput(questionRef.extend({ reason: z.string().trim().min(2, fieldKey("errors.field.reopenReasonRequired")).max(2000) }).strict(), raw);
  await ctx.db.$transaction(async (tx) => {
    const q = await ownQuestion(ctx, tx, input.questionId, "reopen");
    if (!isAnswered(q.status)) throw q.reopenCount > 0 ? await conflictSince(tx, q.id) : new PreconditionError(m("errors.questionStillOpen"));
    await claimTransition(tx, q, { status: "IN_PROGRESS", reopenCount: { increment: 1 }, resolvedAt: null });
    await appendEvent(tx, q.id, "REOPENED", ctx.actor.id, { reason: input.reason }, ctx.now);
    if (q.ownerId) await notifyInApp(tx, q.ownerId, "question.reopened", q.id, `reopened:${q.id}:${q.version}`, {});
  });
}

/**
 * 满意度评价, once per question. The submit's idempotency key makes a double click answer with the
 * rating it stored; another submit for a rated question is a conflict.
 */
export async function rateQuestion(ctx: Ctx, raw: unknown): Promise<{ ratingId: string; created: boolean }> {
  const input = parseInput(rateInput, raw);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const q = await ownQuestion(ctx, tx, input.questionId, "rate");
      const existing = await tx.satisfactionRating.findUnique({ where: { questionId: q.id }, select: { id: true, idempotencyKey: true } });
      if (existing?.idempotencyKey === input.idempotencyKey) return { ratingId: existing.id, created: false };
      if (existing) throw new ConflictError(m("errors.alreadyRated"));
      if (!isAnswered(q.status)) throw q.reopenCount > 0 ? await conflictSince(tx, q.id) : new PreconditionError(m("errors.rateAfterResolved"));
      // Decided on the status read: a reopen that wins meanwhile turns this rating into a 409.
      await claimTransition(tx, q);
      const rating = await tx.satisfactionRating.create({
        data: { questionId: q.id, askerId: ctx.actor.id, idempotencyKey: input.idempotencyKey, score: input.score, reasons: input.reasons, policyClear: input.policyClear ?? null, comment: input.comment ?? null, createdAt: ctx.now },
      });
      await appendEvent(tx, q.id, "RATED", ctx.actor.id, { score: input.score }, ctx.now);
      return { ratingId: rating.id, created: true };
    });
  } catch (err) {
    // The same submit raced itself: answer with the rating the winner stored.
    const same = await ctx.db.satisfactionRating.findFirst({ where: { questionId: input.questionId, askerId: ctx.actor.id, idempotencyKey: input.idempotencyKey }, select: { id: true } });
    if (same && (err instanceof ConflictError || isUniqueViolation(err))) return { ratingId: same.id, created: false };
    throw err;
  }
}

/**
 * 投诉: goes to one reviewer (lib/complaints/assign-reviewer.ts) with a time limit in working time;
 * the owner sees nothing of it until it is decided (lib/complaints/visibility.ts). The submit's
 * idempotency key makes a double click one complaint; the flood limit is counted under a per-user
 * lock in the same transaction as the insert. Filing does not touch the question's version: an owner
 * acting meanwhile must not get a 409 that hints at a complaint.
 */
export async function fileComplaint(ctx: Ctx, raw: unknown): Promise<{ complaintId: string; created: boolean }> {
  const input = parseInput(complaintInput, raw);
  const byKey = { complainantId_idempotencyKey: { complainantId: ctx.actor.id, idempotencyKey: input.idempotencyKey } };
  try {
    return await ctx.db.$transaction(async (tx) => {
      const q = await ownQuestion(ctx, tx, input.questionId, "complain");
      await lockFloodCounter(tx, "complaint", ctx.actor.id);
      const same = await tx.complaint.findUnique({ where: byKey, select: { id: true, questionId: true } });
      if (same) return sameComplaint(same, q.id);
      await assertComplaintRate(tx, ctx.actor.id, ctx.now);
      const line = await tx.question.findUniqueOrThrow({ where: { id: q.id }, select: { lineId: true, number: true } });
      const setting = await loadReviewSetting(tx, line.lineId);
      const { reviewerId, via } = await pickReviewer(tx, setting, { ownerId: q.ownerId, complainantId: ctx.actor.id });
      const reviewDueAt = addWorkingMinutes(ctx.now, setting.reviewMinutes, await loadCalendar(tx, line.lineId));
      const complaint = await tx.complaint.create({
        data: { questionId: q.id, complainantId: ctx.actor.id, idempotencyKey: input.idempotencyKey, againstUserId: q.ownerId, reason: input.reason, reviewerId, reviewDueAt, createdAt: ctx.now },
      });
      await appendEvent(tx, q.id, "COMPLAINED", ctx.actor.id, { complaintId: complaint.id, reviewerId, via, reviewDueAt: reviewDueAt.toISOString() }, ctx.now);
      // The reviewer; with nobody to review it, the admins (never the person complained about).
      const recipients = reviewerId ? [reviewerId] : (await tx.user.findMany({ where: { roles: { has: "ADMIN" }, disabledAt: null }, select: { id: true } })).map((a) => a.id);
      const payload = { number: line.number, complaintId: complaint.id, reviewDueAt: reviewDueAt.toISOString() };
      for (const r of recipients) if (r !== q.ownerId) await notifyInApp(tx, r, "complaint.filed", q.id, `complaint:${complaint.id}:${r}`, payload);
      return { complaintId: complaint.id, created: true };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const same = await ctx.db.complaint.findUnique({ where: byKey, select: { id: true, questionId: true } });
    if (!same) throw err;
    return sameComplaint(same, input.questionId);
  }
}

function sameComplaint(row: { id: string; questionId: string }, questionId: string) {
  if (row.questionId !== questionId) throw new ValidationError({ idempotencyKey: m("errors.idempotencyKeyReused") });
  return { complaintId: row.id, created: false };
}
