// The time-limit sweep (run by the worker): warnings at 50 % and 75 % of the current level's window,
// escalation one level up the org chart at breach, each level with its own deadline, until the
// question is closed. Every step is a conditional update plus a unique row in one transaction, so a
// killed and restarted worker neither loses nor repeats an escalation or a notification.
// Each question carries the sweep's own next-check time (sweepDueAt: the next warning, the breach, or a
// daily re-check at the top of the chart; null = look now, and every state change clears it). A batch
// takes only questions whose time has come, so questions stuck at the top never crowd out newer ones.
// It also warns an owner who missed the first-response deadline (and their manager, unless an admin
// switched that off), and lets a handoff lapse when its receiver did not answer in time: the question
// then climbs a level as at a breach.
import type { Db, DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { log } from "../log";
import { limitsFor } from "../questions/deadlines";
import { appendEvent, notifyInApp } from "../questions/events";
import { claimTransition } from "../questions/transition";
import { calendarsByLine } from "../time/calendar";
import { addWorkingMinutes, workingMinutesBetween, type WorkCalendar } from "../time/working-time";
import { nextManagerAbove } from "../kernel/org-chart";
import { OPEN_STATUSES, OPEN_STATUSES_SQL } from "../kernel/question-status";


interface Candidate {
  id: string;
  number: number;
  ownerId: string | null;
  askerId: string;
  lineId: string;
  priority: "NORMAL" | "URGENT";
  createdAt: Date;
  resolutionDueAt: Date | null;
  escalationLevel: number;
  warnedAt50: Date | null;
  warnedAt75: Date | null;
  pausedMinutes: number;
  version: number;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  ownerResponseDueAt: Date | null;
}

/** AppSetting: whether a missed first response also warns the owner's manager (default: yes). */
export const FIRST_RESPONSE_NOTIFY_MANAGER = "escalation.firstResponseBreach.notifyManager";

const RECHECK_MS = 24 * 3600_000;

export interface SweepResult {
  warned: number;
  escalated: number;
  firstResponseBreached: number;
  handoffsExpired: number;
}

const NOTHING: SweepResult = { warned: 0, escalated: 0, firstResponseBreached: 0, handoffsExpired: 0 };

/** The window of the level the question is at: [start, due]. */
async function currentWindow(tx: DbTx, q: Candidate): Promise<{ start: Date; due: Date; holderId: string | null } | null> {
  if (q.escalationLevel === 0) return q.resolutionDueAt ? { start: q.createdAt, due: q.resolutionDueAt, holderId: q.ownerId } : null;
  const e = await tx.escalation.findUnique({ where: { questionId_level: { questionId: q.id, level: q.escalationLevel } } });
  return e ? { start: e.createdAt, due: e.dueAt, holderId: e.toUserId } : null;
}

export async function sweepEscalations(db: Db, now: Date, options: { batch?: number } = {}): Promise<SweepResult> {
  const result: SweepResult = { ...NOTHING };
  const calendarOf = await calendarsByLine(db);
  // Candidates: open, running clock, and something to do by now. The per-question work re-checks under a row lock.
  const ids = await db.question.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, pausedAt: null, resolutionDueAt: { not: null }, OR: [{ sweepDueAt: null }, { sweepDueAt: { lte: now } }] },
    select: { id: true },
    orderBy: { sweepDueAt: { sort: "asc", nulls: "first" } },
    take: options.batch ?? 500,
  });
  for (const { id } of ids) {
    try {
      const r = await db.$transaction((tx) => sweepOne(tx, id, now, calendarOf));
      for (const k of Object.keys(result) as (keyof SweepResult)[]) result[k] += r[k];
    } catch (err) {
      log.error("escalation sweep failed for a question", { questionId: id, err: String(err) });
    }
  }
  return result;
}

