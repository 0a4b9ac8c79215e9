import "server-only";
import { ConflictError, PreconditionError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { loadCalendar } from "../time/calendar";
import { addWorkingMinutes } from "../time/working-time";
import { parseInput } from "../validation";
import { loadForReview } from "./load-for-review";
import { STATEMENT_MINUTES } from "./review-settings";
import { requestStatementInput } from "./schemas";

/**
 * The reviewer asks the person complained about for a statement (once per complaint). The owner is
 * shown the request and the reviewer's note, never the complaint's reason or who filed it.
 */
export async function requestStatement(ctx: Ctx, raw: unknown): Promise<{ complaintId: string; dueAt: Date }> {
  const input = parseInput(requestStatementInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const c = await loadForReview(ctx, tx, input.complaintId, "request-statement");
    if (!c.againstUserId) throw new PreconditionError(m("errors.complaintHasNoOwner"));
    const dueAt = addWorkingMinutes(ctx.now, STATEMENT_MINUTES, await loadCalendar(tx, c.question.lineId));
    const claimed = await tx.complaint.updateMany({
      where: { id: c.id, status: "OPEN", statementRequestedAt: null },
      data: { statementRequestedAt: ctx.now, statementDueAt: dueAt, statementNote: input.note },
    });
    if (claimed.count !== 1) throw new ConflictError(m(c.status !== "OPEN" ? "errors.complaintDecided" : "errors.statementAlreadyRequested"));
    await appendEvent(tx, c.questionId, "COMPLAINT_STATEMENT_REQUESTED", ctx.actor.id, { complaintId: c.id, dueAt: dueAt.toISOString() }, ctx.now);
    await notifyInApp(tx, c.againstUserId, "complaint.statement-requested", c.questionId, `complaint-statement:${c.id}`, {
      number: c.question.number,
      complaintId: c.id,
      dueAt: dueAt.toISOString(),
      note: input.note,
    });
    return { complaintId: c.id, dueAt };
  });
}
