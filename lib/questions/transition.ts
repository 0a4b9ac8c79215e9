// Every change of a question's state is decided on the state the verb read, inside its transaction:
// the verb reads the question (with its version), checks what it must, then claims the change with a
// conditional update on that version. Of two racing requests the second finds the version moved and
// gets a 409 naming what changed; its transaction rolls back, so nothing of it is stored (no event,
// no notification, no gap row). Reads must happen inside the same transaction as the claim.
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { QuestionEventType } from "../db/generated/enums";
import { ConflictError } from "../errors";

const WHAT_CHANGED: Partial<Record<QuestionEventType, string>> = {
  RESOLVED: "问题刚刚已被办结",
  REPLIED: "问题刚刚有了新的答复",
  HANDOFF_REQUESTED: "问题刚刚被发起转交",
  HANDOFF_ACCEPTED: "问题刚刚已转交给新的首问责任人",
  HANDOFF_DECLINED: "这次转交刚刚已被拒绝",
  REOPENED: "问题刚刚被提问人重新打开",
  CONFIRMED: "提问人刚刚已确认解决并关闭了问题",
  ESCALATED: "问题刚刚因超时升级到了上一级",
  RATED: "提问人刚刚提交了评价",
  INSTRUCTED: "上级刚刚下达了督办意见",
  INSTRUCTION_ACKNOWLEDGED: "首问责任人刚刚确认了督办意见",
  REASSIGNED: "问题刚刚已被上级改派",
  DEADLINE_EXTENDED: "时限刚刚已被上级延长",
  TAKEN_OVER: "问题刚刚已由上级接手",
  URGENCY_CHANGED: "问题的紧急程度刚刚被调整",
  HANDOFF_EXPIRED: "转交刚刚因超时未接收而失效",
};

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
    where: { questionId, type: { in: Object.keys(WHAT_CHANGED) as QuestionEventType[] } },
    orderBy: { id: "desc" },
    select: { type: true },
  });
  const what = (last && WHAT_CHANGED[last.type]) ?? "问题刚刚已被他人更新";
  return new ConflictError(`${what}，你的操作未保存。请刷新页面，看过最新状态后再决定。`);
}

/**
 * The 409 for an owner action by someone who held the question until a handoff moved it on (a race
 * they lost, not a forbidden attempt); null for anyone else, who gets the ordinary refusal.
 */
export async function conflictIfFormerOwner(tx: DbTx, questionId: string, userId: string): Promise<ConflictError | null> {
  const held = await tx.questionOwnership.findFirst({ where: { questionId, userId, endedAt: { not: null } }, select: { id: true } });
  return held ? conflictSince(tx, questionId) : null;
}
