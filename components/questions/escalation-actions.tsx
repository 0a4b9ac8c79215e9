"use client";
// The escalated manager's four actions and the owner's acknowledgement; every form sends the version
// the page showed, so a decision taken on an outdated page gets the server's 409 instead of acting.
import { useT } from "@/components/i18n-provider";
import { ActionForm } from "./action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const str = (v: FormDataEntryValue | null) => String(v ?? "");

export function EscalationActions({ questionId, version, receivers }: { questionId: string; version: number; receivers: { id: string; label: string }[] }) {
  const t = useT();
  const base = `/api/questions/${questionId}`;
  return (
    <div className="space-y-4">
      <details className="rounded border border-slate-300 p-3" open>
        <summary className="cursor-pointer font-medium">{t("escalation.instruct")}</summary>
        <ActionForm action={`${base}/instruct`} testId="escalation-instruct" submitLabel={t("escalation.instruct.submit")} build={(f) => ({ expectedVersion: version, note: str(f.get("note")) })}>
          <label htmlFor="esc-instruct-note" className="block text-sm font-medium">{t("escalation.instruct.note")}</label>
          <textarea id="esc-instruct-note" name="note" rows={2} maxLength={2000} className={input} />
        </ActionForm>
      </details>
      <details className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium">{t("escalation.reassign")}</summary>
        <ActionForm action={`${base}/reassign`} testId="escalation-reassign" submitLabel={t("escalation.reassign.submit")} build={(f) => ({ expectedVersion: version, toUserId: str(f.get("toUserId")), note: str(f.get("note")) })}>
          <label htmlFor="esc-reassign-to" className="block text-sm font-medium">{t("escalation.reassign.to")}</label>
          <select id="esc-reassign-to" name="toUserId" defaultValue="" className={input}>
            <option value="">{t("escalation.reassign.choose")}</option>
            {receivers.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </select>
          <label htmlFor="esc-reassign-note" className="block text-sm font-medium">{t("escalation.reassign.note")}</label>
          <textarea id="esc-reassign-note" name="note" rows={2} maxLength={2000} className={input} />
        </ActionForm>
      </details>
      <details className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium">{t("escalation.extend")}</summary>
        <ActionForm action={`${base}/extend`} testId="escalation-extend" submitLabel={t("escalation.extend.submit")} build={(f) => ({ expectedVersion: version, dueAt: str(f.get("dueAt")), reason: str(f.get("reason")) })}>
          <label htmlFor="esc-extend-due" className="block text-sm font-medium">{t("escalation.extend.due")}</label>
          <input id="esc-extend-due" name="dueAt" type="datetime-local" className={input} />
          <label htmlFor="esc-extend-reason" className="block text-sm font-medium">{t("escalation.extend.reason")}</label>
          <textarea id="esc-extend-reason" name="reason" rows={2} maxLength={1000} className={input} />
        </ActionForm>
      </details>
      <details className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium">{t("escalation.takeOver")}</summary>
        <ActionForm action={`${base}/take-over`} testId="escalation-take-over" tone="plain" submitLabel={t("escalation.takeOver.submit")} build={(f) => ({ expectedVersion: version, note: str(f.get("note")) || undefined })}>
          <label htmlFor="esc-take-note" className="block text-sm font-medium">{t("escalation.takeOver.note")}</label>
          <input id="esc-take-note" name="note" maxLength={1000} className={input} />
        </ActionForm>
      </details>
    </div>
  );
}

export function AcknowledgeInstruction({ questionId, version }: { questionId: string; version: number }) {
  const t = useT();
  return <ActionForm action={`/api/questions/${questionId}/acknowledge-instruction`} testId="instruction-acknowledge" submitLabel={t("escalation.instruction.acknowledge")} build={() => ({ expectedVersion: version })} />;
}

/** Confirm, raise or lower urgency (owner and managers), or ask for it (the asker), always with a reason. */
export function UrgencyForm({ questionId, version, urgent, mode }: { questionId: string; version: number; urgent: boolean; mode: "review" | "request" }) {
  const t = useT();
  const choices = mode === "request" ? [{ urgent: true, label: t("urgency.request") }] : urgent ? [{ urgent: true, label: t("urgency.confirm") }, { urgent: false, label: t("urgency.lower") }] : [{ urgent: true, label: t("urgency.raise") }];
  return (
    <div className="space-y-2">
      {choices.map((c) => (
        <ActionForm key={String(c.urgent)} action={`/api/questions/${questionId}/urgency`} testId={`urgency-${c.urgent ? "urgent" : "normal"}`} tone={c.urgent ? "primary" : "plain"} submitLabel={c.label}
          build={(f) => ({ expectedVersion: version, urgent: c.urgent, reason: str(f.get("reason")) })}>
          <label htmlFor={`urgency-reason-${c.urgent}`} className="block text-sm font-medium">{t("urgency.reasonLabel")}</label>
          <input id={`urgency-reason-${c.urgent}`} name="reason" maxLength={500} className={input} />
        </ActionForm>
      ))}
    </div>
  );
}
