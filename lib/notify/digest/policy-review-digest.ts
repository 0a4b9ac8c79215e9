// The policy owner's daily reminder: their documents whose review date has passed or comes within a week,
// and those marked for revision. Pure rendering beside the collection query; one notification per owner
// and day (dedupe key), only when there is something to name.
import { reviewDue } from "../../analytics/policies/review";
import { isolateBidi } from "../../bidi";
import type { Db } from "../../db/client";
import { policiesOwnedByDepartment } from "../../policies/owned-policies";
import type { Message } from "../message";

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

export function renderPolicyReview(d: PolicyReviewDigest, portalUrl?: string): Message {
  const overdue = d.policies.filter((p) => p.daysLeft !== null && p.daysLeft < 0).length;
  const line = (p: PolicyReviewDigest["policies"][number]) => {
    const due = p.reviewDueAt === null ? "未设复审日期" : p.daysLeft! < 0 ? `复审日期 ${p.reviewDueAt}，已过期 ${-p.daysLeft!} 天` : `复审日期 ${p.reviewDueAt}，还有 ${p.daysLeft} 天`;
    return `《${isolateBidi(p.title)}》：${due}${p.needsRevision ? "；已标记待修订" : ""}`;
  };
  return {
    subject: `【首问】制度复审提醒 ${d.date}：${d.policies.length} 份待处理${overdue ? `，${overdue} 份已过期` : ""}`,
    sections: [
      { lines: [`${isolateBidi(d.ownerName)}，以下制度需要复审或修订；员工阅读时会看到"已过复审日期"的提示。`] },
      { heading: "待复审与待修订的制度", lines: d.policies.map(line) },
    ],
    ...(portalUrl ? { link: `${portalUrl.replace(/\/$/, "")}/insights/policies` } : {}),
  };
}
