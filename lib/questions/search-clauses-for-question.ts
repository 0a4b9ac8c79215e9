import "server-only";
import { z } from "zod";
import type { DbTx } from "../db/client";
import { portalSearchDeps } from "../search/portal-search";
import { searchClauses, type SearchDeps } from "../search/search-clauses";
import type { Segment } from "../search/highlight";
import { parseInput } from "../validation";
import type { Ctx } from "../kernel/context";
import { assertCanView } from "./load-question";
import { fieldKey } from "../errors";

export const searchClausesForQuestionInput = z.object({
  questionId: z.string().uuid(fieldKey("errors.field.questionNotFound")),
  q: z.string().trim().min(1, fieldKey("errors.field.searchRequired")).max(200, fieldKey("errors.field.searchTooLong")),
}).strict();

export interface CitableHit {
  sectionId: string;
  policyId: string;
  policyTitle: string;
  label: string;
  heading: string;
  line: string;
  snippet: Segment[];
}

/**
 * The owner's clause search in the workspace: the portal's engine over every current policy unit
 * (not only what the asker was shown). Not logged as an employee search: these are answers being
 * looked up, not questions asked, and would distort what the policy dashboards say people search for.
 * Only sections of current versions come back, the ones the reply and resolve verbs accept as citations.
 */
export async function searchClausesForQuestion(ctx: Ctx, raw: unknown, deps: SearchDeps = portalSearchDeps()): Promise<{ degraded: boolean; hits: CitableHit[] }> {
  const input = parseInput(searchClausesForQuestionInput, raw);
  await assertCanView(ctx.db, ctx.actor, input.questionId);
  const result = await searchClauses(deps, { q: input.q, limit: 10 });
  const current = await currentSectionIds(ctx.db, result.hits.map((h) => h.sectionId));
  return {
    degraded: result.degraded,
    hits: result.hits.filter((h) => current.has(h.sectionId)).map((h) => ({ sectionId: h.sectionId, policyId: h.policyId, policyTitle: h.policyTitle, label: h.label, heading: h.heading, line: h.line, snippet: h.snippet })),
  };
}

/** Of these sections, the ones in the current version of an active policy (citable). */
export async function currentSectionIds(db: DbTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.policySection.findMany({ where: { id: { in: ids }, policy: { status: "ACTIVE" }, version: { currentOf: { isNot: null } } }, select: { id: true } });
  return new Set(rows.map((s) => s.id));
}
