// 每日通报 scheduling: safe to call every minute. Once the local (Asia/Shanghai) hour reaches the
// configured one, each manager with something to report gets one digest for the day; the dedupe
// key `digest:<managerId>:<YYYY-MM-DD>` makes every later call (and a second worker) a no-op.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { enqueueNotification } from "../enqueue-notification";
import { shanghaiDay } from "../local-day";
import { collectDigest } from "./collect-digest";
import { collectPolicyReview, policyReviewKey } from "./policy-review-digest";
import { isDigestEmpty } from "./render-digest";

export const digestKey = (managerId: string, date: string) => `digest:${managerId}:${date}`;

export interface EnqueueDigestsResult {
  date: string;
  enqueued: number;
  /** managers with nothing to report at this run (checked again on the next run that day) */
  empty: number;
  /** policy owners reminded of due or overdue reviews */
  reviewReminders: number;
}

export async function enqueueDigests(options: { db: Db; now: Date; hour: number }): Promise<EnqueueDigestsResult> {
  const { db, now, hour } = options;
  const day = shanghaiDay(now);
  const result: EnqueueDigestsResult = { date: day.date, enqueued: 0, empty: 0, reviewReminders: 0 };
  if (day.hour < hour) return result;

  const managers = await db.user.findMany({ where: { disabledAt: null, managedDepartments: { some: {} } }, select: { id: true, name: true } });
  const done = new Set(
    (await db.notification.findMany({ where: { dedupeKey: { in: managers.map((m) => digestKey(m.id, day.date)) } }, select: { userId: true } })).map((n) => n.userId),
  );
  for (const manager of managers.filter((m) => !done.has(m.id))) {
    const data = await collectDigest(db, manager, day, now);
    if (isDigestEmpty(data)) {
      result.empty++;
      continue;
    }
    const created = await db.$transaction((tx) =>
      enqueueNotification(tx, { userId: manager.id, kind: "digest.daily", dedupeKey: digestKey(manager.id, day.date), payload: data as unknown as Prisma.InputJsonObject, now }),
    );
    if (created > 0) result.enqueued++;
  }

  // Policy owners: their documents past or near the review date, or marked for revision.
  const owners = await db.user.findMany({ where: { disabledAt: null, roles: { has: "POLICY_OWNER" }, departmentId: { not: null } }, select: { id: true, name: true, departmentId: true } });
  const reminded = new Set(
    (await db.notification.findMany({ where: { dedupeKey: { in: owners.map((o) => policyReviewKey(o.id, day.date)) } }, select: { userId: true } })).map((n) => n.userId),
  );
  for (const owner of owners.filter((o) => !reminded.has(o.id))) {
    const data = await collectPolicyReview(db, { name: owner.name, departmentId: owner.departmentId! }, day.date, now);
    if (data.policies.length === 0) continue;
    const created = await db.$transaction((tx) =>
      enqueueNotification(tx, { userId: owner.id, kind: "digest.policy-review", dedupeKey: policyReviewKey(owner.id, day.date), payload: data as unknown as Prisma.InputJsonObject, now }),
    );
    if (created > 0) result.reviewReminders++;
  }
  return result;
}
