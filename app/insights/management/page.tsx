import Link from "next/link";
import { Kpi, KpiGrid, num, pct } from "@/components/insights/kpi";
import { AttainmentSection, DeflectionSection, ExistedSection, localizeManagement, VolumeSection } from "@/components/insights/management-sections";
import { DashboardTabs } from "@/components/insights/dashboard-tabs";
import { RangeForm } from "@/components/insights/range-form";
import { chosenTab } from "@/components/insights/tab-choice";
import { getManagementDashboard, type ManagementDashboard } from "@/lib/analytics/management/dashboard";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { ValidationError } from "@/lib/errors";
import { renderFieldsLine } from "@/lib/http/errors";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getT())("insights.management.title") };
}

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const field = "max-w-full rounded border border-slate-400 px-2 py-1";
const TAB_IDS = ["deflection", "existed", "attainment", "volumes"] as const;

export default async function ManagementPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getT();
  const { range, problems, d } = await authedPage(["MANAGER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const problems: string[] = problem ? [t("insights.problem.range", { problem: renderFieldsLine(problem, t.locale, t("insights.fieldSep")) })] : [];
    const load = (filters: { lineId: string | null; departmentId: string | null }) => getManagementDashboard(ctx, { range, ...filters });
    let d: ManagementDashboard;
    try {
      d = await load({ lineId: one(params.line), departmentId: one(params.dept) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(t("insights.problem.filters", { problem: renderFieldsLine(err.fieldMessages, t.locale, t("insights.fieldSep")) }));
      d = await load({ lineId: null, departmentId: null });
    }
    return { range, problems, d: localizeManagement(t, d) };
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
  const tabs = TAB_IDS.map((id) => ({ id, label: t(`insights.management.tab.${id}`) }));
  const initial = chosenTab(params.tab, TAB_IDS);
  const lineName = d.filters.lineId ? (d.lines.find((l) => l.id === d.filters.lineId)?.name ?? "") : null;
  const total = d.deflection.total;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("insights.management.title")}</h1>
        <p className="text-sm text-slate-700">
          {t("insights.management.scope", {
            scope: d.root.id ? t("insights.management.subtree", { name: d.root.name }) : t(d.root.whole === "company" ? "insights.management.wholeCompany" : "insights.management.managedDepartments"),
            line: lineName === null ? "" : t("insights.management.scopeLine", { name: lineName }),
            at: d.refreshedAt ? fmt(new Date(d.refreshedAt)) : t("insights.notRolledUp"),
          })}
        </p>
        <nav aria-label={t("insights.management.deptNav")} className="flex flex-wrap gap-3 text-sm">
          {d.filters.departmentId && d.root.parentId && <Link className="text-blue-700 hover:underline" href={href({ dept: d.root.parentId })}>{t("insights.management.up")}</Link>}
          {d.filters.departmentId && <Link className="text-blue-700 hover:underline" href={href({ dept: null })}>{t("insights.management.allScope")}</Link>}
        </nav>
      </header>

      <RangeForm range={range} action="/insights/management">
        <label className="flex min-w-0 max-w-full flex-col text-sm">
          {t("insights.filter.line")}
          <select name="line" defaultValue={d.filters.lineId ?? ""} className={field}>
            <option value="">{t("insights.all")}</option>
            {d.lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
        <label className="flex min-w-0 max-w-full flex-col text-sm">
          {t("insights.filter.department")}
          <select name="dept" defaultValue={d.filters.departmentId ?? ""} className={field}>
            <option value="">{t("insights.all")}</option>
            {/* U+3000 (ideographic space) indents a department under its parent. */}
            {d.departmentOptions.map((o) => <option key={o.id} value={o.id}>{`${"\u3000".repeat(o.depth)}${o.name}`}</option>)}
          </select>
        </label>
      </RangeForm>
      {problems.map((p) => <div key={p} role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">{p}</div>)}

      <section aria-labelledby="kpi-h">
        <h2 id="kpi-h" className="sr-only">{t("insights.overview")}</h2>
        <KpiGrid>
          <Kpi label={t("insights.management.selfService")} value={pct(total.selfService)} hint={t("insights.management.kpi.selfServiceHint", { confirmed: num(total.confirmed), potential: num(total.potential), concluded: num(total.concluded) })} testId="kpi-self-service" />
          <Kpi label={t("insights.management.strictSelfService")} value={pct(total.strictSelfService)} hint={t("insights.management.kpi.strictHint")} testId="kpi-strict" />
          <Kpi label={t("insights.management.existing")} value={pct(d.existed.total.existingRate)} hint={t("insights.management.kpi.existedHint", { resolved: num(d.existed.total.resolved), existing: num(d.existed.total.existing), unclear: pct(d.existed.total.unclearRate) })} testId="kpi-existed" />
          <Kpi label={t("insights.management.kpi.firstResponse")} value={pct(first.rate)} hint={`${num(first.met)} / ${num(first.decided)}`} testId="kpi-first-response" />
          <Kpi label={t("insights.management.kpi.resolution")} value={pct(resolve.rate)} hint={`${num(resolve.met)} / ${num(resolve.decided)}`} testId="kpi-resolution" />
          <Kpi label={t("insights.management.kpi.volumes")} value={`${num(d.volumes.total.filed)} / ${num(d.volumes.total.resolved)}`} testId="kpi-volumes" />
          <Kpi label={t("insights.management.backlog")} value={num(d.volumes.total.backlog)} testId="kpi-backlog" />
          <Kpi
            label={t("insights.management.kpi.escalations")}
            value={t("insights.management.kpi.escalationsValue", { escalated: num(d.volumes.total.escalated), decided: num(d.volumes.total.decidedComplaints), upheld: num(d.volumes.total.upheldComplaints) })}
            hint={t("insights.management.kpi.escalationsHint", { awaiting: num(d.volumes.total.awaitingComplaints) })}
            testId="kpi-escalations"
          />
        </KpiGrid>
      </section>

      <DashboardTabs key={initial} label={t("insights.tabsLabel")} tabs={tabs} initial={initial} query={href({}).split("?")[1]}>
        <DeflectionSection d={d} drill={drill} />
        <ExistedSection d={d} drill={drill} />
        <AttainmentSection d={d} drill={drill} />
        <VolumeSection d={d} drill={drill} />
      </DashboardTabs>
    </div>
  );
}
