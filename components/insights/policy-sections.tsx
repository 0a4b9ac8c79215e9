// The tabs of the policy-owner view (server components): documents and their clauses, searches and
// learnt phrasings, "有帮助吗？" feedback, knowledge gaps, and review / change impact. Each is one
// tab panel of /insights/policies; every chart sits in a ChartFigure with the same numbers as a table.
import Link from "next/link";
import type { getPolicyClauses } from "@/lib/analytics/policies/clauses";
import type { PolicyDashboard } from "@/lib/analytics/policies/dashboard";
import { REASONS } from "@/lib/analytics/policies/feedback";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import type { recentPhrasings } from "@/lib/search/phrasings/recent-phrasings";
import { ChartFigure } from "./chart-figure";
import { BarsChart, TrendChart, type Series } from "./chart";
import { num } from "./kpi";
import { RevisionForm } from "./policy-actions";
import { ChangeImpactTable, ClauseTable, CommentList, DocumentTable, GapTable, QueryTable, ReviewTable, UnattributedList } from "./policy-tables";
import { ScrollRegion } from "@/components/scroll-region";

type Clauses = Awaited<ReturnType<typeof getPolicyClauses>>;
type Phrasing = Awaited<ReturnType<typeof recentPhrasings>>[number];
const asNum = (v: unknown) => num(v as number);
const hint = "text-sm text-slate-700";

export async function DocumentsSection({ data, clauses, drill, drillHref, closeHref }: {
  data: PolicyDashboard;
  clauses: Clauses | null;
  /** the ?policy= asked for, whether or not it exists */
  drill: string | null;
  drillHref: (policyId: string) => string;
  closeHref: string;
}) {
  const t = await getT();
  const trendSeries: Series[] = [{ key: "impressions", label: t("insights.policy.impressions") }, { key: "clicks", label: t("insights.policy.clicks") }, { key: "views", label: t("insights.policy.views") }];
  const exposureSeries: Series[] = [{ key: "ignored", label: t("insights.policy.ignored") }, { key: "unclear", label: t("insights.policy.unclear") }, { key: "searchMiss", label: t("insights.policy.searchMiss") }];
  // Full titles: the chart shortens a long one on its axis (with the full title as a tooltip), the data table shows it whole.
  const exposureBars = data.documents.filter((d) => d.resolutions.total > 0).map((d) => ({ title: d.title, ignored: d.resolutions.ignored, unclear: d.resolutions.unclear, searchMiss: d.resolutions.searchMiss }));
  const drilled = clauses ? data.documents.find((d) => d.policyId === clauses.policyId) : undefined;
  return (
    <div className="space-y-8">
      <ChartFigure title={t("insights.policy.trend")} data={data.trend} xKey="bucket" xLabel={t("insights.axis.time")} format={asNum} testId="chart-trend" series={trendSeries}>
        <TrendChart data={data.trend} xKey="bucket" series={trendSeries} />
      </ChartFigure>

      <section aria-labelledby="docs-h" className="space-y-3">
        <h2 id="docs-h" className="text-lg font-semibold">{t("insights.policy.documents")}</h2>
        <p className={hint}>{t("insights.policy.documentsHint")}</p>
        <DocumentTable rows={data.documents} drillHref={drillHref} />
        <ChartFigure title={t("insights.policy.exposureChart")} data={exposureBars} xKey="title" xLabel={t("insights.policy.col.document")} format={asNum} testId="chart-exposure" series={exposureSeries}>
          <BarsChart data={exposureBars} xKey="title" stacked series={exposureSeries} />
        </ChartFigure>
      </section>

      {drill && (
        <section id="clauses" aria-labelledby="clauses-h" className="space-y-3">
          <h2 id="clauses-h" className="break-words text-lg font-semibold">{clauses ? t("insights.policy.clausesOf", { title: clauses.title }) : t("insights.policy.noSuchPolicy")}</h2>
          {clauses && <ClauseTable rows={clauses.rows} />}
          {drilled && <RevisionForm policyId={drilled.policyId} title={drilled.title} needsRevision={drilled.needsRevision} />}
          <p><Link href={closeHref} className="text-sm text-blue-700 hover:underline">{t("insights.policy.closeClauses")}</Link></p>
        </section>
      )}
    </div>
  );
}

