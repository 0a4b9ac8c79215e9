"use client";
// Retiring a policy (废止): a reason is required; the server checks the owner's 条线.
import { useT } from "@/components/i18n-provider";
import { ActionForm } from "@/components/questions/action-form";

export function RetireForm({ policyId, title }: { policyId: string; title: string }) {
  const t = useT();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-red-800">{t("policies.retire.summary")}</summary>
      <ActionForm action={`/api/policies/${encodeURIComponent(policyId)}/retire`} testId="retire-policy" submitLabel={t("policies.retire.submit")} tone="danger" build={(f) => ({ reason: String(f.get("reason") ?? "").trim() })}>
        <label className="mt-2 flex flex-col">
          <span>{t("policies.retire.reason")}</span>
          <textarea name="reason" rows={2} maxLength={500} required aria-label={t("policies.retire.reasonFor", { title })} className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </ActionForm>
    </details>
  );
}
