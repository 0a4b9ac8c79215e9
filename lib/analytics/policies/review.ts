// Documents due for review: review date within the next 30 days or past, or marked for revision.
// Independent of the date range (it is about today), with the latest revision note from the audit log.
// Also read by the worker's daily review reminder (lib/notify/digest/policy-review-digest.ts).
import type { DbTx } from "../../db/client";
import { MARK_REVISION_ACTION } from "../../policies/owned-policies";
import { addDays, dayOf } from "../shared/range";

export const REVIEW_HORIZON_DAYS = 30;

export interface ReviewRow {
  policyId: string;
  title: string;
  lineName: string;
  reviewDueAt: string | null;
  /** days until the review date (negative: overdue); null without a date */
  daysLeft: number | null;
  needsRevision: boolean;
  lastNote: string | null;
  lastNoteAt: Date | null;
  lastNoteBy: string | null;
}

export async function reviewDue(db: DbTx, policyIds: string[], now: Date): Promise<ReviewRow[]> {
  if (policyIds.length === 0) return [];
  const today = dayOf(now);
  const rows = await db.$queryRaw<Omit<ReviewRow, "daysLeft">[]>`
    SELECT p.id AS "policyId", p.title, l.name AS "lineName", to_char(p."reviewDueAt", 'YYYY-MM-DD') AS "reviewDueAt", p."needsRevision",
           a.note AS "lastNote", a."createdAt" AS "lastNoteAt", a.actor AS "lastNoteBy"
    FROM "Policy" p
    JOIN "BusinessLine" l ON l.id = p."lineId"
    LEFT JOIN LATERAL (
      SELECT x.data->>'note' AS note, x."createdAt", u.name AS actor
      FROM "AuditLog" x LEFT JOIN "User" u ON u.id = x."actorId"
      WHERE x.action = ${MARK_REVISION_ACTION} AND x.target = p.id
      ORDER BY x."createdAt" DESC, x.id DESC LIMIT 1
    ) a ON true
    WHERE p.id = ANY(${policyIds}::text[]) AND p.status = 'ACTIVE'
      AND (p."needsRevision" OR p."reviewDueAt" <= ${addDays(today, REVIEW_HORIZON_DAYS)}::date)
    ORDER BY p."reviewDueAt" ASC NULLS LAST, p.title, p.id`;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  return rows.map((r) => ({ ...r, daysLeft: r.reviewDueAt ? Math.round((Date.parse(`${r.reviewDueAt}T00:00:00Z`) - todayMs) / 86_400_000) : null }));
}
