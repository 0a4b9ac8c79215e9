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
import { getT } from "@/lib/i18n/t";
import type { MessageKey } from "@/lib/i18n/messages/zh-CN";
import type { Translate } from "@/lib/i18n/translate";
import { questionRef } from "@/lib/kernel/question-ref";
import { fmt } from "@/lib/questions/labels";
import { AcknowledgeGapForm, RevisionForm } from "./policy-actions";
import { num, pct } from "./kpi";
import { ScrollRegion } from "@/components/scroll-region";

/** Reading time: 95000 → "1 分 35 秒" (in the reader's language); null → "—". */
export function readTime(t: Translate, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return t("insights.readTime.seconds", { s });
  if (s < 3600) return t("insights.readTime.minutes", { m: Math.floor(s / 60), s: s % 60 });
  return t("insights.readTime.hours", { h: (s / 3600).toFixed(1) });
}

const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
const td = "px-2 py-1 tabular-nums";
// A document's name keeps room for about ten characters a line (min-w-[11rem] ≈ 176 px): the
// table scrolls inside its own box rather than squeezing the name to two characters a line.
const nameCell = "min-w-[11rem] px-2 py-1 text-left font-normal";

function Table({ caption, head, children, testId }: { caption: string; head: string[]; children: React.ReactNode; testId?: string }) {
  return (
    <ScrollRegion label={caption} className="rounded-md border border-slate-300 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>{head.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

const heads = (t: Translate, keys: readonly MessageKey[]) => keys.map((k) => t(k));

function topReasons(t: Translate, r: ReasonCounts): string {
  const items = (Object.entries(r) as [FeedbackReason, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return items.length ? items.map(([k, n]) => `${t(`insights.reason.${k}`)} ${n}`).join(t("insights.nameSep")) : "—";
}

export async function DocumentTable({ rows, drillHref }: { rows: PolicyDocumentRow[]; drillHref: (policyId: string) => string }) {
  const t = await getT();
  const head = heads(t, [
    "insights.policy.col.document", "insights.policy.col.line", "insights.policy.impressions", "insights.policy.col.searches", "insights.policy.col.openRate",
    "insights.policy.col.clicks", "insights.policy.col.views", "insights.policy.col.viewTotal", "insights.policy.col.viewMedian", "insights.policy.col.resolutions",
    "insights.policy.ignored", "insights.policy.unclear", "insights.policy.searchMiss", "insights.policy.helpful", "insights.policy.notHelpful",
    "insights.policy.col.reasons", "insights.policy.col.unclearGaps",
  ]);
  return (
    <Table caption={t("insights.policy.documentsCaption")} testId="policy-documents" head={head}>
      {rows.map((d) => (
        <tr key={d.policyId} className="border-t border-slate-200" data-testid={`policy-row-${d.policyId}`}>
          <th scope="row" className={nameCell}>
            <Link href={drillHref(d.policyId)} className="text-blue-700 hover:underline">{d.title}</Link>
            {d.archived && <span className="ml-1 text-xs text-slate-600">{t("insights.policy.archived")}</span>}
            {d.needsRevision && <span className="ml-1 text-xs font-semibold text-amber-800">{t("insights.policy.needsRevision")}</span>}
          </th>
          <td className="px-2 py-1 whitespace-nowrap">{d.lineName}</td>
          <td className={td}>{num(d.impressions)}</td>
          <td className={td}>{num(d.searches)}</td>
          <td className={td}>{pct(d.openRate)}</td>
          <td className={td}>{num(d.clicks)}</td>
          <td className={td}>{num(d.views)}</td>
          <td className={`${td} whitespace-nowrap`}>{readTime(t, d.viewsTimed ? d.viewMsTotal : null)}</td>
          <td className={`${td} whitespace-nowrap`}>{readTime(t, d.medianViewMs)}</td>
          <td className={td}>{num(d.resolutions.total)}</td>
          <td className={td}>{num(d.resolutions.ignored)}</td>
          <td className={td}>{num(d.resolutions.unclear)}</td>
          <td className={td}>{num(d.resolutions.searchMiss)}</td>
          <td className={td}>{num(d.helpful)}</td>
          <td className={td}>{num(d.notHelpful)}</td>
          <td className="min-w-[8rem] px-2 py-1 text-xs">{topReasons(t, d.reasons)}</td>
          <td className={td}>{num(d.unclearGaps.open)}</td>
        </tr>
      ))}
    </Table>
  );
}

export async function ClauseTable({ rows }: { rows: ClauseRow[] }) {
  const t = await getT();
  const head = heads(t, [
    "insights.policy.col.clause", "insights.policy.impressions", "insights.policy.col.clicks", "insights.policy.col.views", "insights.policy.col.viewMean",
    "insights.policy.helpful", "insights.policy.notHelpful", "insights.policy.col.resolutions", "insights.policy.ignored", "insights.policy.unclear", "insights.policy.searchMiss",
  ]);
  return (
    <Table caption={t("insights.policy.clausesCaption")} testId="policy-clauses" head={head}>
      {rows.map((c) => (
        <tr key={c.label || "(whole)"} className="border-t border-slate-200">
          <th scope="row" className="min-w-[8rem] px-2 py-1 text-left font-normal">{c.label ? `${c.label}${c.heading && c.heading !== c.label ? ` ${c.heading.replace(c.label, "").trim()}` : ""}` : t("insights.policy.wholeText")}</th>
          <td className={td}>{num(c.impressions)}</td>
          <td className={td}>{num(c.clicks)}</td>
          <td className={td}>{num(c.views)}</td>
          <td className={`${td} whitespace-nowrap`}>{readTime(t, c.meanViewMs)}</td>
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

export async function QueryTable({ rows, kind, testId }: { rows: LineQueryRow[]; kind: "zero" | "noclick"; testId: string }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noneInRange")}</p>;
  const head = heads(t, ["insights.policy.col.query", "insights.policy.col.line", kind === "zero" ? "insights.policy.col.zeroResults" : "insights.policy.col.noClicks", "insights.policy.col.searchCount"]);
  return (
    <Table caption={t(kind === "zero" ? "insights.policy.zeroQueries" : "insights.policy.noClickQueries")} testId={testId} head={head}>
      {rows.map((q) => (
        <tr key={`${q.lineId}:${q.query}`} className="border-t border-slate-200">
          <th scope="row" className="min-w-[10rem] px-2 py-1 text-left font-normal break-all">{q.query}</th>
          <td className="px-2 py-1 whitespace-nowrap">{q.lineName}</td>
          <td className={td}>{num(kind === "zero" ? q.zeroResults : q.noClicks)}</td>
          <td className={td}>{num(q.searches)}</td>
        </tr>
      ))}
    </Table>
  );
}

export async function UnattributedList({ rows }: { rows: UnattributedQueryRow[] }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noneInRange")}</p>;
  return (
    <ul className="flex flex-wrap gap-2 text-sm" data-testid="unattributed-queries">
      {rows.map((q) => (
        <li key={q.query} className="min-w-0 max-w-full rounded border border-slate-300 bg-white px-2 py-0.5">
          <bdi className="break-all">{q.query}</bdi> <span className="tabular-nums text-slate-600">×{q.zeroResults}</span>
        </li>
      ))}
    </ul>
  );
}

export async function GapTable({ rows }: { rows: GapRow[] }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noGaps")}</p>;
  const head = heads(t, ["insights.policy.col.question", "insights.policy.col.kind", "insights.policy.col.linePolicy", "insights.policy.col.note", "insights.policy.col.createdAt", "insights.policy.col.status", "insights.policy.col.action"]);
  return (
    <Table caption={t("insights.policy.gapsCaption")} testId="policy-gaps" head={head}>
      {rows.map((g) => {
        const number = questionRef(g.questionNumber);
        return (
          <tr key={g.id} className="border-t border-slate-200 align-top" data-testid={`gap-${g.id}`}>
            <th scope="row" className="min-w-[12rem] px-2 py-1 text-left font-normal">
              <Link href={`/questions/${g.questionId}`} className="text-blue-700 hover:underline">{number}</Link>
              <p className="max-w-md break-words text-slate-800">{g.questionBody}</p>
            </th>
            <td className="px-2 py-1 whitespace-nowrap">{t(g.kind === "NO_POLICY" ? "insights.resolution.NO_POLICY" : "insights.resolution.POLICY_UNCLEAR")}</td>
            <td className="min-w-[8rem] px-2 py-1">{g.lineName}{g.policyTitle ? ` / ${g.policyTitle}` : ""}</td>
            <td className="min-w-[8rem] break-words px-2 py-1">{g.note ?? "—"}</td>
            <td className="px-2 py-1 whitespace-nowrap">{fmt(g.createdAt)}</td>
            <td className="px-2 py-1 whitespace-nowrap">
              {t(`insights.gap.${g.status}`)}
              {g.acknowledgedBy ? t("insights.policy.acknowledgedBy", { name: g.acknowledgedBy, at: fmt(g.acknowledgedAt) }) : ""}
            </td>
            <td className="px-2 py-1">{g.status === "OPEN" ? <AcknowledgeGapForm gapId={g.id} questionNumber={number} /> : null}</td>
          </tr>
        );
      })}
    </Table>
  );
}

export async function ReviewTable({ rows }: { rows: ReviewRow[] }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noReview")}</p>;
  const head = heads(t, ["insights.policy.col.document", "insights.policy.col.line", "insights.policy.col.reviewDate", "insights.policy.col.status", "insights.policy.col.lastNote", "insights.policy.col.action"]);
  return (
    <Table caption={t("insights.policy.reviewCaption")} testId="policy-review" head={head}>
      {rows.map((r) => (
        <tr key={r.policyId} className="border-t border-slate-200 align-top" data-testid={`review-${r.policyId}`}>
          <th scope="row" className={nameCell}>{r.title}</th>
          <td className="px-2 py-1 whitespace-nowrap">{r.lineName}</td>
          <td className="px-2 py-1 whitespace-nowrap">
            {r.reviewDueAt ?? "—"}
            {r.daysLeft !== null && (
              <span className={r.daysLeft < 0 ? "ml-1 font-semibold text-red-800" : "ml-1 text-slate-600"}>
                {r.daysLeft < 0 ? t("insights.policy.overdueDays", { days: -r.daysLeft }) : t("insights.policy.daysLeft", { days: r.daysLeft })}
              </span>
            )}
          </td>
          <td className="px-2 py-1 whitespace-nowrap">{r.needsRevision ? t("insights.policy.needsRevision") : "—"}</td>
          <td className="min-w-[12rem] break-words px-2 py-1">
            {r.lastNote ? <><bdi>{r.lastNote}</bdi>{t("insights.policy.noteBy", { name: r.lastNoteBy ?? "—", at: fmt(r.lastNoteAt) })}</> : "—"}
          </td>
          <td className="px-2 py-1"><RevisionForm policyId={r.policyId} title={r.title} needsRevision={r.needsRevision} /></td>
        </tr>
      ))}
    </Table>
  );
}

export async function CommentList({ rows }: { rows: FeedbackComment[] }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noComments")}</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="policy-comments">
      {rows.map((c, i) => (
        <li key={i} className="rounded border border-slate-300 bg-white p-2">
          <p className="break-words text-slate-700">
            {c.title}{c.label ? ` · ${c.label}` : ""} · {c.helpful ? t("insights.policy.helpful") : t("insights.policy.notHelpfulBecause", { reason: c.reason ? t("insights.policy.reasonParen", { reason: t(`insights.reason.${c.reason}`) }) : "" })} · {fmt(c.createdAt)}
          </p>
          <p className="mt-1 break-words">{c.comment}</p>
        </li>
      ))}
    </ul>
  );
}

export async function ChangeImpactTable({ rows }: { rows: ChangeImpactRow[] }) {
  const t = await getT();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("insights.policy.noImpact")}</p>;
  const head = heads(t, ["insights.policy.col.question", "insights.policy.col.document", "insights.policy.col.clause", "insights.policy.col.citedVersion", "insights.policy.col.currentVersion", "insights.policy.col.change", "insights.policy.col.resolvedAt"]);
  return (
    <Table caption={t("insights.policy.impactCaption")} testId="policy-change-impact" head={head}>
      {rows.map((r) => (
        <tr key={`${r.questionId}-${r.policyId}-${r.label}`} className="border-t border-slate-200 align-top">
          <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap"><Link className="text-blue-700 underline" href={`/questions/${r.questionId}`}>{questionRef(r.number)}</Link></th>
          <td className="min-w-[11rem] px-2 py-1"><bdi>{r.title}</bdi></td>
          <td className="px-2 py-1 whitespace-nowrap"><Link className="text-blue-700 underline" href={`/policies/${r.policyId}?v=${r.citedVersion}#${encodeURIComponent(r.label)}`}>{r.label}</Link></td>
          <td className="px-2 py-1">v{r.citedVersion}</td>
          <td className="px-2 py-1">v{r.currentVersion}</td>
          <td className="px-2 py-1 whitespace-nowrap">{t(r.removed ? "insights.policy.removed" : "insights.policy.changed")}</td>
          <td className="px-2 py-1 whitespace-nowrap">{fmt(r.resolvedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
