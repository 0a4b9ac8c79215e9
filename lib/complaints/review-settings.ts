// Who reviews the complaints of a 条线, and within how much working time. Stored as an AppSetting
// ("complaint.review:<lineId>", else the company's "complaint.review"), validated on save and on read,
// so a hand-edited row cannot break filing: an unreadable one falls back to the default.
// No "server-only": the worker's overdue sweep reads it too.
import { z } from "zod";
import type { DbTx } from "../db/client";
import { fieldKey } from "../errors";

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
    mode: z.enum(REVIEW_MODES, { error: fieldKey("errors.field.reviewModeInvalid") }),
    reviewerId: z.string().uuid(fieldKey("errors.field.reviewerRequired")).nullish(),
    reviewMinutes: z.number({ error: fieldKey("errors.field.reviewMinutesNumber") }).int(fieldKey("errors.field.reviewMinutesInteger")).min(60, fieldKey("errors.field.reviewMinutesMin")).max(14_400, fieldKey("errors.field.reviewMinutesMax")),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.mode === "USER" && !v.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: fieldKey("errors.field.reviewerUserRequired") });
    if (v.mode !== "USER" && v.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: fieldKey("errors.field.reviewerOnlyForUser") });
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
