// The time-limit sweep (run by the worker): warnings at 50 % and 75 % of the current level's window,
// escalation one level up the org chart at breach, each level with its own deadline, until the
// question is closed. Every step is a conditional update plus a unique row in one transaction, so a
// killed and restarted worker neither loses nor repeats an escalation or a notification.
// Each question carries the sweep's own next-check time (sweepDueAt: the next warning, the breach, or a
// daily re-check at the top of the chart; null = look now, and every state change clears it). A batch
// takes only questions whose time has come, so questions stuck at the top never crowd out newer ones.
import type { Db, DbTx } from "../db/client";
import { log } from "../log";
import { limitsFor } from "../questions/deadlines";
import { appendEvent, notifyInApp } from "../questions/events";
import { claimTransition } from "../questions/transition";
import { calendarsByLine } from "../time/calendar";
import { addWorkingMinutes, workingMinutesBetween, type WorkCalendar } from "../time/working-time";
import { nextManagerAbove } from "./chain";

const OPEN = ["OPEN", "IN_PROGRESS", "WAITING_ASKER"] as const;

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
}

const RECHECK_MS = 24 * 3600_000;

export interface SweepResult {
  warned: number;
  escalated: number;
}

/** The window of the level the question is at: [start, due]. */
async function currentWindow(tx: DbTx, q: Candidate): Promise<{ start: Date; due: Date; holderId: string | null } | null> {
  if (q.escalationLevel === 0) return q.resolutionDueAt ? { start: q.createdAt, due: q.resolutionDueAt, holderId: q.ownerId } : null;
  const e = await tx.escalation.findUnique({ where: { questionId_level: { questionId: q.id, level: q.escalationLevel } } });
  return e ? { start: e.createdAt, due: e.dueAt, holderId: e.toUserId } : null;
}

export async function sweepEscalations(db: Db, now: Date, options: { batch?: number } = {}): Promise<SweepResult> {
  const result: SweepResult = { warned: 0, escalated: 0 };
  const calendarOf = await calendarsByLine(db);
  // Candidates: open, running clock, and something to do by now. The per-question work re-checks under a row lock.
  const ids = await db.question.findMany({
    where: { status: { in: [...OPEN] }, pausedAt: null, resolutionDueAt: { not: null }, OR: [{ sweepDueAt: null }, { sweepDueAt: { lte: now } }] },
    select: { id: true },
    orderBy: { sweepDueAt: { sort: "asc", nulls: "first" } },
    take: options.batch ?? 500,
  });
  for (const { id } of ids) {
    try {
      const r = await db.$transaction((tx) => sweepOne(tx, id, now, calendarOf));
      result.warned += r.warned;
      result.escalated += r.escalated;
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
           "escalationLevel", "warnedAt50", "warnedAt75", "pausedMinutes", version
    FROM "Question" WHERE id = ${id}::uuid AND status IN ('OPEN','IN_PROGRESS','WAITING_ASKER') AND "pausedAt" IS NULL
    FOR UPDATE SKIP LOCKED`;
  const q = locked[0];
  if (!q) return { warned: 0, escalated: 0 };
  const window = await currentWindow(tx, q);
  if (!window) return recheckAt(tx, q.id, new Date(now.getTime() + RECHECK_MS), { warned: 0, escalated: 0 });
  // The 条线's working hours (lunch breaks included) and the calendar in force.
  const calendar = calendarOf(q.lineId);
  const total = Math.max(1, workingMinutesBetween(window.start, window.due, calendar));
  const paused = q.escalationLevel === 0 ? q.pausedMinutes : 0;
  const spent = workingMinutesBetween(window.start, now, calendar) - paused;
  const share = now >= window.due ? 1 : spent / total;
  const level = q.escalationLevel;
  let warned = 0;

  if (share >= 0.5 && !q.warnedAt50 && now < window.due) {
    await tx.question.update({ where: { id: q.id }, data: { warnedAt50: now } });
    await appendEvent(tx, q.id, "WARNED", null, { threshold: 50, level }, now);
    if (window.holderId) await notifyInApp(tx, window.holderId, "deadline.warning", q.id, `warn50:${q.id}:${level}`, { number: q.number, threshold: 50, due: window.due.toISOString() });
    warned++;
  }
  if (share >= 0.75 && !q.warnedAt75 && now < window.due) {
    await tx.question.update({ where: { id: q.id }, data: { warnedAt75: now } });
    await appendEvent(tx, q.id, "WARNED", null, { threshold: 75, level }, now);
    if (window.holderId) {
      await notifyInApp(tx, window.holderId, "deadline.warning", q.id, `warn75:${q.id}:${level}`, { number: q.number, threshold: 75, due: window.due.toISOString() });
      const manager = await nextManagerAbove(tx, window.holderId);
      if (manager) await notifyInApp(tx, manager, "deadline.warning", q.id, `warn75m:${q.id}:${level}`, { number: q.number, threshold: 75, due: window.due.toISOString() });
    }
    warned++;
  }
  if (now < window.due) {
    // The next thing to do: the warning not yet given, else the breach.
    const at = (fraction: number) => addWorkingMinutes(window.start, Math.ceil(total * fraction) + paused, calendar);
    const next = share < 0.5 && !q.warnedAt50 ? at(0.5) : share < 0.75 && !q.warnedAt75 ? at(0.75) : window.due;
    return recheckAt(tx, q.id, new Date(Math.min(next.getTime(), now.getTime() + RECHECK_MS)), { warned, escalated: 0 });
  }

  // Breach: one level up from whoever holds the current level, computed from the org chart now.
  const fromUserId = window.holderId;
  const target = fromUserId ? await nextManagerAbove(tx, fromUserId) : null;
  // At the top it stays there until someone closes it; the chart is looked at again once a day.
  if (!target) return recheckAt(tx, q.id, new Date(now.getTime() + RECHECK_MS), { warned, escalated: 0 });
  const limits = await limitsFor(tx, q.lineId, q.priority);
  const nextLevel = level + 1;
  const dueAt = addWorkingMinutes(now, limits.escalationMinutes, calendar);
  // A state change like any other: decided on the version read under the row lock (an owner's resolve
  // that read the question before this escalation then gets its 409).
  await claimTransition(tx, q, { escalationLevel: nextLevel, warnedAt50: null, warnedAt75: null });
  await tx.escalation.create({ data: { questionId: q.id, level: nextLevel, fromUserId, toUserId: target, dueAt, createdAt: now } });
  await appendEvent(tx, q.id, "ESCALATED", null, { level: nextLevel, fromUserId, toUserId: target, dueAt: dueAt.toISOString() }, now);
  const payload = { number: q.number, level: nextLevel, due: dueAt.toISOString() };
  await notifyInApp(tx, target, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:target`, payload);
  if (q.ownerId && q.ownerId !== target) await notifyInApp(tx, q.ownerId, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:owner`, payload);
  await notifyInApp(tx, q.askerId, "question.escalated", q.id, `escalated:${q.id}:${nextLevel}:asker`, payload);
  return { warned, escalated: 1 };
}

async function recheckAt(tx: DbTx, id: string, at: Date, result: SweepResult): Promise<SweepResult> {
  await tx.question.update({ where: { id }, data: { sweepDueAt: at } });
  return result;
}
