import "server-only";
import { z } from "zod";
import { isUniqueViolation, ValidationError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { idempotencyKey } from "../questions/schemas";
import { parseInput } from "../validation";

export const feedbackInput = z
  .object({
    policyId: z.string().min(1).max(100),
    idempotencyKey,
    sectionId: z.string().uuid().optional(),
    helpful: z.boolean({ error: fieldKey("errors.field.helpfulRequired") }),
    reason: z.enum(["OUTDATED", "HARD_TO_UNDERSTAND", "DIFFERS_FROM_PRACTICE", "ANSWER_NOT_FOUND", "OTHER"], { error: fieldKey("errors.field.reasonRequired") }).optional(),
    comment: z.string().trim().max(1000, fieldKey("errors.field.comment1000")).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.helpful && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: fieldKey("errors.field.notHelpfulReason") });
    if (v.reason === "OTHER" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: fieldKey("errors.field.otherReason") });
  });

/** "有帮助吗?" on a policy or one of its clauses; "no" needs a reason. The same idempotency key is one vote. */
export async function recordFeedback(ctx: Ctx, raw: unknown): Promise<{ created: boolean }> {
  const input = parseInput(feedbackInput, raw);
  const policy = await ctx.db.policy.findUnique({ where: { id: input.policyId }, select: { id: true } });
  if (!policy) throw new ValidationError({ policyId: m("errors.policyNotFound") });
  if (input.sectionId && !(await ctx.db.policySection.findFirst({ where: { id: input.sectionId, policyId: policy.id }, select: { id: true } }))) {
    throw new ValidationError({ sectionId: m("errors.sectionNotInPolicy") });
  }
  try {
    await ctx.db.articleFeedback.create({
      data: { userId: ctx.actor.id, idempotencyKey: input.idempotencyKey, policyId: policy.id, sectionId: input.sectionId ?? null, helpful: input.helpful, reason: input.helpful ? null : input.reason, comment: input.comment || null, createdAt: ctx.now },
    });
    return { created: true };
  } catch (err) {
    // A repeated submit (double click, retry): the vote is already stored once.
    if (isUniqueViolation(err)) return { created: false };
    throw err;
  }
}
