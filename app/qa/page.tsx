import type { Metadata } from "next";
import Link from "next/link";
import { withNodes } from "@/components/rich-text";
import { DrawForm, GradeForm } from "@/components/qa/qa-forms";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { REGRADE_DAYS } from "@/lib/qa/grade-qa-review";
import { listQaReviews, type QaReviewItem } from "@/lib/qa/list-qa-reviews";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";
import { fmt } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t("qa.title") };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function Review({ r, t, children }: { r: QaReviewItem; t: Translate; children?: React.ReactNode }) {
  const q = r.question;
  const ownerReplies = q.replies.filter((x) => x.authorId !== q.askerId);
  return (
    <article className="space-y-2 rounded-md border border-slate-300 bg-white p-3" data-testid={`qa-review-${r.id}`}>
      <h3 className="font-medium">
        <Link href={`/questions/${q.id}`} className="text-blue-700 hover:underline">{questionRef(q.number)}</Link>
        <span className="ml-2 text-sm font-normal text-slate-700">
          <bdi>{q.line.name}</bdi> · {t("qa.week", { week: day(r.weekStart) })} · {t("qa.resolver")} <bdi>{r.owner?.name ?? "—"}</bdi>{r.department ? withNodes(t("qa.department"), { name: <bdi>{r.department.name}</bdi> }) : ""}
          {r.reviewer ? withNodes(t("qa.reviewer"), { name: <bdi>{r.reviewer.name}</bdi> }) : t("qa.noReviewer")}
        </span>
      </h3>
      <p className="whitespace-pre-wrap break-words text-sm"><span className="font-medium">{t("qa.question")}</span><bdi>{q.body}</bdi></p>
      <details className="text-sm" open={ownerReplies.length <= 3}>
        <summary className="cursor-pointer text-blue-700">{t("qa.replies", { count: ownerReplies.length })}</summary>
        <ol className="mt-1 space-y-1 pl-4">
          {ownerReplies.map((x) => (
            <li key={x.id} className="break-words">
              <span className="text-slate-600">{fmt(x.createdAt)} <bdi>{x.author.name}</bdi>{t("punct.colon")}</span>
              <bdi className="whitespace-pre-wrap">{x.body}</bdi>
              {x.checklist.length > 0 && <ul className="list-disc pl-5">{x.checklist.map((c, i) => <li key={i}><bdi>{c}</bdi></li>)}</ul>}
            </li>
          ))}
        </ol>
      </details>
      <p className="text-sm break-words">
        <span className="font-medium">{t("qa.resolved")}</span>{fmt(q.resolvedAt)} · {q.resolutionKind ? t(`qa.resolution.${q.resolutionKind}`) : "—"}
        {q.resolutionNote ? <span className="whitespace-pre-wrap"> · <bdi>{q.resolutionNote}</bdi></span> : null}
      </p>
      {children}
    </article>
  );
}

export default async function QaPage() {
  const actor = await requirePageActor("QA_REVIEWER", "ADMIN");
  const [{ pending, graded, lastDraw, sampleSize, isAdmin }, t] = await Promise.all([listQaReviews(ctxFor(actor)), getT()]);
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("qa.title")}</h1>
        <p className="text-sm text-slate-700">
          {t("qa.intro", { size: sampleSize })}{" "}
          {t(isAdmin ? "qa.regrade.admin" : "qa.regrade.reviewer", { days: REGRADE_DAYS })}
        </p>
        <p className="text-sm text-slate-700">
          {t("qa.lastDraw", { draw: lastDraw ? t("qa.lastDraw.detail", { week: day(lastDraw.weekStart), drawn: lastDraw.drawn, at: fmt(lastDraw.drawnAt) }) : t("qa.lastDraw.none") })}
        </p>
        <DrawForm />
      </header>

      <section aria-labelledby="pending-h" className="space-y-3">
        <h2 id="pending-h" className="text-lg font-semibold">{t(isAdmin ? "qa.pending.all" : "qa.pending.mine", { count: pending.length })}</h2>
        {pending.length === 0 && <p className="text-slate-600">{t("qa.pending.empty")}</p>}
        {pending.map((r) => (
          <Review key={r.id} r={r} t={t}>
            <GradeForm reviewId={r.id} submitLabel={t("qa.submit")} />
          </Review>
        ))}
      </section>

      <section aria-labelledby="graded-h" className="space-y-3">
        <h2 id="graded-h" className="text-lg font-semibold">{t(isAdmin ? "qa.graded.all" : "qa.graded.mine", { count: graded.length })}</h2>
        {graded.length === 0 && <p className="text-slate-600">{t("qa.graded.empty")}</p>}
        {graded.map((r) => (
          <Review key={r.id} r={r} t={t}>
            <p className="text-sm">
              <span className="font-medium">{t("qa.grade", { grade: r.grade ?? "—" })}</span>{t("qa.gradedAt", { at: fmt(r.gradedAt) })}{r.comment ? <> · <bdi>{r.comment}</bdi></> : ""}
              {r.regradeUntil && <span className="text-slate-600">{t("qa.regradeUntil", { at: fmt(r.regradeUntil) })}</span>}
            </p>
            {r.canGrade && (
              <details className="text-sm">
                <summary className="cursor-pointer text-blue-700">{t("qa.change")}</summary>
                <GradeForm reviewId={r.id} grade={r.grade} comment={r.comment} submitLabel={t("qa.saveChange")} />
              </details>
            )}
          </Review>
        ))}
      </section>
    </div>
  );
}
