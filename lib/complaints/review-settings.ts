// Who reviews the complaints of a 条线, and within how much working time. Stored as an AppSetting
// ("complaint.review:<lineId>", else the company's "complaint.review"), validated on save and on read,
// so a hand-edited row cannot break filing: an unreadable one falls back to the default.
// No "server-only": the worker's overdue sweep reads it too.
import { z } from "zod";
import type { DbTx } from "../db/client";

export const REVIEW_KEY = "complaint.review";
export const reviewKey = (lineId?: string | null) => (lineId ? `${REVIEW_KEY}:${lineId}` : REVIEW_KEY);

/** MANAGER: the owner's manager from the org chart (else a QA reviewer); QA: a QA reviewer; USER: the named QA reviewer or admin. */
export const REVIEW_MODES = ["MANAGER", "QA", "USER"] as const;
type ReviewMode = (typeof REVIEW_MODES)[number];

/** 2 working days of 8 hours. */
export const DEFAULT_REVIEW_MINUTES = 960;
/** A statement the owner is asked for is due within one working day. */
export const STATEMENT_MINUTES = 480;

export const reviewSetting = z
  .object({
    mode: z.enum(REVIEW_MODES, { error: "复核人规则只能是 MANAGER、QA 或 USER" }),
    reviewerId: z.string().uuid("请选择复核人").nullish(),
    reviewMinutes: z.number({ error: "复核时限应为分钟数" }).int("复核时限应为整数分钟").min(60, "复核时限至少 60 分钟").max(14_400, "复核时限最多 14400 分钟（30 个工作日）"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.mode === "USER" && !v.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: "指定复核人时必须选择一个人" });
    if (v.mode !== "USER" && v.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: "只有“指定复核人”规则才需要选择复核人" });
  });
export type ReviewSetting = z.infer<typeof reviewSetting>;

export const DEFAULT_REVIEW_SETTING: ReviewSetting = { mode: "MANAGER", reviewerId: null, reviewMinutes: DEFAULT_REVIEW_MINUTES };

/** The 条线's own setting, else the company's, else the default. */
export async function loadReviewSetting(db: DbTx, lineId: string): Promise<ReviewSetting & { source: "line" | "company" | "default" }> {
  const rows = await db.appSetting.findMany({ where: { key: { in: [reviewKey(lineId), REVIEW_KEY] } } });
  for (const [key, source] of [[reviewKey(lineId), "line"], [REVIEW_KEY, "company"]] as const) {
    const parsed = reviewSetting.safeParse(rows.find((r) => r.key === key)?.value);
    if (parsed.success) return { ...parsed.data, source };
  }
  return { ...DEFAULT_REVIEW_SETTING, source: "default" };
}
