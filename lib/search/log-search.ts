import type { DbTx } from "../db/client";
import type { ClauseSearchResult } from "./search-clauses";
import { log } from "../log";

export interface SearchLogEntry {
  /** Chosen by the caller when result links must carry it (click logging). */
  id?: string;
  userId: string | null;
  askSessionId?: string | null;
  query: string;
  line?: string;
  owner?: string;
  latencyMs: number;
  result: ClauseSearchResult;
}

/** Stores the search and what it showed, in order. Rows feed the insights reports. */
export async function logSearch(db: DbTx, entry: SearchLogEntry): Promise<string> {
  const row = await db.searchQuery.create({
    data: {
      ...(entry.id ? { id: entry.id } : {}),
      userId: entry.userId,
      askSessionId: entry.askSessionId ?? null,
      query: entry.query.slice(0, 500),
      lineFilter: entry.line ?? null,
      ownerFilter: entry.owner ?? null,
      resultCount: entry.result.hits.length,
      latencyMs: Math.round(entry.latencyMs),
      degraded: entry.result.degraded,
      impressions: { create: entry.result.hits.map((h, rank) => ({ sectionId: h.sectionId, policyId: h.policyId, rank: rank + 1 })) },
    },
    select: { id: true },
  });
  return row.id;
}

/** Logging must not slow the answer: it runs after the response is built; failures are logged, not thrown. */
export function logSearchInBackground(db: DbTx, entry: SearchLogEntry, searchQueryId?: (id: string) => void): void {
  logSearch(db, entry).then(searchQueryId, (err) => log.error("search log failed", { err: String(err) }));
}

/** A click on a search result (from the link parameters the search page adds). */
export async function logClick(db: DbTx, click: { searchQueryId: string; userId: string; sectionId: string; rank: number | null }): Promise<void> {
  const section = await db.policySection.findUnique({ where: { id: click.sectionId }, select: { policyId: true } });
  const query = await db.searchQuery.findFirst({ where: { id: click.searchQueryId, userId: click.userId }, select: { id: true } });
  if (!section || !query) return; // forged or stale parameters: nothing to record
  await db.searchClick.create({ data: { searchQueryId: query.id, userId: click.userId, sectionId: click.sectionId, policyId: section.policyId, rank: click.rank } });
}
