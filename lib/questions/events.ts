import type { DbTx } from "../db/client";
import type { QuestionEventType } from "../db/generated/enums";
import type { Prisma } from "../db/generated/client";
import { enqueueNotification } from "../notify/enqueue-notification";

/** Appends to the question's audit trail. Call inside the transaction that makes the change. */
export async function appendEvent(
  tx: DbTx,
  questionId: string,
  type: QuestionEventType,
  actorId: string | null,
  data: Prisma.InputJsonObject = {},
  at?: Date,
): Promise<void> {
  await tx.questionEvent.create({ data: { questionId, type, actorId, data, ...(at ? { createdAt: at } : {}) } });
}

/**
 * Announces a change to a user: the in-app notice plus, through the outbox, e-mail and IM on the
 * channels the user has on (lib/notify). Call inside the transaction that makes the change.
 */
export async function notifyInApp(
  tx: DbTx,
  userId: string,
  kind: string,
  questionId: string,
  dedupeKey: string,
  payload: Prisma.InputJsonObject,
): Promise<void> {
  // dedupeKey is unique: a retried transaction cannot notify twice.
  await enqueueNotification(tx, { userId, kind, questionId, dedupeKey, payload });
}
