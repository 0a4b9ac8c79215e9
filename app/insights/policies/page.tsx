import { DashboardTabs } from "@/components/insights/dashboard-tabs";
import { Kpi, KpiGrid, num, pct } from "@/components/insights/kpi";
import { DocumentsSection, FeedbackSection, GapsSection, ReviewSection, SearchesSection } from "@/components/insights/policy-sections";
import { readTime } from "@/components/insights/policy-tables";
import { RangeForm } from "@/components/insights/range-form";
import { chosenTab } from "@/components/insights/tab-choice";
import { getPolicyClauses } from "@/lib/analytics/policies/clauses";
import { getPolicyDashboard } from "@/lib/analytics/policies/dashboard";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { NotFoundError } from "@/lib/errors";
import { renderFieldsLine } from "@/lib/http/errors";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { recentPhrasings } from "@/lib/search/phrasings/recent-phrasings";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getT())("insights.policy.title") };
}

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAB_IDS = ["documents", "searches", "feedback", "gaps", "review"] as const;

export default async function PolicyInsightsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const line = one(params.line);
  const lineId = line && UUID.test(line) ? line : null;
  const drill = one(params.policy);
  const t = await getT();
  const { range, problem, data, clauses, phrasings } = await authedPage(["POLICY_OWNER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const [data, clauses, phrasings] = await Promise.all([
      getPolicyDashboard(ctx, { range, lineId }),
      drill ? getPolicyClauses(ctx, { range, policyId: drill }).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null,
      recentPhrasings(ctx, { lineId }),
    ]);
    return { range, problem, data, clauses, phrasings };
  });

  const keep = (extra: Record<string, string | null>) => {
    const q = new URLSearchParams(rangeQuery(range));
    if (data.lineId) q.set("line", data.lineId);
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    return `/insights/policies?${q.toString()}`;
  };
  const totals = data.totals;
  const gaps = data.gapSummary;
  const tabs = TAB_IDS.map((id) => ({ id, label: t(`insights.policy.tab.${id}`) }));
  const initial = chosenTab(params.tab, TAB_IDS);
  const scope = data.isAdmin ? t("insights.policy.scopeAll") : t("insights.policy.scopeOwn", { lines: data.lines.map((l) => l.name).join(t("insights.nameSep")) || t("insights.policy.none") });

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("insights.policy.title")}</h1>
        <p className="text-sm text-slate-700">{t("insights.policy.header", { scope, at: data.rolledUpAt ? fmt(data.rolledUpAt) : t("insights.notRolledUp") })}</p>
      </header>

      <RangeForm range={range} action="/insights/policies">
        <label className="flex min-w-0 max-w-full flex-col text-sm">
          {t("insights.filter.line")}
          <select name="line" defaultValue={data.lineId ?? ""} className="max-w-full rounded border border-slate-400 px-2 py-1">
            <option value="">{t("insights.all")}</option>
            {data.lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
      </RangeForm>
      {problem && <div role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">{t("insights.problem.range", { problem: renderFieldsLine(problem, t.locale, t("insights.fieldSep")) })}</div>}

      <section aria-labelledby="kpi-h">
        <h2 id="kpi-h" className="sr-only">{t("insights.overview")}</h2>
        <KpiGrid>
          <Kpi label={t("insights.policy.kpi.documents")} value={num(totals.documents)} testId="kpi-documents" />
          <Kpi label={t("insights.policy.kpi.impressions")} value={num(totals.impressions)} hint={t("insights.policy.kpi.impressionsHint")} testId="kpi-impressions" />
          <Kpi label={t("insights.policy.kpi.opened")} value={`${num(totals.clicks)} / ${num(totals.views)}`} testId="kpi-opened" />
          <Kpi label={t("insights.policy.col.viewMedian")} value={readTime(t, totals.medianViewMs)} hint={t("insights.policy.kpi.medianHint", { total: readTime(t, totals.viewsTimed ? totals.viewMsTotal : null), timed: num(totals.viewsTimed) })} testId="kpi-median" />
          <Kpi label={t("insights.policy.kpi.resolutions")} value={num(totals.resolutions.total)} hint={t("insights.policy.kpi.resolutionsHint", { ignored: totals.resolutions.ignored, unclear: totals.resolutions.unclear, searchMiss: totals.resolutions.searchMiss })} testId="kpi-resolutions" />
          <Kpi label={t("insights.policy.helpful")} value={pct(totals.helpfulRate)} hint={t("insights.policy.kpi.helpfulHint", { helpful: num(totals.helpful), notHelpful: num(totals.notHelpful) })} testId="kpi-helpful" />
          <Kpi label={t("insights.policy.kpi.gaps")} value={num(gaps.openNoPolicy + gaps.openUnclear)} hint={t("insights.policy.kpi.gapsHint", { noPolicy: gaps.openNoPolicy, unclear: gaps.openUnclear })} testId="kpi-gaps" />
          <Kpi label={t("insights.policy.kpi.review")} value={num(data.reviewDue.length)} testId="kpi-review" />
        </KpiGrid>
      </section>

      <DashboardTabs key={initial} label={t("insights.tabsLabel")} tabs={tabs} initial={initial} query={keep({ policy: drill }).split("?")[1]}>
        <DocumentsSection data={data} clauses={clauses} drill={drill} drillHref={(id) => `${keep({ policy: id, tab: "documents" })}#clauses`} closeHref={keep({ tab: "documents" })} />
        <SearchesSection data={data} phrasings={phrasings} />
        <FeedbackSection data={data} />
        <GapsSection data={data} />
        <ReviewSection data={data} />
      </DashboardTabs>
    </div>
  );
}
