import "server-only";
// Reading a policy leaves analytics rows: a PolicyView and, when the reader came from a search result,
// the SearchClick. They are written without holding up the page: a failed write loses one analytics row,
// never the page, and is logged with what it was about.
import type { Db } from "../db/client";
import { log } from "../log";
import { logClick } from "../search/log-search";

export interface PolicyViewInput {
  userId: string;
  policyId: string;
  /** The section the reader opened from a search result (already checked to be in this version), or null. */
  sectionId: string | null;
  /** The search the reader came from, when sectionId is set. */
  click: { searchQueryId: string; rank: number | null } | null;
}

export function recordPolicyView(db: Db, view: PolicyViewInput): void {
  void db.policyView
    .create({ data: { userId: view.userId, policyId: view.policyId, sectionId: view.sectionId, source: view.sectionId ? "search" : "reader" } })
    .catch((err: unknown) => log.warn("policy view not recorded", { policyId: view.policyId, sectionId: view.sectionId, err: String(err) }));
  if (view.sectionId && view.click) {
    const { searchQueryId, rank } = view.click;
    const sectionId = view.sectionId;
    void logClick(db, { searchQueryId, userId: view.userId, sectionId, rank }).catch((err: unknown) =>
      log.warn("search click not recorded", { searchQueryId, sectionId, err: String(err) }),
    );
  }
}
