import "server-only";
// What one policy-owner dashboard request may look at, resolved to explicit ids once, so every report
// filters with `= ANY(ids)` and none can forget the scope.
import type { DbTx } from "../../db/client";
import { ForbiddenError, m } from "../../errors";
import { policyScopeOf, type PolicyScope } from "../shared/scope";

export interface PolicySelection {
  scope: PolicyScope;
  /** 条线 shown in the filter: the ones the actor owns plus those their own documents sit in (admin: all). */
  lines: { id: string; name: string }[];
  /** The 条线 filter applied (one of `lines`), or null. */
  lineId: string | null;
  /** Documents reported on (scope ∩ filter). */
  policyIds: string[];
  /** 条线 whose queries and 无制度 gaps are reported (owned 条线 ∩ filter; admin: all ∩ filter). */
  ownedLineIds: string[];
}

/** Throws ForbiddenError for anyone but policy owners and admins, and for a 条线 outside their scope. */
export async function selectPolicies(db: DbTx, actor: Parameters<typeof policyScopeOf>[1], lineId: string | null | undefined): Promise<PolicySelection> {
  const scope = await policyScopeOf(db, actor);
  // Each visible 条线 with the in-scope policies it holds, in one round trip.
  const rows = await db.$queryRaw<{ id: string; name: string; policyIds: string[] }[]>`
    SELECT l.id::text AS id, l.name, array_remove(array_agg(p.id ORDER BY p.id), NULL) AS "policyIds"
    FROM "BusinessLine" l
    LEFT JOIN "Policy" p ON p."lineId" = l.id AND (${scope.all}::boolean OR p.id = ANY(${scope.policyIds}::text[]))
    GROUP BY l.id, l.name
    HAVING ${scope.all}::boolean OR l.id = ANY(${scope.lineIds}::uuid[]) OR count(p.id) > 0
    ORDER BY l.name, l.id`;
  const lines = rows.map((r) => ({ id: r.id, name: r.name }));
  const filter = lineId || null;
  if (filter && !lines.some((l) => l.id === filter)) throw new ForbiddenError(m("errors.notYourLine"));
  const owned = scope.all ? lines.map((l) => l.id) : scope.lineIds;
  return {
    scope,
    lines,
    lineId: filter,
    policyIds: rows.filter((r) => !filter || r.id === filter).flatMap((r) => r.policyIds),
    ownedLineIds: owned.filter((id) => !filter || id === filter),
  };
}
