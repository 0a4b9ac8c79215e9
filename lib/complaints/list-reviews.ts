import "server-only";
import { hasRole } from "../auth/roles";
import type { DbTx } from "../db/client";
import type { Ctx } from "../kernel/context";

/**
 * 待复核: the open complaints this actor decides, soonest due first. Admins also see those nobody was
 * found to review. Never a complaint about the actor or a question they now own.
 */
export async function listReviews(ctx: Ctx) {
  const me = ctx.actor.id;
  const mine = hasRole(ctx.actor, "ADMIN") ? [{ reviewerId: me }, { reviewerId: null }] : [{ reviewerId: me }];
  const rows = await ctx.db.complaint.findMany({
    where: {
      status: "OPEN",
      OR: mine,
      complainantId: { not: me },
      NOT: [{ againstUserId: me }, { question: { ownerId: me } }],
    },
    orderBy: [{ reviewDueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 200,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      reviewDueAt: true,
      statementRequestedAt: true,
      statementDueAt: true,
      statementNote: true,
      statement: true,
      statementAt: true,
      complainant: { select: { name: true } },
      againstUser: { select: { name: true } },
      question: { select: { id: true, number: true, body: true, status: true, line: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({ ...r, overdue: !!r.reviewDueAt && r.reviewDueAt <= ctx.now, question: { ...r.question, firstLine: firstLine(r.question.body) } }));
}

type ReviewItem = Awaited<ReturnType<typeof listReviews>>[number];

function firstLine(body: string): string {
  const line = body.split(/\r?\n/, 1)[0] ?? "";
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** For the navigation: does this user have complaints to review? */
export async function hasReviews(db: DbTx, userId: string): Promise<boolean> {
  const one = await db.complaint.findFirst({ where: { status: "OPEN", reviewerId: userId }, select: { id: true } });
  return !!one;
}
