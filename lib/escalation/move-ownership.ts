import "server-only";
// Ownership moved by an escalated manager (reassign or take over): the chain is kept, a handoff still
// waiting for its receiver is withdrawn, an unacknowledged instruction to the old owner lapses.
import type { DbTx } from "../db/client";
import type { OwnershipVia } from "../db/generated/enums";
import { appendEvent } from "../questions/events";

export async function moveOwnership(tx: DbTx, questionId: string, toUserId: string, via: OwnershipVia, actorId: string, now: Date): Promise<void> {
  const pending = await tx.handoff.findFirst({ where: { questionId, status: "PENDING" }, select: { id: true } });
  if (pending) {
    await tx.handoff.update({ where: { id: pending.id }, data: { status: "CANCELLED", respondedAt: now } });
    await appendEvent(tx, questionId, "HANDOFF_CANCELLED", actorId, { handoffId: pending.id, reason: via === "REASSIGNED" ? "reassigned" : "taken-over" }, now);
  }
  await tx.questionOwnership.updateMany({ where: { questionId, endedAt: null }, data: { endedAt: now } });
  await tx.questionOwnership.create({ data: { questionId, userId: toUserId, via, startedAt: now } });
  await tx.question.update({ where: { id: questionId }, data: { ownerId: toUserId, instructionNote: null, instructedById: null, instructedAt: null } });
}
