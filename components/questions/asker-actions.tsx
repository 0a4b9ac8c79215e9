"use client";

import { RATING_REASONS } from "@/lib/questions/rating-reasons";
import { useT } from "../i18n-provider";
import { ActionForm } from "./action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";

export function AskerActions({ questionId, status, rated }: { questionId: string; status: string; rated: boolean }) {
  const t = useT();
  const base = `/api/questions/${questionId}`;
  const done = status === "RESOLVED" || status === "CLOSED";
  return (
    <div className="space-y-6">
      {status !== "CLOSED" && (
        <ActionForm action={`${base}/asker-reply`} testId="asker-reply-form" submitLabel={t("asker.replySubmit")} tone="plain" build={(f) => ({ body: String(f.get("body") ?? "") })}>
          <label htmlFor="asker-body" className="block font-medium">{t("asker.replyLabel")}</label>
          <textarea id="asker-body" name="body" rows={3} className={input} />
        </ActionForm>
      )}
      {status === "RESOLVED" && <ActionForm action={`${base}/confirm`} testId="confirm-form" submitLabel={t("asker.confirm")} build={() => ({})} />}
      {done && (
        <ActionForm action={`${base}/reopen`} testId="reopen-form" submitLabel={t("asker.reopen")} tone="plain" build={(f) => ({ reason: String(f.get("reason") ?? "") })}>
          <label htmlFor="reopen-reason" className="block font-medium">{t("asker.reopenReason")}</label>
          <input id="reopen-reason" name="reason" className={input} />
        </ActionForm>
      )}
      {done && !rated && (
        <ActionForm action={`${base}/rate`} testId="rate-form" submitLabel={t("asker.rate")} idempotent
          build={(f) => ({ score: Number(f.get("score")), policyClear: f.get("policyClear") === "yes" ? true : f.get("policyClear") === "no" ? false : undefined, reasons: f.getAll("reason").map(String), comment: String(f.get("comment") ?? "") || undefined })}>
          <fieldset>
            <legend className="font-medium">{t("asker.score")}</legend>
            {[1, 2, 3, 4, 5].map((n) => <label key={n} className="mr-3"><input type="radio" name="score" value={n} /> {n}</label>)}
          </fieldset>
          <fieldset>
            <legend className="font-medium">{t("asker.reasons")}</legend>
            {RATING_REASONS.map((r) => <label key={r.value} className="mr-3"><input type="checkbox" name="reason" value={r.value} /> {t(r.label)}</label>)}
          </fieldset>
          <fieldset>
            <legend className="font-medium">{t("asker.policyClear")}</legend>
            <label className="mr-3"><input type="radio" name="policyClear" value="yes" /> {t("asker.policyClearYes")}</label>
            <label><input type="radio" name="policyClear" value="no" /> {t("asker.policyClearNo")}</label>
          </fieldset>
          <label htmlFor="rate-comment" className="block font-medium">{t("asker.comment")}</label>
          <input id="rate-comment" name="comment" className={input} />
        </ActionForm>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-red-800">{t("asker.complain")}</summary>
        <ActionForm action={`${base}/complain`} testId="complain-form" submitLabel={t("asker.complainSubmit")} tone="danger" idempotent build={(f) => ({ reason: String(f.get("reason") ?? "") })}>
          <label htmlFor="complain-reason" className="block font-medium">{t("asker.complainReason")}</label>
          <textarea id="complain-reason" name="reason" rows={3} className={input} />
        </ActionForm>
      </details>
    </div>
  );
}

export function HandoffResponse({ handoffId }: { handoffId: string }) {
  const t = useT();
  return (
    <div className="flex flex-wrap gap-6">
      <ActionForm action={`/api/handoffs/${handoffId}/respond`} testId="accept-form" submitLabel={t("handoff.accept")} build={() => ({ accept: true })} />
      <ActionForm action={`/api/handoffs/${handoffId}/respond`} testId="decline-form" submitLabel={t("handoff.decline")} tone="plain" build={(f) => ({ accept: false, declineReason: String(f.get("declineReason") ?? "") })}>
        <label htmlFor="decline-reason" className="block font-medium">{t("handoff.declineReason")}</label>
        <input id="decline-reason" name="declineReason" className={input} />
      </ActionForm>
    </div>
  );
}
