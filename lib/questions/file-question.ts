import "server-only";
import type { DbTx } from "../db/client";
import { ConflictError, isUniqueViolation, RateLimitedError, ValidationError, m } from "../errors";
import { parseInput } from "../validation";
import { searchedSessionOrThrow } from "./ask-session";
import type { Ctx } from "../kernel/context";
import { loadCalendar } from "../time/calendar";
import { deadlinesFrom, limitsFor, urgencyAtFiling } from "./deadlines";
import { appendEvent, notifyInApp } from "./events";
import { assertQuestionRate } from "./flood-limit";
import { chooseOwnerWithReason, fallbackOwnerWithReason, routingCandidates, type RoutingReason } from "./routing";
import { fileQuestionInput } from "./schemas";

/** The urgency reason stored when the needed-by date, not the asker, made the question urgent. */
export const NEEDED_BY_FORCES_URGENT = "期望解决时间早于常规办结时限";

export interface FiledQuestion {
  id: string;
  number: number;
  ownerId: string | null;
  created: boolean;
}

/**
 * Files a question and routes it to its 首问责任人 in one transaction (question, ownership, events,
 * the asker's search trail, the owner's notification). The same idempotency key returns the same
 * question: a double submit creates one.
 */
export async function fileQuestion(ctx: Ctx, raw: unknown): Promise<FiledQuestion> {
  const input = parseInput(fileQuestionInput, raw);
  const existing = await ctx.db.question.findUnique({ where: { askerId_idempotencyKey: { askerId: ctx.actor.id, idempotencyKey: input.idempotencyKey } }, select: { id: true, number: true, ownerId: true } });
  if (existing) return { ...existing, created: false };
  try {
    return await ctx.db.$transaction(async (tx) => {
      // Counted under a per-user lock in this transaction, so parallel submits cannot overshoot the limit.
      await assertQuestionRate(tx, ctx.actor.id, ctx.now);
      const line = await tx.businessLine.findUnique({ where: { id: input.lineId }, select: { id: true, name: true } });
      if (!line) throw new ValidationError({ lineId: m("errors.lineNotFound") });
      if (input.neededBy && input.neededBy.getTime() < ctx.now.getTime() - 60_000) throw new ValidationError({ neededBy: m("errors.neededByInPast") });

      let ownerId: string | null = null;
      let via: "ROUTED" | "NAMED" = "ROUTED";
      let reason: RoutingReason | null = null;
      let routingFacts: { openCount?: number; pool?: number } = {};
      if (input.namedOwnerId) {
        const named = await tx.user.findFirst({ where: { id: input.namedOwnerId, disabledAt: null }, select: { id: true } });
        if (!named) throw new ValidationError({ namedOwnerId: m("errors.namedOwnerMissing") });
        if (named.id === ctx.actor.id) throw new ValidationError({ namedOwnerId: m("errors.cannotNameSelf") });
        ownerId = named.id;
        via = "NAMED";
        reason = "named";
      } else {
        const choice = chooseOwnerWithReason(await routingCandidates(tx, line.id, ctx.now, [ctx.actor.id])) ?? (await fallbackOwnerWithReason(tx, line.id));
        ownerId = choice?.userId ?? null;
        reason = choice?.reason ?? null;
        routingFacts = { ...(choice?.openCount !== undefined ? { openCount: choice.openCount } : {}), ...(choice?.pool !== undefined ? { pool: choice.pool } : {}) };
      }

      const askSessionId = await searchedSessionOrThrow(ctx, tx, input.askSessionId);

      // Urgent when the asker says so with a reason, or when the needed-by date comes before the normal limit.
      const calendar = await loadCalendar(tx, line.id);
      const urgency = urgencyAtFiling(input, deadlinesFrom(ctx.now, await limitsFor(tx, line.id, "NORMAL"), calendar).resolutionDueAt);
      const limits = await limitsFor(tx, line.id, urgency.priority);
      const deadlines = deadlinesFrom(ctx.now, limits, calendar);
      const q = await tx.question.create({
        data: {
          askerId: ctx.actor.id,
          idempotencyKey: input.idempotencyKey,
          body: input.body,
          lineId: line.id,
          ownerId,
          namedOwnerId: via === "NAMED" ? ownerId : null,
          askSessionId,
          neededBy: input.neededBy ?? null,
          contactName: input.contactName,
          contactDepartment: input.contactDepartment || null,
          contactPhone: input.contactPhone || null,
          contactIm: input.contactIm || null,
          priority: urgency.priority,
          urgentReason: urgency.forcedByNeededBy ? NEEDED_BY_FORCES_URGENT : urgency.reason,
          ...deadlines,
          ownerResponseDueAt: null,
          createdAt: ctx.now,
        },
        select: { id: true, number: true, ownerId: true },
      });
      await appendEvent(tx, q.id, "ASKED", ctx.actor.id, { lineId: line.id, askSessionId, priority: urgency.priority, ...(urgency.priority === "URGENT" ? { urgentBy: urgency.forcedByNeededBy ? "neededBy" : "asker" } : {}) }, ctx.now);
      if (ownerId) {
        await tx.questionOwnership.create({ data: { questionId: q.id, userId: ownerId, via, startedAt: ctx.now } });
        // The reason is kept with the routing decision: "为什么是我" must not be recomputed from today's matrix.
        await appendEvent(tx, q.id, "ROUTED", null, { ownerId, via, ...(reason ? { reason } : {}), ...routingFacts }, ctx.now);
        await notifyInApp(tx, ownerId, "question.assigned", q.id, `assigned:${q.id}:${ownerId}:0`, {
          number: q.number,
          line: line.name,
          firstResponseDueAt: deadlines.firstResponseDueAt.toISOString(),
          dueAt: deadlines.resolutionDueAt.toISOString(),
          ...(reason ? { reason } : {}),
        });
      }
      await recordTrail(tx, q.id, askSessionId, ctx.now);
      return { ...q, created: true };
    });
  } catch (err) {
    if (isUniqueViolation(err) || err instanceof ConflictError || err instanceof RateLimitedError) {
      // A concurrent submit with the same key won the race (its question holds the key, or the ask
      // session it was filed from): answer with its question (a resubmit never counts against the limit).
      const winner = await ctx.db.question.findUnique({ where: { askerId_idempotencyKey: { askerId: ctx.actor.id, idempotencyKey: input.idempotencyKey } }, select: { id: true, number: true, ownerId: true } });
      if (winner) return { ...winner, created: false };
    }
    throw err;
  }
}

