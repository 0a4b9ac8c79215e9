import "server-only";
// "有帮助吗?" votes: why readers found a document unhelpful, and what they wrote. Raw rows (votes are a
// few per cent of views), read through the (policyId, createdAt) index. Voters stay anonymous here.
import type { DbTx } from "../../db/client";
import type { FeedbackReason } from "../../db/generated/enums";
import type { DateRange } from "../shared/range";

export const REASONS: readonly FeedbackReason[] = ["OUTDATED", "HARD_TO_UNDERSTAND", "DIFFERS_FROM_PRACTICE", "ANSWER_NOT_FOUND", "OTHER"];

export type ReasonCounts = Record<FeedbackReason, number>;

export interface FeedbackComment {
  policyId: string;
  title: string;
  label: string | null;
  helpful: boolean;
  reason: FeedbackReason | null;
  comment: string;
  createdAt: Date;
}

export const emptyReasons = (): ReasonCounts => ({ OUTDATED: 0, HARD_TO_UNDERSTAND: 0, DIFFERS_FROM_PRACTICE: 0, ANSWER_NOT_FOUND: 0, OTHER: 0 });

/** Not-helpful votes by reason, per policy and (key "") in total. */
export async function feedbackReasons(db: DbTx, policyIds: string[], range: DateRange): Promise<Map<string, ReasonCounts>> {
  const out = new Map<string, ReasonCounts>();
  if (policyIds.length === 0) return out;
  const rows = await db.$queryRaw<{ policyId: string | null; reason: FeedbackReason | null; grouped: number; n: number }[]>`
    SELECT "policyId", reason::text AS reason, GROUPING("policyId")::int AS grouped, count(*)::int AS n
    FROM "ArticleFeedback"
    WHERE "policyId" = ANY(${policyIds}::text[]) AND "createdAt" >= ${range.start} AND "createdAt" < ${range.end} AND NOT helpful
    GROUP BY GROUPING SETS (("policyId", reason), (reason))`;
  for (const r of rows) {
    const key = r.grouped ? "" : r.policyId!;
    const counts = out.get(key) ?? emptyReasons();
    counts[r.reason ?? "OTHER"] += r.n;
    out.set(key, counts);
  }
  return out;
}

/** The latest written comments, newest first. */
export async function latestComments(db: DbTx, policyIds: string[], range: DateRange, limit = 20): Promise<FeedbackComment[]> {
  if (policyIds.length === 0) return [];
  const rows = await db.articleFeedback.findMany({
    where: { policyId: { in: policyIds }, createdAt: { gte: range.start, lt: range.end }, comment: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { policyId: true, helpful: true, reason: true, comment: true, createdAt: true, policy: { select: { title: true } }, section: { select: { label: true } } },
  });
  return rows.map((r) => ({ policyId: r.policyId, title: r.policy.title, label: r.section?.label ?? null, helpful: r.helpful, reason: r.reason, comment: r.comment!, createdAt: r.createdAt }));
}
