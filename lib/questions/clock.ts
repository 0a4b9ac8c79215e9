import type { DbTx } from "../db/client";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes, workingMinutesBetween } from "../time/working-time";
import { appendEvent } from "./events";

export const WAITING_FOR_MATERIALS = "等待提问人提供材料（一次性告知清单）";

/** Stops the resolution clock, with a visible reason. No-op when it is already stopped. */
export async function pauseClock(tx: DbTx, questionId: string, actorId: string, reason: string, now: Date): Promise<void> {
  const paused = await tx.question.updateMany({ where: { id: questionId, pausedAt: null }, data: { pausedAt: now, pauseReason: reason } });
  if (paused.count === 1) await appendEvent(tx, questionId, "PAUSED", actorId, { reason }, now);
}

/** Restarts it: the deadline moves by the working time spent paused. No-op when it runs. */
export async function resumeClock(tx: DbTx, questionId: string, actorId: string, now: Date): Promise<void> {
  const q = await tx.question.findUnique({ where: { id: questionId }, select: { pausedAt: true, resolutionDueAt: true, lineId: true } });
  if (!q?.pausedAt) return;
  const calendar = await loadCalendar(tx, q.lineId);
  const minutes = workingMinutesBetween(q.pausedAt, now, calendar);
  const resumed = await tx.question.updateMany({
    where: { id: questionId, pausedAt: q.pausedAt },
    data: {
      pausedAt: null,
      pauseReason: null,
      pausedMinutes: { increment: minutes },
      ...(q.resolutionDueAt ? { resolutionDueAt: addWorkingMinutes(q.resolutionDueAt, minutes, calendar) } : {}),
    },
  });
  if (resumed.count === 1) await appendEvent(tx, questionId, "RESUMED", actorId, { pausedWorkingMinutes: minutes }, now);
}
