// The first-contact owner scorecard: one owner's card with their trend, the table of all owners in
// view with a bar chart, and the 优质服务标兵 ranking. Server components; charts get plain data only.
import Link from "next/link";
import { isolateBidi } from "@/lib/bidi";
import type { DepartmentRanking } from "@/lib/analytics/owners/ranking";
import { MIN_RANKED_VOLUME, SCORE_PENALTIES, SCORE_WEIGHTS } from "@/lib/analytics/owners/ranking";
import type { OwnerMetrics, OwnerTrendPoint } from "@/lib/analytics/owners/scorecard";
import type { ScoredOwner } from "@/lib/analytics/owners/dashboard";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";
import { BarsChart, TrendChart, type Series } from "./chart";
import { ChartFigure } from "./chart-figure";
import { duration, Kpi, KpiGrid, num, pct } from "./kpi";
import { ScrollRegion } from "@/components/scroll-region";

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums whitespace-nowrap";
const asPct = (v: unknown) => (typeof v === "number" ? pct(v) : "—");
const rateSeries = (t: Translate): Series[] => [
  { key: "firstResponse", label: t("insights.owners.firstResponseRate") },
  { key: "resolution", label: t("insights.owners.resolutionRate") },
];
const score = (s: number | null) => (s === null ? "—" : s.toFixed(1));
const mean = (t: Translate, m: { mean: number | null; n: number }) => (m.mean === null ? "—" : t("insights.withCount", { value: m.mean.toFixed(2), count: m.n }));

/** The headline figures of one owner (or of everyone in view). */
export async function OwnerKpis({ m, score: s, testId }: { m: OwnerMetrics; score?: number | null; testId: string }) {
  const t = await getT();
  return (
    <KpiGrid>
      <Kpi label={t("insights.owners.firstResponseRate")} value={pct(m.firstResponse.rate)} hint={t("insights.owners.kpi.firstResponseHint", { onTime: num(m.firstResponse.onTime), decided: num(m.firstResponse.decided), median: duration(t, m.firstResponse.medianMinutes) })} testId={`${testId}-first-response`} />
      <Kpi label={t("insights.owners.resolutionRate")} value={pct(m.resolution.rate)} hint={`${num(m.resolution.onTime)} / ${num(m.resolution.decided)}`} testId={`${testId}-resolution`} />
      <Kpi label={t("insights.owners.kpi.resolved")} value={`${num(m.resolution.resolved)} · ${duration(t, m.resolution.medianMinutes)}`} testId={`${testId}-resolved`} />
      <Kpi label={t("insights.owners.reopenRate")} value={pct(m.reopenRate)} hint={t("insights.owners.kpi.reopenHint", { trips: num(m.tripsPerQuestion, 2), people: num(m.peoplePerQuestion, 2) })} testId={`${testId}-reopen`} />
      <Kpi label={t("insights.owners.kpi.satisfaction")} value={m.satisfaction.mean === null ? "—" : m.satisfaction.mean.toFixed(2)} hint={t("insights.owners.kpi.ratings", { count: num(m.satisfaction.n) })} testId={`${testId}-satisfaction`} />
      <Kpi label={t("insights.owners.kpi.qa")} value={m.qa.mean === null ? "—" : m.qa.mean.toFixed(2)} hint={t("insights.owners.kpi.samples", { count: num(m.qa.n) })} testId={`${testId}-qa`} />
      <Kpi label={t("insights.owners.kpi.conduct")} value={`${num(m.upheldComplaints)} · ${num(m.brushOffBlocks)}`} testId={`${testId}-conduct`} />
      <Kpi label={t("insights.owners.kpi.handoffs")} value={`${num(m.handoffsGiven)} · ${num(m.handoffsReceived)} · ${num(m.pingPongFlags)}`} testId={`${testId}-handoffs`} />
      {s !== undefined && <Kpi label={t("insights.owners.score")} value={score(s)} hint={t("insights.owners.kpi.scoreHint", { min: MIN_RANKED_VOLUME })} testId={`${testId}-score`} />}
    </KpiGrid>
  );
}

