import "server-only";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, isUniqueViolation, ValidationError, m } from "../errors";
import { parseInput } from "../validation";
import { canActAsOwner } from "./access";
import type { DbTx } from "../db/client";
import type { Ctx } from "../kernel/context";
import { limitsFor } from "./deadlines";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes } from "../time/working-time";
import { appendEvent, notifyInApp } from "./events";
import { lowestCommonManager } from "../kernel/org-chart";
import { auditRefusedReceiver, isEligibleReceiver } from "./handoff-receivers";
import { handoffInput, respondHandoffInput } from "./schemas";
import { claimTransition, conflictIfFormerOwner, conflictSince } from "./transition";
import { isAnswered } from "../kernel/question-status";

const DEFAULT_MAX_HANDS = 3;
const HANDLED = m("errors.handoffHandled");

/** The owner hands the question on, only with a 交接说明. Until accepted, the giver still owns it. */
export async function requestHandoff(ctx: Ctx, raw: unknown): Promise<{ handoffId: string }> {
  const input = parseInput(handoffInput, raw);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const q = await tx.question.findUnique({ where: { id: input.questionId }, select: { id: true, ownerId: true, status: true, lineId: true, version: true } });
      if (!q) throw new NotFoundError(m("errors.questionNotFound"));
      if (!canActAsOwner(ctx.actor, q)) throw (await conflictIfFormerOwner(tx, q.id, ctx.actor.id)) ?? (await denyAccess(ctx, "question.handoff", q.id, new ForbiddenError(m("errors.onlyOwnerHandsOff"))));
      if (isAnswered(q.status)) throw await conflictSince(tx, q.id);
      if (input.toUserId) {
        if (input.toUserId === ctx.actor.id) throw new ValidationError({ toUserId: m("errors.cannotHandOffToSelf") });
        const receiver = await tx.user.findFirst({ where: { id: input.toUserId, disabledAt: null }, select: { id: true } });
        if (!receiver) throw new ValidationError({ toUserId: m("errors.receiverMissing") });
        if (!(await isEligibleReceiver(tx, q.id, receiver.id))) {
          await auditRefusedReceiver(ctx, "question.handoff", q.id, receiver.id);
          throw new ValidationError({ toUserId: m("errors.receiverRefused") });
        }
      } else {
        const line = await tx.businessLine.findUnique({ where: { id: input.toLineId! }, select: { id: true } });
        if (!line) throw new ValidationError({ toLineId: m("errors.lineNotFound") });
      }
      // Decided on the version the owner's page showed: anything that changed since is a 409 (at once
      // when this read already shows it, so a pile of stale submits does not queue on the row lock).
      if (q.version !== input.expectedVersion) throw await conflictSince(tx, q.id);
      await claimTransition(tx, { id: q.id, version: input.expectedVersion });
      const limits = await limitsFor(tx, input.toLineId ?? q.lineId, "NORMAL");
      const handoff = await tx.handoff.create({
        data: {
          questionId: q.id,
          fromUserId: ctx.actor.id,
          toUserId: input.toUserId ?? null,
          toLineId: input.toLineId ?? null,
          noteDone: input.noteDone,
          notePending: input.notePending,
          notePromised: input.notePromised,
          promisedBy: input.promisedBy ?? null,
          createdAt: ctx.now,
        },
      });
      await tx.question.update({ where: { id: q.id }, data: { ownerResponseDueAt: addWorkingMinutes(ctx.now, limits.firstResponseMinutes, await loadCalendar(tx, input.toLineId ?? q.lineId)) } });
      await appendEvent(tx, q.id, "HANDOFF_REQUESTED", ctx.actor.id, { handoffId: handoff.id, toUserId: input.toUserId ?? null, toLineId: input.toLineId ?? null }, ctx.now);
      const receivers = input.toUserId
        ? [input.toUserId]
        : (await tx.responsibilityAssignment.findMany({ where: { lineId: input.toLineId!, active: true }, select: { userId: true } })).map((a) => a.userId);
      for (const r of receivers) await notifyInApp(tx, r, "handoff.requested", q.id, `handoff:${handoff.id}:${r}`, { handoffId: handoff.id });
      return { handoffId: handoff.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(m("errors.handoffPending"));
    throw err;
  }
}

/**
 * The receiver accepts (becomes the 首问责任人; the chain is kept) or declines with a reason
 * (ownership stays). Exactly one of many concurrent responses wins; the others get a conflict.
 */
