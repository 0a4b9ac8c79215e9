"use client";

import { useT } from "../i18n-provider";
import { ActionForm } from "../questions/action-form";

const GRADES = [5, 4, 3, 2, 1] as const;

/** 1–5 and a comment; errors come back naming the field (评分 / 评语). */
export function GradeForm({ reviewId, grade, comment, submitLabel }: { reviewId: string; grade?: number | null; comment?: string | null; submitLabel: string }) {
  const t = useT();
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
        <legend className="mb-1 font-medium">{t("qa.gradeLegend")}</legend>
        {GRADES.map((value) => (
          <label key={value} className="flex items-center gap-1">
            <input type="radio" name="grade" value={value} defaultChecked={grade === value} /> {t(`qa.grade.${value}`)}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        {t("qa.comment")}
        <textarea name="comment" rows={2} maxLength={2000} defaultValue={comment ?? ""} className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2" />
      </label>
    </ActionForm>
  );
}

export function DrawForm() {
  const t = useT();
  return <ActionForm action="/api/qa/draw" testId="qa-draw-form" submitLabel={t("qa.draw")} tone="plain" build={() => ({})} />;
}
