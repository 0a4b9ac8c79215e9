import Link from "next/link";
import { getT } from "@/lib/i18n/t";
import type { QuestionDetail } from "@/lib/questions/get-question-detail";
import { fmt } from "@/lib/questions/labels";
import { GiveStatementForm } from "./review-forms";

/**
 * The complaints part of the question page: only what getQuestionDetail let through for this viewer
 * (lib/complaints/visibility.ts), and the owner's statement requests, which never carry the
 * complaint or the complainant.
 */
export async function ComplaintPanel({ detail }: { detail: Pick<QuestionDetail, "complaints" | "statementRequests" | "reviewableComplaintIds"> }) {
  const { complaints, statementRequests, reviewableComplaintIds } = detail;
  if (complaints.length === 0 && statementRequests.length === 0) return null;
  const t = await getT();
  return (
    <section aria-labelledby="complaints-h" className="space-y-3" data-testid="complaint-panel">
      <h2 id="complaints-h" className="font-semibold">{t("complaints.title")}</h2>
      {complaints.length > 0 && (
        <ul className="space-y-2 text-sm" data-testid="complaints">
          {complaints.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-300 p-3" data-testid="complaint">
              <p>
                <span data-testid="complaint-status" className={c.status === "UPHELD" ? "font-medium text-red-800" : c.status === "REJECTED" ? "font-medium text-slate-800" : "font-medium text-amber-900"}>
                  {t(`complaints.status.${c.status}`)}
                </span>
                {" · "}{t("complaints.filedAt", { at: fmt(c.createdAt) })}
                {c.status === "OPEN" && c.reviewDueAt ? ` · ${t("complaints.reviewDue", { at: fmt(c.reviewDueAt) })}` : ""}
              </p>
              <p className="mt-1 whitespace-pre-wrap"><span className="font-medium">{t("complaints.reason")}{t("punct.colon")}</span>{c.reason}</p>
              {c.status !== "OPEN" && c.reviewNote && (
                <p className="mt-1 whitespace-pre-wrap" data-testid="complaint-decision"><span className="font-medium">{t("complaints.decisionReason")}{t("punct.colon")}</span>{c.reviewNote}</p>
              )}
              {c.status === "OPEN" && reviewableComplaintIds.includes(c.id) && (
                <Link href="/reviews" className="mt-1 inline-block text-blue-700 underline">{t("complaints.goReview")}</Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {statementRequests.map((r) => (
        <div key={r.complaintId} role="region" aria-label={t("complaints.statement.title")} className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="statement-request">
          <p className="font-medium">{t("complaints.statement.title")}</p>
          {r.dueAt && <p>{t("complaints.statement.due", { at: fmt(r.dueAt) })}</p>}
          {r.note && <p className="mt-1 whitespace-pre-wrap"><span className="font-medium">{t("complaints.statement.note")}{t("punct.colon")}</span>{r.note}</p>}
          {r.answered ? <p className="mt-1" role="status">{t("complaints.statement.answered", { at: fmt(r.answeredAt) })}</p> : <div className="mt-2"><GiveStatementForm complaintId={r.complaintId} /></div>}
        </div>
      ))}
    </section>
  );
}
