import Link from "next/link";
import { OwnerKpis, OwnerRankings, OwnersChart, OwnersTable, OwnerTrend, ScorecardDefinitions } from "@/components/insights/owner-scorecard";
import { RangeForm } from "@/components/insights/range-form";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { getScorecardDashboard, type ScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { ValidationError } from "@/lib/errors";
import { authedPage } from "@/lib/http/page";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";
export const metadata = { title: "首问责任人考核" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const field = "rounded border border-slate-400 px-2 py-1";

export default async function OwnerScorecardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { range, problems, d } = await authedPage(["FIRST_CONTACT_OWNER", "MANAGER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const problems: string[] = problem ? [`日期有误：${problem}（已显示最近 30 天）`] : [];
    const load = (filters: { userId: string | null; departmentId: string | null }) => getScorecardDashboard(ctx, { range, ...filters });
    let d: ScorecardDashboard;
    try {
      d = await load({ userId: one(params.user), departmentId: one(params.dept) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(`筛选条件有误：${Object.values(err.fields).join("；")}（已显示全部）`);
      d = await load({ userId: null, departmentId: null });
    }
    return { range, problems, d };
  });

  const href = (filters: { user?: string | null; dept?: string | null }) => {
    const q = new URLSearchParams(rangeQuery(range));
    const dept = filters.dept === undefined ? d.departmentId : filters.dept;
    if (dept) q.set("dept", dept);
    if (filters.user) q.set("user", filters.user);
    return `/insights/owners?${q.toString()}`;
  };
  const leader = d.view !== "self";
  const selected = d.selected;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{leader ? "首问责任人考核" : "我的首问考核"}</h1>
        <p className="text-sm text-slate-700">
          {leader ? (d.view === "admin" ? "范围：全公司" : "范围：本人所辖部门及其下属部门") : "只显示本人的考核结果"}
          {d.departmentId ? ` · 部门：${d.departments.find((x) => x.id === d.departmentId)?.name ?? ""}（含下级）` : ""}。
          时限与办结数据更新于 {d.refreshedAt ? fmt(new Date(d.refreshedAt)) : "（尚未汇总）"}；投诉、转交、质检为实时数据。
        </p>
      </header>

      <RangeForm range={range} action="/insights/owners">
        {leader && (
          <label className="flex flex-col text-sm">
            部门（含下级）
            <select name="dept" defaultValue={d.departmentId ?? ""} className={field}>
              <option value="">全部</option>
              {d.departments.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </label>
        )}
        {leader && (
          <label className="flex flex-col text-sm">
            首问责任人
            <select name="user" defaultValue={selected?.owner.userId ?? ""} className={field}>
              <option value="">全部</option>
              {d.owners.map((o) => <option key={o.userId} value={o.userId!}>{o.name}</option>)}
            </select>
          </label>
        )}
      </RangeForm>
      {problems.map((p) => <div key={p} role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">{p}</div>)}

      {selected && (
        <section aria-labelledby="me-h" className="space-y-3">
          <h2 id="me-h" className="text-lg font-semibold">
            <bdi>{selected.owner.name}</bdi>{selected.owner.departmentName ? ` · ${selected.owner.departmentName}` : ""}
          </h2>
          {leader && <p className="text-sm"><Link className="text-blue-700 hover:underline" href={href({ user: null })}>← 返回全部首问责任人</Link></p>}
          <OwnerKpis m={selected.owner} score={selected.owner.score} testId="owner" />
          <OwnerTrend name={selected.owner.name ?? ""} trend={selected.trend} />
        </section>
      )}

      {leader && (
        <>
          <section aria-labelledby="total-h" className="space-y-3">
            <h2 id="total-h" className="text-lg font-semibold">范围内合计（{d.owners.length} 人）</h2>
            <OwnerKpis m={d.total} testId="total" />
          </section>
          <section aria-labelledby="owners-h" className="space-y-3">
            <h2 id="owners-h" className="text-lg font-semibold">各首问责任人</h2>
            <OwnersChart owners={d.owners} />
            <OwnersTable owners={d.owners} href={(id) => href({ user: id })} />
          </section>
          <section aria-labelledby="ranking-h" className="space-y-3">
            <h2 id="ranking-h" className="text-lg font-semibold">优质服务标兵（按部门排名）</h2>
            {d.rankings.length === 0 ? <p className="text-slate-600">所选范围内没有首问责任人的数据。</p> : <OwnerRankings rankings={d.rankings} href={(id) => href({ user: id })} />}
          </section>
        </>
      )}

      <ScorecardDefinitions />
    </div>
  );
}
