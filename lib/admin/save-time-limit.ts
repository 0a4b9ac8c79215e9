import "server-only";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { timeLimitInput } from "./schemas";

/** 时限 per 条线 (or the company default when lineId is null) and priority, in working minutes. */
export async function saveTimeLimit(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(timeLimitInput, raw);
  const existing = await ctx.db.timeLimitPolicy.findFirst({ where: { lineId: input.lineId, priority: input.priority } });
  const data = { firstResponseMinutes: input.firstResponseMinutes, resolutionMinutes: input.resolutionMinutes, escalationMinutes: input.escalationMinutes };
  if (existing) await ctx.db.timeLimitPolicy.update({ where: { id: existing.id }, data });
  else await ctx.db.timeLimitPolicy.create({ data: { lineId: input.lineId, priority: input.priority, ...data } });
  await adminAudit(ctx, "timelimit.save", input.lineId ?? "default", input);
}
