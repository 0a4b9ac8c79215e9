// What the notification templates of both languages share: typed access to a payload, the context a
// template gets, and the parts whose facts are the same in every language (time left or late, a typed
// note, the facts of an escalation). The sentences stay in render-notification-zh.ts / -en.ts.
import { isolateBidi } from "../bidi";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { shanghaiShort } from "./local-day";
import type { Audience, QuestionFacts } from "./render-notification";

/** Typed access to a payload whose fields may be missing or of the wrong type (older rows, hostile input). */
export class Fields {
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
  /** "Q-000042", or "该问题" / "this question" when the number is unknown */
  q: string;
  audience: Audience;
  /** who receives it relative to the question */
  role: "asker" | "owner" | "other";
  recipientId?: string;
  at: Date;
  locale: Locale;
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

export type Template = (c: TemplateCtx) => TemplateResult;

const PHRASES: Record<Locale, {
  units: [day: string, hour: string, minute: string];
  left: (t: string) => string;
  dueNow: string;
  overdue: (t: string) => string;
  deadline: (label: string, when: string, rel: string) => string;
  quote: (label: string, text: string) => string;
  /** group chats: a typed note exists but is shown only in the portal */
  inPortal: (label: string) => string;
}> = {
  "zh-CN": {
    units: ["天", "小时", "分钟"],
    left: (t) => `还有 ${t}`,
    dueNow: "已到期",
    overdue: (t) => `已超时 ${t}`,
    deadline: (label, when, rel) => `${label} ${when}（${rel}）`,
    quote: (label, text) => `${label}：“${text}”`,
    inPortal: (label) => `${label}：请在首问中查看`,
  },
  en: {
    units: ["d", "h", "min"],
    left: (t) => `${t} left`,
    dueNow: "due now",
    overdue: (t) => `${t} overdue`,
    deadline: (label, when, rel) => `${label} ${when} (${rel})`,
    quote: (label, text) => `${label}: “${text}”`,
    inPortal: (label) => `${label}: see it in Shouwen`,
  },
};

/** "3 天 2 小时" / "2 h 5 min" / "15 分钟" (wall-clock minutes). */
export function formatMinutes(total: number, locale: Locale = DEFAULT_LOCALE): string {
  const [d, h, min] = PHRASES[locale].units;
  const m = Math.max(0, Math.round(total));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  if (days > 0) return hours > 0 ? `${days} ${d} ${hours} ${h}` : `${days} ${d}`;
  if (hours > 0) return minutes > 0 ? `${hours} ${h} ${minutes} ${min}` : `${hours} ${h}`;
  return `${minutes} ${min}`;
}

/** "办结 03-10 17:00（还有 2 小时）" / "Resolution 03-10 17:00 (1 h overdue)", counted from the announcement. */
export function deadline(c: TemplateCtx, label: string, due: Date | null): string | null {
  if (!due) return null;
  const p = PHRASES[c.locale];
  const diff = (due.getTime() - c.at.getTime()) / 60_000;
  const rel = diff >= 1 ? p.left(formatMinutes(diff, c.locale)) : diff > -1 ? p.dueNow : p.overdue(formatMinutes(-diff, c.locale));
  return p.deadline(label, shanghaiShort(due), rel);
}

/** "已超时 1 小时" / "1 h overdue", or null when not late. */
export function late(c: TemplateCtx, minutes: number | null): string | null {
  return minutes !== null && minutes > 0 ? PHRASES[c.locale].overdue(formatMinutes(minutes, c.locale)) : null;
}

/** A note or reason someone typed: personal messages quote it, group messages only say there is one. */
export function typed(c: TemplateCtx, label: string, key: string): string | null {
  const v = c.f.str(key);
  if (!v) return null;
  return c.audience === "personal" ? PHRASES[c.locale].quote(label, v.length > 500 ? `${v.slice(0, 500)}…` : v) : PHRASES[c.locale].inPortal(label);
}

/** The lines that are there. */
export const present = (lines: (string | null)[]): string[] => lines.filter((l): l is string => !!l);

/** What question.escalated says in any language, from its payload (also the older shapes). */
export function escalationFacts(c: TemplateCtx) {
  const level = c.f.num("level");
  // Older rows (before the contract) carried only { number, level, due } with due = the new level's deadline.
  const contract = c.f.has("newDue") || c.f.has("lateMinutes") || c.f.has("toName");
  return {
    level,
    from: c.f.num("fromLevel") ?? (level !== null ? level - 1 : null),
    toName: c.f.name("toName"),
    nextName: c.f.name("nextName"),
    newDue: c.f.date("newDue") ?? (contract ? null : c.f.date("due")),
    /** the deadline that was missed */
    breached: contract ? c.f.date("due") : null,
    lateText: late(c, c.f.num("lateMinutes")),
    /** the recipient is the person it escalated to (older rows: anyone who is neither asker nor owner) */
    toYou: c.recipientId !== undefined && (c.f.str("toUserId") === c.recipientId || (!c.f.has("toUserId") && c.role === "other")),
  };
}
