import "server-only";
import { ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { forgetCalendar } from "../time/calendar";
import { adminAudit, requireAdmin } from "./admin-guard";
import { calendarOverrideInput } from "./schemas";

/** A date the holiday package gets wrong for this company (a workday, or a day off). */
export async function saveCalendarOverride(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(calendarOverrideInput, raw);
  const date = new Date(`${input.date}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new ValidationError({ date: m("errors.dateInvalid") });
  await ctx.db.calendarOverride.upsert({ where: { date }, create: { date, isWorkday: input.isWorkday, note: input.note ?? null, source: "OVERRIDE" }, update: { isWorkday: input.isWorkday, note: input.note ?? null, source: "OVERRIDE" } });
  forgetCalendar(ctx.db);
  await adminAudit(ctx, "calendar.override", input.date, input);
}
