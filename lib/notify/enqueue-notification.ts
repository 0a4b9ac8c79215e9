// The outbox writer. Called inside the transaction that makes the change it announces, so the
// notification exists exactly when the change does; the worker delivers it later (deliver-due.ts).
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { resolveChannels } from "./channels";

export interface EnqueueInput {
  userId: string;
  kind: string;
  questionId?: string | null;
  /** Unique per announcement; the same key twice (a retried transaction, a re-run sweep) notifies once. */
  dedupeKey: string;
  payload: Prisma.InputJsonObject;
  now?: Date;
}

/**
 * Writes one IN_APP row (already SENT: the portal shows it) and one PENDING row per external
 * channel the user has on, keyed `${dedupeKey}:${channel}`. Returns how many rows were new.
 */
export async function enqueueNotification(tx: DbTx, input: EnqueueInput): Promise<number> {
  const now = input.now ?? new Date();
  const user = await tx.user.findUnique({
    where: { id: input.userId },
    select: { email: true, disabledAt: true, notificationPrefs: { select: { channel: true, enabled: true, address: true } } },
  });
  if (!user) throw new Error(`enqueueNotification: no user ${input.userId}`);
  const base = { userId: input.userId, kind: input.kind, questionId: input.questionId ?? null, payload: input.payload };
  const rows: Prisma.NotificationCreateManyInput[] = [
    { ...base, channel: "IN_APP", dedupeKey: input.dedupeKey, status: "SENT", sentAt: now, nextAttemptAt: now, createdAt: now },
    ...resolveChannels(user, user.notificationPrefs).map(({ channel }) => ({
      ...base,
      channel,
      dedupeKey: `${input.dedupeKey}:${channel}`,
      status: "PENDING" as const,
      nextAttemptAt: now,
      createdAt: now,
    })),
  ];
  // ON CONFLICT DO NOTHING on dedupeKey: the second attempt of the same announcement writes nothing.
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
