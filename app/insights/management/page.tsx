import Link from "next/link";
import { Kpi, KpiGrid, num, pct } from "@/components/insights/kpi";
import { AttainmentSection, DeflectionSection, ExistedSection, VolumeSection } from "@/components/insights/management-sections";
import { DashboardTabs } from "@/components/insights/dashboard-tabs";
import { RangeForm } from "@/components/insights/range-form";
import { chosenTab } from "@/components/insights/tab-choice";
import { getManagementDashboard, type ManagementDashboard } from "@/lib/analytics/management/dashboard";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { ValidationError } from "@/lib/errors";
import { authedPage } from "@/lib/http/page";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";
export const metadata = { title: "管理看板" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const field = "rounded border border-slate-400 px-2 py-1";
const TABS = [
  { id: "deflection", label: "自助解决" },
  { id: "existed", label: "答案本已存在" },
  { id: "attainment", label: "时限达标" },
  { id: "volumes", label: "工作量" },
];
const TAB_IDS = TABS.map((t) => t.id);

export default async function ManagementPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { range, problems, d } = await authedPage(["MANAGER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const problems: string[] = problem ? [`日期有误：${problem}（已显示最近 30 天）`] : [];
    const load = (filters: { lineId: string | null; departmentId: string | null }) => getManagementDashboard(ctx, { range, ...filters });
    let d: ManagementDashboard;
    try {
      d = await load({ lineId: one(params.line), departmentId: one(params.dept) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(`筛选条件有误：${Object.values(err.fields).join("；")}（已显示全部）`);
      d = await load({ lineId: null, departmentId: null });
    }
    return { range, problems, d };
  });

  const href = (filters: { line?: string | null; dept?: string | null }) => {
    const q = new URLSearchParams(rangeQuery(range));
    const line = filters.line === undefined ? d.filters.lineId : filters.line;
    const dept = filters.dept === undefined ? d.filters.departmentId : filters.dept;
    if (line) q.set("line", line);
    if (dept) q.set("dept", dept);
    return `/insights/management?${q.toString()}`;
  };
  // A department row drills down one level; the root's own row ("本部") and "未设部门" stay put.
  const drill = (key: string) => (key === d.root.id || !d.departmentOptions.some((o) => o.id === key) ? null : href({ dept: key }));
  const first = d.attainment.total.first!;
  const resolve = d.attainment.total.resolve!;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">管理看板</h1>
        <p className="text-sm text-slate-700">
          范围：{d.root.id ? `${d.root.name}及其下属部门` : d.root.name}
          {d.filters.lineId ? ` · 条线：${d.lines.find((l) => l.id === d.filters.lineId)?.name ?? ""}` : ""}。
          数据更新于 {d.refreshedAt ? fmt(new Date(d.refreshedAt)) : "（尚未汇总）"}，期末未办结为实时数据。
        </p>
        <nav aria-label="部门层级" className="flex flex-wrap gap-3 text-sm">
          {d.filters.departmentId && d.root.parentId && <Link className="text-blue-700 hover:underline" href={href({ dept: d.root.parentId })}>↑ 上一级部门</Link>}
          {d.filters.departmentId && <Link className="text-blue-700 hover:underline" href={href({ dept: null })}>查看全部范围</Link>}
        </nav>
      </header>

      <RangeForm range={range} action="/insights/management">
        <label className="flex flex-col text-sm">
          条线
          <select name="line" defaultValue={d.filters.lineId ?? ""} className={field}>
            <option value="">全部</option>
            {d.lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          部门（含下级）
          <select name="dept" defaultValue={d.filters.departmentId ?? ""} className={field}>
            <option value="">全部</option>
            {d.departmentOptions.map((o) => <option key={o.id} value={o.id}>{`${"　".repeat(o.depth)}${o.name}`}</option>)}
          </select>
        </label>
      </RangeForm>
      {problems.map((p) => <div key={p} role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">{p}</div>)}

      <section aria-labelledby="kpi-h">
        <h2 id="kpi-h" className="sr-only">概览</h2>
        <KpiGrid>
          <Kpi label="自助解决率" value={pct(d.deflection.total.selfService)} hint={`确认 ${num(d.deflection.total.confirmed)} + 潜在 ${num(d.deflection.total.potential)} / 会话 ${num(d.deflection.total.concluded)}`} testId="kpi-self-service" />
          <Kpi label="严格自助解决率" value={pct(d.deflection.total.strictSelfService)} hint="只计提问人确认已解决的" testId="kpi-strict" />
          <Kpi label="答案本已存在" value={pct(d.existed.total.existingRate)} hint={`办结 ${num(d.existed.total.resolved)} 个中 ${num(d.existed.total.existing)} 个；制度不清 ${pct(d.existed.total.unclearRate)}`} testId="kpi-existed" />
          <Kpi label="首次响应达标率" value={pct(first.rate)} hint={`${num(first.met)} / ${num(first.decided)}`} testId="kpi-first-response" />
          <Kpi label="办结达标率" value={pct(resolve.rate)} hint={`${num(resolve.met)} / ${num(resolve.decided)}`} testId="kpi-resolution" />
          <Kpi label="提交 / 办结" value={`${num(d.volumes.total.filed)} / ${num(d.volumes.total.resolved)}`} testId="kpi-volumes" />
          <Kpi label="期末未办结" value={num(d.volumes.total.backlog)} testId="kpi-backlog" />
          <Kpi label="升级 / 投诉（成立）" value={`${num(d.volumes.total.escalated)} / ${num(d.volumes.total.complaints)}（${num(d.volumes.total.upheldComplaints)}）`} testId="kpi-escalations" />
        </KpiGrid>
      </section>

      <DashboardTabs label="看板分区" tabs={TABS} initial={chosenTab(params.view, TAB_IDS)} query={href({}).split("?")[1]}>
        <DeflectionSection d={d} drill={drill} />
        <ExistedSection d={d} drill={drill} />
        <AttainmentSection d={d} drill={drill} />
        <VolumeSection d={d} drill={drill} />
      </DashboardTabs>
    </div>
  );
}
