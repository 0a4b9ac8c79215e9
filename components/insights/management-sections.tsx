// Sections of the management dashboard (server components; the charts inside are client components
// that receive plain data only). Every chart sits in a ChartFigure with the same numbers as a table.
import Link from "next/link";
import type { ManagementDashboard } from "@/lib/analytics/management/dashboard";
import { NONE } from "@/lib/analytics/management/slice";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";
import { ChartFigure } from "./chart-figure";
import { BarsChart, TrendChart, type Series } from "./chart";
import { num, pct } from "./kpi";
import { ScrollRegion } from "@/components/scroll-region";

type D = ManagementDashboard;
type Row = { key: string; label: string };

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums whitespace-nowrap";
// The name column keeps room for about ten characters a line; the table scrolls inside its own box.
const nameCell = "min-w-[9rem] px-2 py-1 text-left font-normal";
const asPct = (v: unknown) => pct(typeof v === "number" ? v : null);
const asNum = (v: unknown) => num(typeof v === "number" ? v : null);

/** An attainment stage's name in the reader's language, from its key ("first", "resolve", "L2"). */
export function stageLabel(t: Translate, stage: { key: string; level: number; label: string }): string {
  if (stage.key === "first") return t("insights.stage.first");
  if (stage.key === "resolve") return t("insights.stage.resolve");
  return /^L\d+$/.test(stage.key) ? t("insights.stage.level", { level: stage.level }) : stage.label;
}

/**
 * The dashboard with the row names lib/analytics writes in Chinese put in the reader's language: the
 * "未归属条线" / "未设部门" rows (key NONE) and the root's own row ("<name>（本部）"). The zh-CN texts
 * are the same words, so the Chinese page is unchanged.
 */
export function localizeManagement(t: Translate, d: D): D {
  type Rows = { key: string; label: string }[];
  const lines = <R extends Rows>(rows: R): R => rows.map((r) => (r.key === NONE ? { ...r, label: t("insights.management.noLine") } : r)) as R;
  const depts = <R extends Rows>(rows: R): R =>
    rows.map((r) => (r.key === NONE ? { ...r, label: t("insights.management.noDepartment") } : r.key === d.root.id ? { ...r, label: t("insights.management.ownUnit", { name: d.root.name }) } : r)) as R;
  const split = <S extends { byLine: Rows; byDepartment: Rows }>(s: S): S => ({ ...s, byLine: lines(s.byLine), byDepartment: depts(s.byDepartment) });
  return { ...d, deflection: split(d.deflection), existed: split(d.existed), attainment: split(d.attainment), volumes: split(d.volumes) };
}

