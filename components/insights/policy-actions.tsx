"use client";
// The policy owner's two actions on /insights/policies: acknowledge a knowledge gap, mark a document for
// revision (or clear the mark). Both post JSON to /api/insights/<action>; the server checks the scope.
import { ActionForm } from "@/components/questions/action-form";

export function AcknowledgeGapForm({ gapId, questionNumber }: { gapId: string; questionNumber: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-700">确认缺口</summary>
      <ActionForm
        action="/api/insights/acknowledge-gap"
        testId={`ack-gap-${gapId}`}
        submitLabel="确认已知悉"
        build={(f) => ({ gapId, note: String(f.get("note") ?? "").trim() || undefined })}
      >
        <label className="mt-2 flex flex-col">
          <span>说明（可选，例如计划如何补充制度）</span>
          <textarea name="note" rows={2} maxLength={1000} aria-label={`${questionNumber} 的确认说明`} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}

export function RevisionForm({ policyId, title, needsRevision }: { policyId: string; title: string; needsRevision: boolean }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-700">{needsRevision ? "取消修订标记" : "标记为待修订"}</summary>
      <ActionForm
        action="/api/insights/mark-revision"
        testId={`revision-${policyId}`}
        submitLabel={needsRevision ? "取消标记" : "标记待修订"}
        tone={needsRevision ? "plain" : "primary"}
        build={(f) => ({ policyId, needsRevision: !needsRevision, note: String(f.get("note") ?? "").trim() || undefined })}
      >
        <label className="mt-2 flex flex-col">
          <span>{needsRevision ? "说明（可选，例如已发布新版本）" : "需要修订的内容（必填）"}</span>
          <textarea name="note" rows={2} maxLength={1000} required={!needsRevision} aria-label={`《${title}》的修订说明`} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}