export async function OwnerTrend({ name, trend }: { name: string; trend: OwnerTrendPoint[] }) {
  const t = await getT();
  const series = rateSeries(t);
  const data = trend.map((p) => ({ period: p.period, firstResponse: p.firstResponseRate, resolution: p.resolutionRate }));
  return (
    <ChartFigure title={t("insights.owners.trend", { name: isolateBidi(name) })} data={data} xKey="period" xLabel={t("insights.axis.time")} series={series} format={asPct} testId="chart-owner-trend">
      <TrendChart data={data} xKey="period" series={series} kind="percent" />
    </ChartFigure>
  );
}

export async function OwnersChart({ owners }: { owners: ScoredOwner[] }) {
  const t = await getT();
  const series = rateSeries(t);
  const data = owners
    .filter((o) => o.firstResponse.decided + o.resolution.decided > 0)
    .map((o) => ({ name: o.name ?? "—", firstResponse: o.firstResponse.rate, resolution: o.resolution.rate }));
  return (
    <ChartFigure title={t("insights.owners.chart")} data={data} xKey="name" xLabel={t("insights.owners.owner")} series={series} format={asPct} testId="chart-owners">
      <BarsChart data={data} xKey="name" series={series} kind="percent" />
    </ChartFigure>
  );
}

const OWNER_COLUMNS = ["owner", "department", "firstResponse", "firstResponseMedian", "resolution", "resolved", "resolutionMedian", "reopenRate", "trips", "people", "satisfaction", "qa", "upheld", "brushOff", "handoffsGiven", "handoffsReceived", "pingPong", "score"] as const;

