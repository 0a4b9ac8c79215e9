// Sections of the management dashboard (server components; the charts inside are client components
// that receive plain data only). Every chart sits in a ChartFigure with the same numbers as a table.
import Link from "next/link";
import type { ManagementDashboard } from "@/lib/analytics/management/dashboard";
import { ChartFigure } from "./chart-figure";
import { BarsChart, TrendChart, type Series } from "./chart";
import { num, pct } from "./kpi";

type D = ManagementDashboard;
type Row = { key: string; label: string };

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums whitespace-nowrap";
const asPct = (v: unknown) => pct(typeof v === "number" ? v : null);
const asNum = (v: unknown) => num(typeof v === "number" ? v : null);

/** A split table (by 条线 or by department) with a label column; departments link to their drill-down. */
function SplitTable<R extends Row>({ caption, head, rows, columns, href, testId }: {
  caption: string;
  head: "条线" | "部门";
  rows: R[];
  columns: { label: string; cell: (r: R) => string }[];
  href?: (r: R) => string | null;
  testId?: string;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
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
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {link ? <Link href={link} className="text-blue-700 hover:underline">{r.label}</Link> : r.label}
                </th>
                {columns.map((c) => <td key={c.label} className={td}>{c.cell(r)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function DeflectionSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const trend = d.deflection.overTime.map((p) => ({ bucket: p.bucket, selfService: p.selfService, strictSelfService: p.strictSelfService }));
  const ratioSeries: Series[] = [{ key: "selfService", label: "自助解决率" }, { key: "strictSelfService", label: "严格自助解决率" }];
  const countSeries: Series[] = [{ key: "confirmed", label: "确认已解决" }, { key: "potential", label: "潜在分流" }, { key: "filed", label: "提交问题" }];
  const lineRows = d.deflection.byLine.map(({ label, confirmed, potential, filed }) => ({ label, confirmed, potential, filed }));
  const deptRows = d.deflection.byDepartment.map(({ label, confirmed, potential, filed }) => ({ label, confirmed, potential, filed }));
  const columns = [
    { label: "确认已解决", cell: (r: (typeof d.deflection.byLine)[number]) => num(r.confirmed) },
    { label: "潜在分流", cell: (r: (typeof d.deflection.byLine)[number]) => num(r.potential) },
    { label: "提交问题", cell: (r: (typeof d.deflection.byLine)[number]) => num(r.filed) },
    { label: "自助解决率", cell: (r: (typeof d.deflection.byLine)[number]) => pct(r.selfService) },
    { label: "严格自助解决率", cell: (r: (typeof d.deflection.byLine)[number]) => pct(r.strictSelfService) },
  ];
  return (
    <section aria-labelledby="defl-h" className="space-y-3">
      <h2 id="defl-h" className="text-lg font-semibold">自助解决与分流</h2>
      <p className="text-sm text-slate-700">
        按提问会话开始的日期和提问人所在部门统计。自助解决率 =（确认已解决 + 潜在分流）÷（确认已解决 + 潜在分流 + 提交问题）；
        严格自助解决率只计提问人点了“这解决了我的问题”的会话，分母相同。潜在分流：搜索或阅读后没有提交就离开。
      </p>
      <ChartFigure title="自助解决率（按时间）" data={trend} xKey="bucket" xLabel="时间" series={ratioSeries} format={asPct} testId="chart-self-service">
        <TrendChart data={trend} xKey="bucket" series={ratioSeries} kind="percent" />
      </ChartFigure>
      <ChartFigure title="各条线的提问会话结果" data={lineRows} xKey="label" xLabel="条线" series={countSeries} format={asNum} testId="chart-deflection-lines">
        <BarsChart data={lineRows} xKey="label" series={countSeries} stacked />
      </ChartFigure>
      <SplitTable caption="按条线：提问会话结果" head="条线" rows={d.deflection.byLine} columns={columns} testId="deflection-by-line" />
      <ChartFigure title="各部门的提问会话结果" data={deptRows} xKey="label" xLabel="部门" series={countSeries} format={asNum} testId="chart-deflection-departments">
        <BarsChart data={deptRows} xKey="label" series={countSeries} stacked />
      </ChartFigure>
      <SplitTable caption="按部门：提问会话结果" head="部门" rows={d.deflection.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="deflection-by-department" />
    </section>
  );
}

export function ExistedSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const trend = d.existed.overTime.map((p) => ({ bucket: p.bucket, existingRate: p.existingRate, unclearRate: p.unclearRate, noPolicyRate: p.noPolicyRate }));
  const series: Series[] = [{ key: "existingRate", label: "答案本已存在" }, { key: "unclearRate", label: "制度不清" }, { key: "noPolicyRate", label: "无制度" }];
  const lineBars = d.existed.byLine.filter((r) => r.resolved > 0).map(({ label, existingRate, unclearRate }) => ({ label, existingRate, unclearRate }));
  const columns = [
    { label: "办结", cell: (r: (typeof d.existed.byLine)[number]) => num(r.resolved) },
    { label: "答案本已存在", cell: (r: (typeof d.existed.byLine)[number]) => `${num(r.existing)}（${pct(r.existingRate)}）` },
    { label: "制度不清", cell: (r: (typeof d.existed.byLine)[number]) => `${num(r.unclear)}（${pct(r.unclearRate)}）` },
    { label: "无制度", cell: (r: (typeof d.existed.byLine)[number]) => `${num(r.noPolicy)}（${pct(r.noPolicyRate)}）` },
  ];
  return (
    <section aria-labelledby="existed-h" className="space-y-3">
      <h2 id="existed-h" className="text-lg font-semibold">答案本已存在的问题</h2>
      <p className="text-sm text-slate-700">
        所选时间内办结的问题中，首问责任人判定“已有制度”的占比（答案本来就在制度里），“制度不清”“无制度”另列。按办结日期、提问人所在部门统计。
      </p>
      <ChartFigure title="答案本已存在的占比（按时间）" data={trend} xKey="bucket" xLabel="时间" series={series} format={asPct} testId="chart-existed">
        <TrendChart data={trend} xKey="bucket" series={series} kind="percent" />
      </ChartFigure>
      <ChartFigure title="各条线：答案本已存在与制度不清的占比" data={lineBars} xKey="label" xLabel="条线" series={series.slice(0, 2)} format={asPct} testId="chart-existed-lines">
        <BarsChart data={lineBars} xKey="label" series={series.slice(0, 2)} kind="percent" />
      </ChartFigure>
      <SplitTable caption="按条线：办结分类" head="条线" rows={d.existed.byLine} columns={columns} testId="existed-by-line" />
      <SplitTable caption="按部门：办结分类" head="部门" rows={d.existed.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="existed-by-department" />
    </section>
  );
}

export function AttainmentSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const { stages } = d.attainment;
  const stageBars = stages.map((s) => ({ stage: s.label, rate: d.attainment.total[s.key]?.rate ?? null }));
  const rateSeries: Series[] = stages.map((s) => ({ key: s.key, label: s.label }));
  const trend = d.attainment.overTime.map((p) => ({ bucket: p.bucket, ...Object.fromEntries(stages.map((s) => [s.key, p[s.key]?.rate ?? null])) }));
  const columns = stages.map((s) => ({
    label: s.label,
    cell: (r: (typeof d.attainment.byLine)[number]) => {
      const c = r[s.key];
      return c && c.decided > 0 ? `${pct(c.rate)}（${num(c.met)}/${num(c.decided)}）` : "—";
    },
  }));
  return (
    <section aria-labelledby="att-h" className="space-y-3">
      <h2 id="att-h" className="text-lg font-semibold">时限达标（按升级层级）</h2>
      <p className="text-sm text-slate-700">
        第 0 级是首问责任人的首次响应与办结时限；第 n 级是升级到第 n 级后该级的办结时限，再次升级或超时未办结都算未达标。
        超过时限仍未办结的算未达标，尚未到期的不计入。按结果确定的时刻（达标时为完成时刻，否则为到期时刻）统计，归入当时持有问题的首问责任人所在部门。
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
        <table className="min-w-full text-sm" data-testid="attainment-levels">
          <caption className="sr-only">各层级时限达标</caption>
          <thead className="bg-slate-100">
            <tr>{["层级", "已确定", "达标", "未达标", "达标率"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {stages.map((s) => {
              const c = d.attainment.total[s.key]!;
              return (
                <tr key={s.key} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{s.label}</th>
                  <td className={td}>{num(c.decided)}</td>
                  <td className={td}>{num(c.met)}</td>
                  <td className={td}>{num(c.missed)}</td>
                  <td className={td}>{pct(c.rate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ChartFigure title="各层级达标率" data={stageBars} xKey="stage" xLabel="层级" series={[{ key: "rate", label: "达标率" }]} format={asPct} testId="chart-attainment-levels">
        <BarsChart data={stageBars} xKey="stage" series={[{ key: "rate", label: "达标率" }]} kind="percent" />
      </ChartFigure>
      <ChartFigure title="达标率（按时间）" data={trend} xKey="bucket" xLabel="时间" series={rateSeries} format={asPct} testId="chart-attainment-trend">
        <TrendChart data={trend} xKey="bucket" series={rateSeries} kind="percent" />
      </ChartFigure>
      <SplitTable caption="按条线：时限达标率" head="条线" rows={d.attainment.byLine} columns={columns} testId="attainment-by-line" />
      <SplitTable caption="按部门：时限达标率" head="部门" rows={d.attainment.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="attainment-by-department" />
    </section>
  );
}

export function VolumeSection({ d, drill }: { d: D; drill: (key: string) => string | null }) {
  const trendSeries: Series[] = [{ key: "filed", label: "提交" }, { key: "resolved", label: "办结" }, { key: "backlog", label: "期末未办结" }];
  const trend = d.volumes.overTime.map(({ bucket, filed, resolved, backlog }) => ({ bucket, filed, resolved, backlog }));
  const barSeries: Series[] = [{ key: "filed", label: "提交" }, { key: "resolved", label: "办结" }, { key: "backlog", label: "期末未办结" }, { key: "escalated", label: "升级" }];
  const bars = (rows: typeof d.volumes.byLine) => rows.map(({ label, filed, resolved, backlog, escalated }) => ({ label, filed, resolved, backlog, escalated }));
  const columns = [
    { label: "提交", cell: (r: (typeof d.volumes.byLine)[number]) => num(r.filed) },
    { label: "办结", cell: (r: (typeof d.volumes.byLine)[number]) => num(r.resolved) },
    { label: "期末未办结", cell: (r: (typeof d.volumes.byLine)[number]) => num(r.backlog) },
    { label: "升级", cell: (r: (typeof d.volumes.byLine)[number]) => num(r.escalated) },
    { label: "投诉（成立）", cell: (r: (typeof d.volumes.byLine)[number]) => `${num(r.complaints)}（${num(r.upheldComplaints)}）` },
  ];
  return (
    <section aria-labelledby="vol-h" className="space-y-3">
      <h2 id="vol-h" className="text-lg font-semibold">工作量</h2>
      <p className="text-sm text-slate-700">
        按提问人所在部门统计：提交按提问日期，办结按办结日期，升级按首次升级日期，投诉按投诉日期。期末未办结 = 该时点前提交、尚未办结的问题（范围开始时 {num(d.volumes.backlogAtStart)} 个）。
      </p>
      <ChartFigure title="提交、办结与未办结（按时间）" data={trend} xKey="bucket" xLabel="时间" series={trendSeries} format={asNum} testId="chart-volumes">
        <TrendChart data={trend} xKey="bucket" series={trendSeries} />
      </ChartFigure>
      <ChartFigure title="各条线工作量" data={bars(d.volumes.byLine)} xKey="label" xLabel="条线" series={barSeries} format={asNum} testId="chart-volumes-lines">
        <BarsChart data={bars(d.volumes.byLine)} xKey="label" series={barSeries} />
      </ChartFigure>
      <SplitTable caption="按条线：工作量" head="条线" rows={d.volumes.byLine} columns={columns} testId="volumes-by-line" />
      <ChartFigure title="各部门工作量" data={bars(d.volumes.byDepartment)} xKey="label" xLabel="部门" series={barSeries} format={asNum} testId="chart-volumes-departments">
        <BarsChart data={bars(d.volumes.byDepartment)} xKey="label" series={barSeries} />
      </ChartFigure>
      <SplitTable caption="按部门：工作量" head="部门" rows={d.volumes.byDepartment} columns={columns} href={(r) => drill(r.key)} testId="volumes-by-department" />
    </section>
  );
}
