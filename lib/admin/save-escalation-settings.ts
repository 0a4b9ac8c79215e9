import "server-only";
// Admin setting of the time-limit sweep: whether a missed first response also warns the owner's manager.
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { FIRST_RESPONSE_NOTIFY_MANAGER } from "../escalation/sweep";
import { ForbiddenError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";

export const escalationSettingsInput = z.object({ notifyManagerOnFirstResponseBreach: z.boolean({ error: fieldKey("errors.field.notifyManagerRequired") }) }).strict();

export async function saveEscalationSettings(ctx: Ctx, raw: unknown): Promise<{ notifyManagerOnFirstResponseBreach: boolean }> {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  const input = parseInput(escalationSettingsInput, raw);
  const value = input.notifyManagerOnFirstResponseBreach;
  await ctx.db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: FIRST_RESPONSE_NOTIFY_MANAGER }, create: { key: FIRST_RESPONSE_NOTIFY_MANAGER, value }, update: { value } });
    await recordAudit(tx, { actorId: ctx.actor.id, action: "escalation.settings", target: FIRST_RESPONSE_NOTIFY_MANAGER, data: { value }, createdAt: ctx.now });
  });
  return { notifyManagerOnFirstResponseBreach: value };
}

export async function loadEscalationSettings(db: Ctx["db"]): Promise<{ notifyManagerOnFirstResponseBreach: boolean }> {
  const row = await db.appSetting.findUnique({ where: { key: FIRST_RESPONSE_NOTIFY_MANAGER } });
  return { notifyManagerOnFirstResponseBreach: row?.value !== false };
}
