import "server-only";
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { fieldKey, fieldMessageOf, ForbiddenError, m, ValidationError, type FieldMessages } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { reviewKey, reviewSetting } from "./review-settings";
import { recordAudit } from "../kernel/audit";

// Roles that may open any question: a named reviewer must be able to read what they decide.
export const NAMED_REVIEWER_ROLES = ["QA_REVIEWER", "ADMIN"] as const;

export const reviewSettingInput = z
  .object({
    /** a 条线's own rule; absent = the company's */
    lineId: z.string().uuid(fieldKey("errors.field.lineRequired")).optional(),
    /** true with a lineId: the 条线 follows the company's rule again */
    reset: z.boolean().optional(),
    setting: z.unknown().optional(),
  })
  .strict();

/** Who reviews complaints about a 条线 (or the company default) and the review's time limit. Admins only. */
export async function saveReviewSetting(ctx: Ctx, raw: unknown) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  const input = parseInput(reviewSettingInput, raw);
  const key = reviewKey(input.lineId);
  if (input.lineId && !(await ctx.db.businessLine.findUnique({ where: { id: input.lineId }, select: { id: true } }))) throw new ValidationError({ lineId: m("errors.lineNotFound") });
  if (input.reset) {
    if (!input.lineId) throw new ValidationError({ reset: m("errors.defaultRuleNotResettable") });
    await ctx.db.$transaction([
      ctx.db.appSetting.deleteMany({ where: { key } }),
      recordAudit(ctx.db, { actorId: ctx.actor.id, action: "complaint.review-setting", target: input.lineId, data: { setting: null }, createdAt: ctx.now }),
    ]);
    return { key, setting: null };
  }
  const parsed = reviewSetting.safeParse(input.setting);
  if (!parsed.success) {
    const fields: FieldMessages = {};
    for (const issue of parsed.error.issues) fields[["setting", ...issue.path].join(".")] ??= fieldMessageOf(issue.message);
    throw new ValidationError(fields);
  }
  const value = parsed.data;
  if (value.mode === "USER" && value.reviewerId) {
    const reviewer = await ctx.db.user.findUnique({ where: { id: value.reviewerId }, select: { disabledAt: true, roles: true } });
    if (!reviewer) throw new ValidationError({ "setting.reviewerId": m("errors.reviewerNotFound") });
    if (reviewer.disabledAt) throw new ValidationError({ "setting.reviewerId": m("errors.reviewerDeactivated") });
    if (!NAMED_REVIEWER_ROLES.some((r) => reviewer.roles.includes(r))) throw new ValidationError({ "setting.reviewerId": m("errors.reviewerRoleRequired") });
  }
  const json = { mode: value.mode, reviewerId: value.reviewerId ?? null, reviewMinutes: value.reviewMinutes };
  await ctx.db.$transaction([
    ctx.db.appSetting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } }),
    recordAudit(ctx.db, { actorId: ctx.actor.id, action: "complaint.review-setting", target: input.lineId ?? "company", data: { setting: json }, createdAt: ctx.now }),
  ]);
  return { key, setting: json };
}
