import "server-only";
// 登记台账: every question in the actor's scope with asker, contact, matter, owner chain, outcome and
// dates. Managers see questions whose asker or any owner sits in their department subtree; QA
// reviewers and admins see all; everyone else is refused.
import { z } from "zod";
import { denyAccess } from "../../auth/deny-access";
import { ForbiddenError, m } from "../../errors";
import type { Ctx } from "../../kernel/context";
import { parseInput } from "../../validation";
import { ledgerFilters, type LedgerFilters } from "./filters";
import { decodeCursor, encodeCursor, type LedgerRow } from "./format";
import { departmentWithSubtree } from "../../kernel/org-chart";
import { countLedger, fetchLedgerPage, ledgerWhere } from "./query";
import type { DateRange } from "../shared/range";
import { departmentScopeOf, inDepartmentScope } from "../shared/scope";

export const LEDGER_PAGE_SIZE = 50;
export const LEDGER_MAX_PAGE_SIZE = 1000;

export type { LedgerFilters, LedgerRow };

const pageInput = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(LEDGER_MAX_PAGE_SIZE).optional(),
});

/** Scope and filters as one SQL WHERE, after checking the department filter lies inside the scope. */
export async function resolveLedgerWhere(ctx: Ctx, range: Pick<DateRange, "start" | "end">, rawFilters: LedgerFilters) {
  const filters = parseInput(ledgerFilters, rawFilters);
  const scope = await departmentScopeOf(ctx.db, ctx.actor, { allowQa: true });
  let departmentIds: string[] | undefined;
  if (filters.departmentId) {
    // Refused like the management dashboard's filter: a department outside the subtree is a denial, not a typo.
    if (!inDepartmentScope(scope, filters.departmentId)) throw await denyAccess(ctx, "ledger.view", filters.departmentId, new ForbiddenError(m("errors.departmentOutOfScope")));
    departmentIds = await departmentWithSubtree(ctx.db, filters.departmentId);
  }
  return { filters, scope, where: ledgerWhere({ range, scope, departmentIds, filters, now: ctx.now }) };
}

/** One page of the ledger (newest first) with the total under the same scope and filters. */
export async function listLedger(
  ctx: Ctx,
  input: { range: DateRange; filters: LedgerFilters; cursor?: string | null; limit?: number },
): Promise<{ rows: LedgerRow[]; nextCursor: string | null; total: number }> {
  const { where } = await resolveLedgerWhere(ctx, input.range, input.filters);
  const page = parseInput(pageInput, { cursor: input.cursor, limit: input.limit });
  const limit = page.limit ?? LEDGER_PAGE_SIZE;
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const [fetched, total] = await Promise.all([fetchLedgerPage(ctx.db, where, { after, limit, now: ctx.now, viewerId: ctx.actor.id }), countLedger(ctx.db, where)]);
  const rows = fetched.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: fetched.length > limit && last ? encodeCursor(last) : null, total };
}

/** Choices for the filter form, limited to what the actor may look at. */
export async function ledgerFilterOptions(ctx: Ctx) {
  const scope = await departmentScopeOf(ctx.db, ctx.actor, { allowQa: true });
  const inScope = scope.all ? {} : { id: { in: scope.departmentIds } };
  const [lines, departments, owners] = await Promise.all([
    ctx.db.businessLine.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    ctx.db.department.findMany({ where: inScope, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    ctx.db.user.findMany({
      where: { roles: { has: "FIRST_CONTACT_OWNER" }, ...(scope.all ? {} : { departmentId: { in: scope.departmentIds } }) },
      orderBy: { name: "asc" },
      take: 1000,
      select: { id: true, name: true },
    }),
  ]);
  return { lines, departments, owners };
}
