import type { Db, DbTx } from "../db/client";
import { recordPhrasingSignal } from "./phrasings/record-phrasing-signal";
import type { ClauseSearchResult } from "./search-clauses";
import { searchLogBuffer, toPending, writeBatch } from "./search-log-buffer";

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

/** Stores the search and what it showed, in order, now (a batch of one). Rows feed the insights reports. */
export async function logSearch(db: DbTx, entry: SearchLogEntry): Promise<string> {
  const row = toPending(entry, new Date());
  await writeBatch(db, [row]);
  return row.id;
}

/**
 * Logging must not slow the answer: the row is queued and written with others in one statement
 * (lib/search/search-log-buffer.ts); returns the search's id at once.
 */
export function logSearchInBackground(db: DbTx, entry: SearchLogEntry): string {
  return searchLogBuffer(db).add(entry);
}

/**
 * A click on a search result (from the link parameters the search page adds). The search's wording is
 * also a signal for that unit (常见问法, source CLICK): once per person, counted only with others'.
 */
export async function logClick(db: Db, click: { searchQueryId: string; userId: string; sectionId: string; rank: number | null }): Promise<void> {
  // The search may still be queued in this process (a click right after the page was served).
  await searchLogBuffer(db).flush();
  const section = await db.policySection.findUnique({ where: { id: click.sectionId }, select: { policyId: true, label: true } });
  const query = await db.searchQuery.findFirst({ where: { id: click.searchQueryId, userId: click.userId }, select: { id: true, query: true } });
  if (!section || !query) return; // forged or stale parameters: nothing to record
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.searchClick.create({ data: { searchQueryId: query.id, userId: click.userId, sectionId: click.sectionId, policyId: section.policyId, rank: click.rank, createdAt: now } });
    await recordPhrasingSignal(tx, { policyId: section.policyId, label: section.label, text: query.query, userId: click.userId, source: "CLICK", now });
  });
}
