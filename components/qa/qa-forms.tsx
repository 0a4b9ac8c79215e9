"use client";

import { ActionForm } from "../questions/action-form";

const GRADES: [number, string][] = [
  [5, "5 优秀"],
  [4, "4 良好"],
  [3, "3 合格"],
  [2, "2 需改进"],
  [1, "1 不合格"],
];

/** 1–5 and a comment; errors come back naming the field (评分 / 评语). */
export function GradeForm({ reviewId, grade, comment, submitLabel }: { reviewId: string; grade?: number | null; comment?: string | null; submitLabel: string }) {
  return (
    <ActionForm
      action="/api/qa/grade"
      testId={`grade-form-${reviewId}`}
      submitLabel={submitLabel}
      build={(f) => {
        const g = f.get("grade");
        const c = String(f.get("comment") ?? "").trim();
        return { reviewId, ...(g === null ? {} : { grade: Number(g) }), ...(c ? { comment: c } : {}) };
      }}
    >
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 font-medium">评分</legend>
        {GRADES.map(([value, label]) => (
          <label key={value} className="flex items-center gap-1">
            <input type="radio" name="grade" value={value} defaultChecked={grade === value} /> {label}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        评语（可选，最多 2000 字）
        <textarea name="comment" rows={2} maxLength={2000} defaultValue={comment ?? ""} className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2" />
      </label>
    </ActionForm>
  );
}

export function DrawForm() {
  return <ActionForm action="/api/qa/draw" testId="qa-draw-form" submitLabel="立即抽取上周样本" tone="plain" build={() => ({})} />;
}