export async function OwnersTable({ owners, href }: { owners: ScoredOwner[]; href: (userId: string) => string }) {
  const t = await getT();
  const rateOf = (c: { rate: number | null; onTime: number; decided: number }) => t("insights.rateOf", { rate: pct(c.rate), met: c.onTime, decided: c.decided });
  return (
    <ScrollRegion label={t("insights.owners.tableCaption")} className="rounded-md border border-slate-300 bg-white">
      <table className="min-w-full text-sm" data-testid="owners-table">
        <caption className="p-2 text-left font-semibold">{t("insights.owners.tableCaption")}</caption>
        <thead className="bg-slate-100">
          <tr>
            {OWNER_COLUMNS.map((c) => (
              <th key={c} scope="col" className={th}>{t(`insights.owners.col.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {owners.map((o) => (
            <tr key={o.userId} className="border-t border-slate-200">
              <th scope="row" className={`${th} font-normal`}><Link className="text-blue-700 hover:underline" href={href(o.userId!)}>{o.name}</Link></th>
              <td className="px-2 py-1 whitespace-nowrap">{o.departmentName ?? "—"}</td>
              <td className={td}>{rateOf(o.firstResponse)}</td>
              <td className={td}>{duration(t, o.firstResponse.medianMinutes)}</td>
              <td className={td}>{rateOf(o.resolution)}</td>
              <td className={td}>{num(o.resolution.resolved)}</td>
              <td className={td}>{duration(t, o.resolution.medianMinutes)}</td>
              <td className={td}>{pct(o.reopenRate)}</td>
              <td className={td}>{num(o.tripsPerQuestion, 2)}</td>
              <td className={td}>{num(o.peoplePerQuestion, 2)}</td>
              <td className={td}>{mean(t, o.satisfaction)}</td>
              <td className={td}>{mean(t, o.qa)}</td>
              <td className={td}>{num(o.upheldComplaints)}</td>
              <td className={td}>{num(o.brushOffBlocks)}</td>
              <td className={td}>{num(o.handoffsGiven)}</td>
              <td className={td}>{num(o.handoffsReceived)}</td>
              <td className={td}>{num(o.pingPongFlags)}</td>
              <td className={td}>{score(o.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const part = (v: number | null) => (v === null ? "—" : pct(v, 0));
const RANKING_COLUMNS = ["rank", "owner", "department", "score", "firstResponse", "resolution", "satisfaction", "notReopened", "qa", "penalty"] as const;

export async function OwnerRankings({ rankings, href }: { rankings: DepartmentRanking[]; href: (userId: string) => string }) {
  const t = await getT();
  return (
    <div className="space-y-4">
      {rankings.map((g) => (
        <ScrollRegion key={g.departmentId ?? "none"} label={t("insights.owners.rankingCaption", { department: g.departmentName ?? t("insights.owners.noDepartment") })} className="rounded-md border border-slate-300 bg-white">
          <table className="min-w-full text-sm" data-testid="ranking-table">
            <caption className="p-2 text-left font-semibold">{t("insights.owners.rankingCaption", { department: g.departmentName ?? t("insights.owners.noDepartment") })}</caption>
            <thead className="bg-slate-100">
              <tr>
                {RANKING_COLUMNS.map((c) => (
                  <th key={c} scope="col" className={th}>{t(`insights.owners.rankCol.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.ranked.map((r) => (
                <tr key={r.owner.userId} className="border-t border-slate-200">
                  <td className={td}>{r.rank === 1 ? t("insights.owners.rankFirst") : r.rank}</td>
                  <th scope="row" className={`${th} font-normal`}><Link className="text-blue-700 hover:underline" href={href(r.owner.userId!)}>{r.owner.name}</Link></th>
                  <td className="px-2 py-1 whitespace-nowrap">{g.departmentName ?? t("insights.owners.noDepartment")}</td>
                  <td className={`${td} font-semibold`}>{score(r.score)}</td>
                  <td className={td}>{part(r.components.firstResponse)}</td>
                  <td className={td}>{part(r.components.resolution)}</td>
                  <td className={td}>{part(r.components.satisfaction)}</td>
                  <td className={td}>{part(r.components.notReopened)}</td>
                  <td className={td}>{part(r.components.qa)}</td>
                  <td className={td}>{r.components.penalty > 0 ? `−${r.components.penalty}` : "0"}</td>
                </tr>
              ))}
              {g.ranked.length === 0 && (
                <tr><td colSpan={10} className="px-2 py-2 text-slate-600">{t("insights.owners.noneRanked")}</td></tr>
              )}
            </tbody>
          </table>
          {g.unranked.length > 0 && (
            <p className="p-2 text-xs text-slate-600">{t("insights.owners.unranked", { min: MIN_RANKED_VOLUME, names: g.unranked.map((o) => o.name).join(t("insights.nameSep")) })}</p>
          )}
        </ScrollRegion>
      ))}
    </div>
  );
}

/** How every figure is defined (the same words as lib/analytics/owner-scorecard.ts). */
export async function ScorecardDefinitions() {
  const t = await getT();
  const w = SCORE_WEIGHTS;
  const p = SCORE_PENALTIES;
  return (
    <details className="rounded-md border border-slate-300 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-semibold text-blue-700">{t("insights.owners.definitions")}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{t("insights.owners.def.firstResponse")}</li>
        <li>{t("insights.owners.def.resolution")}</li>
        <li>{t("insights.owners.def.rates")}</li>
        <li>{t("insights.owners.def.resolved")}</li>
        <li>{t("insights.owners.def.conduct")}</li>
        <li>{t("insights.owners.def.qa")}</li>
        <li>
          {t("insights.owners.def.score", {
            firstResponse: w.firstResponse,
            resolution: w.resolution,
            satisfaction: w.satisfaction,
            notReopened: w.notReopened,
            qa: w.qa,
            upheldComplaint: p.upheldComplaint,
            pingPongFlag: p.pingPongFlag,
            brushOffBlock: p.brushOffBlock,
            min: MIN_RANKED_VOLUME,
          })}
        </li>
      </ul>
    </details>
  );
}
