"use client";

import { ActionForm } from "./action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";

export function AskerActions({ questionId, status, rated }: { questionId: string; status: string; rated: boolean }) {
  const base = `/api/questions/${questionId}`;
  const done = status === "RESOLVED" || status === "CLOSED";
  return (
    <div className="space-y-6">
      {status !== "CLOSED" && (
        <ActionForm action={`${base}/asker-reply`} testId="asker-reply-form" submitLabel="补充说明" tone="plain" build={(f) => ({ body: String(f.get("body") ?? "") })}>
          <label htmlFor="asker-body" className="block font-medium">补充信息或材料</label>
          <textarea id="asker-body" name="body" rows={3} className={input} />
        </ActionForm>
      )}
      {status === "RESOLVED" && <ActionForm action={`${base}/confirm`} testId="confirm-form" submitLabel="确认已解决" build={() => ({})} />}
      {done && (
        <ActionForm action={`${base}/reopen`} testId="reopen-form" submitLabel="没有解决，重新打开" tone="plain" build={(f) => ({ reason: String(f.get("reason") ?? "") })}>
          <label htmlFor="reopen-reason" className="block font-medium">为什么没有解决</label>
          <input id="reopen-reason" name="reason" className={input} />
        </ActionForm>
      )}
      {done && !rated && (
        <ActionForm action={`${base}/rate`} testId="rate-form" submitLabel="提交评价" idempotent
          build={(f) => ({ score: Number(f.get("score")), policyClear: f.get("policyClear") === "yes" ? true : f.get("policyClear") === "no" ? false : undefined, reasons: f.getAll("reason").map(String), comment: String(f.get("comment") ?? "") || undefined })}>
          <fieldset>
            <legend className="font-medium">满意度</legend>
            {[1, 2, 3, 4, 5].map((n) => <label key={n} className="mr-3"><input type="radio" name="score" value={n} /> {n}</label>)}
          </fieldset>
          <fieldset>
            <legend className="font-medium">原因（可多选）</legend>
            {["响应及时", "一次讲清楚", "态度好", "拖延", "被推诿"].map((r) => <label key={r} className="mr-3"><input type="checkbox" name="reason" value={r} /> {r}</label>)}
          </fieldset>
          <fieldset>
            <legend className="font-medium">制度是否清楚？</legend>
            <label className="mr-3"><input type="radio" name="policyClear" value="yes" /> 清楚</label>
            <label><input type="radio" name="policyClear" value="no" /> 不清楚</label>
          </fieldset>
          <label htmlFor="rate-comment" className="block font-medium">评价（可选）</label>
          <input id="rate-comment" name="comment" className={input} />
        </ActionForm>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-red-800">投诉</summary>
        <ActionForm action={`${base}/complain`} testId="complain-form" submitLabel="提交投诉" tone="danger" idempotent build={(f) => ({ reason: String(f.get("reason") ?? "") })}>
          <label htmlFor="complain-reason" className="block font-medium">投诉理由（交给复核人，通常是责任人的上级；复核结论出来前责任人看不到投诉，也不知道是谁投诉的）</label>
          <textarea id="complain-reason" name="reason" rows={3} className={input} />
        </ActionForm>
      </details>
    </div>
  );
}

export function HandoffResponse({ handoffId }: { handoffId: string }) {
  return (
    <div className="flex flex-wrap gap-6">
      <ActionForm action={`/api/handoffs/${handoffId}/respond`} testId="accept-form" submitLabel="接收，由我负责" build={() => ({ accept: true })} />
      <ActionForm action={`/api/handoffs/${handoffId}/respond`} testId="decline-form" submitLabel="拒绝" tone="plain" build={(f) => ({ accept: false, declineReason: String(f.get("declineReason") ?? "") })}>
        <label htmlFor="decline-reason" className="block font-medium">拒绝理由</label>
        <input id="decline-reason" name="declineReason" className={input} />
      </ActionForm>
    </div>
  );
}
