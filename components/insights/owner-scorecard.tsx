// The first-contact owner scorecard: one owner's card with their trend, the table of all owners in
// view with a bar chart, and the 优质服务标兵 ranking. Server components; charts get plain data only.
import Link from "next/link";
import { isolateBidi } from "@/lib/bidi";
import type { DepartmentRanking } from "@/lib/analytics/owners/ranking";
import { MIN_RANKED_VOLUME, SCORE_PENALTIES, SCORE_WEIGHTS } from "@/lib/analytics/owners/ranking";
import type { OwnerMetrics, OwnerTrendPoint } from "@/lib/analytics/owners/scorecard";
import type { ScoredOwner } from "@/lib/analytics/owners/dashboard";
import { BarsChart, TrendChart, type Series } from "./chart";
import { ChartFigure } from "./chart-figure";
import { duration, Kpi, KpiGrid, num, pct } from "./kpi";

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums whitespace-nowrap";
const asPct = (v: unknown) => (typeof v === "number" ? pct(v) : "—");
const rateSeries: Series[] = [
  { key: "firstResponse", label: "首次响应达标率" },
  { key: "resolution", label: "办结达标率" },
];
const score = (s: number | null) => (s === null ? "—" : s.toFixed(1));
const mean = (m: { mean: number | null; n: number }) => (m.mean === null ? "—" : `${m.mean.toFixed(2)}（${m.n}）`);

/** The headline figures of one owner (or of everyone in view). */
export function OwnerKpis({ m, score: s, testId }: { m: OwnerMetrics; score?: number | null; testId: string }) {
  return (
    <KpiGrid>
      <Kpi label="首次响应达标率" value={pct(m.firstResponse.rate)} hint={`${num(m.firstResponse.onTime)} / ${num(m.firstResponse.decided)} · 中位 ${duration(m.firstResponse.medianMinutes)}`} testId={`${testId}-first-response`} />
      <Kpi label="办结达标率" value={pct(m.resolution.rate)} hint={`${num(m.resolution.onTime)} / ${num(m.resolution.decided)}`} testId={`${testId}-resolution`} />
      <Kpi label="办结数 · 办结用时中位" value={`${num(m.resolution.resolved)} · ${duration(m.resolution.medianMinutes)}`} testId={`${testId}-resolved`} />
      <Kpi label="重新打开率" value={pct(m.reopenRate)} hint={`每问跑动 ${num(m.tripsPerQuestion, 2)} 次 · 经手 ${num(m.peoplePerQuestion, 2)} 人`} testId={`${testId}-reopen`} />
      <Kpi label="满意度（1–5）" value={m.satisfaction.mean === null ? "—" : m.satisfaction.mean.toFixed(2)} hint={`${num(m.satisfaction.n)} 个评价`} testId={`${testId}-satisfaction`} />
      <Kpi label="质检得分（1–5）" value={m.qa.mean === null ? "—" : m.qa.mean.toFixed(2)} hint={`${num(m.qa.n)} 个抽检`} testId={`${testId}-qa`} />
      <Kpi label="投诉成立 · 忌语拦截" value={`${num(m.upheldComplaints)} · ${num(m.brushOffBlocks)}`} testId={`${testId}-conduct`} />
      <Kpi label="转出 · 接收 · 踢皮球" value={`${num(m.handoffsGiven)} · ${num(m.handoffsReceived)} · ${num(m.pingPongFlags)}`} testId={`${testId}-handoffs`} />
      {s !== undefined && <Kpi label="综合得分" value={score(s)} hint={`满分 100，参与排名需至少 ${MIN_RANKED_VOLUME} 个办结时限结果`} testId={`${testId}-score`} />}
    </KpiGrid>
  );
}

export function OwnerTrend({ name, trend }: { name: string; trend: OwnerTrendPoint[] }) {
  const data = trend.map((p) => ({ period: p.period, firstResponse: p.firstResponseRate, resolution: p.resolutionRate }));
  return (
    <ChartFigure title={`${isolateBidi(name)}的时限达标率（按时间）`} data={data} xKey="period" xLabel="时间" series={rateSeries} format={asPct} testId="chart-owner-trend">
      <TrendChart data={data} xKey="period" series={rateSeries} kind="percent" />
    </ChartFigure>
  );
}

export function OwnersChart({ owners }: { owners: ScoredOwner[] }) {
  const data = owners
    .filter((o) => o.firstResponse.decided + o.resolution.decided > 0)
    .map((o) => ({ name: o.name ?? "—", firstResponse: o.firstResponse.rate, resolution: o.resolution.rate }));
  return (
    <ChartFigure title="各首问责任人的时限达标率" data={data} xKey="name" xLabel="首问责任人" series={rateSeries} format={asPct} testId="chart-owners">
      <BarsChart data={data} xKey="name" series={rateSeries} kind="percent" />
    </ChartFigure>
  );
}

