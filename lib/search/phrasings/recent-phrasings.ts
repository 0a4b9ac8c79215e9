import "server-only";
// 新学到的常见问法 on /insights/policies: the latest live wordings of the policies the actor owns, so an
// owner notices what search learned without opening every document (and removes it in the reader).
import { policyScopeOf } from "../../analytics/shared/scope";
import type { Ctx } from "../../kernel/context";
import { phrasingWeight } from "./phrasing-text";

export async function recentPhrasings(ctx: Ctx, input: { lineId: string | null; limit?: number }) {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  if (!scope.all && scope.policyIds.length === 0) return [];
  const rows = await ctx.db.unitPhrasing.findMany({
    where: {
      removedAt: null,
      ...(scope.all ? {} : { policyId: { in: scope.policyIds } }),
      ...(input.lineId ? { policy: { lineId: input.lineId } } : {}),
    },
    select: { id: true, policyId: true, label: true, text: true, source: true, users: true, updatedAt: true, policy: { select: { title: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: input.limit ?? 20,
  });
  return rows.map((r) => ({ id: r.id, policyId: r.policyId, title: r.policy.title, label: r.label, text: r.text, source: r.source, users: r.users, active: phrasingWeight(r) > 0, updatedAt: r.updatedAt }));
}
