"use client";
// Retiring a policy (废止): a reason is required; the server checks the owner's 条线.
import { ActionForm } from "@/components/questions/action-form";

export function RetireForm({ policyId, title }: { policyId: string; title: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-red-800">废止本制度</summary>
      <ActionForm action={`/api/policies/${encodeURIComponent(policyId)}/retire`} testId="retire-policy" submitLabel="确认废止" tone="danger" build={(f) => ({ reason: String(f.get("reason") ?? "").trim() })}>
        <label className="mt-2 flex flex-col">
          <span>废止原因（必填，记入审计日志）</span>
          <textarea name="reason" rows={2} maxLength={500} required aria-label={`《${title}》的废止原因`} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}
