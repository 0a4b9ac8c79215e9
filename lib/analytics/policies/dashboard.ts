import "server-only";
// The policy-owner view (/insights/policies): everything the page shows, for the documents and 条线 the
// actor owns (admins: all), in a date range, optionally one 条线. Search activity comes from the daily
// rollups (as fresh as the last refresh, shown as `rolledUpAt`), resolutions too; gaps and review dates live.
import type { Ctx } from "../../kernel/context";
import { emptyReasons, feedbackReasons, latestComments, type FeedbackComment, type ReasonCounts } from "./feedback";
import { policyGaps, unclearGapsByPolicy, type GapRow, type GapSummary } from "./gaps";
import { lineQueryLists, unattributedZeroResultQueries, type LineQueryRow, type UnattributedQueryRow } from "./queries";
import { addSplit, emptySplit, resolutionsByPolicy, type ExposureSplit } from "./resolutions";
import { changeImpact, type ChangeImpactRow } from "./change-impact";
import { reviewDue, type ReviewRow } from "./review";
import { readPolicyRollupMark } from "./rollup";
import { selectPolicies } from "./selection";
import { medianViewMs, policyUsage, usageTrend, type PolicyUsageRow, type UsageTrendPoint } from "./usage";
import type { DateRange } from "../shared/range";

export interface PolicyDocumentRow extends PolicyUsageRow {
  resolutions: ExposureSplit;
  reasons: ReasonCounts;
  medianViewMs: number | null;
  unclearGaps: { open: number; inRange: number };
}

export interface PolicyDashboard {
  range: DateRange;
  lines: { id: string; name: string }[];
  lineId: string | null;
  isAdmin: boolean;
  /** when the search rollups were last refreshed (null: never) */
  rolledUpAt: Date | null;
  totals: {
    documents: number;
    impressions: number;
    clicks: number;
    views: number;
    viewMsTotal: number;
    viewsTimed: number;
    medianViewMs: number | null;
    helpful: number;
    notHelpful: number;
    /** helpful / (helpful + notHelpful) */
    helpfulRate: number | null;
    /** summed over the documents: a question citing two of them counts for each */
    resolutions: ExposureSplit;
    reasons: ReasonCounts;
  };
  documents: PolicyDocumentRow[];
  trend: UsageTrendPoint[];
  comments: FeedbackComment[];
  zeroResultQueries: LineQueryRow[];
  noClickQueries: LineQueryRow[];
  unattributedZeroResultQueries: UnattributedQueryRow[];
  gaps: GapRow[];
  gapSummary: GapSummary;
  reviewDue: ReviewRow[];
  changeImpact: ChangeImpactRow[];
}

export async function getPolicyDashboard(ctx: Ctx, input: { range: DateRange; lineId?: string | null }): Promise<PolicyDashboard> {
  const { db, now } = ctx;
  const { range } = input;
  const sel = await selectPolicies(db, ctx.actor, input.lineId);
  const ids = sel.policyIds;
  const [usage, medians, trend, resolutions, reasons, comments, queries, unattributed, gaps, unclear, review, mark, impact] = await Promise.all([
    policyUsage(db, ids, range),
    medianViewMs(db, ids, range),
    usageTrend(db, ids, range),
    resolutionsByPolicy(db, ids, range),
    feedbackReasons(db, ids, range),
    latestComments(db, ids, range),
    lineQueryLists(db, sel.ownedLineIds, range),
    unattributedZeroResultQueries(db, range),
    policyGaps(db, sel, range),
    unclearGapsByPolicy(db, ids, range),
    reviewDue(db, ids, now),
    readPolicyRollupMark(db),
    changeImpact(db, ids),
  ]);
  const documents = usage.map((u) => ({
    ...u,
    medianViewMs: medians.get(u.policyId) ?? null,
    resolutions: resolutions.get(u.policyId) ?? emptySplit(),
    reasons: reasons.get(u.policyId) ?? emptyReasons(),
    unclearGaps: unclear.get(u.policyId) ?? { open: 0, inRange: 0 },
  }));
  const sum = (k: "impressions" | "clicks" | "views" | "viewMsTotal" | "viewsTimed" | "helpful" | "notHelpful") => documents.reduce((n, d) => n + d[k], 0);
  const helpful = sum("helpful");
  const notHelpful = sum("notHelpful");
  return {
    range,
    lines: sel.lines,
    lineId: sel.lineId,
    isAdmin: sel.scope.all,
    rolledUpAt: mark ? new Date(mark.refreshedAt) : null,
    totals: {
      documents: documents.length,
      impressions: sum("impressions"),
      clicks: sum("clicks"),
      views: sum("views"),
      viewMsTotal: sum("viewMsTotal"),
      viewsTimed: sum("viewsTimed"),
      medianViewMs: medians.get("") ?? null,
      helpful,
      notHelpful,
      helpfulRate: helpful + notHelpful > 0 ? helpful / (helpful + notHelpful) : null,
      resolutions: documents.reduce((s, d) => addSplit(s, d.resolutions), emptySplit()),
      reasons: reasons.get("") ?? emptyReasons(),
    },
    documents,
    trend,
    comments,
    zeroResultQueries: queries.zeroResults,
    noClickQueries: queries.noClicks,
    unattributedZeroResultQueries: unattributed,
    gaps: gaps.rows,
    gapSummary: gaps.summary,
    reviewDue: review,
    changeImpact: impact,
  };
}
