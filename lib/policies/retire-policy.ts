import "server-only";
// Retiring a policy: it leaves search (the index sync removes it), its reader says since when it is no
// longer in force, and its versions stay for the record. Decided on the state in the same statement.
import { z } from "zod";
import { policyScopeOf } from "../analytics/shared/scope";
import { ConflictError, ForbiddenError, NotFoundError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";

export const RETIRE_ACTION = "policy.retire";

export const retireInput = z.object({ policyId: z.string().min(1).max(100), reason: z.string().trim().min(1, fieldKey("errors.field.retireReasonRequired")).max(500, fieldKey("errors.field.reason500")) }).strict();

export async function retirePolicy(ctx: Ctx, raw: unknown): Promise<{ policyId: string; retiredAt: string }> {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(retireInput, raw);
  const policy = await ctx.db.policy.findUnique({ where: { id: input.policyId }, select: { id: true } });
  if (!policy) throw new NotFoundError(m("errors.policyNotFound"));
  if (!scope.all && !scope.policyIds.includes(policy.id)) throw new ForbiddenError(m("errors.retireOwnLineOnly"));
  return ctx.db.$transaction(async (tx) => {
    const changed = await tx.policy.updateMany({ where: { id: policy.id, status: "ACTIVE" }, data: { status: "ARCHIVED", retiredAt: ctx.now } });
    if (changed.count !== 1) throw new ConflictError(m("errors.policyAlreadyRetired"));
    await recordAudit(tx, { actorId: ctx.actor.id, action: RETIRE_ACTION, target: policy.id, data: { reason: input.reason }, createdAt: ctx.now });
    return { policyId: policy.id, retiredAt: ctx.now.toISOString() };
  });
}