export function OwnersTable({ owners, href }: { owners: ScoredOwner[]; href: (userId: string) => string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
      <table className="min-w-full text-sm" data-testid="owners-table">
        <caption className="p-2 text-left font-semibold">首问责任人考核明细（点击姓名查看个人趋势）</caption>
        <thead className="bg-slate-100">
          <tr>
            {["首问责任人", "部门", "首次响应达标", "响应中位", "办结达标", "办结数", "办结中位", "重新打开率", "每问跑动", "每问经手", "满意度（数）", "质检（数）", "投诉成立", "忌语拦截", "转出", "接收", "踢皮球", "综合得分"].map((h) => (
              <th key={h} scope="col" className={th}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {owners.map((o) => (
            <tr key={o.userId} className="border-t border-slate-200">
              <th scope="row" className={`${th} font-normal`}><Link className="text-blue-700 hover:underline" href={href(o.userId!)}>{o.name}</Link></th>
              <td className="px-2 py-1 whitespace-nowrap">{o.departmentName ?? "—"}</td>
              <td className={td}>{pct(o.firstResponse.rate)}（{o.firstResponse.onTime}/{o.firstResponse.decided}）</td>
              <td className={td}>{duration(o.firstResponse.medianMinutes)}</td>
              <td className={td}>{pct(o.resolution.rate)}（{o.resolution.onTime}/{o.resolution.decided}）</td>
              <td className={td}>{num(o.resolution.resolved)}</td>
              <td className={td}>{duration(o.resolution.medianMinutes)}</td>
              <td className={td}>{pct(o.reopenRate)}</td>
              <td className={td}>{num(o.tripsPerQuestion, 2)}</td>
              <td className={td}>{num(o.peoplePerQuestion, 2)}</td>
              <td className={td}>{mean(o.satisfaction)}</td>
              <td className={td}>{mean(o.qa)}</td>
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
    </div>
  );
}

const part = (v: number | null) => (v === null ? "—" : pct(v, 0));

export function OwnerRankings({ rankings, href }: { rankings: DepartmentRanking[]; href: (userId: string) => string }) {
  return (
    <div className="space-y-4">
      {rankings.map((g) => (
        <div key={g.departmentId ?? "none"} className="overflow-x-auto rounded-md border border-slate-300 bg-white">
          <table className="min-w-full text-sm" data-testid="ranking-table">
            <caption className="p-2 text-left font-semibold">{g.departmentName} · 优质服务标兵排名</caption>
            <thead className="bg-slate-100">
              <tr>
                {["名次", "首问责任人", "部门", "综合得分", "首次响应", "办结", "满意度", "未重开", "质检", "扣分"].map((h) => (
                  <th key={h} scope="col" className={th}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.ranked.map((r) => (
                <tr key={r.owner.userId} className="border-t border-slate-200">
                  <td className={td}>{r.rank === 1 ? "1（标兵）" : r.rank}</td>
                  <th scope="row" className={`${th} font-normal`}><Link className="text-blue-700 hover:underline" href={href(r.owner.userId!)}>{r.owner.name}</Link></th>
                  <td className="px-2 py-1 whitespace-nowrap">{g.departmentName}</td>
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
                <tr><td colSpan={10} className="px-2 py-2 text-slate-600">本部门没有人达到排名所需的办结量。</td></tr>
              )}
            </tbody>
          </table>
          {g.unranked.length > 0 && (
            <p className="p-2 text-xs text-slate-600">未达排名门槛（少于 {MIN_RANKED_VOLUME} 个办结时限结果）：{g.unranked.map((o) => o.name).join("、")}</p>
          )}
        </div>
      ))}
    </div>
  );
}

/** How every figure is defined (the same words as lib/analytics/owner-scorecard.ts). */
export function ScorecardDefinitions() {
  const w = SCORE_WEIGHTS;
  const p = SCORE_PENALTIES;
  return (
    <details className="rounded-md border border-slate-300 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-semibold text-blue-700">指标口径</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>首次响应：首问责任人第一次答复（或直接办结）；被拦截的服务忌语不算答复。在时限内答复的，计在答复时持有问题的人名下；超时（含至今未答复）的，在时限到期时记一次未达标，计在到期时持有问题的人名下。尚未到期且未答复的不计。</li>
        <li>办结：时限内办结的计在办结人名下；超过办结时限仍未办结或超时办结的，在到期时记一次未达标，计在到期时的持有人名下。等待提问人补充材料而暂停计时的问题，若暂停前尚未到期则不计。重新打开的问题在再次办结前按未办结计。</li>
        <li>达标率 = 达标数 / 已判定数；中位用时为提交到首次响应、提交到办结的自然时间（含夜间和节假日）。</li>
        <li>办结数、办结用时、重新打开率（办结的问题中曾被重新打开的比例）、每问跑动次数（1 + 重新打开次数）、每问经手人数（不同的人：来回转交的同一人只算一次）、满意度：按所选期间内办结的问题，计在办结人名下。</li>
        <li>投诉成立：期间内提出、经复核成立的投诉；忌语拦截：期间内被拦截的含服务忌语的回复（一次被拦截的回复计一次）；转出 / 接收：期间内被接收的转交；踢皮球：期间内被标记踢皮球、且此人曾转出过的问题数。</li>
        <li>质检得分：抽检周在期间内、此人办结的问题的质检评分平均值。</li>
        <li>
          综合得分（优质服务标兵）：100 × 各项加权平均（首次响应达标率 {w.firstResponse}、办结达标率 {w.resolution}、满意度 (均分−1)/4 {w.satisfaction}、未重开率 {w.notReopened}、质检 (均分−1)/4 {w.qa}；没有数据的项不计入权重），
          再扣除每个成立投诉 {p.upheldComplaint} 分、每次踢皮球 {p.pingPongFlag} 分、每次忌语拦截 {p.brushOffBlock} 分，最低 0 分。期间内办结时限结果少于 {MIN_RANKED_VOLUME} 个的不参与排名。
        </li>
      </ul>
    </details>
  );
}
