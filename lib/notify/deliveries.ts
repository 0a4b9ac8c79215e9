import "server-only";
import { hasRole } from "../auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { retryInput } from "./schemas";
import { recordAudit } from "../kernel/audit";

function requireAdmin(ctx: Ctx) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
}

/** Deliveries that failed for good or are waiting for a retry, newest problems first. */
export async function listProblemDeliveries(ctx: Ctx, limit = 200) {
  requireAdmin(ctx);
  return ctx.db.notification.findMany({
    where: { channel: { not: "IN_APP" }, OR: [{ status: "FAILED" }, { status: "PENDING", attempts: { gt: 0 } }] },
    orderBy: [{ status: "asc" }, { nextAttemptAt: "asc" }],
    take: limit,
    select: {
      id: true,
      channel: true,
      kind: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      user: { select: { name: true, email: true } },
      question: { select: { id: true, number: true } },
    },
  });
}

/**
 * 重试: back to PENDING, due now, with a fresh set of attempts. The previous error stays visible
 * until the next attempt replaces it. Audited.
 */
export async function retryDelivery(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const { id } = parseInput(retryInput, raw);
  const row = await ctx.db.notification.findUnique({ where: { id }, select: { status: true, channel: true, attempts: true } });
  if (!row || row.channel === "IN_APP") throw new NotFoundError(m("errors.deliveryNotFound"));
  const delivered = new PreconditionError(m("errors.deliveryAlreadyDelivered"));
  if (row.status === "SENT") throw delivered;
  await ctx.db.$transaction(async (tx) => {
    // Conditional on the row as read: a worker that marked it sent (or claimed another attempt)
    // meanwhile wins, and a delivered notification is never put back in the queue.
    const reset = await tx.notification.updateMany({ where: { id, status: row.status, attempts: row.attempts }, data: { status: "PENDING", attempts: 0, nextAttemptAt: ctx.now } });
    if (reset.count !== 1) throw (await tx.notification.count({ where: { id, status: "SENT" } })) ? delivered : new ConflictError();
    await recordAudit(tx, { actorId: ctx.actor.id, action: "notify.retry", target: id, data: { previousStatus: row.status, previousAttempts: row.attempts }, createdAt: ctx.now });
  });
  return { ok: true };
}
