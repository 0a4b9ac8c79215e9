// The policy owner's daily reminder: their documents whose review date has passed or comes within a week,
// and those marked for revision. Pure rendering beside the collection query; one notification per owner
// and day (dedupe key), only when there is something to name.
import { isolateBidi } from "../../bidi";
import type { Db } from "../../db/client";
import { localDate } from "../../time/zone";
import type { Message } from "../message";

export const REVIEW_REMINDER_DAYS = 7;
export const policyReviewKey = (userId: string, date: string) => `policy-review:${userId}:${date}`;

export interface PolicyReviewDigest {
  date: string;
  ownerName: string;
  policies: { policyId: string; title: string; reviewDueAt: string | null; daysLeft: number | null; needsRevision: boolean }[];
}

/** The policies one policy owner answers for: their department's 条线 and the documents their department owns. */
export async function ownedPolicyIds(db: Db, departmentId: string): Promise<string[]> {
  const rows = await db.policy.findMany({
    where: { status: "ACTIVE", OR: [{ ownerDeptId: departmentId }, { line: { policyOwnerDeptId: departmentId } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

// The worker imports this (plain Node, no "server-only" modules): the query is its own, not the dashboard's.
export async function collectPolicyReview(db: Db, owner: { name: string; departmentId: string }, date: string, now: Date): Promise<PolicyReviewDigest> {
  const today = localDate(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + REVIEW_REMINDER_DAYS * 86_400_000);
  const ids = await ownedPolicyIds(db, owner.departmentId);
  const rows = ids.length
    ? await db.policy.findMany({
        where: { id: { in: ids }, OR: [{ needsRevision: true }, { reviewDueAt: { lte: horizon } }] },
        orderBy: [{ reviewDueAt: { sort: "asc", nulls: "last" } }, { title: "asc" }],
        select: { id: true, title: true, reviewDueAt: true, needsRevision: true },
      })
    : [];
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  return {
    date,
    ownerName: owner.name,
    policies: rows.map((r) => {
      const due = r.reviewDueAt?.toISOString().slice(0, 10) ?? null;
      return { policyId: r.id, title: r.title, reviewDueAt: due, daysLeft: due ? Math.round((Date.parse(`${due}T00:00:00Z`) - todayMs) / 86_400_000) : null, needsRevision: r.needsRevision };
    }),
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
