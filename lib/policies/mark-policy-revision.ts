import "server-only";
// A policy owner marks one of their documents for revision (or clears the mark once revised). The flag
// lives on the policy; the reason, who and when go to the audit log, which the dashboard shows.
import { z } from "zod";
import { inPolicyScope, policyScopeOf } from "../analytics/shared/scope";
import { denyAccess } from "../auth/deny-access";
import { ForbiddenError, NotFoundError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { MARK_REVISION_ACTION } from "./owned-policies";
import { recordAudit } from "../kernel/audit";

export { MARK_REVISION_ACTION };

export const markRevisionInput = z
  .object({
    policyId: z.string({ error: fieldKey("errors.field.policyIdMissing") }).min(1, fieldKey("errors.field.policyIdMissing")).max(100),
    needsRevision: z.boolean({ error: fieldKey("errors.field.markChoiceRequired") }),
    note: z.string().trim().max(1000, fieldKey("errors.field.noteMax1000")).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.needsRevision && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: fieldKey("errors.field.revisionNoteRequired") });
  });

export async function markPolicyRevision(ctx: Ctx, raw: unknown) {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(markRevisionInput, raw);
  const policy = await ctx.db.policy.findUnique({ where: { id: input.policyId }, select: { id: true, needsRevision: true } });
  if (!policy) throw new NotFoundError(m("errors.policyNotFound"));
  if (!inPolicyScope(scope, policy.id)) throw await denyAccess(ctx, MARK_REVISION_ACTION, policy.id, new ForbiddenError(m("errors.markOwnPoliciesOnly")));
  await ctx.db.$transaction([
    ctx.db.policy.update({ where: { id: policy.id }, data: { needsRevision: input.needsRevision } }),
    recordAudit(ctx.db, { actorId: ctx.actor.id, action: MARK_REVISION_ACTION, target: policy.id, data: { needsRevision: input.needsRevision, was: policy.needsRevision, note: input.note || null }, createdAt: ctx.now }),
  ]);
  return { ok: true, needsRevision: input.needsRevision };
}
