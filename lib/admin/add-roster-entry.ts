import "server-only";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { rosterInput } from "./schemas";

export async function addRosterEntry(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(rosterInput, raw);
  const entry = await ctx.db.dutyRoster.create({ data: input });
  await adminAudit(ctx, "roster.add", entry.id, input);
  return { id: entry.id };
}
