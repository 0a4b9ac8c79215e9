import "server-only";
import { policyScopeOf } from "../analytics/shared/scope";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import { ForbiddenError, ValidationError } from "../errors";
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
  if (!hasRole(ctx.actor, "ADMIN", "POLICY_OWNER")) throw new ForbiddenError("需要制度负责人或管理员权限");
  const input = parseInput(synonymInput, raw);
  if (input.lineId && !(await ctx.db.businessLine.count({ where: { id: input.lineId } }))) throw new ValidationError({ lineId: "条线不存在" });
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  if (!scope.all && !input.lineId) throw await denyAccess(ctx, "synonyms.add", "global", new ForbiddenError("全公司通用的同义词只能由管理员添加，请选择你负责的条线"));
  if (!scope.all && !scope.lineIds.includes(input.lineId!)) throw await denyAccess(ctx, "synonyms.add", input.lineId!, new ForbiddenError("只能为自己负责的条线添加同义词"));
  const row = await ctx.db.searchSynonym.create({ data: { terms: [...new Set(input.terms)], lineId: input.lineId ?? null, createdById: ctx.actor.id, createdAt: ctx.now } });
  await adminAudit(ctx, "synonyms.add", row.id, input);
  return { id: row.id };
}
