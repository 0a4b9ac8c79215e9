import "server-only";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import type { DbTx } from "../db/client";
import { NotFoundError, m } from "../errors";
import type { Ctx } from "../kernel/context";

export type ReviewableComplaint = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

function findComplaint(db: DbTx, id: string) {
  return db.complaint.findUnique({
    where: { id },
    include: { question: { select: { id: true, number: true, askerId: true, ownerId: true, lineId: true } } },
  });
}

/**
 * May this actor decide the complaint (or ask for a statement)? The assigned reviewer, or an admin;
 * never the person complained about, the question's current owner or the complainant.
 */
export function canReview(ctx: Pick<Ctx, "actor">, c: { reviewerId: string | null; againstUserId: string | null; complainantId: string; question: { ownerId: string | null } }): boolean {
  const me = ctx.actor.id;
  if (c.againstUserId === me || c.question.ownerId === me || c.complainantId === me) return false;
  return c.reviewerId === me || hasRole(ctx.actor, "ADMIN");
}

/**
 * The complaint, for a reviewer. Anyone else gets 404, as for a complaint that does not exist: the
 * person complained about must not learn from a status code that there is one.
 */
export async function loadForReview(ctx: Ctx, tx: DbTx, complaintId: string, verb: string): Promise<ReviewableComplaint> {
  const c = await findComplaint(tx, complaintId);
  if (!c || !canReview(ctx, c)) throw await denyAccess(ctx, `complaint.${verb}`, complaintId, new NotFoundError(m("errors.complaintNotFound")));
  return c;
}
