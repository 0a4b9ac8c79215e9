import "server-only";
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { fieldKey, ForbiddenError, m, ValidationError, type ErrorMessage } from "../errors";
import type { Ctx } from "../kernel/context";
import { forgetCalendar, hoursKey } from "../time/calendar";
import type { WorkPeriod } from "../time/working-time";
import { formatMinuteOfDay } from "../time/zone";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";

export const workingHoursInput = z
  .object({
    /** a 条线's own hours; absent = the company's */
    lineId: z.string().uuid(fieldKey("errors.field.lineRequired")).optional(),
    /** "09:00-12:00, 13:00-18:00"; empty with a lineId = the 条线 follows the company again */
    periods: z.string().trim().max(200, fieldKey("errors.field.tooLong")),
  })
  .strict();

const PERIOD = /^([01]\d|2[0-4]):([0-5]\d)\s*[-–~至]\s*([01]\d|2[0-4]):([0-5]\d)$/;

/** "09:00-12:00, 13:00-18:00" → periods, or the reason it is not a working day. Pure. */
export function parsePeriods(text: string): WorkPeriod[] | ErrorMessage {
  const parts = text.split(/[,，;；\s]+(?=\d)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return m("errors.field.periodsEmpty");
  if (parts.length > 6) return m("errors.field.periodsTooMany");
  const periods: WorkPeriod[] = [];
  for (const p of parts) {
    const match = PERIOD.exec(p);
    if (!match) return m("errors.field.periodNotPeriod", { period: p.slice(0, 20) });
    const start = Number(match[1]) * 60 + Number(match[2]);
    const end = Number(match[3]) * 60 + Number(match[4]);
    if (start >= 1440 || end > 1440) return m("errors.field.periodPastDay", { period: p });
    if (end <= start) return m("errors.field.periodEndBeforeStart", { period: p });
    periods.push({ start, end });
  }
  periods.sort((a, b) => a.start - b.start);
  for (let i = 1; i < periods.length; i++) if (periods[i]!.start < periods[i - 1]!.end) return m("errors.field.periodsOverlap");
  return periods;
}

export const formatPeriods = (periods: readonly WorkPeriod[]) => periods.map((p) => `${formatMinuteOfDay(p.start)}-${formatMinuteOfDay(p.end)}`).join(", ");

/** Working hours (with breaks) of the company or of one 条线: every deadline computed from now on uses them. */
export async function saveWorkingHours(ctx: Ctx, raw: unknown) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  const input = parseInput(workingHoursInput, raw);
  const key = hoursKey(input.lineId);
  if (input.lineId && !(await ctx.db.businessLine.findUnique({ where: { id: input.lineId }, select: { id: true } }))) throw new ValidationError({ lineId: m("errors.lineNotFound") });
  if (input.lineId && input.periods === "") {
    await ctx.db.$transaction([
      ctx.db.appSetting.deleteMany({ where: { key } }),
      recordAudit(ctx.db, { actorId: ctx.actor.id, action: "calendar.hours", target: input.lineId, data: { periods: null }, createdAt: ctx.now }),
    ]);
  } else {
    const periods = parsePeriods(input.periods);
    if (!Array.isArray(periods)) throw new ValidationError({ periods });
    const value = { periods: periods.map((p) => ({ start: p.start, end: p.end })) };
    await ctx.db.$transaction([
      ctx.db.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } }),
      recordAudit(ctx.db, { actorId: ctx.actor.id, action: "calendar.hours", target: input.lineId ?? "company", data: { periods: formatPeriods(periods) }, createdAt: ctx.now }),
    ]);
  }
  forgetCalendar(ctx.db);
}
