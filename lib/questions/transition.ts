// Every change of a question's state is decided on the state the verb read, inside its transaction:
// the verb reads the question (with its version), checks what it must, then claims the change with a
// conditional update on that version. Of two racing requests the second finds the version moved and
// gets a 409 naming what changed; its transaction rolls back, so nothing of it is stored (no event,
// no notification, no gap row). Reads must happen inside the same transaction as the claim.
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { QuestionEventType } from "../db/generated/enums";
import { ConflictError, m, type ErrorKey } from "../errors";

type ErrorKeyEvent = Exclude<{ [K in ErrorKey]: K extends `errors.stale.${infer T}` ? T : never }[ErrorKey], "OTHER">;

/** The 409 message naming the change that won, by the type of its event (errors.stale.*). */
const WHAT_CHANGED = new Set<QuestionEventType>([
  "RESOLVED", "REPLIED", "HANDOFF_REQUESTED", "HANDOFF_ACCEPTED", "HANDOFF_DECLINED", "REOPENED", "CONFIRMED", "ESCALATED",
  "RATED", "INSTRUCTED", "INSTRUCTION_ACKNOWLEDGED", "REASSIGNED", "DEADLINE_EXTENDED", "TAKEN_OVER", "URGENCY_CHANGED", "HANDOFF_EXPIRED",
] as const satisfies readonly ErrorKeyEvent[]);

/**
 * Claims a transition decided on `read` (bumps the version, clears the sweep's next-check time so
 * the sweep looks again) or throws ConflictError saying what happened in between. `data` is written
 * in the same conditional update.
 */
export async function claimTransition(tx: DbTx, read: { id: string; version: number }, data: Prisma.QuestionUpdateManyMutationInput = {}): Promise<void> {
  const claimed = await tx.question.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 }, sweepDueAt: null } });
  if (claimed.count === 1) return;
  throw await conflictSince(tx, read.id);
}

/** The 409 for a lost race, naming the change that won (read after it committed). */
export async function conflictSince(tx: DbTx, questionId: string): Promise<ConflictError> {
  const last = await tx.questionEvent.findFirst({
    where: { questionId, type: { in: [...WHAT_CHANGED] } },
    orderBy: { id: "desc" },
    select: { type: true },
  });
  return new ConflictError(m(last && WHAT_CHANGED.has(last.type) ? (`errors.stale.${last.type as ErrorKeyEvent}` as const) : "errors.stale.OTHER"));
}

/**
 * The 409 for an owner action by someone who held the question until a handoff moved it on (a race
 * they lost, not a forbidden attempt); null for anyone else, who gets the ordinary refusal.
 */
export async function conflictIfFormerOwner(tx: DbTx, questionId: string, userId: string): Promise<ConflictError | null> {
  const held = await tx.questionOwnership.findFirst({ where: { questionId, userId, endedAt: { not: null } }, select: { id: true } });
  return held ? conflictSince(tx, questionId) : null;
}
