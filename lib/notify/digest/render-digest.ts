// 每日通报: one manager's day in four lists, in the manager's language. Pure, so the wording is unit-tested.
import { isolateBidi } from "../../bidi";
import { shanghaiShort } from "../local-day";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { brandOf, type Message, type MessageSection } from "../message";
import { questionRef } from "../../kernel/question-ref";

export interface DigestData {
  /** the working day reported on (local date, YYYY-MM-DD) */
  date: string;
  /** the last day covered when the days off after `date` are included (YYYY-MM-DD); absent: `date` only */
  through?: string;
  managerName: string;
  departments: string[];
  overdue: { questionId: string; number: number; line: string; owner: string | null; dueAt: string }[];
  escalated: { questionId: string; number: number; line: string; level: number; to: string | null }[];
  /** escalations that happened in the period, open or since closed (absent in older rows) */
  escalations?: { questionId: string; number: number; level: number; to: string | null; at: string }[];
  complaints: { questionId: string; number: number; against: string | null; at: string }[];
  ignoredPolicies: { policyId: string; title: string; count: number }[];
  /** full counts when the lists above were cut to a readable length */
  totals: { overdue: number; escalated: number; complaints: number; escalations?: number };
}

export const DIGEST_LIST_LIMIT = 20;


export function isDigestEmpty(d: DigestData): boolean {
  return d.totals.overdue === 0 && d.totals.escalated === 0 && d.totals.complaints === 0 && !d.totals.escalations && d.ignoredPolicies.length === 0;
}

type Words = {
  period: (from: string, through: string) => string;
  intro: (name: string, departments: string, period: string) => string;
  yourDepartments: string;
  departmentSeparator: string;
  asAtSending: string;
  overdue: (n: number) => string;
  overdueItem: (ref: string, line: string, owner: string | null, due: string) => string;
  escalated: (n: number) => string;
  escalatedItem: (ref: string, line: string, level: number, to: string | null) => string;
  escalations: (n: number) => string;
  escalationItem: (ref: string, at: string, level: number, to: string | null) => string;
  complaints: (n: number) => string;
  complaintItem: (ref: string, against: string | null, at: string) => string;
  ignored: string;
  ignoredItem: (title: string, count: number) => string;
  none: string;
  more: (n: number) => string;
  subject: (period: string, overdue: number, escalations: number, complaints: number) => string;
};

// One shape, two languages: the lists and counts are the same facts, only the words differ.
const WORDS: Record<Locale, Words> = {
  "zh-CN": {
    period: (from, through) => `${from} 至 ${through}`,
    intro: (name, departments, period) => `${name ? `${name}，` : ""}以下是 ${departments} ${period} 的首问通报。`,
    yourDepartments: "你管理的部门",
    departmentSeparator: "、",
    asAtSending: "“已超时未办结”和“已升级未办结”是发送时的情况，其余是这段时间内发生的。",
    overdue: (n) => `已超时未办结（${n}）`,
    overdueItem: (ref, line, owner, due) => `${ref} · ${line} · 首问责任人 ${owner ?? "待分派"} · 办结时限 ${due}`,
    escalated: (n) => `已升级未办结（${n}）`,
    escalatedItem: (ref, line, level, to) => `${ref} · ${line} · 第 ${level} 级 · 已升级至 ${to ?? "—"}`,
    escalations: (n) => `当日发生的升级（${n}）`,
    escalationItem: (ref, at, level, to) => `${ref} · ${at} 升级至第 ${level} 级 · ${to ?? "—"}`,
    complaints: (n) => `当日投诉（${n}）`,
    complaintItem: (ref, against, at) => `${ref} · 被投诉人 ${against ?? "—"} · ${at}`,
    ignored: "当日最常被忽略的制度",
    ignoredItem: (title, count) => `${title}：${count} 个问题的答案就在其中，提问人看到了却没有打开`,
    none: "无",
    more: (n) => `……另有 ${n} 项，请在首问中查看`,
    subject: (period, overdue, escalations, complaints) => `每日通报 ${period}：超时 ${overdue} · 升级 ${escalations} · 投诉 ${complaints}`,
  },
  en: {
    period: (from, through) => `${from} to ${through}`,
    intro: (name, departments, period) => `${name ? `${name}, this` : "This"} is the Shouwen report for ${departments}, ${period}.`,
    yourDepartments: "the departments you manage",
    departmentSeparator: ", ",
    asAtSending: "“Overdue, not resolved” and “Escalated, not resolved” are as at sending; the rest happened during the period.",
    overdue: (n) => `Overdue, not resolved (${n})`,
    overdueItem: (ref, line, owner, due) => `${ref} · ${line} · first-contact owner ${owner ?? "not assigned yet"} · resolution due ${due}`,
    escalated: (n) => `Escalated, not resolved (${n})`,
    escalatedItem: (ref, line, level, to) => `${ref} · ${line} · level ${level} · escalated to ${to ?? "—"}`,
    escalations: (n) => `Escalations in the period (${n})`,
    escalationItem: (ref, at, level, to) => `${ref} · escalated to level ${level} at ${at} · ${to ?? "—"}`,
    complaints: (n) => `Complaints in the period (${n})`,
    complaintItem: (ref, against, at) => `${ref} · complaint about ${against ?? "—"} · ${at}`,
    ignored: "Policies most often ignored in the period",
    ignoredItem: (title, count) => `${title}: held the answer to ${count} question${count === 1 ? "" : "s"}; the askers saw it and did not open it`,
    none: "None",
    more: (n) => `…and ${n} more; see them in Shouwen`,
    subject: (period, overdue, escalations, complaints) => `Daily report ${period}: overdue ${overdue} · escalated ${escalations} · complaints ${complaints}`,
  },
};

