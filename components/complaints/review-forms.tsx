"use client";

import { useT } from "../i18n-provider";
import { ActionForm } from "../questions/action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";

/** Uphold or reject, with the reason the asker and the owner will read. */
export function DecideComplaintForm({ complaintId }: { complaintId: string }) {
  const t = useT();
  const id = complaintId.slice(0, 8);
  return (
    <ActionForm action={`/api/complaints/${complaintId}/decide`} testId="decide-complaint-form" submitLabel={t("reviews.decide.submit")}
      build={(f) => ({ outcome: String(f.get("outcome") ?? ""), reason: String(f.get("reason") ?? "") })}>
      <fieldset>
        <legend className="font-medium">{t("reviews.decide.legend")}</legend>
        <label className="mr-4 inline-flex items-center gap-1"><input type="radio" name="outcome" value="UPHELD" data-testid="outcome-upheld" /> {t("reviews.decide.upheld")}</label>
        <label className="inline-flex items-center gap-1"><input type="radio" name="outcome" value="REJECTED" data-testid="outcome-rejected" /> {t("reviews.decide.rejected")}</label>
      </fieldset>
      <label htmlFor={`decide-reason-${id}`} className="block font-medium">{t("reviews.decide.reason")}</label>
      <textarea id={`decide-reason-${id}`} name="reason" rows={3} className={input} required minLength={5} maxLength={2000} />
    </ActionForm>
  );
}

/** Ask the owner for a statement: the note is all they will see. */
export function RequestStatementForm({ complaintId }: { complaintId: string }) {
  const t = useT();
  const id = complaintId.slice(0, 8);
  return (
    <ActionForm action={`/api/complaints/${complaintId}/request-statement`} testId="request-statement-form" submitLabel={t("reviews.ask.submit")} tone="plain"
      build={(f) => ({ note: String(f.get("note") ?? "") })}>
      <label htmlFor={`statement-note-${id}`} className="block font-medium">{t("reviews.ask.label")}</label>
      <textarea id={`statement-note-${id}`} name="note" rows={2} className={input} required minLength={5} maxLength={1000} />
    </ActionForm>
  );
}

/** The owner's answer to a statement request. */
export function GiveStatementForm({ complaintId }: { complaintId: string }) {
  const t = useT();
  const id = complaintId.slice(0, 8);
  return (
    <ActionForm action={`/api/complaints/${complaintId}/statement`} testId="give-statement-form" submitLabel={t("complaints.statement.submit")}
      build={(f) => ({ statement: String(f.get("statement") ?? "") })}>
      <label htmlFor={`statement-${id}`} className="block font-medium">{t("complaints.statement.label")}</label>
      <textarea id={`statement-${id}`} name="statement" rows={4} className={input} required minLength={5} maxLength={4000} />
    </ActionForm>
  );
}