async function sweepOne(tx: DbTx, id: string, now: Date, calendarOf: (lineId: string) => WorkCalendar): Promise<SweepResult> {
  // SKIP LOCKED: another worker busy with this question now takes it; we move on.
  const locked = await tx.$queryRaw<Candidate[]>`
    SELECT id, number, "ownerId", "askerId", "lineId", priority::text AS priority, "createdAt", "resolutionDueAt",
           "escalationLevel", "warnedAt50", "warnedAt75", "pausedMinutes", version,
           "firstResponseDueAt", "firstRespondedAt", "firstResponseBreachedAt", "ownerResponseDueAt"
    FROM "Question" WHERE id = ${id}::uuid AND status IN ${OPEN_STATUSES_SQL} AND "pausedAt" IS NULL
    FOR UPDATE SKIP LOCKED`;
  const q = locked[0];
  if (!q) return { ...NOTHING };
  const result: SweepResult = { ...NOTHING };
  const window = await currentWindow(tx, q);
  if (!window) return recheckAt(tx, q.id, new Date(now.getTime() + RECHECK_MS), result);
  // The 条线's working hours (lunch breaks included) and the calendar in force.
  const calendar = calendarOf(q.lineId);
  const late = (due: Date) => Math.max(0, workingMinutesBetween(due, now, calendar));
  const level = q.escalationLevel;

  // A receiver who let the handoff's response time pass: the handoff lapses and the question goes up a level.
  const pending = q.ownerResponseDueAt ? await tx.handoff.findFirst({ where: { questionId: q.id, status: "PENDING" }, include: { toUser: { select: { name: true } }, toLine: { select: { name: true } } } }) : null;
  if (pending && q.ownerResponseDueAt && now >= q.ownerResponseDueAt) {
    const respondBy = q.ownerResponseDueAt;
    await tx.handoff.update({ where: { id: pending.id }, data: { status: "EXPIRED", respondedAt: now } });
    await appendEvent(tx, q.id, "HANDOFF_EXPIRED", null, { handoffId: pending.id, toUserId: pending.toUserId, toLineId: pending.toLineId, respondBy: respondBy.toISOString(), lateMinutes: late(respondBy) }, now);
    const payload = { number: q.number, toName: pending.toUser?.name ?? pending.toLine?.name ?? "", respondBy: respondBy.toISOString() };
    await notifyInApp(tx, pending.fromUserId, "handoff.expired", q.id, `handoff-expired:${pending.id}`, payload);
    const manager = await nextManagerAbove(tx, pending.fromUserId);
    if (manager) await notifyInApp(tx, manager, "handoff.expired", q.id, `handoff-expired:${pending.id}:manager`, payload);
    result.handoffsExpired++;
    const escalated = await escalate(tx, q, window.holderId, respondBy, "handoff-expired", now, calendar, { ownerResponseDueAt: null });
    if (escalated) return { ...result, escalated: 1 };
    // Nobody above: the lapse alone is the change (a racing accept then gets its 409).
    await claimTransition(tx, q, { ownerResponseDueAt: null });
    return recheckAt(tx, q.id, new Date(now.getTime() + RECHECK_MS), result);
  }

  // No first response by its deadline: the owner is warned once (and their manager, unless switched off).
  if (q.ownerId && !q.firstRespondedAt && !q.firstResponseBreachedAt && q.firstResponseDueAt && now >= q.firstResponseDueAt) {
    await tx.question.update({ where: { id: q.id }, data: { firstResponseBreachedAt: now } });
    const payload = { number: q.number, due: q.firstResponseDueAt.toISOString(), lateMinutes: late(q.firstResponseDueAt) };
    await appendEvent(tx, q.id, "FIRST_RESPONSE_BREACHED", null, { ownerId: q.ownerId, ...payload }, now);
    await notifyInApp(tx, q.ownerId, "question.first-response-breach", q.id, `first-breach:${q.id}:${q.firstResponseDueAt.getTime()}`, payload);
    if (await notifyManagerOfFirstBreach(tx)) {
      const manager = await nextManagerAbove(tx, q.ownerId);
      if (manager) await notifyInApp(tx, manager, "question.first-response-breach", q.id, `first-breach:${q.id}:${q.firstResponseDueAt.getTime()}:manager`, payload);
    }
    result.firstResponseBreached++;
  }

  const total = Math.max(1, workingMinutesBetween(window.start, window.due, calendar));
  const paused = level === 0 ? q.pausedMinutes : 0;
  const spent = workingMinutesBetween(window.start, now, calendar) - paused;
  const share = now >= window.due ? 1 : spent / total;
  const warning = { number: q.number, due: window.due.toISOString(), level };

  if (share >= 0.5 && !q.warnedAt50 && now < window.due) {
    await tx.question.update({ where: { id: q.id }, data: { warnedAt50: now } });
    await appendEvent(tx, q.id, "WARNED", null, { threshold: 50, level }, now);
    if (window.holderId) await notifyInApp(tx, window.holderId, "deadline.warning", q.id, `warn50:${q.id}:${level}`, { ...warning, threshold: 50 });
    result.warned++;
  }
  if (share >= 0.75 && !q.warnedAt75 && now < window.due) {
    await tx.question.update({ where: { id: q.id }, data: { warnedAt75: now } });
    await appendEvent(tx, q.id, "WARNED", null, { threshold: 75, level }, now);
    if (window.holderId) {
      await notifyInApp(tx, window.holderId, "deadline.warning", q.id, `warn75:${q.id}:${level}`, { ...warning, threshold: 75 });
      const manager = await nextManagerAbove(tx, window.holderId);
      if (manager) await notifyInApp(tx, manager, "deadline.warning", q.id, `warn75m:${q.id}:${level}`, { ...warning, threshold: 75 });
    }
    result.warned++;
  }
  if (now < window.due) {
    // The next thing to do: the warning not yet given, else the breach; sooner a first response or handoff response due.
    const at = (fraction: number) => addWorkingMinutes(window.start, Math.ceil(total * fraction) + paused, calendar);
    const next = share < 0.5 && !q.warnedAt50 ? at(0.5) : share < 0.75 && !q.warnedAt75 ? at(0.75) : window.due;
    const times = [next.getTime(), now.getTime() + RECHECK_MS];
    if (q.ownerId && !q.firstRespondedAt && !q.firstResponseBreachedAt && q.firstResponseDueAt && result.firstResponseBreached === 0) times.push(q.firstResponseDueAt.getTime());
    if (pending && q.ownerResponseDueAt) times.push(q.ownerResponseDueAt.getTime());
    return recheckAt(tx, q.id, new Date(Math.min(...times)), result);
  }

  // Breach: one level up from whoever holds the current level, computed from the org chart now.
  if (await escalate(tx, q, window.holderId, window.due, "breach", now, calendar)) return { ...result, escalated: 1 };
  // At the top it stays there until someone closes it; the chart is looked at again once a day.
  return recheckAt(tx, q.id, new Date(now.getTime() + RECHECK_MS), result);
}

