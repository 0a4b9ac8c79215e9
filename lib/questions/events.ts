import type { DbTx } from "../db/client";
import type { QuestionEventType } from "../db/generated/enums";
import type { Prisma } from "../db/generated/client";

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

export async function notifyInApp(
  tx: DbTx,
  userId: string,
  kind: string,
  questionId: string,
  dedupeKey: string,
  payload: Prisma.InputJsonObject,
): Promise<void> {
  // dedupeKey is unique: a retried transaction cannot notify twice.
  await tx.notification.upsert({
    where: { dedupeKey },
    create: { userId, channel: "IN_APP", kind, questionId, dedupeKey, payload, status: "SENT", sentAt: new Date() },
    update: {},
  });
}
