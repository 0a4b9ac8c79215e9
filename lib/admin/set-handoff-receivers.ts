import "server-only";
import { ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { HANDOFF_RECEIVERS_SETTING } from "../questions/handoff-receivers";
import { adminAudit, requireAdmin } from "./admin-guard";
import { handoffReceiversInput } from "./schemas";

/** People besides first-contact owners and the chain's managers who may receive a handed-on question. */
export async function setHandoffReceivers(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(handoffReceiversInput, raw);
  const userIds = [...new Set(input.userIds)];
  const found = await ctx.db.user.count({ where: { id: { in: userIds }, disabledAt: null } });
  if (found !== userIds.length) throw new ValidationError({ userIds: m("errors.somePeopleMissing") });
  const value = { userIds };
  await ctx.db.appSetting.upsert({ where: { key: HANDOFF_RECEIVERS_SETTING }, create: { key: HANDOFF_RECEIVERS_SETTING, value }, update: { value } });
  await adminAudit(ctx, "handoff.receivers", HANDOFF_RECEIVERS_SETTING, value);
  return { count: userIds.length };
}
