import { companyZone } from "../time/zone";
import type { QuestionStatus, ResolutionKind, AnswerExposure, QuestionEventType } from "../db/generated/enums";

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

export const EXPOSURE_LABEL: Record<AnswerExposure, string> = {
  IGNORED: "答案已在制度中：提问前看到了但没有打开",
  OPENED: "答案已在制度中：提问前打开过，仍不清楚",
  SEARCH_MISS: "答案已在制度中：搜索没有找到",
};

export const EVENT_LABEL: Record<QuestionEventType, string> = {
  ASKED: "提交问题",
  ROUTED: "分派首问责任人",
  REPLIED: "答复",
  HANDOFF_REQUESTED: "发起转交",
  HANDOFF_ACCEPTED: "接收转交",
  HANDOFF_DECLINED: "拒绝转交",
  HANDOFF_CANCELLED: "撤回转交",
  PAUSED: "暂停计时",
  RESUMED: "恢复计时",
  RESOLVED: "办结",
  CONFIRMED: "确认解决",
  REOPENED: "重新打开",
  RATED: "评价",
  COMPLAINED: "投诉",
  COMPLAINT_REVIEWED: "投诉复核",
  COMPLAINT_STATEMENT_REQUESTED: "投诉复核：请责任人说明",
  COMPLAINT_STATEMENT_GIVEN: "投诉复核：责任人已说明",
  COMPLAINT_REVIEW_OVERDUE: "投诉复核超时",
  WARNED: "时限预警",
  ESCALATED: "升级",
  PING_PONG_FLAGGED: "踢皮球预警",
  BRUSH_OFF_BLOCKED: "拦截服务忌语",
  CLOSED: "关闭",
  INSTRUCTED: "上级督办",
  INSTRUCTION_ACKNOWLEDGED: "确认督办意见",
  REASSIGNED: "上级改派",
  DEADLINE_EXTENDED: "上级延长时限",
  TAKEN_OVER: "上级接手",
  URGENCY_CHANGED: "紧急程度调整",
  FIRST_RESPONSE_BREACHED: "首次响应超时",
  HANDOFF_EXPIRED: "转交超时未接收",
};

/** A time as people read it: company time ("2026/12/10 17:00"), whatever the server's or browser's zone. */
export const fmt = (d: Date | null | undefined) =>
  d ? new Intl.DateTimeFormat("zh-CN", { timeZone: companyZone(), year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(d) : "—";
