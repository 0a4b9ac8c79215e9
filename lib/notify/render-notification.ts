// What each kind of notification says: what happened, which question, how much time is left (or how
// late), and what to do, with a link. One template per kind (docs/decisions/0006, "What a message may
// carry"); every template renders from a payload with fields missing (older rows) without failing.
//
// Audience decides what a message may carry (the renderers in message.ts escape whatever it carries):
// - "personal" (站内 and e-mail: read by the recipient alone): the question's number, 条线 and the first
//   line of the matter, names of the staff involved, notes and reasons written for the recipient.
// - "group" (企业微信 / 钉钉 / 飞书 group bots: posted into shared chats): the number, 条线, times, levels,
//   staff names and the action, never the matter's text nor a free-text note or reason; complaint kinds
//   do not even name the question (a colleague in the chat may be the owner it is about).
// A complaint is invisible to the owner until decided: no template names the complaining asker, and the
// statement request to the owner says "服务复核", not who complained or why.
import { isolateBidi } from "../bidi";
import type { NotificationChannel } from "../db/generated/enums";
import { renderPolicyReview, type PolicyReviewDigest } from "./digest/policy-review-digest";
import { renderDigest, type DigestData } from "./digest/render-digest";
import { FRAME_EN, TEMPLATES_EN } from "./render-notification-en";
import type { Locale } from "../i18n/locales";
import { shanghaiShort } from "./local-day";
import type { Message } from "./message";
import { questionRef } from "../kernel/question-ref";

export type Audience = "personal" | "group";

export interface QuestionFacts {
  id: string;
  number: number;
  lineName: string;
  /** the question's text; only its first line is used, and only in personal messages */
  body?: string | null;
  askerId?: string | null;
  ownerId?: string | null;
  /** the question's deadlines now: used where a payload (written before the contract) has none */
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
}

export interface NotificationFacts {
  kind: string;
  payload: unknown;
  question: QuestionFacts | null;
  /** Base URL of the portal for links (NEXTAUTH_URL); no link without it. */
  portalUrl?: string;
  /** The channel the message is for (default IN_APP): decides the audience. */
  channel?: NotificationChannel;
  /** Who receives it: picks the action line where one kind goes to several roles. */
  recipientId?: string;
  /** When the announcement was made (the row's createdAt): time left / late is counted from it. */
  at?: Date;
  /** The reader's language (the in-app inbox); mail and IM have no reader's locale and stay zh-CN. */
  locale?: Locale;
}


export function audienceOf(channel: NotificationChannel | undefined): Audience {
  return channel === "WECOM" || channel === "DINGTALK" || channel === "FEISHU" ? "group" : "personal";
}

/** The first non-empty line of the matter, at most `max` characters. */
export function firstLineOf(body: string | null | undefined, max = 40): string | null {
  const line = (body ?? "").split(/[\r\n\u2028\u2029]+/).map((l) => l.trim()).find((l) => l.length > 0);
  if (!line) return null;
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : line;
}

/** "3 天 2 小时" / "2 小时 5 分钟" / "15 分钟" (wall-clock minutes). */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
  return `${minutes} 分钟`;
}

const RESOLUTION: Record<string, string> = { EXISTING_POLICY: "已有制度", POLICY_UNCLEAR: "制度不清", NO_POLICY: "无制度" };
const ASSIGN_REASON: Record<string, string> = {
  matrix: "按条线责任矩阵",
  roster: "按值班表",
  "least-loaded": "按当前待办最少",
  named: "提问人指定",
  handoff: "转交接收",
  reassigned: "上级改派",
  "taken-over": "上级接手",
};
const OWNER_CHANGE: Record<string, string> = { handoff: "转交", reassigned: "上级改派", "taken-over": "上级接手" };

