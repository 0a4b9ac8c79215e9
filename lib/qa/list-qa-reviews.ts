import "server-only";
// The /qa work list: a QA reviewer's pending reviews (their own and unassigned ones) and what they
// graded lately; an admin sees everyone's. Each review carries what the grade is about: the
// question, the replies, the resolution and the owner who resolved it.
import { hasRole } from "../auth/roles";
import type { Prisma } from "../db/generated/client";
import { ForbiddenError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { regradeDeadline } from "./grade-qa-review";
import { sampleSizeSetting } from "./draw-qa-sample";

const PENDING_LIMIT = 100;
const GRADED_LIMIT = 50;

const reviewSelect = {
  id: true,
  weekStart: true,
  grade: true,
  comment: true,
  gradedAt: true,
  reviewer: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  department: { select: { name: true } },
  question: {
    select: {
      id: true,
      number: true,
      body: true,
      askerId: true,
      status: true,
      createdAt: true,
      resolvedAt: true,
      resolutionKind: true,
      resolutionNote: true,
      line: { select: { name: true } },
      replies: { select: { id: true, authorId: true, body: true, checklist: true, createdAt: true, author: { select: { name: true } } }, orderBy: { createdAt: "asc" }, take: 30 },
    },
  },
} satisfies Prisma.QaReviewSelect;

export type QaReviewItem = Prisma.QaReviewGetPayload<{ select: typeof reviewSelect }> & {
  /** whether this actor may (re)grade it now */
  canGrade: boolean;
  regradeUntil: Date | null;
};

export async function listQaReviews(ctx: Ctx) {
  const { actor, db, now } = ctx;
  const isAdmin = hasRole(actor, "ADMIN");
  if (!isAdmin && !hasRole(actor, "QA_REVIEWER")) throw new ForbiddenError(m("errors.needQaOrAdmin"));
  const mine: Prisma.QaReviewWhereInput = isAdmin ? {} : { AND: [{ OR: [{ reviewerId: actor.id }, { reviewerId: null }] }, { OR: [{ ownerId: null }, { ownerId: { not: actor.id } }] }] };
  const [pending, graded, lastDraw, sampleSize] = await Promise.all([
    db.qaReview.findMany({ where: { ...mine, gradedAt: null }, select: reviewSelect, orderBy: [{ weekStart: "asc" }, { createdAt: "asc" }], take: PENDING_LIMIT }),
    db.qaReview.findMany({ where: isAdmin ? { gradedAt: { not: null } } : { reviewerId: actor.id, gradedAt: { not: null } }, select: reviewSelect, orderBy: { gradedAt: "desc" }, take: GRADED_LIMIT }),
    db.qaDraw.findFirst({ orderBy: { weekStart: "desc" } }),
    sampleSizeSetting(db),
  ]);
  const withRights = (r: (typeof pending)[number]): QaReviewItem => {
    const regradeUntil = r.gradedAt ? regradeDeadline(r.gradedAt) : null;
    return { ...r, regradeUntil, canGrade: isAdmin || regradeUntil === null || regradeUntil >= now };
  };
  return { pending: pending.map(withRights), graded: graded.map(withRights), lastDraw, sampleSize, isAdmin };
}
