import "server-only";
// What the question page's escalation panel shows to one viewer: the chain so far, the level the
// question is at, that level's deadline (level 0: the resolution deadline), who holds it and who is
// next; and, for those who may act, the controls' data. Access is checked here as in every read.
import { mayReviewUrgency } from "../questions/change-urgency";
import type { Ctx } from "../kernel/context";
import { listHandoffReceivers } from "../questions/handoff-receivers";
import { assertCanView } from "../questions/load-question";
import { escalationAuthority } from "./authority";
import { nextManagerAbove } from "../kernel/org-chart";

export async function getEscalationView(ctx: Ctx, questionId: string) {
  await assertCanView(ctx.db, ctx.actor, questionId);
  const q = await ctx.db.question.findUniqueOrThrow({
    where: { id: questionId },
    select: {
      id: true, version: true, status: true, ownerId: true, askerId: true, priority: true, urgentReason: true, urgencyReviewedAt: true, neededBy: true,
      escalationLevel: true, resolutionDueAt: true, firstResponseDueAt: true, firstRespondedAt: true,
      instructionNote: true, instructedAt: true, instructedBy: { select: { name: true } },
      owner: { select: { name: true } },
      escalations: { orderBy: { level: "asc" }, select: { level: true, createdAt: true, dueAt: true, toUser: { select: { name: true, title: true } } } },
    },
  });
  const open = q.status !== "RESOLVED" && q.status !== "CLOSED";
  const current = q.escalations.find((e) => e.level === q.escalationLevel) ?? null;
  const authority = await escalationAuthority(ctx.db, q);
  const holderId = authority?.targetId ?? q.ownerId;
  const nextId = open && holderId ? await nextManagerAbove(ctx.db, holderId) : null;
  const next = nextId ? await ctx.db.user.findUnique({ where: { id: nextId }, select: { name: true, title: true } }) : null;
  const canAct = open && !!authority?.actorIds.includes(ctx.actor.id);
  const receivers = canAct ? (await listHandoffReceivers(ctx.db, q.id, ctx.actor.id)).filter((u) => u.id !== q.ownerId) : [];
  return {
    questionId: q.id,
    version: q.version,
    open,
    level: q.escalationLevel,
    holderName: current?.toUser.name ?? q.owner?.name ?? null,
    due: current?.dueAt ?? q.resolutionDueAt,
    next,
    chain: q.escalations.map((e) => ({ level: e.level, name: e.toUser.name, title: e.toUser.title, at: e.createdAt, due: e.dueAt })),
    canAct,
    receivers: receivers.map((r) => ({ id: r.id, name: r.name, title: r.title })),
    instruction: q.instructedAt ? { note: q.instructionNote ?? "", byName: q.instructedBy?.name ?? "", at: q.instructedAt } : null,
    canAcknowledge: open && !!q.instructedAt && q.ownerId === ctx.actor.id,
    urgency: {
      urgent: q.priority === "URGENT",
      reason: q.urgentReason,
      reviewedAt: q.urgencyReviewedAt,
      canReview: open && (await mayReviewUrgency(ctx.db, ctx.actor.id, q)),
      canRequest: open && q.askerId === ctx.actor.id && q.priority !== "URGENT",
    },
  };
}

type EscalationView = Awaited<ReturnType<typeof getEscalationView>>;
