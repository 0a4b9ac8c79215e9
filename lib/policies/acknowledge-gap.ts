import "server-only";
// A policy owner acknowledges a knowledge gap (无制度 / 制度不清) of their 条线 or document: "seen, we
// will write or clarify the rule". Recorded on the gap and in the audit log.
import { z } from "zod";
import type { PolicyScope } from "../analytics/shared/scope";
import { policyScopeOf } from "../analytics/shared/scope";
import { denyAccess } from "../auth/deny-access";
import { ForbiddenError, NotFoundError, PreconditionError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";

export const ACKNOWLEDGE_GAP_ACTION = "gap.acknowledge";

export const acknowledgeGapInput = z
  .object({
    gapId: z.string({ error: fieldKey("errors.field.gapIdMissing") }).uuid(fieldKey("errors.field.gapIdInvalid")),
    note: z.string().trim().max(1000, fieldKey("errors.field.noteMax1000")).optional(),
  })
  .strict();

/** A gap is theirs when its 条线 is one they own or it names one of their documents. */
export function canManageGap(scope: PolicyScope, gap: { lineId: string; policyId: string | null }): boolean {
  return scope.all || scope.lineIds.includes(gap.lineId) || (gap.policyId !== null && scope.policyIds.includes(gap.policyId));
}

export async function acknowledgeGap(ctx: Ctx, raw: unknown) {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(acknowledgeGapInput, raw);
  const gap = await ctx.db.knowledgeGap.findUnique({ where: { id: input.gapId }, select: { id: true, lineId: true, policyId: true, status: true, questionId: true } });
  if (!gap) throw new NotFoundError(m("errors.gapNotFound"));
  if (!canManageGap(scope, gap)) throw await denyAccess(ctx, ACKNOWLEDGE_GAP_ACTION, gap.id, new ForbiddenError(m("errors.ownGapsOnly")));
  if (gap.status !== "OPEN") throw new PreconditionError(m("errors.gapAlreadyHandled"));
  await ctx.db.$transaction(async (tx) => {
    // The status guard makes a double click (or two owners at once) acknowledge once.
    const done = await tx.knowledgeGap.updateMany({ where: { id: gap.id, status: "OPEN" }, data: { status: "ACKNOWLEDGED", acknowledgedById: ctx.actor.id, acknowledgedAt: ctx.now } });
    if (done.count === 0) throw new PreconditionError(m("errors.gapAlreadyHandled"));
    await recordAudit(tx, { actorId: ctx.actor.id, action: ACKNOWLEDGE_GAP_ACTION, target: gap.id, data: { questionId: gap.questionId, lineId: gap.lineId, policyId: gap.policyId, note: input.note || null }, createdAt: ctx.now });
  });
  return { ok: true };
}
