// Tables of the policy-owner view (server components; the action forms inside are client components).
import Link from "next/link";
import type { PolicyDocumentRow } from "@/lib/analytics/policies/dashboard";
import type { ClauseRow } from "@/lib/analytics/policies/clauses";
import type { FeedbackComment, ReasonCounts } from "@/lib/analytics/policies/feedback";
import type { GapRow } from "@/lib/analytics/policies/gaps";
import type { LineQueryRow, UnattributedQueryRow } from "@/lib/analytics/policies/queries";
import type { ChangeImpactRow } from "@/lib/analytics/policies/change-impact";
import type { ReviewRow } from "@/lib/analytics/policies/review";
import type { FeedbackReason } from "@/lib/db/generated/enums";
import { fmt } from "@/lib/questions/labels";
import { AcknowledgeGapForm, RevisionForm } from "./policy-actions";
import { num, pct } from "./kpi";
import { questionRef } from "@/lib/kernel/question-ref";

export const REASON_LABEL: Record<FeedbackReason, string> = {
  OUTDATED: "过时",
  HARD_TO_UNDERSTAND: "看不懂",
  DIFFERS_FROM_PRACTICE: "与实际不符",
  ANSWER_NOT_FOUND: "没找到答案",
  OTHER: "其他",
};

/** Reading time: 95000 → "1 分 35 秒"; null → "—". */
export function readTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${(s / 3600).toFixed(1)} 小时`;
}

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums";

function Table({ caption, head, children, testId }: { caption: string; head: string[]; children: React.ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>{head.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function topReasons(r: ReasonCounts): string {
  const items = (Object.entries(r) as [FeedbackReason, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return items.length ? items.map(([k, n]) => `${REASON_LABEL[k]} ${n}`).join("、") : "—";
}

export function DocumentTable({ rows, drillHref }: { rows: PolicyDocumentRow[]; drillHref: (policyId: string) => string }) {
  return (
    <Table
      caption="每份制度的出现、打开、阅读、办结引用与评价"
      testId="policy-documents"
      head={["制度", "条线", "出现次数", "出现的搜索", "点击率", "点击", "阅读", "阅读总时长", "阅读时长中位数", "办结引用", "看到未打开", "打开仍不清楚", "未搜到", "有帮助", "没帮助", "没帮助原因", "制度不清（待处理）"]}
    >
      {rows.map((d) => (
        <tr key={d.policyId} className="border-t border-slate-200" data-testid={`policy-row-${d.policyId}`}>
          <th scope="row" className="min-w-[11rem] px-2 py-1 text-left font-normal">
            <Link href={drillHref(d.policyId)} className="text-blue-700 hover:underline">{d.title}</Link>
            {d.archived && <span className="ml-1 text-xs text-slate-600">（已归档）</span>}
            {d.needsRevision && <span className="ml-1 text-xs font-semibold text-amber-800">待修订</span>}
          </th>
          <td className="px-2 py-1 whitespace-nowrap">{d.lineName}</td>
          <td className={td}>{num(d.impressions)}</td>
          <td className={td}>{num(d.searches)}</td>
          <td className={td}>{pct(d.openRate)}</td>
          <td className={td}>{num(d.clicks)}</td>
          <td className={td}>{num(d.views)}</td>
          <td className={td}>{readTime(d.viewsTimed ? d.viewMsTotal : null)}</td>
          <td className={td}>{readTime(d.medianViewMs)}</td>
          <td className={td}>{num(d.resolutions.total)}</td>
          <td className={td}>{num(d.resolutions.ignored)}</td>
          <td className={td}>{num(d.resolutions.unclear)}</td>
          <td className={td}>{num(d.resolutions.searchMiss)}</td>
          <td className={td}>{num(d.helpful)}</td>
          <td className={td}>{num(d.notHelpful)}</td>
          <td className="px-2 py-1 text-xs">{topReasons(d.reasons)}</td>
          <td className={td}>{num(d.unclearGaps.open)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function ClauseTable({ rows }: { rows: ClauseRow[] }) {
  return (
    <Table caption="各条款的出现、打开与办结引用" testId="policy-clauses" head={["条款", "出现次数", "点击", "阅读", "平均阅读时长", "有帮助", "没帮助", "办结引用", "看到未打开", "打开仍不清楚", "未搜到"]}>
      {rows.map((c) => (
        <tr key={c.label || "(whole)"} className="border-t border-slate-200">
          <th scope="row" className="px-2 py-1 text-left font-normal">{c.label ? `${c.label}${c.heading && c.heading !== c.label ? ` ${c.heading.replace(c.label, "").trim()}` : ""}` : "（全文）"}</th>
          <td className={td}>{num(c.impressions)}</td>
          <td className={td}>{num(c.clicks)}</td>
          <td className={td}>{num(c.views)}</td>
          <td className={td}>{readTime(c.meanViewMs)}</td>
          <td className={td}>{num(c.helpful)}</td>
          <td className={td}>{num(c.notHelpful)}</td>
          <td className={td}>{num(c.resolutions.total)}</td>
          <td className={td}>{num(c.resolutions.ignored)}</td>
          <td className={td}>{num(c.resolutions.unclear)}</td>
          <td className={td}>{num(c.resolutions.searchMiss)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function QueryTable({ rows, kind, testId }: { rows: LineQueryRow[]; kind: "zero" | "noclick"; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">所选时间范围内没有。</p>;
  return (
    <Table caption={kind === "zero" ? "无结果的搜索" : "有结果但没有点击的搜索"} testId={testId} head={["搜索词", "条线", kind === "zero" ? "无结果次数" : "未点击次数", "搜索次数"]}>
      {rows.map((q) => (
        <tr key={`${q.lineId}:${q.query}`} className="border-t border-slate-200">
          <th scope="row" className="px-2 py-1 text-left font-normal break-all">{q.query}</th>
          <td className="px-2 py-1 whitespace-nowrap">{q.lineName}</td>
          <td className={td}>{num(kind === "zero" ? q.zeroResults : q.noClicks)}</td>
          <td className={td}>{num(q.searches)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function UnattributedList({ rows }: { rows: UnattributedQueryRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">所选时间范围内没有。</p>;
  return (
    <ul className="flex flex-wrap gap-2 text-sm" data-testid="unattributed-queries">
      {rows.map((q) => (
        <li key={q.query} className="rounded border border-slate-300 bg-white px-2 py-0.5">
          <bdi className="break-all">{q.query}</bdi> <span className="tabular-nums text-slate-600">×{q.zeroResults}</span>
        </li>
      ))}
    </ul>
  );
}

const GAP_STATUS: Record<GapRow["status"], string> = { OPEN: "待处理", ACKNOWLEDGED: "已确认", CLOSED: "已关闭" };

export function GapTable({ rows }: { rows: GapRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">没有待处理的缺口。</p>;
  return (
    <Table caption="知识缺口及其背后的问题" testId="policy-gaps" head={["问题", "类型", "条线 / 制度", "说明", "提出时间", "状态", "操作"]}>
      {rows.map((g) => {
        const number = questionRef(g.questionNumber);
        return (
          <tr key={g.id} className="border-t border-slate-200 align-top" data-testid={`gap-${g.id}`}>
            <th scope="row" className="px-2 py-1 text-left font-normal">
              <Link href={`/questions/${g.questionId}`} className="text-blue-700 hover:underline">{number}</Link>
              <p className="max-w-md text-slate-800">{g.questionBody}</p>
            </th>
            <td className="px-2 py-1 whitespace-nowrap">{g.kind === "NO_POLICY" ? "无制度" : "制度不清"}</td>
            <td className="px-2 py-1">{g.lineName}{g.policyTitle ? ` / ${g.policyTitle}` : ""}</td>
            <td className="px-2 py-1">{g.note ?? "—"}</td>
            <td className="px-2 py-1 whitespace-nowrap">{fmt(g.createdAt)}</td>
            <td className="px-2 py-1 whitespace-nowrap">{GAP_STATUS[g.status]}{g.acknowledgedBy ? `（${g.acknowledgedBy}，${fmt(g.acknowledgedAt)}）` : ""}</td>
            <td className="px-2 py-1">{g.status === "OPEN" ? <AcknowledgeGapForm gapId={g.id} questionNumber={number} /> : null}</td>
          </tr>
        );
      })}
    </Table>
  );
}

export function ReviewTable({ rows }: { rows: ReviewRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">30 天内没有需要复审或修订的制度。</p>;
  return (
    <Table caption="到期复审或待修订的制度" testId="policy-review" head={["制度", "条线", "复审日期", "状态", "最近说明", "操作"]}>
      {rows.map((r) => (
        <tr key={r.policyId} className="border-t border-slate-200 align-top" data-testid={`review-${r.policyId}`}>
          <th scope="row" className="px-2 py-1 text-left font-normal">{r.title}</th>
          <td className="px-2 py-1 whitespace-nowrap">{r.lineName}</td>
          <td className="px-2 py-1 whitespace-nowrap">
            {r.reviewDueAt ?? "—"}
            {r.daysLeft !== null && <span className={r.daysLeft < 0 ? "ml-1 font-semibold text-red-800" : "ml-1 text-slate-600"}>{r.daysLeft < 0 ? `已过期 ${-r.daysLeft} 天` : `还有 ${r.daysLeft} 天`}</span>}
          </td>
          <td className="px-2 py-1 whitespace-nowrap">{r.needsRevision ? "待修订" : "—"}</td>
          <td className="px-2 py-1">{r.lastNote ? <><bdi>{r.lastNote}</bdi>（{r.lastNoteBy ?? "—"}，{fmt(r.lastNoteAt)}）</> : "—"}</td>
          <td className="px-2 py-1"><RevisionForm policyId={r.policyId} title={r.title} needsRevision={r.needsRevision} /></td>
        </tr>
      ))}
    </Table>
  );
}

export function CommentList({ rows }: { rows: FeedbackComment[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">所选时间范围内没有留言。</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="policy-comments">
      {rows.map((c, i) => (
        <li key={i} className="rounded border border-slate-300 bg-white p-2">
          <p className="text-slate-700">
            {c.title}{c.label ? ` · ${c.label}` : ""} · {c.helpful ? "有帮助" : `没帮助${c.reason ? `（${REASON_LABEL[c.reason]}）` : ""}`} · {fmt(c.createdAt)}
          </p>
          <p className="mt-1 break-words">{c.comment}</p>
        </li>
      ))}
    </ul>
  );
}

export function ChangeImpactTable({ rows }: { rows: ChangeImpactRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">没有已办结的问题引用了后来修改或删除的条款。</p>;
  return (
    <Table caption="引用的条款已修改或删除的已办结问题" testId="policy-change-impact" head={["问题", "制度", "条款", "引用版本", "现行版本", "变化", "办结时间"]}>
      {rows.map((r) => (
        <tr key={`${r.questionId}-${r.policyId}-${r.label}`} className="border-t border-slate-200 align-top">
          <th scope="row" className="px-2 py-1 text-left font-normal"><Link className="text-blue-700 underline" href={`/questions/${r.questionId}`}>{questionRef(r.number)}</Link></th>
          <td className="px-2 py-1"><bdi>{r.title}</bdi></td>
          <td className="px-2 py-1 whitespace-nowrap"><Link className="text-blue-700 underline" href={`/policies/${r.policyId}?v=${r.citedVersion}#${encodeURIComponent(r.label)}`}>{r.label}</Link></td>
          <td className="px-2 py-1">v{r.citedVersion}</td>
          <td className="px-2 py-1">v{r.currentVersion}</td>
          <td className="px-2 py-1 whitespace-nowrap">{r.removed ? "已删除" : "已修改"}</td>
          <td className="px-2 py-1 whitespace-nowrap">{fmt(r.resolvedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