export async function SearchesSection({ data, phrasings }: { data: PolicyDashboard; phrasings: Phrasing[] }) {
  const t = await getT();
  return (
    <div className="space-y-8">
      <section aria-labelledby="q-h" className="space-y-3">
        <h2 id="q-h" className="text-lg font-semibold">{t("insights.policy.searches")}</h2>
        <p className={hint}>{t("insights.policy.searchesHint")}</p>
        <h3 className="font-medium">{t("insights.policy.zeroQueries")}</h3>
        <QueryTable rows={data.zeroResultQueries} kind="zero" testId="zero-result-queries" />
        <h3 className="font-medium">{t("insights.policy.noClickQueries")}</h3>
        <QueryTable rows={data.noClickQueries} kind="noclick" testId="no-click-queries" />
        <h3 className="font-medium">{t("insights.policy.unattributed")}</h3>
        <p className={hint}>{t("insights.policy.unattributedHint")}</p>
        <UnattributedList rows={data.unattributedZeroResultQueries} />
      </section>

      <section aria-labelledby="phrasings-h" className="space-y-3">
        <h2 id="phrasings-h" className="text-lg font-semibold">{t("phrasings.recent.title")}</h2>
        <p className={hint}>{t("phrasings.recent.hint")}</p>
        {phrasings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("phrasings.empty")}</p>
        ) : (
          <ScrollRegion label={t("phrasings.recent.title")}>
            <table className="min-w-full text-sm" data-testid="recent-phrasings">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="p-2">{t("phrasings.recent.wording")}</th>
                  <th scope="col" className="p-2">{t("phrasings.recent.unit")}</th>
                  <th scope="col" className="p-2">{t("phrasings.recent.source")}</th>
                  <th scope="col" className="p-2">{t("phrasings.recent.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {phrasings.map((p) => (
                  <tr key={p.id} className="border-t border-slate-200">
                    <td className="min-w-[8rem] break-all p-2">{p.text}</td>
                    <td className="min-w-[10rem] p-2"><Link className="text-blue-700 underline" href={`/policies/${encodeURIComponent(p.policyId)}#${encodeURIComponent(p.label)}`}>{t("insights.policy.quotedClause", { title: p.title, label: p.label })}</Link></td>
                    <td className="p-2">
                      {t(`phrasings.source.${p.source}`)}
                      {p.users > 0 && ` · ${t("phrasings.people", { count: p.users })}`}
                      {!p.active && ` · ${t("phrasings.pending")}`}
                    </td>
                    <td className="whitespace-nowrap p-2">{fmt(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}

export async function FeedbackSection({ data }: { data: PolicyDashboard }) {
  const t = await getT();
  const reasonBars = REASONS.map((r) => ({ reason: t(`insights.reason.${r}`), count: data.totals.reasons[r] })).filter((r) => r.count > 0);
  const series: Series[] = [{ key: "count", label: t("insights.policy.count") }];
  return (
    <section aria-labelledby="fb-h" className="space-y-3">
      <h2 id="fb-h" className="text-lg font-semibold">{t("insights.policy.feedback")}</h2>
      <ChartFigure title={t("insights.policy.reasonsChart")} data={reasonBars} xKey="reason" xLabel={t("insights.policy.reason")} format={asNum} testId="chart-reasons" series={series}>
        <BarsChart data={reasonBars} xKey="reason" series={series} />
      </ChartFigure>
      <h3 className="font-medium">{t("insights.policy.comments")}</h3>
      <CommentList rows={data.comments} />
    </section>
  );
}

export async function GapsSection({ data }: { data: PolicyDashboard }) {
  const t = await getT();
  const s = data.gapSummary;
  return (
    <section aria-labelledby="gaps-h" className="space-y-3">
      <h2 id="gaps-h" className="text-lg font-semibold">{t("insights.policy.gaps")}</h2>
      <p className={hint}>
        {t("insights.policy.gapsHint", {
          listed: num(s.listed),
          shown: s.listed > data.gaps.length ? t("insights.policy.gapsShown", { count: data.gaps.length }) : "",
          created: num(s.createdInRange),
          acknowledged: num(s.acknowledgedInRange),
        })}
      </p>
      <GapTable rows={data.gaps} />
    </section>
  );
}

export async function ReviewSection({ data }: { data: PolicyDashboard }) {
  const t = await getT();
  return (
    <div className="space-y-8">
      <section aria-labelledby="review-h" className="space-y-3">
        <h2 id="review-h" className="text-lg font-semibold">{t("insights.policy.review")}</h2>
        <ReviewTable rows={data.reviewDue} />
      </section>
      <section aria-labelledby="impact-h" className="space-y-3">
        <h2 id="impact-h" className="text-lg font-semibold">{t("insights.policy.impact")}</h2>
        <p className="text-sm text-slate-600">{t("insights.policy.impactHint")}</p>
        <ChangeImpactTable rows={data.changeImpact} />
      </section>
    </div>
  );
}
