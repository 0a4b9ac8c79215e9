import "server-only";
import { denyAccess } from "../auth/deny-access";
import { ConflictError, NotFoundError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { appendEvent, notifyInApp } from "../questions/events";
import { parseInput } from "../validation";
import { giveStatementInput } from "./schemas";

/** The person complained about answers the reviewer's request (once; before the decision). */
export async function giveStatement(ctx: Ctx, raw: unknown): Promise<{ complaintId: string }> {
  const input = parseInput(giveStatementInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const c = await tx.complaint.findUnique({ where: { id: input.complaintId }, select: { id: true, questionId: true, againstUserId: true, reviewerId: true, statementRequestedAt: true, question: { select: { number: true } } } });
    // Only a requested statement exists for the owner; anything else answers as not found.
    if (!c || c.againstUserId !== ctx.actor.id || !c.statementRequestedAt) {
      throw await denyAccess(ctx, "complaint.statement", input.complaintId, new NotFoundError(m("errors.noStatementRequested")));
    }
    const claimed = await tx.complaint.updateMany({
      where: { id: c.id, status: "OPEN", statement: null },
      data: { statement: input.statement, statementAt: ctx.now },
    });
    if (claimed.count !== 1) throw new ConflictError(m("errors.statementAlreadyGiven"));
    await appendEvent(tx, c.questionId, "COMPLAINT_STATEMENT_GIVEN", ctx.actor.id, { complaintId: c.id }, ctx.now);
    if (c.reviewerId) await notifyInApp(tx, c.reviewerId, "complaint.statement-given", c.questionId, `complaint-statement-given:${c.id}`, { number: c.question.number, complaintId: c.id });
    return { complaintId: c.id };
  });
}
