"use client";

import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "@/components/i18n-provider";

const REASONS = ["OUTDATED", "HARD_TO_UNDERSTAND", "DIFFERS_FROM_PRACTICE", "ANSWER_NOT_FOUND", "OTHER"] as const;

export function PolicyFeedback({ policyId, sections }: { policyId: string; sections: { id: string; label: string }[] }) {
  const t = useT();
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // One key per vote: a double click or a retry after a lost answer stores one vote.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  if (done) return <p role="status" data-testid="feedback-thanks" className="text-green-800">{t("policies.feedback.thanks")}</p>;
  return (
    <form
      data-testid="feedback-form"
      className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        try {
          await api("/api/feedback", {
            body: {
              idempotencyKey,
              policyId,
              sectionId: String(f.get("sectionId") ?? "") || undefined,
              helpful: helpful === true,
              reason: helpful ? undefined : String(f.get("reason") ?? "") || undefined,
              comment: String(f.get("comment") ?? "") || undefined,
            },
          });
          setDone(true);
        } catch (err) {
          setError(err as ApiError);
        }
      }}
    >
      <fieldset>
        <legend className="font-medium">{t("policies.feedback.question")}</legend>
        <label className="mr-4"><input type="radio" name="helpful" onChange={() => setHelpful(true)} /> {t("policies.feedback.helpful")}</label>
        <label><input type="radio" name="helpful" onChange={() => setHelpful(false)} /> {t("policies.feedback.notHelpful")}</label>
      </fieldset>
      {sections.length > 1 && (
        <label className="block text-sm">{t("policies.feedback.section")}
          <select name="sectionId" className="ml-2 rounded border border-slate-400 px-2 py-1"><option value="">{t("policies.feedback.wholePolicy")}</option>{sections.map((s) => <option key={s.id} value={s.id} translate="no">{s.label}</option>)}</select>
        </label>
      )}
      {helpful === false && (
        <fieldset>
          <legend className="text-sm font-medium">{t("policies.feedback.reason")}</legend>
          {REASONS.map((v) => <label key={v} className="mr-3 text-sm"><input type="radio" name="reason" value={v} /> {t(`policies.feedback.reason.${v}`)}</label>)}
        </fieldset>
      )}
      {helpful === false && <label className="block text-sm">{t("policies.feedback.comment")}<textarea name="comment" rows={2} maxLength={1000} className="mt-1 w-full rounded border border-slate-400 p-2" /></label>}
      {error && <p role="alert" className="text-sm text-red-800">{Object.values(error.fields ?? {})[0] ?? error.message}</p>}
      <button type="submit" disabled={helpful === null} className="rounded-md bg-blue-700 px-3 py-1 text-white disabled:opacity-50">{t("policies.feedback.submit")}</button>
    </form>
  );
}
