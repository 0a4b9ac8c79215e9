import "server-only";
import { z } from "zod";
import { denyAccess } from "../auth/deny-access";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { isAsker } from "./access";
import type { Ctx } from "./context";
import { resumeClock } from "./clock";
import { appendEvent, notifyInApp } from "./events";
import { assertComplaintRate } from "./flood-limit";
import { complaintInput, rateInput } from "./schemas";

const questionRef = z.object({ questionId: z.string().uuid() }).strict();
const askerReplyInput = z.object({ questionId: z.string().uuid(), body: z.string().trim().min(1, "请填写内容").max(5000, "内容不能超过 5000 字") }).strict();

/** `verb` names the refused attempt in the audit log (question.<verb>.denied). */
async function ownQuestion(ctx: Ctx, questionId: string, verb: string) {
  const q = await ctx.db.question.findUnique({ where: { id: questionId }, select: { id: true, askerId: true, ownerId: true, status: true } });
  if (!q) throw new NotFoundError("问题不存在");
  if (!isAsker(ctx.actor, q)) throw await denyAccess(ctx, `question.${verb}`, q.id, new ForbiddenError("只有提问人可以这样做"));
  return q;
}

/** The asker adds information (e.g. the materials of the 一次性告知 list). */
export async function askerReply(ctx: Ctx, raw: unknown) {
  const input = parseInput(askerReplyInput, raw);
  const q = await ownQuestion(ctx, input.questionId, "asker-reply");
  if (q.status === "CLOSED") throw new PreconditionError("问题已关闭；如未解决，请重新打开");
  return ctx.db.$transaction(async (tx) => {
    const reply = await tx.reply.create({ data: { questionId: q.id, authorId: ctx.actor.id, body: input.body, checklist: [], createdAt: ctx.now } });
    if (q.status === "WAITING_ASKER") await tx.question.update({ where: { id: q.id }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await appendEvent(tx, q.id, "REPLIED", ctx.actor.id, { replyId: reply.id, byAsker: true }, ctx.now);
    await resumeClock(tx, q.id, ctx.actor.id, ctx.now);
    if (q.ownerId) await notifyInApp(tx, q.ownerId, "question.asker-replied", q.id, `asker-replied:${reply.id}`, { replyId: reply.id });
    return { replyId: reply.id };
  });
}

/** The asker confirms the answer solved it: the question is closed (销项). */
export async function confirmSolved(ctx: Ctx, raw: unknown) {
  const q = await ownQuestion(ctx, parseInput(questionRef, raw).questionId, "confirm");
  if (q.status !== "RESOLVED") throw new PreconditionError("只有已办结的问题可以确认解决");
  await ctx.db.$transaction(async (tx) => {
    const done = await tx.question.updateMany({ where: { id: q.id, status: "RESOLVED" }, data: { status: "CLOSED", version: { increment: 1 } } });
    if (done.count !== 1) throw new ConflictError();
    await appendEvent(tx, q.id, "CONFIRMED", ctx.actor.id, {}, ctx.now);
  });
}

/** Not solved after all: back to the owner, counted as one more trip (跑一趟). */
export async function reopenQuestion(ctx: Ctx, raw: unknown) {
  const input = parseInput(questionRef.extend({ reason: z.string().trim().min(2, "请说明为什么没有解决").max(2000) }).strict(), raw);
  const q = await ownQuestion(ctx, input.questionId, "reopen");
  if (q.status !== "RESOLVED" && q.status !== "CLOSED") throw new PreconditionError("问题还在处理中，无需重新打开");
  await ctx.db.$transaction(async (tx) => {
    await tx.question.update({ where: { id: q.id }, data: { status: "IN_PROGRESS", reopenCount: { increment: 1 }, resolvedAt: null, version: { increment: 1 } } });
    await appendEvent(tx, q.id, "REOPENED", ctx.actor.id, { reason: input.reason }, ctx.now);
    if (q.ownerId) await notifyInApp(tx, q.ownerId, "question.reopened", q.id, `reopened:${q.id}:${ctx.now.getTime()}`, {});
  });
}

export async function rateQuestion(ctx: Ctx, raw: unknown) {
  const input = parseInput(rateInput, raw);
  const q = await ownQuestion(ctx, input.questionId, "rate");
  if (q.status !== "RESOLVED" && q.status !== "CLOSED") throw new PreconditionError("问题办结后才能评价");
  await ctx.db.$transaction(async (tx) => {
    const exists = await tx.satisfactionRating.findUnique({ where: { questionId: q.id }, select: { id: true } });
    if (exists) throw new ConflictError("已经评价过了");
    await tx.satisfactionRating.create({ data: { questionId: q.id, askerId: ctx.actor.id, score: input.score, reasons: input.reasons, policyClear: input.policyClear ?? null, comment: input.comment ?? null, createdAt: ctx.now } });
    await appendEvent(tx, q.id, "RATED", ctx.actor.id, { score: input.score }, ctx.now);
  });
}

/** 投诉: goes to the owner's manager and admins; the owner does not see it until it is reviewed. */
export async function fileComplaint(ctx: Ctx, raw: unknown) {
  const input = parseInput(complaintInput, raw);
  const q = await ownQuestion(ctx, input.questionId, "complain");
  await assertComplaintRate(ctx.db, ctx.actor.id, ctx.now);
  return ctx.db.$transaction(async (tx) => {
    const complaint = await tx.complaint.create({ data: { questionId: q.id, complainantId: ctx.actor.id, againstUserId: q.ownerId, reason: input.reason, createdAt: ctx.now } });
    await appendEvent(tx, q.id, "COMPLAINED", ctx.actor.id, { complaintId: complaint.id }, ctx.now);
    const recipients = new Set<string>();
    if (q.ownerId) {
      const owner = await tx.user.findUnique({ where: { id: q.ownerId }, select: { department: { select: { managerId: true } } } });
      if (owner?.department?.managerId && owner.department.managerId !== q.ownerId) recipients.add(owner.department.managerId);
    }
    for (const a of await tx.user.findMany({ where: { roles: { has: "ADMIN" }, disabledAt: null }, select: { id: true } })) recipients.add(a.id);
    for (const r of recipients) await notifyInApp(tx, r, "complaint.filed", q.id, `complaint:${complaint.id}:${r}`, { complaintId: complaint.id });
    return { complaintId: complaint.id };
  });
}
