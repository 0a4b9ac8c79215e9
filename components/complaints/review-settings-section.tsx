import { REVIEW_KEY, DEFAULT_REVIEW_MINUTES, reviewSetting } from "@/lib/complaints/review-settings";
import { db } from "@/lib/db/client";
import { isolateBidi } from "@/lib/bidi";
import { withNodes } from "@/components/rich-text";
import { getT } from "@/lib/i18n/t";
import { ReviewSettingForm } from "./review-setting-form";

/** The admin page's section for complaint review rules (self-contained: one line in app/admin/page.tsx). */
export async function ReviewSettingsSection({ lines }: { lines: { id: string; name: string }[] }) {
  const [t, rows, reviewers] = await Promise.all([
    getT(),
    db().appSetting.findMany({ where: { key: { startsWith: REVIEW_KEY } }, orderBy: { key: "asc" } }),
    db().user.findMany({ where: { disabledAt: null, roles: { hasSome: ["QA_REVIEWER", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  ]);
  const lineName = new Map(lines.map((l) => [l.id, l.name]));
  const reviewerName = new Map(reviewers.map((r) => [r.id, r.name]));
  const shown = rows.flatMap((r) => {
    const parsed = reviewSetting.safeParse(r.value);
    if (!parsed.success) return [];
    const lineId = r.key === REVIEW_KEY ? null : r.key.slice(REVIEW_KEY.length + 1);
    const reviewerId = parsed.data.reviewerId;
    const mode = <>{t(`complaintSettings.mode.${parsed.data.mode}`)}{reviewerId ? withNodes(t("admin.reviewerName"), { name: <bdi>{reviewerName.get(reviewerId) ?? "?"}</bdi> }) : ""}</>;
    const line = lineId ? <bdi>{lineName.get(lineId) ?? "?"}</bdi> : t("complaintSettings.company");
    return [{ key: r.key, text: withNodes(t("complaintSettings.row"), { line, mode, minutes: parsed.data.reviewMinutes }) }];
  });
  return (
    <section aria-labelledby="complaint-review-h">
      <h2 id="complaint-review-h" className="text-lg font-semibold">{t("complaintSettings.title")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("complaintSettings.intro")}</p>
      <ul className="mt-2 text-sm" data-testid="complaint-review-rules">
        {!rows.some((r) => r.key === REVIEW_KEY) && <li>{t("complaintSettings.company")} · {t("complaintSettings.default", { minutes: DEFAULT_REVIEW_MINUTES })}</li>}
        {shown.map((s) => <li key={s.key}>{s.text}</li>)}
      </ul>
      <div className="mt-3">
        <ReviewSettingForm lines={lines} reviewers={reviewers.map((r) => ({ id: r.id, name: t("admin.nameEmail", { name: isolateBidi(r.name), email: r.email }) }))} defaultMinutes={DEFAULT_REVIEW_MINUTES} />
      </div>
    </section>
  );
}