/**
 * Moves the question one level up from `fromUserId`, with the new level's own deadline, and tells the new
 * target, the owner and the asker who it went to, how late the breached deadline was and who is next.
 * False when nobody is above (the top of the chart).
 */
async function escalate(
  tx: DbTx,
  q: Candidate,
  fromUserId: string | null,
  breachedDue: Date,
  reason: "breach" | "handoff-expired",
  now: Date,
  calendar: WorkCalendar,
  data: Prisma.QuestionUpdateManyMutationInput = {},
): Promise<boolean> {
  const target = fromUserId ? await nextManagerAbove(tx, fromUserId) : null;
  if (!target) return false;
  const limits = await limitsFor(tx, q.lineId, q.priority);
  const nextLevel = q.escalationLevel + 1;
  const dueAt = addWorkingMinutes(now, limits.escalationMinutes, calendar);
  // A state change like any other: decided on the version read under the row lock (an owner's resolve
  // that read the question before this escalation then gets its 409).
  await claimTransition(tx, q, { ...data, escalationLevel: nextLevel, warnedAt50: null, warnedAt75: null });
  await tx.escalation.create({ data: { questionId: q.id, level: nextLevel, fromUserId, toUserId: target, dueAt, createdAt: now } });
  const lateMinutes = Math.max(0, workingMinutesBetween(breachedDue, now, calendar));
  await appendEvent(tx, q.id, "ESCALATED", null, { level: nextLevel, fromUserId, toUserId: target, dueAt: dueAt.toISOString(), reason, breachedDue: breachedDue.toISOString(), lateMinutes }, now);
  const next = await nextManagerAbove(tx, target);
  const names = new Map((await tx.user.findMany({ where: { id: { in: [target, ...(next ? [next] : [])] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const payload = {
    number: q.number,
    level: nextLevel,
    fromLevel: q.escalationLevel,
    toName: names.get(target) ?? "",
    due: breachedDue.toISOString(),
    newDue: dueAt.toISOString(),
    lateMinutes,
    nextName: next ? (names.get(next) ?? "") : "",
    reason,
  };
  await notifyInApp(tx, target, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:target`, payload);
  if (q.ownerId && q.ownerId !== target) await notifyInApp(tx, q.ownerId, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:owner`, payload);
  await notifyInApp(tx, q.askerId, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:asker`, payload);
  return true;
}

async function notifyManagerOfFirstBreach(tx: DbTx): Promise<boolean> {
  const row = await tx.appSetting.findUnique({ where: { key: FIRST_RESPONSE_NOTIFY_MANAGER } });
  return row?.value !== false;
}

async function recheckAt(tx: DbTx, id: string, at: Date, result: SweepResult): Promise<SweepResult> {
  await tx.question.update({ where: { id }, data: { sweepDueAt: at } });
  return result;
}
