import "server-only";
import type { Ctx } from "../kernel/context";
import { OPEN_STATUSES } from "../kernel/question-status";


/** The asker's own questions, newest first. */
export async function listMyQuestions(ctx: Ctx) {
  return ctx.db.question.findMany({
    where: { askerId: ctx.actor.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, number: true, body: true, status: true, createdAt: true, resolutionDueAt: true, line: { select: { name: true } }, owner: { select: { name: true } } },
  });
}

/** The owner's queue, by deadline: what they hold, what is handed to them, and their 条线's unowned items. */
export async function listQueue(ctx: Ctx) {
  const lineIds = (await ctx.db.responsibilityAssignment.findMany({ where: { userId: ctx.actor.id, active: true }, select: { lineId: true } })).map((l) => l.lineId);
  const [held, handedToMe] = await Promise.all([
    ctx.db.question.findMany({
      where: { ownerId: ctx.actor.id, status: { in: [...OPEN_STATUSES] } },
      orderBy: [{ resolutionDueAt: "asc" }, { createdAt: "asc" }],
      select: { id: true, number: true, body: true, status: true, createdAt: true, firstResponseDueAt: true, resolutionDueAt: true, neededBy: true, firstRespondedAt: true, pingPongFlaggedAt: true, priority: true, line: { select: { name: true } }, asker: { select: { name: true } } },
    }),
    ctx.db.handoff.findMany({
      where: { status: "PENDING", fromUserId: { not: ctx.actor.id }, OR: [{ toUserId: ctx.actor.id }, { toLineId: { in: lineIds } }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, createdAt: true, noteDone: true, notePending: true, notePromised: true, fromUser: { select: { name: true } }, question: { select: { id: true, number: true, body: true, ownerResponseDueAt: true } } },
    }),
  ]);
  return { held, handedToMe };
}
