import type { MessageKey } from "../i18n/messages/zh-CN";

/**
 * The reasons an asker can tick with a rating. The value is stored with the rating as it always
 * was (Chinese, whatever the asker's language), so reports group them; the label is translated.
 */
export const RATING_REASONS: readonly { value: string; label: MessageKey }[] = [
  { value: "响应及时", label: "asker.reason.timely" },
  { value: "一次讲清楚", label: "asker.reason.clear" },
  { value: "态度好", label: "asker.reason.friendly" },
  { value: "拖延", label: "asker.reason.slow" },
  { value: "被推诿", label: "asker.reason.passedOn" },
];
