// The policy owner's daily reminder: their documents whose review date has passed or comes within a week,
// and those marked for revision. Pure rendering beside the collection query; one notification per owner
// and day (dedupe key), only when there is something to name.
import { reviewDue } from "../../analytics/policies/review";
import { isolateBidi } from "../../bidi";
import type { Db } from "../../db/client";
import { policiesOwnedByDepartment } from "../../policies/owned-policies";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { brandOf, type Message } from "../message";

export const REVIEW_REMINDER_DAYS = 7;
export const policyReviewKey = (userId: string, date: string) => `policy-review:${userId}:${date}`;

export interface PolicyReviewDigest {
  date: string;
  ownerName: string;
  policies: { policyId: string; title: string; reviewDueAt: string | null; daysLeft: number | null; needsRevision: boolean }[];
}

export async function collectPolicyReview(db: Db, owner: { name: string; departmentId: string }, date: string, now: Date): Promise<PolicyReviewDigest> {
  const { policyIds } = await policiesOwnedByDepartment(db, owner.departmentId);
  const rows = await reviewDue(db, policyIds, now);
  return {
    date,
    ownerName: owner.name,
    policies: rows
      .filter((r) => r.needsRevision || (r.daysLeft !== null && r.daysLeft <= REVIEW_REMINDER_DAYS))
      .map((r) => ({ policyId: r.policyId, title: r.title, reviewDueAt: r.reviewDueAt, daysLeft: r.daysLeft, needsRevision: r.needsRevision })),
  };
}

const WORDS: Record<Locale, {
  subject: (date: string, count: number, overdue: number) => string;
  intro: (name: string) => string;
  heading: string;
  noDate: string;
  overdue: (date: string, days: number) => string;
  left: (date: string, days: number) => string;
  revision: string;
  item: (title: string, due: string, revision: string) => string;
}> = {
  "zh-CN": {
    subject: (date, count, overdue) => `制度复审提醒 ${date}：${count} 份待处理${overdue ? `，${overdue} 份已过期` : ""}`,
    intro: (name) => `${name ? `${name}，` : ""}以下制度需要复审或修订；员工阅读时会看到"已过复审日期"的提示。`,
    heading: "待复审与待修订的制度",
    noDate: "未设复审日期",
    overdue: (date, days) => `复审日期 ${date}，已过期 ${days} 天`,
    left: (date, days) => `复审日期 ${date}，还有 ${days} 天`,
    revision: "；已标记待修订",
    item: (title, due, revision) => `《${title}》：${due}${revision}`,
  },
  en: {
    subject: (date, count, overdue) => `Policy review reminder ${date}: ${count} to handle${overdue ? `, ${overdue} overdue` : ""}`,
    intro: (name) => `${name ? `${name}, these` : "These"} policies need a review or a revision; readers see a "past its review date" notice.`,
    heading: "Policies due for review or marked for revision",
    noDate: "no review date set",
    overdue: (date, days) => `review date ${date}, ${days} day${days === 1 ? "" : "s"} overdue`,
    left: (date, days) => `review date ${date}, ${days} day${days === 1 ? "" : "s"} left`,
    revision: "; marked for revision",
    item: (title, due, revision) => `“${title}”: ${due}${revision}`,
  },
};

/** The reminder in the owner's language. A stored payload with parts missing reads as empty there. */
export function renderPolicyReview(d: PolicyReviewDigest, portalUrl?: string, locale: Locale = DEFAULT_LOCALE): Message {
  const w = WORDS[locale];
  const policies = Array.isArray(d.policies) ? d.policies : [];
  const overdue = policies.filter((p) => typeof p.daysLeft === "number" && p.daysLeft < 0).length;
  const line = (p: PolicyReviewDigest["policies"][number]) => {
    const due = !p.reviewDueAt || typeof p.daysLeft !== "number" ? w.noDate : p.daysLeft < 0 ? w.overdue(p.reviewDueAt, -p.daysLeft) : w.left(p.reviewDueAt, p.daysLeft);
    return w.item(isolateBidi(p.title ?? "—"), due, p.needsRevision ? w.revision : "");
  };
  return {
    subject: `${brandOf(locale)}${w.subject(d.date ?? "—", policies.length, overdue)}`,
    sections: [
      { lines: [w.intro(isolateBidi(d.ownerName ?? ""))] },
      { heading: w.heading, lines: policies.map(line) },
    ],
    locale,
    ...(portalUrl ? { link: `${portalUrl.replace(/\/$/, "")}/insights/policies` } : {}),
  };
}
