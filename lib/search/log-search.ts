import type { DbTx } from "../db/client";
import type { ClauseSearchResult } from "./search-clauses";
import { log } from "../log";

export interface SearchLogEntry {
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
