"use client";

import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";

const REASONS: [string, string][] = [
  ["OUTDATED", "过时"],
  ["HARD_TO_UNDERSTAND", "看不懂"],
  ["DIFFERS_FROM_PRACTICE", "与实际不符"],
  ["ANSWER_NOT_FOUND", "没找到答案"],
  ["OTHER", "其他"],
];

export function PolicyFeedback({ policyId, sections }: { policyId: string; sections: { id: string; label: string }[] }) {
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // One key per vote: a double click or a retry after a lost answer stores one vote.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  if (done) return <p role="status" data-testid="feedback-thanks" className="text-green-800">谢谢你的反馈，制度负责人会看到。</p>;
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
        <legend className="font-medium">这份制度有帮助吗？</legend>
        <label className="mr-4"><input type="radio" name="helpful" onChange={() => setHelpful(true)} /> 有帮助</label>
        <label><input type="radio" name="helpful" onChange={() => setHelpful(false)} /> 没有帮助</label>
      </fieldset>
      {sections.length > 1 && (
        <label className="block text-sm">针对条款（可选）
          <select name="sectionId" className="ml-2 rounded border border-slate-400 px-2 py-1"><option value="">整份制度</option>{sections.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</select>
        </label>
      )}
      {helpful === false && (
        <fieldset>
          <legend className="text-sm font-medium">原因（必选）</legend>
          {REASONS.map(([v, l]) => <label key={v} className="mr-3 text-sm"><input type="radio" name="reason" value={v} /> {l}</label>)}
        </fieldset>
      )}
      {helpful === false && <label className="block text-sm">补充说明<textarea name="comment" rows={2} maxLength={1000} className="mt-1 w-full rounded border border-slate-400 p-2" /></label>}
      {error && <p role="alert" className="text-sm text-red-800">{Object.values(error.fields ?? {})[0] ?? error.message}</p>}
      <button type="submit" disabled={helpful === null} className="rounded-md bg-blue-700 px-3 py-1 text-white disabled:opacity-50">提交反馈</button>
    </form>
  );
}
