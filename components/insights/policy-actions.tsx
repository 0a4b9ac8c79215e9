"use client";
// The policy owner's two actions on /insights/policies: acknowledge a knowledge gap, mark a document for
// revision (or clear the mark). Both post JSON to /api/insights/<action>; the server checks the scope.
import { useT } from "@/components/i18n-provider";
import { ActionForm } from "@/components/questions/action-form";

export function AcknowledgeGapForm({ gapId, questionNumber }: { gapId: string; questionNumber: string }) {
  const t = useT();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-700">{t("insights.gapForm.open")}</summary>
      <ActionForm
        action="/api/insights/acknowledge-gap"
        testId={`ack-gap-${gapId}`}
        submitLabel={t("insights.gapForm.submit")}
        build={(f) => ({ gapId, note: String(f.get("note") ?? "").trim() || undefined })}
      >
        <label className="mt-2 flex flex-col">
          <span>{t("insights.gapForm.note")}</span>
          <textarea name="note" rows={2} maxLength={1000} aria-label={t("insights.gapForm.noteLabel", { number: questionNumber })} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}

export function RevisionForm({ policyId, title, needsRevision }: { policyId: string; title: string; needsRevision: boolean }) {
  const t = useT();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-700">{t(needsRevision ? "insights.revisionForm.openClear" : "insights.revisionForm.openMark")}</summary>
      <ActionForm
        action="/api/insights/mark-revision"
        testId={`revision-${policyId}`}
        submitLabel={t(needsRevision ? "insights.revisionForm.clear" : "insights.revisionForm.mark")}
        tone={needsRevision ? "plain" : "primary"}
        build={(f) => ({ policyId, needsRevision: !needsRevision, note: String(f.get("note") ?? "").trim() || undefined })}
      >
        <label className="mt-2 flex flex-col">
          <span>{t(needsRevision ? "insights.revisionForm.noteOptional" : "insights.revisionForm.noteRequired")}</span>
          <textarea name="note" rows={2} maxLength={1000} required={!needsRevision} aria-label={t("insights.revisionForm.noteLabel", { title })} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}