/** Stores what the asker was shown and opened before filing (the suggestions and their reading time). */
async function recordTrail(tx: DbTx, questionId: string, askSessionId: string, now: Date) {
  const shown = await tx.searchImpression.findMany({
    where: { searchQuery: { askSessionId } },
    select: { sectionId: true, policyId: true, rank: true },
    orderBy: [{ rank: "asc" }],
  });
  const views = await tx.policyView.findMany({ where: { askSessionId, sectionId: { not: null } }, select: { sectionId: true, createdAt: true, durationMs: true } });
  const opened = new Map<string, { at: Date; ms: number }>();
  for (const v of views) {
    const prev = opened.get(v.sectionId!);
    opened.set(v.sectionId!, { at: prev && prev.at < v.createdAt ? prev.at : v.createdAt, ms: (prev?.ms ?? 0) + (v.durationMs ?? 0) });
  }
  const seen = new Set<string>();
  let rank = 0;
  for (const s of shown) {
    if (seen.has(s.sectionId)) continue;
    seen.add(s.sectionId);
    const o = opened.get(s.sectionId);
    await tx.questionSuggestion.create({ data: { questionId, sectionId: s.sectionId, policyId: s.policyId, rank: ++rank, openedAt: o?.at ?? null, openMs: o?.ms ?? null } });
  }
  await tx.askSession.update({ where: { id: askSessionId }, data: { outcome: "FILED", closedAt: now, lastActivityAt: now } });
}
