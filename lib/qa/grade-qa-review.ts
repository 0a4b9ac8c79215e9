import "server-only";
// Grading a QA review (1–5 and a comment). Rules:
//  • a QA reviewer grades the reviews assigned to them; an unassigned review (no reviewer was free
//    when it was drawn) may be taken by any QA reviewer, who becomes its reviewer; an admin may
//    grade any review;
//  • a grade may be changed by its reviewer for REGRADE_DAYS after it was first given (gradedAt is
//    the time of the first grade and does not move); after that only an admin can correct it;
//  • every grade and change writes an AuditLog row ("qa.grade", with the previous grade).
import { z } from "zod";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";

export const REGRADE_DAYS = 7;

export const gradeInput = z
  .object({
    reviewId: z.string({ error: fieldKey("errors.field.qaReviewRequired") }).uuid(fieldKey("errors.field.qaReviewIdInvalid")),
    grade: z.number({ error: fieldKey("errors.field.gradeRequired") }).int(fieldKey("errors.field.gradeInteger")).min(1, fieldKey("errors.field.gradeRange")).max(5, fieldKey("errors.field.gradeRange")),
    comment: z.string().trim().max(2000, fieldKey("errors.field.gradeComment2000")).optional(),
  })
  .strict();

export function regradeDeadline(gradedAt: Date): Date {
  return new Date(gradedAt.getTime() + REGRADE_DAYS * 86_400_000);
}

export async function gradeQaReview(ctx: Ctx, raw: unknown): Promise<{ grade: number; gradedAt: Date }> {
  const { actor } = ctx;
  const isAdmin = hasRole(actor, "ADMIN");
  if (!isAdmin && !hasRole(actor, "QA_REVIEWER")) throw new ForbiddenError(m("errors.needQaOrAdmin"));
  const input = parseInput(gradeInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const review = await tx.qaReview.findUnique({ where: { id: input.reviewId }, select: { id: true, reviewerId: true, ownerId: true, grade: true, gradedAt: true, questionId: true } });
    if (!review) throw new NotFoundError(m("errors.qaReviewNotFound"));
    if (!isAdmin) {
      if (review.reviewerId !== null && review.reviewerId !== actor.id) throw await denyAccess(ctx, "qa.grade", review.id, new ForbiddenError(m("errors.qaReviewNotYours")));
      if (review.ownerId === actor.id) throw await denyAccess(ctx, "qa.grade", review.id, new ForbiddenError(m("errors.cannotReviewOwnQuestion")));
      if (review.gradedAt && regradeDeadline(review.gradedAt) < ctx.now) {
        throw new PreconditionError(m("errors.regradeWindowOver", { REGRADE_DAYS }));
      }
    }
    const gradedAt = review.gradedAt ?? ctx.now;
    // Conditional on what we read: two concurrent first grades cannot both pass as "first".
    const updated = await tx.qaReview.updateMany({
      where: { id: review.id, grade: review.grade, reviewerId: review.reviewerId },
      data: { grade: input.grade, comment: input.comment || null, gradedAt, reviewerId: review.reviewerId ?? (isAdmin ? null : actor.id) },
    });
    if (updated.count !== 1) throw new ConflictError();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "qa.grade",
      target: review.id,
      data: { questionId: review.questionId, grade: input.grade, previousGrade: review.grade, comment: input.comment ?? null },
      createdAt: ctx.now,
    });
    return { grade: input.grade, gradedAt };
  });
}
