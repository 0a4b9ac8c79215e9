import Link from "next/link";
import { OwnerKpis, OwnerRankings, OwnersChart, OwnersTable, OwnerTrend, ScorecardDefinitions } from "@/components/insights/owner-scorecard";
import { RangeForm } from "@/components/insights/range-form";
import { firstParam, parseRangeOrDefault, rangeQuery } from "@/lib/analytics/shared/range";
import { getScorecardDashboard, type ScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { ValidationError } from "@/lib/errors";
import { renderFieldsLine } from "@/lib/http/errors";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getT())("insights.owners.title") };
}

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => firstParam(v) ?? null;
const field = "rounded border border-slate-400 px-2 py-1 max-w-full";

export default async function OwnerScorecardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getT();
  const { range, problems, d } = await authedPage(["FIRST_CONTACT_OWNER", "MANAGER", "ADMIN"], async ({ ctx }) => {
    const { range, problem } = parseRangeOrDefault(params, ctx.now);
    const problems: string[] = problem ? [t("insights.problem.range", { problem: renderFieldsLine(problem, t.locale, t("insights.fieldSep")) })] : [];
    const load = (filters: { userId: string | null; departmentId: string | null }) => getScorecardDashboard(ctx, { range, ...filters });
    let d: ScorecardDashboard;
    try {
      d = await load({ userId: one(params.user), departmentId: one(params.dept) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(t("insights.problem.filters", { problem: renderFieldsLine(err.fieldMessages, t.locale, t("insights.fieldSep")) }));
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
  const scope = leader ? t(d.view === "admin" ? "insights.owners.scopeAll" : "insights.owners.scopeSubtree") : t("insights.owners.scopeSelf");
  const dept = d.departmentId ? t("insights.owners.scopeDepartment", { name: d.departments.find((x) => x.id === d.departmentId)?.name ?? "" }) : "";

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{leader ? t("insights.owners.title") : t("insights.owners.titleSelf")}</h1>
        <p className="text-sm text-slate-700">
          {t("insights.owners.scope", { scope, dept, at: d.refreshedAt ? fmt(new Date(d.refreshedAt)) : t("insights.notRolledUp") })}
        </p>
      </header>

      <RangeForm range={range} action="/insights/owners">
        {leader && (
          <label className="flex min-w-0 max-w-full flex-col text-sm">
            {t("insights.filter.department")}
            <select name="dept" defaultValue={d.departmentId ?? ""} className={field}>
              <option value="">{t("insights.all")}</option>
              {d.departments.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </label>
        )}
        {leader && (
          <label className="flex min-w-0 max-w-full flex-col text-sm">
            {t("insights.owners.owner")}
            <select name="user" defaultValue={selected?.owner.userId ?? ""} className={field}>
              <option value="">{t("insights.all")}</option>
              {d.owners.map((o) => <option key={o.userId} value={o.userId!}>{o.name}</option>)}
            </select>
          </label>
        )}
      </RangeForm>
      {problems.map((p) => <div key={p} role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">{p}</div>)}

      {selected && (
        <section aria-labelledby="me-h" className="space-y-3">
          <h2 id="me-h" className="break-words text-lg font-semibold">
            <bdi>{selected.owner.name}</bdi>{selected.owner.departmentName ? ` · ${selected.owner.departmentName}` : ""}
          </h2>
          {leader && <p className="text-sm"><Link className="text-blue-700 hover:underline" href={href({ user: null })}>{t("insights.owners.backToAll")}</Link></p>}
          <OwnerKpis m={selected.owner} score={selected.owner.score} testId="owner" />
          <OwnerTrend name={selected.owner.name ?? ""} trend={selected.trend} />
        </section>
      )}

      {leader && (
        <>
          <section aria-labelledby="total-h" className="space-y-3">
            <h2 id="total-h" className="text-lg font-semibold">{t("insights.owners.total", { count: d.owners.length })}</h2>
            <OwnerKpis m={d.total} testId="total" />
          </section>
          <section aria-labelledby="owners-h" className="space-y-3">
            <h2 id="owners-h" className="text-lg font-semibold">{t("insights.owners.each")}</h2>
            <OwnersChart owners={d.owners} />
            <OwnersTable owners={d.owners} href={(id) => href({ user: id })} />
          </section>
          <section aria-labelledby="ranking-h" className="space-y-3">
            <h2 id="ranking-h" className="text-lg font-semibold">{t("insights.owners.ranking")}</h2>
            {d.rankings.length === 0 ? <p className="text-slate-600">{t("insights.owners.noData")}</p> : <OwnerRankings rankings={d.rankings} href={(id) => href({ user: id })} />}
          </section>
        </>
      )}

      <ScorecardDefinitions />
    </div>
  );
}
