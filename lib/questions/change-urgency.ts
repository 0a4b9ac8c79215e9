import "server-only";
// Urgency after filing: the asker may ask for it (with a reason); the owner or a manager above the owner
// (or an escalation target) confirms, raises or lowers it. A change recomputes the deadlines from the
// filing time (or the last reassignment) under the new priority's limits, from the 条线's calendar,
// so the urgent limits and escalation apply from then on. Confirming keeps the deadlines.
import { denyAccess } from "../auth/deny-access";
import type { DbTx } from "../db/client";
import { escalationAuthority, managersAbove } from "../escalation/authority";
import { urgencyInput } from "../escalation/schemas";
import { ForbiddenError, NotFoundError, m } from "../errors";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes } from "../time/working-time";
import { parseInput } from "../validation";
import type { Ctx } from "../kernel/context";
import { limitsFor } from "./deadlines";
import { appendEvent, notifyInApp } from "./events";
import { claimTransition, conflictSince } from "./transition";
import { isAnswered } from "../kernel/question-status";

export async function changeUrgency(ctx: Ctx, raw: unknown): Promise<{ priority: "NORMAL" | "URGENT"; resolutionDueAt: string | null }> {
  const input = parseInput(urgencyInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const q = await tx.question.findUnique({
      where: { id: input.questionId },
      select: { id: true, number: true, askerId: true, ownerId: true, lineId: true, priority: true, status: true, version: true, escalationLevel: true, createdAt: true, pausedMinutes: true, firstRespondedAt: true, firstResponseDueAt: true, resolutionDueAt: true },
    });
    if (!q) throw new NotFoundError(m("errors.questionNotFound"));
    const reviewer = await mayReviewUrgency(tx, ctx.actor.id, q);
    // The asker may only ask for urgency; confirming or lowering it belongs to the owner and managers.
    if (!reviewer && !(q.askerId === ctx.actor.id && input.urgent)) {
      throw await denyAccess(ctx, "question.urgency", q.id, new ForbiddenError(m("errors.urgencyOwnerOnly")));
    }
    if (isAnswered(q.status) || q.version !== input.expectedVersion) throw await conflictSince(tx, q.id);
    const priority = input.urgent ? "URGENT" : "NORMAL";
    const changed = priority !== q.priority;
    let deadlines: { firstResponseDueAt?: Date; resolutionDueAt: Date } | null = null;
    if (changed) {
      const limits = await limitsFor(tx, q.lineId, priority);
      const calendar = await loadCalendar(tx, q.lineId);
      const reassigned = await tx.questionOwnership.findFirst({ where: { questionId: q.id, via: "REASSIGNED" }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
      const from = reassigned?.startedAt ?? q.createdAt;
      deadlines = {
        ...(q.firstRespondedAt ? {} : { firstResponseDueAt: addWorkingMinutes(q.createdAt, limits.firstResponseMinutes, calendar) }),
        resolutionDueAt: addWorkingMinutes(from, limits.resolutionMinutes + q.pausedMinutes, calendar),
      };
    }
    await claimTransition(tx, { id: q.id, version: input.expectedVersion }, {
      priority,
      urgentReason: input.urgent ? input.reason : null,
      ...(reviewer ? { urgencyReviewedAt: ctx.now } : {}),
      ...(deadlines ? { ...deadlines, warnedAt50: null, warnedAt75: null, firstResponseBreachedAt: null } : {}),
    });
    await appendEvent(tx, q.id, "URGENCY_CHANGED", ctx.actor.id, {
      urgent: input.urgent,
      from: q.priority,
      confirmed: !changed,
      reason: input.reason,
      ...(deadlines ? { resolutionDueAt: deadlines.resolutionDueAt.toISOString() } : {}),
    }, ctx.now);
    const payload = { number: q.number, urgent: input.urgent, byName: ctx.actor.name, reason: input.reason };
    for (const [who, userId] of [["owner", q.ownerId], ["asker", q.askerId]] as const) {
      if (userId && userId !== ctx.actor.id) await notifyInApp(tx, userId, "question.urgency-changed", q.id, `urgency:${q.id}:${q.version + 1}:${who}`, payload);
    }
    return { priority, resolutionDueAt: (deadlines?.resolutionDueAt ?? q.resolutionDueAt)?.toISOString() ?? null };
  });
}

/** The owner, a manager above the owner, or whoever may act on the escalation. */
export async function mayReviewUrgency(db: DbTx, actorId: string, q: { id: string; ownerId: string | null; escalationLevel: number }): Promise<boolean> {
  if (q.ownerId === actorId) return true;
  if (q.ownerId && (await managersAbove(db, q.ownerId)).includes(actorId)) return true;
  return (await escalationAuthority(db, q))?.actorIds.includes(actorId) ?? false;
}
