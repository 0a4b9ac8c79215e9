// What each kind of notification says: what happened, which question, how much time is left (or how
// late), and what to do, with a link. One template per kind (docs/decisions/0006, "What a message may
// carry"); every template renders from a payload with fields missing (older rows) without failing.
// The wording of each language is in render-notification-zh.ts and render-notification-en.ts.
//
// Audience decides what a message may carry (the renderers in message.ts escape whatever it carries):
// - "personal" (站内 and e-mail: read by the recipient alone): the question's number, 条线 and the first
//   line of the matter, names of the staff involved, notes and reasons written for the recipient.
// - "group" (企业微信 / 钉钉 / 飞书 group bots: posted into shared chats): the number, 条线, times, levels,
//   staff names and the action, never the matter's text nor a free-text note or reason; complaint kinds
//   do not even name the question (a colleague in the chat may be the owner it is about).
// A complaint is invisible to the owner until decided: no template names the complaining asker, and the
// statement request to the owner says "服务复核", not who complained or why.
import type { NotificationChannel } from "../db/generated/enums";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { questionRef } from "../kernel/question-ref";
import { renderPolicyReview, type PolicyReviewDigest } from "./digest/policy-review-digest";
import { renderDigest, type DigestData } from "./digest/render-digest";
import { brandOf, type Message } from "./message";
import { TEMPLATES_EN } from "./render-notification-en";
import { TEMPLATES_ZH } from "./render-notification-zh";
import { Fields, present, type Template } from "./template-parts";

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
  /** The language to write in (default zh-CN): see messageLocale. */
  locale?: Locale;
}

/**
 * The language of a message: on personal channels (站内, e-mail) the one the recipient chose; group
 * chats are read by colleagues who chose differently, so they keep the company default.
 */
export function messageLocale(channel: NotificationChannel | undefined, chosen: string | null | undefined): Locale {
  return audienceOf(channel) === "personal" && isLocale(chosen) ? chosen : DEFAULT_LOCALE;
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

const TONE: Record<string, Message["tone"]> = {
  "deadline.warning": "warning",
  "handoff.expired": "warning",
  "complaint.filed": "warning",
  "question.first-response-breach": "urgent",
  "question.escalated": "urgent",
  "complaint.review-overdue": "urgent",
  "account.signin-attack": "urgent",
};

const TEMPLATES: Record<Locale, Record<string, Template>> = { "zh-CN": TEMPLATES_ZH, en: TEMPLATES_EN };

/** The frame around a template: the question line, the time line, the action line, the fallbacks. */
const FRAMES: Record<Locale, {
  thisQuestion: string;
  question: string;
  line: (name: string) => string;
  time: string;
  timeSeparator: string;
  action: string;
  fallbackSubject: (q: string) => string;
  fallbackContext: (q: string, line: string) => string;
}> = {
  "zh-CN": {
    thisQuestion: "该问题",
    question: "问题：",
    line: (name) => `条线 ${name}`,
    time: "时限：",
    timeSeparator: "；",
    action: "请你：",
    fallbackSubject: (q) => `首问通知${q ? `：${q}` : ""}`,
    fallbackContext: (q, line) => `问题 ${q} · 条线 ${line}`,
  },
  en: {
    thisQuestion: "this question",
    question: "Question: ",
    line: (name) => `line ${name}`,
    time: "Time limits: ",
    timeSeparator: "; ",
    action: "What to do: ",
    fallbackSubject: (q) => `Shouwen notification${q ? `: ${q}` : ""}`,
    fallbackContext: (q, line) => `Question ${q} · line ${line}`,
  },
};

/** Every kind with a template (tests render each one). */
export const TEMPLATE_KINDS: readonly string[] = [...Object.keys(TEMPLATES_ZH), "digest.daily", "digest.policy-review"];

/** The message for one notification. Unknown kinds use payload.subject / payload.lines when given. */
export function renderNotification(f: NotificationFacts): Message {
  const payload = (f.payload && typeof f.payload === "object" && !Array.isArray(f.payload) ? f.payload : {}) as Record<string, unknown>;
  const locale = f.locale ?? DEFAULT_LOCALE;
  if (f.kind === "digest.daily") return renderDigest(payload as unknown as DigestData, f.portalUrl, locale);
  if (f.kind === "digest.policy-review") return renderPolicyReview(payload as unknown as PolicyReviewDigest, f.portalUrl, locale);
  const fields = new Fields(payload);
  const number = f.question?.number ?? fields.num("number");
  const q = number !== null && number !== undefined ? questionRef(number) : "";
  const base = f.portalUrl ? f.portalUrl.replace(/\/$/, "") : null;
  const frame = FRAMES[locale];
  const template = TEMPLATES[locale][f.kind];
  if (!template) {
    const link = f.question && base ? `${base}/questions/${f.question.id}` : undefined;
    const subject = typeof payload.subject === "string" ? payload.subject : frame.fallbackSubject(q);
    const lines = Array.isArray(payload.lines) ? payload.lines.filter((l): l is string => typeof l === "string") : [];
    const context = f.question ? [frame.fallbackContext(q, f.question.lineName)] : [];
    return { subject: `${brandOf(locale)}${subject}`, sections: [{ lines: [...lines, ...context] }], locale, ...(link ? { link } : {}) };
  }
  const audience = audienceOf(f.channel);
  const role = !f.recipientId || !f.question ? "other" : f.recipientId === f.question.askerId ? "asker" : f.recipientId === f.question.ownerId ? "owner" : "other";
  const r = template({ f: fields, question: f.question, q: q || frame.thisQuestion, audience, role, recipientId: f.recipientId, at: f.at ?? new Date(), locale });
  const showQuestion = r.showQuestion !== false;
  const firstLine = audience === "personal" && showQuestion ? firstLineOf(f.question?.body) : null;
  const questionLine = showQuestion && (q || f.question) ? `${frame.question}${[q, f.question ? frame.line(f.question.lineName) : null, firstLine ? `“${firstLine}”` : null].filter(Boolean).join(" · ")}` : null;
  const time = present(r.time ?? []);
  const lines = [...r.lines, ...(questionLine ? [questionLine] : []), ...(time.length ? [`${frame.time}${time.join(frame.timeSeparator)}`] : []), ...(r.action ? [`${frame.action}${r.action}`] : [])];
  const link = base ? (r.linkPath ? `${base}${r.linkPath}` : showQuestion && f.question ? `${base}/questions/${f.question.id}` : `${base}/notifications`) : undefined;
  // Personal subjects may name the matter (short); group subjects never do.
  const shortLine = firstLine ? firstLineOf(firstLine, 16) : null;
  const subject = shortLine && showQuestion ? `${r.subject} · ${shortLine}` : r.subject;
  const tone = TONE[f.kind];
  return { subject: `${brandOf(locale)}${subject}`, sections: [{ lines }], locale, ...(link ? { link } : {}), ...(tone ? { tone } : {}) };
}
