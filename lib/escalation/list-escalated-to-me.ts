import "server-only";
// The "升级给我" list: open questions that were escalated to the actor at any level, with the level
// they are at now, that level's deadline and holder. Only the actor's own escalations are read.
import type { Ctx } from "../kernel/context";
import { OPEN_STATUSES } from "../kernel/question-status";


export async function listEscalatedToMe(ctx: Ctx) {
  const rows = await ctx.db.escalation.findMany({
    where: { toUserId: ctx.actor.id, question: { status: { in: [...OPEN_STATUSES] } } },
    orderBy: { createdAt: "asc" },
    select: {
      level: true,
      question: {
        select: {
          id: true, number: true, body: true, status: true, escalationLevel: true, instructedAt: true, priority: true,
          line: { select: { name: true } },
          owner: { select: { name: true } },
          escalations: { orderBy: { level: "desc" }, take: 1, select: { level: true, dueAt: true, toUser: { select: { name: true } } } },
        },
      },
    },
  });
  // One row per question (a person can be reached at two levels after a reorganisation): the highest.
  const byQuestion = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if ((byQuestion.get(r.question.id)?.level ?? -1) < r.level) byQuestion.set(r.question.id, r);
  return [...byQuestion.values()]
    .map(({ level, question: q }) => {
      const current = q.escalations[0]!;
      return { id: q.id, number: q.number, body: q.body, status: q.status, line: q.line.name, ownerName: q.owner?.name ?? null, urgent: q.priority === "URGENT", instructionPending: !!q.instructedAt, myLevel: level, level: current.level, due: current.dueAt, holderName: current.toUser.name, isCurrent: current.level === level };
    })
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent) || a.due.getTime() - b.due.getTime());
}

/** Whether the actor was ever an escalation target (a department head without the MANAGER role still sees the list). */
export async function hasEscalationsToMe(ctx: Ctx): Promise<boolean> {
  return (await ctx.db.escalation.count({ where: { toUserId: ctx.actor.id } })) > 0;
}
