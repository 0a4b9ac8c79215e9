import "server-only";
import { policyScopeOf } from "../analytics/shared/scope";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import { ForbiddenError, ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit } from "./admin-guard";
import { synonymInput } from "./schemas";

/**
 * Policy owners (and admins) extend the synonym dictionary; the search picks it up on its next refresh.
 * Synonyms change every search of their 条线 (or, without one, of everyone), so a policy owner adds them
 * only for the 条线 they own, like their other actions; company-wide ones are for admins.
 */
export async function addSynonyms(ctx: Ctx, raw: unknown) {
  if (!hasRole(ctx.actor, "ADMIN", "POLICY_OWNER")) throw new ForbiddenError(m("errors.needPolicyOwnerOrAdmin"));
  const input = parseInput(synonymInput, raw);
  if (input.lineId && !(await ctx.db.businessLine.count({ where: { id: input.lineId } }))) throw new ValidationError({ lineId: m("errors.lineNotFound") });
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  if (!scope.all && !input.lineId) throw await denyAccess(ctx, "synonyms.add", "global", new ForbiddenError(m("errors.synonymsCompanyWideAdminOnly")));
  if (!scope.all && !scope.lineIds.includes(input.lineId!)) throw await denyAccess(ctx, "synonyms.add", input.lineId!, new ForbiddenError(m("errors.synonymsOwnLinesOnly")));
  const row = await ctx.db.searchSynonym.create({ data: { terms: [...new Set(input.terms)], lineId: input.lineId ?? null, createdById: ctx.actor.id, createdAt: ctx.now } });
  await adminAudit(ctx, "synonyms.add", row.id, input);
  return { id: row.id };
}
