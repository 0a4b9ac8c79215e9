// Per-user flood limits on writes that reach a person (new questions, complaints). Counted from the rows
// themselves, so the limit holds across portal instances; it slides: the block lifts when the oldest
// counted row leaves the window. One user's flood never blocks anyone else.
// Count and insert are atomic: each check takes a per-user transaction-scoped advisory lock first, so
// it must run inside the transaction that inserts the row; parallel requests of one user queue on it.
import type { DbTx } from "../db/client";
import { floodLimits } from "../env";
import { m, RateLimitedError, type ErrorMessage } from "../errors";
import { slidingWindowRetrySeconds } from "../kernel/sliding-window";

function check(times: Date[], limit: number, windowMs: number, now: Date, message: ErrorMessage): void {
  const retryAfterSeconds = slidingWindowRetrySeconds(times, limit, windowMs, now);
  if (retryAfterSeconds > 0) throw new RateLimitedError(retryAfterSeconds, message);
}

/** Serializes one user's creates of one kind until the transaction ends (re-entrant within it). */
export async function lockFloodCounter(tx: DbTx, kind: "question" | "complaint", userId: string): Promise<void> {
  const key = `shouwen:flood:${kind}:${userId}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Call inside the transaction that creates the question. */
export async function assertQuestionRate(db: DbTx, askerId: string, now: Date): Promise<void> {
  await lockFloodCounter(db, "question", askerId);
  const limit = floodLimits().QUESTIONS_PER_10_MINUTES;
  const windowMs = 10 * 60_000;
  const rows = await db.question.findMany({
    where: { askerId, createdAt: { gt: new Date(now.getTime() - windowMs) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  check(rows.map((r) => r.createdAt), limit, windowMs, now, m("errors.askFlood", { limit }));
}

/** Call inside the transaction that creates the complaint. */
export async function assertComplaintRate(db: DbTx, userId: string, now: Date): Promise<void> {
  await lockFloodCounter(db, "complaint", userId);
  const limit = floodLimits().COMPLAINTS_PER_HOUR;
  const windowMs = 60 * 60_000;
  const rows = await db.complaint.findMany({
    where: { complainantId: userId, createdAt: { gt: new Date(now.getTime() - windowMs) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  check(rows.map((r) => r.createdAt), limit, windowMs, now, m("errors.complaintFlood", { limit }));
}
