// The review time limit (run by the worker, beside the escalation sweep): an open complaint whose
// reviewDueAt has passed notifies its reviewer and the admins once. The marker column is claimed
// with a conditional update in the same transaction as the event and the notices, so a restarted or
// second worker neither loses nor repeats it. No "server-only": the worker imports it.
import type { Db } from "../db/client";
import { log } from "../log";
import { appendEvent, notifyInApp } from "../questions/events";
import { calendarsByLine } from "../time/calendar";
import { workingMinutesBetween } from "../time/working-time";

export async function sweepOverdueReviews(db: Db, now: Date, options: { batch?: number } = {}): Promise<{ overdue: number }> {
  const due = await db.complaint.findMany({
    where: { status: "OPEN", overdueNotifiedAt: null, reviewDueAt: { lte: now } },
    orderBy: { reviewDueAt: "asc" },
    take: options.batch ?? 200,
    select: { id: true },
  });
  if (due.length === 0) return { overdue: 0 };
  const calendarOf = await calendarsByLine(db);
  let overdue = 0;
  for (const { id } of due) {
    try {
      const done = await db.$transaction(async (tx) => {
        const claimed = await tx.complaint.updateMany({ where: { id, status: "OPEN", overdueNotifiedAt: null, reviewDueAt: { lte: now } }, data: { overdueNotifiedAt: now } });
        if (claimed.count !== 1) return false;
        const c = await tx.complaint.findUniqueOrThrow({ where: { id }, select: { id: true, questionId: true, reviewerId: true, reviewDueAt: true, againstUserId: true, complainantId: true, question: { select: { number: true, lineId: true, ownerId: true } } } });
        const dueAt = c.reviewDueAt!;
        const lateMinutes = workingMinutesBetween(dueAt, now, calendarOf(c.question.lineId));
        await appendEvent(tx, c.questionId, "COMPLAINT_REVIEW_OVERDUE", null, { complaintId: c.id, dueAt: dueAt.toISOString(), lateMinutes }, now);
        const admins = await tx.user.findMany({ where: { roles: { has: "ADMIN" }, disabledAt: null }, select: { id: true } });
        const to = new Set([...(c.reviewerId ? [c.reviewerId] : []), ...admins.map((a) => a.id)]);
        // Never the people the complaint is about or by (an admin may be either).
        for (const skip of [c.againstUserId, c.question.ownerId, c.complainantId]) if (skip) to.delete(skip);
        const payload = { number: c.question.number, complaintId: c.id, dueAt: dueAt.toISOString(), lateMinutes };
        for (const userId of to) await notifyInApp(tx, userId, "complaint.review-overdue", c.questionId, `complaint-overdue:${c.id}:${userId}`, payload);
        return true;
      });
      if (done) overdue++;
    } catch (err) {
      log.error("complaint review sweep failed for a complaint", { complaintId: id, err: String(err) });
    }
  }
  return { overdue };
}