export async function respondToHandoff(ctx: Ctx, raw: unknown): Promise<{ accepted: boolean; pingPong: boolean }> {
  const input = parseInput(respondHandoffInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const h = await tx.handoff.findUnique({ where: { id: input.handoffId }, include: { question: { select: { id: true, ownerId: true, handCount: true, version: true, askerId: true, number: true } } } });
    if (!h) throw new NotFoundError(m("errors.handoffNotFound"));
    const isReceiver =
      h.toUserId === ctx.actor.id ||
      (h.toLineId !== null && hasRole(ctx.actor, "FIRST_CONTACT_OWNER") && (await tx.responsibilityAssignment.count({ where: { lineId: h.toLineId, userId: ctx.actor.id, active: true } })) > 0);
    if (!isReceiver || h.fromUserId === ctx.actor.id) throw await denyAccess(ctx, "handoff.respond", h.id, new ForbiddenError(m("errors.onlyReceiver")));
    // A handoff made before the receiver rule, or to someone who lost the role since, cannot make them owner.
    if (input.accept && h.toUserId === ctx.actor.id && !(await isEligibleReceiver(tx, h.question.id, ctx.actor.id))) {
      throw await denyAccess(ctx, "handoff.respond", h.id, new ForbiddenError(m("errors.cannotReceive")));
    }
    if (h.status !== "PENDING") throw new ConflictError(HANDLED);
    const q = h.question;
    // The question row is claimed first, as every transition does (one lock order, no deadlock with a
    // resolve that withdraws this handoff): a resolve, reply or response that won meanwhile makes this a 409.
    await claimTransition(tx, q, { ownerResponseDueAt: null });
    const claimed = await tx.handoff.updateMany({
      where: { id: h.id, status: "PENDING" },
      data: { status: input.accept ? "ACCEPTED" : "DECLINED", respondedById: ctx.actor.id, respondedAt: ctx.now, declineReason: input.accept ? null : input.declineReason },
    });
    if (claimed.count !== 1) throw new ConflictError(HANDLED);
    if (!input.accept) {
      await appendEvent(tx, q.id, "HANDOFF_DECLINED", ctx.actor.id, { handoffId: h.id, reason: input.declineReason ?? "" }, ctx.now);
      await notifyInApp(tx, h.fromUserId, "handoff.declined", q.id, `handoff-declined:${h.id}`, { handoffId: h.id });
      return { accepted: false, pingPong: false };
    }
    const past = await tx.questionOwnership.findMany({ where: { questionId: q.id }, select: { userId: true } });
    const returning = past.some((p) => p.userId === ctx.actor.id);
    const maxHands = await maxHandsSetting(tx);
    const handCount = q.handCount + 1;
    const pingPong = returning || handCount > maxHands;
    await tx.questionOwnership.updateMany({ where: { questionId: q.id, endedAt: null }, data: { endedAt: ctx.now } });
    await tx.questionOwnership.create({ data: { questionId: q.id, userId: ctx.actor.id, via: "HANDOFF", startedAt: ctx.now } });
    await tx.question.update({
      where: { id: q.id },
      data: { ownerId: ctx.actor.id, handCount, ...(pingPong ? { pingPongFlaggedAt: ctx.now } : {}) },
    });
    await appendEvent(tx, q.id, "HANDOFF_ACCEPTED", ctx.actor.id, { handoffId: h.id, fromUserId: h.fromUserId }, ctx.now);
    await notifyInApp(tx, h.fromUserId, "handoff.accepted", q.id, `handoff-accepted:${h.id}`, { handoffId: h.id });
    // The asker is told who answers now (the asker is never the receiver: isEligibleReceiver refuses them).
    if (q.askerId !== ctx.actor.id) await notifyInApp(tx, q.askerId, "question.owner-changed", q.id, `owner-changed:${h.id}`, { number: q.number, toName: ctx.actor.name, why: "handoff" });
    if (pingPong) {
      // handCount counts hands (A → B → A is 3); people are the distinct owners (2): docs/metrics.md.
      const people = [...new Set([...past.map((p) => p.userId), ctx.actor.id])];
      const manager = await lowestCommonManager(tx, people);
      await appendEvent(tx, q.id, "PING_PONG_FLAGGED", null, { reason: returning ? "returned" : "too-many-hands", handCount, people: people.length, managerId: manager }, ctx.now);
      if (manager) await notifyInApp(tx, manager, "question.ping-pong", q.id, `pingpong:${q.id}:${h.id}`, { handCount, people: people.length });
    }
    return { accepted: true, pingPong };
  });
}

async function maxHandsSetting(tx: DbTx): Promise<number> {
  const row = await tx.appSetting.findUnique({ where: { key: "handoff.maxHands" } });
  const n = typeof row?.value === "number" ? row.value : DEFAULT_MAX_HANDS;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_HANDS;
}
