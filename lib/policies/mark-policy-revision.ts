import "server-only";
// A policy owner marks one of their documents for revision (or clears the mark once revised). The flag
// lives on the policy; the reason, who and when go to the audit log, which the dashboard shows.
import { z } from "zod";
import { inPolicyScope, policyScopeOf } from "../analytics/shared/scope";
import { denyAccess } from "../auth/deny-access";
import { ForbiddenError, NotFoundError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { MARK_REVISION_ACTION } from "./owned-policies";
import { recordAudit } from "../kernel/audit";

export { MARK_REVISION_ACTION };

export const markRevisionInput = z
  .object({
    policyId: z.string({ error: "缺少制度编号" }).min(1, "缺少制度编号").max(100),
    needsRevision: z.boolean({ error: "请选择标记或取消" }),
    note: z.string().trim().max(1000, "说明不能超过 1000 字").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.needsRevision && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "请说明需要修订的内容" });
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
