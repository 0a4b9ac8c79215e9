import { companyZone } from "../time/zone";
import type { QuestionStatus, ResolutionKind } from "../db/generated/enums";

// Labels for exports and reports that are always in Chinese (the ledger CSV); pages use the
// catalogues (status.*, resolution.*, exposure.*, event.* in lib/i18n/messages/core.*.ts).
export const STATUS_LABEL: Record<QuestionStatus, string> = {
  OPEN: "待处理",
  IN_PROGRESS: "处理中",
  WAITING_ASKER: "等待提问人补充",
  RESOLVED: "已办结",
  CLOSED: "已确认解决",
};

export const RESOLUTION_LABEL: Record<ResolutionKind, string> = {
  EXISTING_POLICY: "已有制度",
  POLICY_UNCLEAR: "制度不清",
  NO_POLICY: "无制度",
};

/** A time as people read it: company time ("2026/12/10 17:00"), whatever the server's or browser's zone. */
export const fmt = (d: Date | null | undefined) =>
  d ? new Intl.DateTimeFormat("zh-CN", { timeZone: companyZone(), year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(d) : "—";
