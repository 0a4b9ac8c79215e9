import "server-only";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { timeLimitInput } from "./schemas";

/**
 * 时限 per 条线 (or the company default when lineId is null) and priority, in working minutes. One
 * statement inserts or updates on the unique index, so parallel saves leave one row (the last save's);
 * the company default has its own partial index, since NULL line ids are never equal.
 */
export async function saveTimeLimit(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(timeLimitInput, raw);
  const { lineId, priority, firstResponseMinutes: first, resolutionMinutes: resolution, escalationMinutes: escalation } = input;
  if (lineId === null) {
    await ctx.db.$executeRaw`
      INSERT INTO "TimeLimitPolicy" (id, "lineId", priority, "firstResponseMinutes", "resolutionMinutes", "escalationMinutes")
      VALUES (gen_random_uuid(), NULL, ${priority}::"Priority", ${first}, ${resolution}, ${escalation})
      ON CONFLICT (priority) WHERE "lineId" IS NULL DO UPDATE SET "firstResponseMinutes" = EXCLUDED."firstResponseMinutes",
        "resolutionMinutes" = EXCLUDED."resolutionMinutes", "escalationMinutes" = EXCLUDED."escalationMinutes"`;
  } else {
    const data = { firstResponseMinutes: first, resolutionMinutes: resolution, escalationMinutes: escalation };
    await ctx.db.timeLimitPolicy.upsert({ where: { lineId_priority: { lineId, priority } }, create: { lineId, priority, ...data }, update: data });
  }
  await adminAudit(ctx, "timelimit.save", lineId ?? "default", input);
}