/** A split table (by 条线 or by department) with a label column; departments link to their drill-down. */
function SplitTable<R extends Row>({ caption, head, rows, columns, href, testId }: {
  caption: string;
  head: string;
  rows: R[];
  columns: { label: string; cell: (r: R) => string }[];
  href?: (r: R) => string | null;
  testId?: string;
}) {
  return (
    <ScrollRegion label={caption} className="rounded-md border border-slate-300 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={th}>{head}</th>
            {columns.map((c) => <th key={c.label} scope="col" className={th}>{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const link = href?.(r);
            return (
              <tr key={r.key} className="border-t border-slate-200">
                <th scope="row" className={nameCell}>
                  {link ? <Link href={link} className="text-blue-700 hover:underline">{r.label}</Link> : r.label}
                </th>
                {columns.map((c) => <td key={c.label} className={td}>{c.cell(r)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export async function DeflectionSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const t = await getT();
  type R = (typeof d.deflection.byLine)[number];
  const trend = d.deflection.overTime.map((p) => ({ bucket: p.bucket, selfService: p.selfService, strictSelfService: p.strictSelfService }));
  const ratioSeries: Series[] = [{ key: "selfService", label: t("insights.management.selfService") }, { key: "strictSelfService", label: t("insights.management.strictSelfService") }];
  const countSeries: Series[] = [{ key: "confirmed", label: t("insights.management.confirmed") }, { key: "potential", label: t("insights.management.potential") }, { key: "filed", label: t("insights.management.filedQuestions") }];
  const lineRows = d.deflection.byLine.map(({ label, confirmed, potential, filed }) => ({ label, confirmed, potential, filed }));
  const deptRows = d.deflection.byDepartment.map(({ label, confirmed, potential, filed }) => ({ label, confirmed, potential, filed }));
  const columns = [
    { label: t("insights.management.confirmed"), cell: (r: R) => num(r.confirmed) },
    { label: t("insights.management.potential"), cell: (r: R) => num(r.potential) },
    { label: t("insights.management.filedQuestions"), cell: (r: R) => num(r.filed) },
    { label: t("insights.management.selfService"), cell: (r: R) => pct(r.selfService) },
    { label: t("insights.management.strictSelfService"), cell: (r: R) => pct(r.strictSelfService) },
  ];
  return (
    <section aria-labelledby="defl-h" className="space-y-3">
      <h2 id="defl-h" className="text-lg font-semibold">{t("insights.management.deflection.title")}</h2>
      <p className="text-sm text-slate-700">{t("insights.management.deflection.hint")}</p>
      <ChartFigure title={t("insights.management.deflection.trend")} data={trend} xKey="bucket" xLabel={t("insights.axis.time")} series={ratioSeries} format={asPct} testId="chart-self-service">
        <TrendChart data={trend} xKey="bucket" series={ratioSeries} kind="percent" />
      </ChartFigure>
      <ChartFigure title={t("insights.management.deflection.byLineChart")} data={lineRows} xKey="label" xLabel={t("insights.axis.line")} series={countSeries} format={asNum} testId="chart-deflection-lines">
        <BarsChart data={lineRows} xKey="label" series={countSeries} stacked />
      </ChartFigure>
      <SplitTable caption={t("insights.management.deflection.byLineTable")} head={t("insights.axis.line")} rows={d.deflection.byLine} columns={columns} testId="deflection-by-line" />
      <ChartFigure title={t("insights.management.deflection.byDeptChart")} data={deptRows} xKey="label" xLabel={t("insights.axis.department")} series={countSeries} format={asNum} testId="chart-deflection-departments">
        <BarsChart data={deptRows} xKey="label" series={countSeries} stacked />
      </ChartFigure>
      <SplitTable caption={t("insights.management.deflection.byDeptTable")} head={t("insights.axis.department")} rows={d.deflection.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="deflection-by-department" />
    </section>
  );
}

export async function ExistedSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const t = await getT();
  type R = (typeof d.existed.byLine)[number];
  const trend = d.existed.overTime.map((p) => ({ bucket: p.bucket, existingRate: p.existingRate, unclearRate: p.unclearRate, noPolicyRate: p.noPolicyRate }));
  const series: Series[] = [{ key: "existingRate", label: t("insights.management.existing") }, { key: "unclearRate", label: t("insights.management.unclear") }, { key: "noPolicyRate", label: t("insights.management.noPolicy") }];
  const lineBars = d.existed.byLine.filter((r) => r.resolved > 0).map(({ label, existingRate, unclearRate }) => ({ label, existingRate, unclearRate }));
  const share = (n: number, rate: number | null) => t("insights.withCount", { value: num(n), count: pct(rate) });
  const columns = [
    { label: t("insights.management.resolved"), cell: (r: R) => num(r.resolved) },
    { label: t("insights.management.existing"), cell: (r: R) => share(r.existing, r.existingRate) },
    { label: t("insights.management.unclear"), cell: (r: R) => share(r.unclear, r.unclearRate) },
    { label: t("insights.management.noPolicy"), cell: (r: R) => share(r.noPolicy, r.noPolicyRate) },
  ];
  return (
    <section aria-labelledby="existed-h" className="space-y-3">
      <h2 id="existed-h" className="text-lg font-semibold">{t("insights.management.existed.title")}</h2>
      <p className="text-sm text-slate-700">{t("insights.management.existed.hint")}</p>
      <ChartFigure title={t("insights.management.existed.trend")} data={trend} xKey="bucket" xLabel={t("insights.axis.time")} series={series} format={asPct} testId="chart-existed">
        <TrendChart data={trend} xKey="bucket" series={series} kind="percent" />
      </ChartFigure>
      <ChartFigure title={t("insights.management.existed.byLineChart")} data={lineBars} xKey="label" xLabel={t("insights.axis.line")} series={series.slice(0, 2)} format={asPct} testId="chart-existed-lines">
        <BarsChart data={lineBars} xKey="label" series={series.slice(0, 2)} kind="percent" />
      </ChartFigure>
      <SplitTable caption={t("insights.management.existed.byLineTable")} head={t("insights.axis.line")} rows={d.existed.byLine} columns={columns} testId="existed-by-line" />
      <SplitTable caption={t("insights.management.existed.byDeptTable")} head={t("insights.axis.department")} rows={d.existed.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="existed-by-department" />
    </section>
  );
}

export async function AttainmentSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const t = await getT();
  type R = (typeof d.attainment.byLine)[number];
  const stages = d.attainment.stages.map((s) => ({ ...s, label: stageLabel(t, s) }));
  const stageBars = stages.map((s) => ({ stage: s.label, rate: d.attainment.total[s.key]?.rate ?? null }));
  const rateSeries: Series[] = stages.map((s) => ({ key: s.key, label: s.label }));
  const trend = d.attainment.overTime.map((p) => ({ bucket: p.bucket, ...Object.fromEntries(stages.map((s) => [s.key, p[s.key]?.rate ?? null])) }));
  const columns = stages.map((s) => ({
    label: s.label,
    cell: (r: R) => {
      const c = r[s.key];
      return c && c.decided > 0 ? t("insights.rateOf", { rate: pct(c.rate), met: num(c.met), decided: num(c.decided) }) : "—";
    },
  }));
  const head = [t("insights.management.attainment.level"), t("insights.management.attainment.decided"), t("insights.management.attainment.met"), t("insights.management.attainment.missed"), t("insights.management.attainment.rate")];
  return (
    <section aria-labelledby="att-h" className="space-y-3">
      <h2 id="att-h" className="text-lg font-semibold">{t("insights.management.attainment.title")}</h2>
      <p className="text-sm text-slate-700">{t("insights.management.attainment.hint")}</p>
      <ScrollRegion label={t("insights.management.attainment.levelsCaption")} className="rounded-md border border-slate-300 bg-white">
        <table className="min-w-full text-sm" data-testid="attainment-levels">
          <caption className="sr-only">{t("insights.management.attainment.levelsCaption")}</caption>
          <thead className="bg-slate-100">
            <tr>{head.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {stages.map((s) => {
              const c = d.attainment.total[s.key]!;
              return (
                <tr key={s.key} className="border-t border-slate-200">
                  <th scope="row" className={nameCell}>{s.label}</th>
                  <td className={td}>{num(c.decided)}</td>
                  <td className={td}>{num(c.met)}</td>
                  <td className={td}>{num(c.missed)}</td>
                  <td className={td}>{pct(c.rate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <ChartFigure title={t("insights.management.attainment.levelsChart")} data={stageBars} xKey="stage" xLabel={t("insights.management.attainment.level")} series={[{ key: "rate", label: t("insights.management.attainment.rate") }]} format={asPct} testId="chart-attainment-levels">
        <BarsChart data={stageBars} xKey="stage" series={[{ key: "rate", label: t("insights.management.attainment.rate") }]} kind="percent" />
      </ChartFigure>
      <ChartFigure title={t("insights.management.attainment.trend")} data={trend} xKey="bucket" xLabel={t("insights.axis.time")} series={rateSeries} format={asPct} testId="chart-attainment-trend">
        <TrendChart data={trend} xKey="bucket" series={rateSeries} kind="percent" />
      </ChartFigure>
      <SplitTable caption={t("insights.management.attainment.byLineTable")} head={t("insights.axis.line")} rows={d.attainment.byLine} columns={columns} testId="attainment-by-line" />
      <SplitTable caption={t("insights.management.attainment.byDeptTable")} head={t("insights.axis.department")} rows={d.attainment.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="attainment-by-department" />
    </section>
  );
}

export async function VolumeSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const t = await getT();
  type R = (typeof d.volumes.byLine)[number];
  const filed = t("insights.management.filed");
  const resolved = t("insights.management.resolved");
  const backlog = t("insights.management.backlog");
  const trendSeries: Series[] = [{ key: "filed", label: filed }, { key: "resolved", label: resolved }, { key: "backlog", label: backlog }];
  const trend = d.volumes.overTime.map(({ bucket, filed, resolved, backlog }) => ({ bucket, filed, resolved, backlog }));
  const barSeries: Series[] = [...trendSeries, { key: "escalated", label: t("insights.management.escalated") }];
  const bars = (rows: typeof d.volumes.byLine) => rows.map(({ label, filed, resolved, backlog, escalated }) => ({ label, filed, resolved, backlog, escalated }));
  const columns = [
    { label: filed, cell: (r: R) => num(r.filed) },
    { label: resolved, cell: (r: R) => num(r.resolved) },
    { label: backlog, cell: (r: R) => num(r.backlog) },
    { label: t("insights.management.escalated"), cell: (r: R) => num(r.escalated) },
    { label: t("insights.management.complaintsDecided"), cell: (r: R) => t("insights.withCount", { value: num(r.decidedComplaints), count: num(r.upheldComplaints) }) },
    { label: t("insights.management.complaintsAwaiting"), cell: (r: R) => num(r.awaitingComplaints) },
  ];
  return (
    <section aria-labelledby="vol-h" className="space-y-3">
      <h2 id="vol-h" className="text-lg font-semibold">{t("insights.management.volumes.title")}</h2>
      <p className="text-sm text-slate-700">{t("insights.management.volumes.hint", { backlog: num(d.volumes.backlogAtStart) })}</p>
      <ChartFigure title={t("insights.management.volumes.trend")} data={trend} xKey="bucket" xLabel={t("insights.axis.time")} series={trendSeries} format={asNum} testId="chart-volumes">
        <TrendChart data={trend} xKey="bucket" series={trendSeries} />
      </ChartFigure>
      <ChartFigure title={t("insights.management.volumes.byLineChart")} data={bars(d.volumes.byLine)} xKey="label" xLabel={t("insights.axis.line")} series={barSeries} format={asNum} testId="chart-volumes-lines">
        <BarsChart data={bars(d.volumes.byLine)} xKey="label" series={barSeries} />
      </ChartFigure>
      <SplitTable caption={t("insights.management.volumes.byLineTable")} head={t("insights.axis.line")} rows={d.volumes.byLine} columns={columns} testId="volumes-by-line" />
      <ChartFigure title={t("insights.management.volumes.byDeptChart")} data={bars(d.volumes.byDepartment)} xKey="label" xLabel={t("insights.axis.department")} series={barSeries} format={asNum} testId="chart-volumes-departments">
        <BarsChart data={bars(d.volumes.byDepartment)} xKey="label" series={barSeries} />
      </ChartFigure>
      <SplitTable caption={t("insights.management.volumes.byDeptTable")} head={t("insights.axis.department")} rows={d.volumes.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="volumes-by-department" />
    </section>
  );
}