const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
const count = (n: number | undefined, fallback: number) => (typeof n === "number" && Number.isFinite(n) ? n : fallback);
const name = (v: string | null | undefined) => (typeof v === "string" && v ? isolateBidi(v) : null);
const text = (v: string | undefined) => (typeof v === "string" && v ? v : "—");
/** "MM-DD HH:mm" company time, "—" for a missing or broken date (an older or damaged row). */
const when = (iso: string | undefined) => {
  const t = new Date(iso ?? NaN);
  return Number.isNaN(t.getTime()) ? "—" : shanghaiShort(t);
};

/** The digest in the recipient's language. A stored payload with parts missing reads as empty there. */
export function renderDigest(raw: DigestData, portalUrl?: string, locale: Locale = DEFAULT_LOCALE): Message {
  const w = WORDS[locale];
  const d = { ...raw, overdue: list(raw.overdue), escalated: list(raw.escalated), complaints: list(raw.complaints), ignoredPolicies: list(raw.ignoredPolicies) };
  const totals = {
    overdue: count(raw.totals?.overdue, d.overdue.length),
    escalated: count(raw.totals?.escalated, d.escalated.length),
    complaints: count(raw.totals?.complaints, d.complaints.length),
  };
  const date = text(d.date);
  const period = d.through && d.through !== d.date ? w.period(date, d.through) : date;
  const section = <T>(heading: string, items: T[], total: number, line: (item: T) => string): MessageSection => ({
    heading,
    lines: items.length ? [...items.map(line), ...(total > items.length ? [w.more(total - items.length)] : [])] : [w.none],
  });
  const escalations = list(d.escalations);
  const escalationTotal = count(raw.totals?.escalations, escalations.length);
  const sections: MessageSection[] = [
    { lines: [w.intro(name(d.managerName) ?? "", list(d.departments).join(w.departmentSeparator) || w.yourDepartments, period), w.asAtSending] },
    section(w.overdue(totals.overdue), d.overdue, totals.overdue, (q) => w.overdueItem(questionRef(q.number), text(q.line), name(q.owner), when(q.dueAt))),
    section(w.escalated(totals.escalated), d.escalated, totals.escalated, (q) => w.escalatedItem(questionRef(q.number), text(q.line), q.level, name(q.to))),
    // Older rows have no list of the period's escalations: no section rather than a wrong "none".
    ...(d.escalations ? [section(w.escalations(escalationTotal), escalations, escalationTotal, (e) => w.escalationItem(questionRef(e.number), when(e.at), e.level, name(e.to)))] : []),
    section(w.complaints(totals.complaints), d.complaints, totals.complaints, (c) => w.complaintItem(questionRef(c.number), name(c.against), when(c.at))),
    section(w.ignored, d.ignoredPolicies, 0, (p) => w.ignoredItem(text(p.title), p.count)),
  ];
  return {
    subject: `${brandOf(locale)}${w.subject(period, totals.overdue, d.escalations ? escalationTotal : totals.escalated, totals.complaints)}`,
    sections,
    locale,
    ...(portalUrl ? { link: `${portalUrl.replace(/\/$/, "")}/` } : {}),
  };
}
