import Link from "next/link";
import { ChartFigure } from "@/components/insights/chart-figure";
import { BarsChart, TrendChart } from "@/components/insights/chart";
import { Kpi, KpiGrid, num, pct } from "@/components/insights/kpi";
import { RevisionForm } from "@/components/insights/policy-actions";
import { ChangeImpactTable, ClauseTable, CommentList, DocumentTable, GapTable, QueryTable, readTime, REASON_LABEL, ReviewTable, UnattributedList } from "@/components/insights/policy-tables";
import { RangeForm } from "@/components/insights/range-form";
import { getPolicyClauses } from "@/lib/analytics/policies/clauses";
import { getPolicyDashboard } from "@/lib/analytics/policies/dashboard";
import { REASONS } from "@/lib/analytics/policies/feedback";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { NotFoundError } from "@/lib/errors";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { recentPhrasings } from "@/lib/search/phrasings/recent-phrasings";

export const dynamic = "force-dynamic";
export const metadata = { title: "制度洞察" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PolicyInsightsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const line = one(params.line);
  const lineId = line && UUID.test(line) ? line : null;
  const drill = one(params.policy);
  const { range, problem, data, clauses, phrasings, tr } = await authedPage(["POLICY_OWNER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const [data, clauses, phrasings, tr] = await Promise.all([
      getPolicyDashboard(ctx, { range, lineId }),
      drill ? getPolicyClauses(ctx, { range, policyId: drill }).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null,
      recentPhrasings(ctx, { lineId }),
      getT(),
    ]);
    return { range, problem, data, clauses, phrasings, tr };
  });

  const keep = (extra: Record<string, string | null>) => {
    const q = new URLSearchParams(rangeQuery(range));
    if (data.lineId) q.set("line", data.lineId);
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    return `/insights/policies?${q.toString()}`;
  };
  const t = data.totals;
  const exposureBars = data.documents.filter((d) => d.resolutions.total > 0).map((d) => ({ title: d.title.length > 12 ? `${d.title.slice(0, 12)}…` : d.title, ignored: d.resolutions.ignored, unclear: d.resolutions.unclear, searchMiss: d.resolutions.searchMiss }));
  const reasonBars = REASONS.map((r) => ({ reason: REASON_LABEL[r], count: t.reasons[r] })).filter((r) => r.count > 0);
  const drilled = clauses ? data.documents.find((d) => d.policyId === clauses.policyId) : undefined;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">制度洞察</h1>
        <p className="text-sm text-slate-700">
          {data.isAdmin ? "范围：全部条线与制度。" : `范围：你负责的条线（${data.lines.map((l) => l.name).join("、") || "无"}）及其制度。`}
          搜索、阅读与办结引用的统计汇总于 {data.rolledUpAt ? fmt(data.rolledUpAt) : "（尚未汇总）"}（定时更新）；知识缺口与复审为实时数据。
        </p>
      </header>

      <RangeForm range={range} action="/insights/policies">
        <label className="flex flex-col text-sm">
          条线
          <select name="line" defaultValue={data.lineId ?? ""} className="rounded border border-slate-400 px-2 py-1">
            <option value="">全部</option>
            {data.lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
      </RangeForm>
      {problem && <div role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">日期有误：{problem}（已显示最近 30 天）</div>}

      <section aria-labelledby="kpi-h">
        <h2 id="kpi-h" className="sr-only">概览</h2>
        <KpiGrid>
          <Kpi label="负责的制度" value={num(t.documents)} testId="kpi-documents" />
          <Kpi label="在搜索结果中出现" value={num(t.impressions)} hint="次（每条结果计一次）" testId="kpi-impressions" />
          <Kpi label="搜索点击 / 阅读" value={`${num(t.clicks)} / ${num(t.views)}`} testId="kpi-opened" />
          <Kpi label="阅读时长中位数" value={readTime(t.medianViewMs)} hint={`共 ${readTime(t.viewsTimed ? t.viewMsTotal : null)}，${num(t.viewsTimed)} 次有计时`} testId="kpi-median" />
          <Kpi label="答案已在制度中（办结引用）" value={num(t.resolutions.total)} hint={`看到未打开 ${t.resolutions.ignored} · 打开仍不清楚 ${t.resolutions.unclear} · 未搜到 ${t.resolutions.searchMiss}（按制度计）`} testId="kpi-resolutions" />
          <Kpi label="有帮助" value={pct(t.helpfulRate)} hint={`${num(t.helpful)} 有帮助 · ${num(t.notHelpful)} 没帮助`} testId="kpi-helpful" />
          <Kpi label="待处理的知识缺口" value={num(data.gapSummary.openNoPolicy + data.gapSummary.openUnclear)} hint={`无制度 ${data.gapSummary.openNoPolicy} · 制度不清 ${data.gapSummary.openUnclear}`} testId="kpi-gaps" />
          <Kpi label="需复审或修订" value={num(data.reviewDue.length)} testId="kpi-review" />
        </KpiGrid>
      </section>

      <ChartFigure title="出现与打开（按时间）" data={data.trend} xKey="bucket" xLabel="时间" format={(v) => num(v as number)} testId="chart-trend"
        series={[{ key: "impressions", label: "出现次数" }, { key: "clicks", label: "搜索点击" }, { key: "views", label: "阅读" }]}>
        <TrendChart data={data.trend} xKey="bucket" series={[{ key: "impressions", label: "出现次数" }, { key: "clicks", label: "搜索点击" }, { key: "views", label: "阅读" }]} />
      </ChartFigure>

      <section aria-labelledby="docs-h" className="space-y-3">
        <h2 id="docs-h" className="text-lg font-semibold">各制度</h2>
        <p className="text-sm text-slate-700">点击率 = 有点击的搜索 ÷ 出现该制度的搜索。办结引用：所选时间内以“已有制度 / 制度不清”办结并引用该制度的问题。点击制度名查看各条款。</p>
        <DocumentTable rows={data.documents} drillHref={(id) => `${keep({ policy: id })}#clauses`} />
        <ChartFigure title="答案已在制度中：提问人之前做了什么" data={exposureBars} xKey="title" xLabel="制度" format={(v) => num(v as number)} testId="chart-exposure"
          series={[{ key: "ignored", label: "看到未打开" }, { key: "unclear", label: "打开仍不清楚" }, { key: "searchMiss", label: "未搜到" }]}>
          <BarsChart data={exposureBars} xKey="title" stacked series={[{ key: "ignored", label: "看到未打开" }, { key: "unclear", label: "打开仍不清楚" }, { key: "searchMiss", label: "未搜到" }]} />
        </ChartFigure>
      </section>

      {drill && (
        <section id="clauses" aria-labelledby="clauses-h" className="space-y-3">
          <h2 id="clauses-h" className="text-lg font-semibold">{clauses ? `《${clauses.title}》各条款` : "制度不存在"}</h2>
          {clauses && <ClauseTable rows={clauses.rows} />}
          {drilled && <RevisionForm policyId={drilled.policyId} title={drilled.title} needsRevision={drilled.needsRevision} />}
          <p><Link href={keep({})} className="text-sm text-blue-700 hover:underline">收起条款明细</Link></p>
        </section>
      )}

      <section aria-labelledby="fb-h" className="space-y-3">
        <h2 id="fb-h" className="text-lg font-semibold">“有帮助吗？”评价</h2>
        <ChartFigure title="没帮助的原因" data={reasonBars} xKey="reason" xLabel="原因" format={(v) => num(v as number)} testId="chart-reasons" series={[{ key: "count", label: "次数" }]}>
          <BarsChart data={reasonBars} xKey="reason" series={[{ key: "count", label: "次数" }]} />
        </ChartFigure>
        <h3 className="font-medium">最新留言</h3>
        <CommentList rows={data.comments} />
      </section>

      <section aria-labelledby="q-h" className="space-y-3">
        <h2 id="q-h" className="text-lg font-semibold">没找到、没打开的搜索</h2>
        <p className="text-sm text-slate-700">搜索按条线筛选时归入该条线；未筛选时归入排名第一的结果所属条线。相同搜索词（忽略全半角、大小写与多余空格）合并计数。</p>
        <h3 className="font-medium">无结果的搜索</h3>
        <QueryTable rows={data.zeroResultQueries} kind="zero" testId="zero-result-queries" />
        <h3 className="font-medium">有结果但没有点击的搜索</h3>
        <QueryTable rows={data.noClickQueries} kind="noclick" testId="no-click-queries" />
        <h3 className="font-medium">未归属条线的无结果搜索</h3>
        <p className="text-sm text-slate-700">未筛选条线且没有任何结果的搜索，无法判断属于哪个条线，所有制度负责人都能看到（只显示搜索词）。</p>
        <UnattributedList rows={data.unattributedZeroResultQueries} />
      </section>

      <section aria-labelledby="gaps-h" className="space-y-3">
        <h2 id="gaps-h" className="text-lg font-semibold">知识缺口</h2>
        <p className="text-sm text-slate-700">
          待处理的缺口（不限时间）和所选时间内提出的缺口，共 {num(data.gapSummary.listed)} 条{data.gapSummary.listed > data.gaps.length ? `，显示最新 ${data.gaps.length} 条` : ""}。
          所选时间内新增 {num(data.gapSummary.createdInRange)} 条、确认 {num(data.gapSummary.acknowledgedInRange)} 条。
        </p>
        <GapTable rows={data.gaps} />
      </section>

      <section aria-labelledby="phrasings-h" className="space-y-3">
        <h2 id="phrasings-h" className="text-lg font-semibold">{tr("phrasings.recent.title")}</h2>
        <p className="text-sm text-slate-700">{tr("phrasings.recent.hint")}</p>
        {phrasings.length === 0 ? (
          <p className="text-sm text-slate-600">{tr("phrasings.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="recent-phrasings">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="p-2">{tr("phrasings.recent.wording")}</th>
                  <th scope="col" className="p-2">{tr("phrasings.recent.unit")}</th>
                  <th scope="col" className="p-2">{tr("phrasings.recent.source")}</th>
                  <th scope="col" className="p-2">{tr("phrasings.recent.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {phrasings.map((p) => (
                  <tr key={p.id} className="border-t border-slate-200">
                    <td className="break-all p-2">{p.text}</td>
                    <td className="p-2"><Link className="text-blue-700 underline" href={`/policies/${encodeURIComponent(p.policyId)}#${encodeURIComponent(p.label)}`}>《{p.title}》{p.label}</Link></td>
                    <td className="p-2">
                      {tr(`phrasings.source.${p.source}`)}
                      {p.users > 0 && ` · ${tr("phrasings.people", { count: p.users })}`}
                      {!p.active && ` · ${tr("phrasings.pending")}`}
                    </td>
                    <td className="p-2">{fmt(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="review-h" className="space-y-3">
        <h2 id="review-h" className="text-lg font-semibold">到期复审与待修订</h2>
        <ReviewTable rows={data.reviewDue} />
      </section>

      <section aria-labelledby="impact-h" className="space-y-3">
        <h2 id="impact-h" className="text-lg font-semibold">制度变更影响</h2>
        <p className="text-sm text-slate-600">这些问题办结时引用的条款，在之后的版本中已修改或删除；提问人得到的答复可能已不再适用。</p>
        <ChangeImpactTable rows={data.changeImpact} />
      </section>
    </div>
  );
}
