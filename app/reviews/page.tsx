import Link from "next/link";
import { DecideComplaintForm, RequestStatementForm } from "@/components/complaints/review-forms";
import { requirePageActor } from "@/lib/auth/session";
import { listReviews } from "@/lib/complaints/list-reviews";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

/** 投诉复核: the complaints this user decides (the list is scoped in listReviews). */
export default async function ReviewsPage() {
  const actor = await requirePageActor();
  const [items, t] = await Promise.all([listReviews(ctxFor(actor)), getT()]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">{t("reviews.title")}</h1>
      <p className="text-sm text-slate-700">{t("reviews.intro")}</p>
      {items.length === 0 ? (
        <p role="status" data-testid="reviews-empty">{t("reviews.empty")}</p>
      ) : (
        <ul className="space-y-4" data-testid="reviews">
          {items.map((c) => (
            <li key={c.id} className={`rounded-md border p-4 ${c.overdue ? "border-red-400" : "border-slate-300"}`} data-testid="review-item">
              <h2 className="font-semibold">
                <Link href={`/questions/${c.question.id}`} className="text-blue-700 hover:underline">
                  {questionRef(c.question.number)} <bdi>{c.question.firstLine}</bdi>
                </Link>
              </h2>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="font-medium">{t("reviews.line")}</dt><dd><bdi>{c.question.line.name}</bdi></dd>
                <dt className="font-medium">{t("reviews.complainant")}</dt><dd><bdi>{c.complainant.name}</bdi></dd>
                <dt className="font-medium">{t("reviews.against")}</dt><dd><bdi>{c.againstUser?.name ?? t("reviews.nobody")}</bdi></dd>
                <dt className="font-medium">{t("reviews.filedAt")}</dt><dd>{fmt(c.createdAt)}</dd>
                <dt className="font-medium">{t("reviews.due")}</dt>
                <dd data-testid="review-due">{fmt(c.reviewDueAt)}{c.overdue && <span className="ml-2 rounded bg-red-100 px-1 text-red-900">{t("reviews.overdue")}</span>}</dd>
                <dt className="font-medium">{t("complaints.reason")}</dt><dd className="whitespace-pre-wrap" data-testid="review-reason"><bdi>{c.reason}</bdi></dd>
              </dl>
              <div className="mt-2 text-sm" data-testid="review-statement">
                {!c.statementRequestedAt && <p>{t("reviews.statement.none")}</p>}
                {c.statementRequestedAt && !c.statement && <p>{t("reviews.statement.waiting", { at: fmt(c.statementDueAt) })}</p>}
                {c.statement && (
                  <div>
                    <p className="font-medium">{t("reviews.statement.given", { at: fmt(c.statementAt) })}</p>
                    <p className="whitespace-pre-wrap"><bdi>{c.statement}</bdi></p>
                  </div>
                )}
              </div>
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                <DecideComplaintForm complaintId={c.id} />
                {!c.statementRequestedAt && c.againstUser && <RequestStatementForm complaintId={c.id} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
