"use client";

import { useT } from "../i18n-provider";
import { ActionForm } from "../questions/action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
type Opt = { id: string; name: string };

/** Admin: who reviews complaints about a 条线 (or the company default), and within how long. */
export function ReviewSettingForm({ lines, reviewers, defaultMinutes }: { lines: Opt[]; reviewers: Opt[]; defaultMinutes: number }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/complaint-review" testId="complaint-review-form" submitLabel={t("complaintSettings.save")}
      build={(f) => {
        const lineId = String(f.get("lineId") ?? "");
        const reviewerId = String(f.get("reviewerId") ?? "");
        return { ...(lineId ? { lineId } : {}), setting: { mode: String(f.get("mode") ?? ""), reviewerId: reviewerId || null, reviewMinutes: Number(f.get("minutes")) } };
      }}>
      <div className="grid gap-3 sm:grid-cols-4">
        <label className="block">{t("complaintSettings.line")}
          <select name="lineId" className={input}><option value="">{t("complaintSettings.company")}</option>{lines.map((l) => <option key={l.id} value={l.id} translate="no">{l.name}</option>)}</select>
        </label>
        <label className="block">{t("complaintSettings.modeLabel")}
          <select name="mode" className={input}>
            {(["MANAGER", "QA", "USER"] as const).map((m) => <option key={m} value={m}>{t(`complaintSettings.mode.${m}`)}</option>)}
          </select>
        </label>
        <label className="block">{t("complaintSettings.reviewer")}
          <select name="reviewerId" className={input}><option value="">{t("complaintSettings.none")}</option>{reviewers.map((r) => <option key={r.id} value={r.id} translate="no">{r.name}</option>)}</select>
        </label>
        <label className="block">{t("complaintSettings.minutes")}
          <input name="minutes" type="number" min={60} max={14400} defaultValue={defaultMinutes} required className={input} />
        </label>
      </div>
    </ActionForm>
  );
}
