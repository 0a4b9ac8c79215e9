// 每日通报 scheduling, from the worker's tick (safe to call every few seconds, from several workers).
// On each working day of the company calendar (lib/time), from the configured time (DIGEST_TIME, default
// 08:30 company time), every manager with something to report gets one digest covering the WHOLE previous
// working day and the days off after it: [start of that day, start of today). Exactly once per recipient
// and day: the dedupe key `digest:<managerId>:<today>` makes a second call (or a second worker) a no-op,
// and once a run has gone through every manager the day is marked done in AppSetting, so later ticks do
// not recompute the digests of managers with nothing to report.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { loadCalendar } from "../../time/calendar";
import { localParts, wallTimeToInstant } from "../../time/zone";
import { enqueueNotification } from "../enqueue-notification";
import { collectDigest, type DigestPeriod } from "./collect-digest";
import { collectPolicyReview, policyReviewKey } from "./policy-review-digest";
import { isDigestEmpty } from "./render-digest";

export const digestKey = (managerId: string, date: string) => `digest:${managerId}:${date}`;
/** AppSetting holding the last local date whose digests all went out. */
export const DIGEST_DONE_KEY = "notify.digest.done";
/** Default send time, minutes after local midnight (08:30). */
export const DEFAULT_DIGEST_MINUTE = 8 * 60 + 30;

/** "08:30" → 510; null when it is not a time of day. */
export function parseDigestTime(value: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export interface EnqueueDigestsResult {
  /** the local date of the run (the day the digests are sent) */
  date: string;
  /** the period reported on, when digests were due */
  period?: { date: string; through: string };
  enqueued: number;
  /** managers with nothing to report */
  empty: number;
  /** policy owners reminded of due or overdue reviews */
  reviewReminders: number;
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The previous working day before `today` and the days off between it and today. */
export function previousWorkingPeriod(today: string, isWorkday: (date: string) => boolean): DigestPeriod & { through: string } {
  const through = dayBefore(today);
  let date = through;
  // The longest run of days off in the Chinese calendar is 9 days (国庆 + 调休); a month bounds the walk.
  for (let i = 0; i < 31 && !isWorkday(date); i++) date = dayBefore(date);
  return { date, through, start: wallTimeToInstant(date, 0), end: wallTimeToInstant(today, 0) };
}

export async function enqueueDigests(options: { db: Db; now: Date; /** minutes after local midnight */ minute?: number; /** whole hour (older callers) */ hour?: number }): Promise<EnqueueDigestsResult> {
  const { db, now } = options;
  const sendMinute = options.minute ?? (options.hour !== undefined ? options.hour * 60 : DEFAULT_DIGEST_MINUTE);
  const { date: today, minuteOfDay } = localParts(now);
  const result: EnqueueDigestsResult = { date: today, enqueued: 0, empty: 0, reviewReminders: 0 };
  if (minuteOfDay < sendMinute) return result;
  const done = await db.appSetting.findUnique({ where: { key: DIGEST_DONE_KEY } });
  if ((done?.value as { date?: string } | null)?.date === today) return result;
  const calendar = await loadCalendar(db);
  // Days off get no digest; the next working day's covers them.
  if (!calendar.isWorkday(today)) return result;

  const period = previousWorkingPeriod(today, calendar.isWorkday);
  result.period = { date: period.date, through: period.through };
  const managers = await db.user.findMany({ where: { disabledAt: null, managedDepartments: { some: {} } }, select: { id: true, name: true } });
  const sent = new Set(
    (await db.notification.findMany({ where: { dedupeKey: { in: managers.map((m) => digestKey(m.id, today)) } }, select: { userId: true } })).map((n) => n.userId),
  );
  for (const manager of managers.filter((m) => !sent.has(m.id))) {
    const data = await collectDigest(db, manager, period, now);
    if (isDigestEmpty(data)) {
      result.empty++;
      continue;
    }
    const created = await db.$transaction((tx) =>
      enqueueNotification(tx, { userId: manager.id, kind: "digest.daily", dedupeKey: digestKey(manager.id, today), payload: data as unknown as Prisma.InputJsonObject, now }),
    );
    if (created > 0) result.enqueued++;
  }

  // Policy owners: their documents past or near the review date, or marked for revision.
  const owners = await db.user.findMany({ where: { disabledAt: null, roles: { has: "POLICY_OWNER" }, departmentId: { not: null } }, select: { id: true, name: true, departmentId: true } });
  const reminded = new Set(
    (await db.notification.findMany({ where: { dedupeKey: { in: owners.map((o) => policyReviewKey(o.id, today)) } }, select: { userId: true } })).map((n) => n.userId),
  );
  for (const owner of owners.filter((o) => !reminded.has(o.id))) {
    const data = await collectPolicyReview(db, { name: owner.name, departmentId: owner.departmentId! }, today, now);
    if (data.policies.length === 0) continue;
    const created = await db.$transaction((tx) =>
      enqueueNotification(tx, { userId: owner.id, kind: "digest.policy-review", dedupeKey: policyReviewKey(owner.id, today), payload: data as unknown as Prisma.InputJsonObject, now }),
    );
    if (created > 0) result.reviewReminders++;
  }
  // Everyone has been through: later ticks today stop here. A run that failed half-way leaves no mark
  // and the next tick continues (the dedupe keys skip who already has theirs).
  await db.appSetting.upsert({ where: { key: DIGEST_DONE_KEY }, create: { key: DIGEST_DONE_KEY, value: { date: today } }, update: { value: { date: today } } });
  return result;
}
