import "server-only";
// A refused attempt on an object addressed by id (someone else's question, handoff, QA review,
// scorecard, department, ask session…) is written down: an AuditLog row `<action>.denied` whose target
// is the id that was tried, and a warn log line. Guessed and sequential ids are how an insider probes;
// these rows are what "who tried to read what" is answered from.
import type { DbTx } from "../db/client";
import { ForbiddenError, type NotFoundError } from "../errors";
import { log } from "../log";
import type { Actor } from "./roles";

/**
 * Records the refusal and returns the error to throw, so the refusal reads as one statement:
 * `throw await denyAccess(ctx, "handoff.respond", handoffId, new ForbiddenError(m("errors.…")))`.
 * `action` is the verb's own audit name (`qa.grade`, `question.view`…). The error decides the status:
 * 403, or 404 where even the object's existence must stay hidden. The write goes through `ctx.db`,
 * never a transaction that is about to roll back with the refusal; if it fails, the refusal stands.
 */
export async function denyAccess<E extends ForbiddenError | NotFoundError>(
  ctx: { actor: Actor; db: DbTx; now?: Date },
  action: string,
  target: string,
  error: E = new ForbiddenError() as E,
): Promise<E> {
  const fields = { action: `${action}.denied`, actorId: ctx.actor.id, target: target.slice(0, 200) };
  log.warn("access refused", fields);
  await ctx.db.auditLog
    .create({ data: { actorId: fields.actorId, action: fields.action, target: fields.target, createdAt: ctx.now ?? new Date() } })
    .catch((err: unknown) => log.error("access refusal not audited", { ...fields, err: String(err) }));
  return error;
}
