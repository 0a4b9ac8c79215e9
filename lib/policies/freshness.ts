import "server-only";
// Freshness of a policy as readers see it: past its review date, or marked for revision by its owner.
// Read fresh for each page (the search corpus is cached by content, these flags change without a new version).
import type { DbTx } from "../db/client";
import { localDate } from "../time/zone";

export interface Freshness {
  /** The review date (YYYY-MM-DD) when it has passed. */
  reviewOverdueSince: string | null;
  needsRevision: boolean;
}

export const isStale = (f: Freshness | undefined): boolean => !!f && (f.reviewOverdueSince !== null || f.needsRevision);

export async function policyFreshness(db: DbTx, policyIds: string[], now: Date): Promise<Map<string, Freshness>> {
  if (policyIds.length === 0) return new Map();
  const today = localDate(now);
  const rows = await db.policy.findMany({ where: { id: { in: [...new Set(policyIds)] } }, select: { id: true, reviewDueAt: true, needsRevision: true } });
  return new Map(
    rows.map((p) => {
      const due = p.reviewDueAt?.toISOString().slice(0, 10) ?? null;
      return [p.id, { reviewOverdueSince: due !== null && due < today ? due : null, needsRevision: p.needsRevision }];
    }),
  );
}
