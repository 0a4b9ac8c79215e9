import "server-only";
import { ConflictError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { parseInput } from "../validation";
import { loadForReview } from "./load-for-review";
import { decideComplaintInput } from "./schemas";

/**
 * 复核结论: uphold or reject with a reason. Decided by a conditional update on the OPEN status, so of
 * two reviewers deciding at once one wins and the other gets a 409 (nothing of theirs is stored).
 * The asker and the person complained about are told the outcome and the reason.
 */
export async function decideComplaint(ctx: Ctx, raw: unknown): Promise<{ complaintId: string; outcome: "UPHELD" | "REJECTED" }> {
  const input = parseInput(decideComplaintInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const c = await loadForReview(ctx, tx, input.complaintId, "decide");
    const claimed = await tx.complaint.updateMany({
      where: { id: c.id, status: "OPEN" },
      data: { status: input.outcome, reviewedById: ctx.actor.id, reviewedAt: ctx.now, reviewNote: input.reason },
    });
    if (claimed.count !== 1) throw new ConflictError(m("errors.complaintAlreadyDecided"));
    await appendEvent(tx, c.questionId, "COMPLAINT_REVIEWED", ctx.actor.id, { complaintId: c.id, outcome: input.outcome, reason: input.reason }, ctx.now);
    const payload = { number: c.question.number, complaintId: c.id, outcome: input.outcome, reason: input.reason };
    const told = new Set([c.complainantId, ...(c.againstUserId ? [c.againstUserId] : [])]);
    for (const userId of told) await notifyInApp(tx, userId, "complaint.decided", c.questionId, `complaint-decided:${c.id}:${userId}`, payload);
    return { complaintId: c.id, outcome: input.outcome };
  });
}
