import "server-only";
// The search page's reads: the lines one can browse, and one logged search grouped by policy with each
// policy's freshness (stale results are marked on the page).
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { policyFreshness } from "../policies/freshness";
import { logSearchInBackground } from "./log-search";
import { portalSearchDeps } from "./portal-search";
import { groupByPolicy, searchClauses } from "./search-clauses";

/** Names of the lines that have at least one policy in force, A–Z. */
export async function browsableLines(db: Db): Promise<string[]> {
  return (await db.businessLine.findMany({ where: { policies: { some: { status: "ACTIVE" } } }, orderBy: { name: "asc" }, select: { name: true } })).map((l) => l.name);
}

/**
 * One portal search: logged in the background under a fresh id (the result links carry it, so a click
 * is tied to this search), hits grouped by policy, and the freshness of each policy found.
 */
export async function searchPolicies({ actor, db }: { actor: Actor; db: Db }, input: { q: string; line?: string; owner?: string }) {
  const started = performance.now();
  const searchQueryId = randomUUID();
  const result = await searchClauses(portalSearchDeps(), { ...input, limit: 20 });
  logSearchInBackground(db, { id: searchQueryId, userId: actor.id, query: input.q, line: input.line, owner: input.owner, latencyMs: performance.now() - started, result });
  const groups = groupByPolicy(result.hits);
  const freshness = await policyFreshness(db, groups.map((g) => g.policyId), new Date());
  return { searchQueryId, result, groups, freshness };
}
