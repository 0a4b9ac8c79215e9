import "server-only";
// Drill-down of one document by clause (第X条): the clause rollup, plus resolutions citing each clause.
// Clauses are matched by label, so older versions of the same article count for it.
import { ForbiddenError, NotFoundError, m } from "../../errors";
import type { Ctx } from "../../kernel/context";
import type { ExposureSplit } from "./resolutions";
import { emptySplit } from "./resolutions";
import type { DateRange } from "../shared/range";
import { inPolicyScope, policyScopeOf } from "../shared/scope";

export interface ClauseRow {
  /** "" = the document as a whole (read or voted on without a clause) */
  label: string;
  heading: string | null;
  impressions: number;
  clicks: number;
  views: number;
  viewsTimed: number;
  meanViewMs: number | null;
  helpful: number;
  notHelpful: number;
  resolutions: ExposureSplit;
}

export async function getPolicyClauses(ctx: Ctx, input: { range: DateRange; policyId: string }): Promise<{ policyId: string; title: string; rows: ClauseRow[] }> {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const policy = await ctx.db.policy.findUnique({
    where: { id: input.policyId },
    select: { id: true, title: true, currentVersion: { select: { sections: { select: { label: true, heading: true, ordinal: true } } } } },
  });
  if (!policy) throw new NotFoundError(m("errors.policyNotFound"));
  if (!inPolicyScope(scope, policy.id)) throw new ForbiddenError(m("errors.ownPoliciesOnly"));
  const { range } = input;
  const [stats, cited] = await Promise.all([
    ctx.db.$queryRaw<{ label: string; impressions: number; clicks: number; views: number; viewsTimed: number; viewMsTotal: number; helpful: number; notHelpful: number }[]>`
      SELECT label, sum(impressions)::int AS impressions, sum(clicks)::int AS clicks, sum(views)::int AS views,
             sum("viewsTimed")::int AS "viewsTimed", sum("viewMsTotal")::float8 AS "viewMsTotal",
             sum(helpful)::int AS helpful, sum("notHelpful")::int AS "notHelpful"
      FROM "PolicyClauseDailyStat"
      WHERE "policyId" = ${policy.id} AND day >= ${range.from}::date AND day <= ${range.to}::date
      GROUP BY label`,
    ctx.db.$queryRaw<{ label: string; exposure: string | null; n: number }[]>`
      SELECT s.label, q."answerExposure"::text AS exposure, count(DISTINCT q.id)::int AS n
      FROM "Citation" c
      JOIN "PolicySection" s ON s.id = c."sectionId"
      JOIN "Question" q ON q.id = c."questionId"
      WHERE c."forResolution" AND c."policyId" = ${policy.id}
        AND q."resolvedAt" >= ${range.start} AND q."resolvedAt" < ${range.end}
        AND q."resolutionKind" IN ('EXISTING_POLICY', 'POLICY_UNCLEAR')
      GROUP BY s.label, q."answerExposure"`,
  ]);
  const sections = [...(policy.currentVersion?.sections ?? [])].sort((a, b) => a.ordinal - b.ordinal);
  const order = new Map(sections.map((s, i) => [s.label, i]));
  const heading = new Map(sections.map((s) => [s.label, s.heading]));
  const rows = new Map<string, ClauseRow>();
  const row = (label: string): ClauseRow => {
    let r = rows.get(label);
    if (!r) {
      r = { label, heading: heading.get(label) ?? null, impressions: 0, clicks: 0, views: 0, viewsTimed: 0, meanViewMs: null, helpful: 0, notHelpful: 0, resolutions: emptySplit() };
      rows.set(label, r);
    }
    return r;
  };
  for (const s of sections) row(s.label);
  for (const s of stats) {
    Object.assign(row(s.label), { impressions: s.impressions, clicks: s.clicks, views: s.views, viewsTimed: s.viewsTimed, helpful: s.helpful, notHelpful: s.notHelpful, meanViewMs: s.viewsTimed > 0 ? s.viewMsTotal / s.viewsTimed : null });
  }
  for (const c of cited) {
    const split = row(c.label).resolutions;
    if (c.exposure === "IGNORED") split.ignored += c.n;
    else if (c.exposure === "OPENED") split.unclear += c.n;
    else if (c.exposure === "SEARCH_MISS") split.searchMiss += c.n;
    split.total += c.n;
  }
  const rank = (label: string) => (label === "" ? -1 : (order.get(label) ?? Number.MAX_SAFE_INTEGER));
  return { policyId: policy.id, title: policy.title, rows: [...rows.values()].sort((a, b) => rank(a.label) - rank(b.label) || a.label.localeCompare(b.label, "zh-CN")) };
}