/** Typed access to a payload whose fields may be missing or of the wrong type (older rows, hostile input). */
class Fields {
  constructor(private readonly p: Record<string, unknown>) {}
  str(key: string): string | null {
    const v = this.p[key];
    return typeof v === "string" && v.trim() ? v.trim() : null;
  }
  name(key: string): string | null {
    const v = this.str(key);
    return v ? isolateBidi(v) : null;
  }
  num(key: string): number | null {
    const v = this.p[key];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  }
  date(key: string): Date | null {
    const v = this.p[key];
    if (typeof v !== "string" && typeof v !== "number") return null;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  bool(key: string): boolean | null {
    const v = this.p[key];
    return typeof v === "boolean" ? v : null;
  }
  has(key: string): boolean {
    return this.p[key] !== undefined && this.p[key] !== null;
  }
}

export interface TemplateCtx {
  f: Fields;
  question: QuestionFacts | null;
  /** "Q-000042" or "该问题" when the number is unknown */
  q: string;
  audience: Audience;
  /** who receives it relative to the question */
  role: "asker" | "owner" | "other";
  recipientId?: string;
  at: Date;
}

export interface TemplateResult {
  subject: string;
  /** what happened (first), then anything the recipient should know */
  lines: string[];
  /** deadlines: left or late */
  time?: (string | null)[];
  /** what to do */
  action?: string | null;
  /** false: the message must not name the question (group messages about complaints) */
  showQuestion?: boolean;
  /** where the link goes instead of the question page */
  linkPath?: string;
}

const TONE: Record<string, Message["tone"]> = {
  "deadline.warning": "warning",
  "handoff.expired": "warning",
  "complaint.filed": "warning",
  "question.first-response-breach": "urgent",
  "question.escalated": "urgent",
  "complaint.review-overdue": "urgent",
  "account.signin-attack": "urgent",
};

/** "截止 03-10 17:00（还有 2 小时）" / "（已超时 1 小时）", counted from the announcement. */
function deadline(label: string, due: Date | null, at: Date): string | null {
  if (!due) return null;
  const diff = (due.getTime() - at.getTime()) / 60_000;
  const rel = diff >= 1 ? `还有 ${formatMinutes(diff)}` : diff > -1 ? "已到期" : `已超时 ${formatMinutes(-diff)}`;
  return `${label} ${shanghaiShort(due)}（${rel}）`;
}

const late = (minutes: number | null) => (minutes !== null && minutes > 0 ? `已超时 ${formatMinutes(minutes)}` : null);

/** A note or reason someone typed: personal messages quote it, group messages only say there is one. */
function typed(c: TemplateCtx, label: string, key: string): string | null {
  const v = c.f.str(key);
  if (!v) return null;
  return c.audience === "personal" ? `${label}：“${v.length > 500 ? `${v.slice(0, 500)}…` : v}”` : `${label}：请在首问中查看`;
}

const levelName = (level: number | null) => (level === null ? "上一级" : level === 0 ? "首问责任人" : `第 ${level} 级`);

const TEMPLATES: Record<string, (c: TemplateCtx) => TemplateResult> = {
  "question.assigned": (c) => {
    const reason = c.f.str("reason");
    const line = c.f.str("line");
    return {
      subject: `新问题待处理：${c.q}${line ? `（${line}）` : ""}`,
      lines: [`你是这个问题的首问责任人${reason ? `（分派依据：${ASSIGN_REASON[reason] ?? reason}）` : ""}。`],
      // Older producers wrote { number, line } only: the question's own deadlines stand in.
      time: [
        deadline("首次响应", c.f.date("firstResponseDueAt") ?? c.question?.firstResponseDueAt ?? null, c.at),
        deadline("办结", c.f.date("dueAt") ?? c.question?.resolutionDueAt ?? null, c.at),
      ],
      action: "请在首次响应时限前答复提问人或索要材料，超时将自动升级。",
    };
  },
  "question.replied": (c) => ({
    subject: `你的问题 ${c.q} 有了新答复`,
    lines: ["首问责任人答复了你的问题。"],
    action: "请查看答复；需要补充材料时请在问题页补充。",
  }),
  "question.resolved": (c) => ({
    subject: `你的问题 ${c.q} 已办结`,
    lines: [`办结类型：${RESOLUTION[String(c.f.str("kind"))] ?? "—"}`],
    action: "请确认是否已经解决，并为这次服务评价；未解决可以重新打开。",
  }),
  "question.asker-replied": (c) => ({
    subject: `提问人补充了 ${c.q}`,
    lines: ["提问人补充了信息。"],
    action: "请查看补充内容并继续处理。",
  }),
  "question.reopened": (c) => ({
    subject: `问题 ${c.q} 被重新打开`,
    lines: ["提问人认为问题尚未解决。"],
    action: "请继续处理并再次答复提问人。",
  }),
  // people = distinct owners, handCount − 1 = accepted handoffs (docs/metrics.md); older payloads carry only handCount.
  "question.ping-pong": (c) => {
    const people = c.f.num("people") ?? 0;
    const handoffs = (c.f.num("handCount") ?? 0) - 1;
    const counted = people > 0 && handoffs > 0 ? `已在 ${people} 人之间转交 ${handoffs} 次` : "已被多次转交";
    return { subject: `问题 ${c.q} 被反复转交`, lines: [`这个问题${counted}，请协调确定责任人。`], action: "请指定一位责任人，必要时改派或接手。" };
  },
  "deadline.warning": (c) => {
    const threshold = c.f.num("threshold");
    const level = c.f.num("level");
    const which = level && level > 0 ? `第 ${level} 级升级后的办结时限` : "办结时限";
    return {
      subject: `时限预警${threshold ? ` ${threshold}%` : ""}：${c.q} 尚未办结`,
      lines: [`问题 ${c.q} 已用去${threshold ? ` ${threshold}% ` : "大部分"}的${which}，仍未办结。`],
      time: [deadline("办结", c.f.date("due"), c.at)],
      action: "请尽快答复提问人、索要材料或办结；到期未办结将自动升级至上一级。",
    };
  },
  "question.first-response-breach": (c) => ({
    subject: `首次响应超时：${c.q}`,
    lines: [`问题 ${c.q} 超过首次响应时限仍未答复提问人${late(c.f.num("lateMinutes")) ? `，${late(c.f.num("lateMinutes"))}` : ""}。`],
    time: [c.f.num("lateMinutes") === null ? deadline("首次响应", c.f.date("due"), c.at) : c.f.date("due") ? `首次响应时限 ${shanghaiShort(c.f.date("due")!)}` : null],
    action: "请立即答复提问人或索要材料；提问人在等待首次响应。",
  }),
  "question.escalated": (c) => {
    const level = c.f.num("level");
    const from = c.f.num("fromLevel") ?? (level !== null ? level - 1 : null);
    const toName = c.f.name("toName");
    const nextName = c.f.name("nextName");
    // Older rows (before the contract) carried only { number, level, due } with due = the new level's deadline.
    const contract = c.f.has("newDue") || c.f.has("lateMinutes") || c.f.has("toName");
    const newDue = c.f.date("newDue") ?? (contract ? null : c.f.date("due"));
    const breached = contract ? c.f.date("due") : null;
    const lateText = late(c.f.num("lateMinutes"));
    const toYou = c.recipientId !== undefined && (c.f.str("toUserId") === c.recipientId || (!c.f.has("toUserId") && c.role === "other"));
    const action =
      c.role === "asker"
        ? "无需操作：升级后的负责人会督办，你可以在问题页查看进展。"
        : toYou
          ? "请在问题页督办：指示责任人、改派他人、延长时限（写明理由）或接手办结。"
          : "请立即处理并答复提问人；升级负责人可能会指示、改派或接手。";
    return {
      subject: `问题 ${c.q} 已升级至${levelName(level)}${toName ? `（${toName}）` : ""}`,
      lines: [
        `问题 ${c.q} 在${levelName(from)}的时限内未办结${lateText ? `（${lateText}）` : ""}，已升级至${levelName(level)}${toName ? `：${toName}` : ""}。`,
        ...(breached ? [`原时限 ${shanghaiShort(breached)}`] : []),
      ],
      time: [deadline("本级办结", newDue, c.at), nextName ? `本级仍未办结将升级至 ${nextName}` : newDue ? "本级仍未办结将继续向上升级" : null],
      action,
    };
  },
  "question.instructed": (c) => ({
    subject: `督办指示：${c.q}`,
    lines: [`${c.f.name("byName") ?? "上级"} 就问题 ${c.q} 给你下达了督办指示。`, typed(c, "指示", "note")].filter((l): l is string => !!l),
    action: "请在问题页确认收到指示，并按指示处理。",
  }),
  "question.instruction-acknowledged": (c) => ({
    subject: `${c.f.name("ownerName") ?? "责任人"} 已确认督办指示：${c.q}`,
    lines: [`${c.f.name("ownerName") ?? "责任人"} 已确认收到你对问题 ${c.q} 的督办指示。`],
    action: "无需操作；可在问题页跟进办理情况。",
  }),
  "question.reassigned": (c) => {
    const by = c.f.name("byName") ?? "上级";
    const from = c.f.name("fromName");
    const to = c.f.name("toName");
    const isNewOwner = c.role === "owner";
    return {
      subject: isNewOwner ? `问题 ${c.q} 已改派给你` : `问题 ${c.q} 已改派${to ? `给 ${to}` : ""}`,
      lines: [`${by} 将问题 ${c.q}${from ? ` 从 ${from}` : ""} 改派给${isNewOwner ? "你" : to ? ` ${to}` : "他人"}。`, typed(c, "说明", "note")].filter((l): l is string => !!l),
      time: isNewOwner ? [deadline("首次响应", c.f.date("firstResponseDueAt"), c.at), deadline("办结", c.f.date("dueAt"), c.at)] : [deadline("新的办结", c.f.date("dueAt"), c.at)],
      action: isNewOwner ? "请在首次响应时限前答复提问人或索要材料。" : c.role === "asker" ? "无需操作：新的首问责任人会继续处理。" : "你无需再处理这个问题；如有进展请告知新的责任人。",
    };
  },
  "question.deadline-extended": (c) => ({
    subject: `问题 ${c.q} 的办结时限已延长`,
    lines: [`${c.f.name("byName") ?? "上级"} 延长了问题 ${c.q} 的办结时限。`, typed(c, "理由", "reason")].filter((l): l is string => !!l),
    time: [deadline("新的办结", c.f.date("dueAt"), c.at)],
    action: c.role === "asker" ? "无需操作：责任人会在新的时限内办结。" : "请在新的时限内办结。",
  }),
  "question.taken-over": (c) => ({
    subject: `问题 ${c.q} 已由 ${c.f.name("byName") ?? "上级"} 接手`,
    lines: [`${c.f.name("byName") ?? "上级"} 接手了问题 ${c.q}，由其直接办结。`],
    action: c.role === "asker" ? "无需操作：接手人会继续处理。" : "你无需再处理这个问题。",
  }),
  "question.urgency-changed": (c) => {
    const urgent = c.f.bool("urgent");
    const what = urgent === null ? "调整了紧急程度" : urgent ? "标为紧急" : "改为普通";
    return {
      subject: `问题 ${c.q} 已${what}`,
      lines: [`${c.f.name("byName") ?? "有人"} 将问题 ${c.q} ${what}${urgent === true ? "，适用紧急时限" : urgent === false ? "，适用普通时限" : ""}。`, typed(c, "理由", "reason")].filter((l): l is string => !!l),
      action: c.role === "asker" ? "无需操作；如有异议请在问题页说明。" : urgent ? "请优先处理：紧急问题的时限更短。" : "请按新的时限处理。",
    };
  },
  "question.owner-changed": (c) => {
    const why = c.f.str("why");
    const to = c.f.name("toName");
    return {
      subject: `你的问题 ${c.q} 换了首问责任人`,
      lines: [`你的问题 ${c.q} 改由${to ? ` ${to} ` : "新的责任人"}负责${why ? `（原因：${OWNER_CHANGE[why] ?? why}）` : ""}。`],
      action: "无需操作：新的责任人会继续处理，你可以在问题页查看进展。",
    };
  },
  "handoff.requested": (c) => ({
    subject: `有人请你接手问题 ${c.q}`,
    lines: [`${c.f.name("fromName") ?? "首问责任人"} 请你接手问题 ${c.q}。`, typed(c, "转交说明", "note")].filter((l): l is string => !!l),
    time: [deadline("请回应", c.f.date("respondBy"), c.at)],
    action: "请在问题页接收，或写明理由后拒绝；逾期未回应将升级。",
  }),
  "handoff.accepted": (c) => ({
    subject: `问题 ${c.q} 的转交已被接收`,
    lines: [`${c.f.name("toName") ?? "接收人"} 已接手问题 ${c.q}。`],
    action: "你无需再处理这个问题。",
  }),
  "handoff.declined": (c) => ({
    subject: `问题 ${c.q} 的转交被拒绝`,
    lines: [`${c.f.name("toName") ?? "接收人"} 拒绝了转交，问题仍由你负责。`, typed(c, "理由", "reason")].filter((l): l is string => !!l),
    action: "请继续处理，或另找合适的接手人。",
  }),
  "handoff.expired": (c) => ({
    subject: `问题 ${c.q} 的转交无人回应`,
    lines: [`${c.f.name("toName") ?? "接收人"} 未在时限内回应问题 ${c.q} 的转交请求，转交已失效。`],
    time: [c.f.date("respondBy") ? `回应时限 ${shanghaiShort(c.f.date("respondBy")!)}` : null],
    action: "问题仍由原责任人负责：请继续处理，或另找接手人。",
  }),
  "complaint.filed": (c) => ({
    subject: c.audience === "group" ? "你有一项投诉待复核" : `问题 ${c.q} 收到投诉`,
    lines: [c.audience === "group" ? "有一项投诉需要你复核（详情只在首问中显示）。" : `提问人对问题 ${c.q} 的处理提出了投诉，由你复核。`],
    time: [deadline("复核", c.f.date("reviewDueAt"), c.at)],
    action: "请在复核时限前维持或驳回投诉并写明理由；必要时请责任人说明情况。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-requested": (c) => ({
    subject: c.audience === "group" ? "你有一项服务复核待说明" : `请就问题 ${c.q} 提交说明`,
    lines: [c.audience === "group" ? "复核人请你提交一项说明（详情只在首问中显示）。" : `复核人请你就问题 ${c.q} 的处理情况提交说明（服务复核）。`, typed(c, "复核人的要求", "note")].filter((l): l is string => !!l),
    time: [deadline("说明", c.f.date("dueAt"), c.at)],
    action: "请在时限前在问题页提交说明。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-given": (c) => ({
    subject: c.audience === "group" ? "投诉复核：责任人已提交说明" : `问题 ${c.q} 的责任人已提交说明`,
    lines: [c.audience === "group" ? "你复核的投诉收到了责任人的说明。" : `问题 ${c.q} 的首问责任人已提交说明。`],
    action: "请查看说明并作出复核决定。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.decided": (c) => {
    const outcome = c.f.str("outcome");
    const verdict = outcome === "UPHELD" ? "投诉成立" : outcome === "REJECTED" ? "投诉不成立" : "已有结果";
    return {
      subject: c.audience === "group" ? `服务复核有了结果：${verdict}` : `问题 ${c.q} 的投诉复核结果：${verdict}`,
      lines: [c.audience === "group" ? `一项服务复核已经作出决定：${verdict}。` : `问题 ${c.q} 的投诉已复核：${verdict}。`, typed(c, "理由", "reason")].filter((l): l is string => !!l),
      action: "请在问题页查看复核结果和理由。",
      showQuestion: c.audience !== "group",
    };
  },
  "complaint.review-overdue": (c) => {
    const lateText = late(c.f.num("lateMinutes"));
    return {
      subject: c.audience === "group" ? "投诉复核已超时" : `问题 ${c.q} 的投诉复核已超时`,
      lines: [`${c.audience === "group" ? "一项投诉" : `问题 ${c.q} 的投诉`}超过复核时限仍未决定${lateText ? `，${lateText}` : ""}。`],
      time: [c.f.date("dueAt") ? `复核时限 ${shanghaiShort(c.f.date("dueAt")!)}` : null],
      action: "请尽快作出复核决定（维持或驳回，并写明理由）。",
      showQuestion: c.audience !== "group",
    };
  },
  "account.signin-attack": (c) => ({
    subject: "你的账号正在被他人尝试登录",
    lines: [
      `${c.f.num("windowMinutes") || 15} 分钟内，你的账号有 ${c.f.num("failures") || "多"} 次密码错误的登录尝试。`,
      "登录已被限速；你在常用的电脑上仍可照常登录。",
    ],
    action: "如果不是你本人，请尽快修改密码或联系系统管理员。",
  }),
};

/** Every kind with a template (tests render each one). */
export const TEMPLATE_KINDS: readonly string[] = [...Object.keys(TEMPLATES), "digest.daily", "digest.policy-review"];

/** The message for one notification. Unknown kinds use payload.subject / payload.lines when given. */
export function renderNotification(f: NotificationFacts): Message {
  const payload = (f.payload && typeof f.payload === "object" && !Array.isArray(f.payload) ? f.payload : {}) as Record<string, unknown>;
  if (f.kind === "digest.daily") return renderDigest(payload as unknown as DigestData, f.portalUrl);
  if (f.kind === "digest.policy-review") return renderPolicyReview(payload as unknown as PolicyReviewDigest, f.portalUrl);
  const fields = new Fields(payload);
  const number = f.question?.number ?? fields.num("number");
  const q = number !== null && number !== undefined ? questionRef(number) : "";
  const base = f.portalUrl ? f.portalUrl.replace(/\/$/, "") : null;
  const frame = f.locale === "en" ? FRAME_EN : FRAME_ZH;
  const template = (f.locale === "en" ? TEMPLATES_EN : TEMPLATES)[f.kind];
  if (!template) {
    const link = f.question && base ? `${base}/questions/${f.question.id}` : undefined;
    const subject = typeof payload.subject === "string" ? payload.subject : frame.fallbackSubject(q);
    const lines = Array.isArray(payload.lines) ? payload.lines.filter((l): l is string => typeof l === "string") : [];
    const context = f.question ? [frame.fallbackContext(q, f.question.lineName)] : [];
    return { subject: `${frame.brand}${subject}`, sections: [{ lines: [...lines, ...context] }], ...(link ? { link } : {}) };
  }
  const audience = audienceOf(f.channel);
  const role = !f.recipientId || !f.question ? "other" : f.recipientId === f.question.askerId ? "asker" : f.recipientId === f.question.ownerId ? "owner" : "other";
  const r = template({ f: fields, question: f.question, q: q || frame.thisQuestion, audience, role, recipientId: f.recipientId, at: f.at ?? new Date() });
  const showQuestion = r.showQuestion !== false;
  const firstLine = audience === "personal" && showQuestion ? firstLineOf(f.question?.body) : null;
  const questionLine = showQuestion && (q || f.question) ? `${frame.question}${[q, f.question ? frame.line(f.question.lineName) : null, firstLine ? `“${firstLine}”` : null].filter(Boolean).join(" · ")}` : null;
  const time = (r.time ?? []).filter((l): l is string => !!l);
  const lines = [...r.lines, ...(questionLine ? [questionLine] : []), ...(time.length ? [`${frame.time}${time.join(frame.timeSeparator)}`] : []), ...(r.action ? [`${frame.action}${r.action}`] : [])];
  const link = base ? (r.linkPath ? `${base}${r.linkPath}` : showQuestion && f.question ? `${base}/questions/${f.question.id}` : `${base}/notifications`) : undefined;
  // Personal subjects may name the matter (short); group subjects never do.
  const shortLine = firstLine ? firstLineOf(firstLine, 16) : null;
  const subject = shortLine && showQuestion ? `${r.subject} · ${shortLine}` : r.subject;
  const tone = TONE[f.kind];
  return { subject: `${frame.brand}${subject}`, sections: [{ lines }], ...(link ? { link } : {}), ...(tone ? { tone } : {}) };
}

const FRAME_ZH: typeof FRAME_EN = {
  brand: "【首问】",
  thisQuestion: "该问题",
  question: "问题：",
  line: (name) => `条线 ${name}`,
  time: "时限：",
  timeSeparator: "；",
  action: "请你：",
  fallbackSubject: (q) => `首问通知${q ? `：${q}` : ""}`,
  fallbackContext: (q, line) => `问题 ${q} · 条线 ${line}`,
};
