import "server-only";
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { ForbiddenError, ValidationError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { forgetCalendar, loadCalendarData } from "../time/calendar";
import { dayInfo, type DaySource } from "../time/holidays";
import { parseInput } from "../validation";
import { parseOfficialCalendar } from "./parse-official-calendar";
import { recordAudit } from "../kernel/audit";

export const officialCalendarInput = z
  .object({
    year: z.number({ error: fieldKey("errors.field.yearRequired") }).int(fieldKey("errors.field.yearNotInteger")).min(2000, fieldKey("errors.field.yearRange")).max(2099, fieldKey("errors.field.yearRange")),
    text: z.string().trim().min(1, fieldKey("errors.field.calendarTextRequired")).max(60_000, fieldKey("errors.field.calendarTextTooLong")),
    apply: z.boolean().default(false),
  })
  .strict();

export interface OfficialPreviewDay {
  date: string;
  isWorkday: boolean;
  name: string;
  /** what the calendar says today */
  before: { working: boolean; source: DaySource | null; name: string | null };
  /** an admin's single-date override stays in force over this entry */
  keptOverride: boolean;
}

/**
 * A year's State Council arrangement (holidays and 调休 workdays), entered by an admin. Without `apply`
 * it only checks and previews; with it, the year's previous OFFICIAL rows are replaced in one transaction
 * with an audit row, and the year stops being provisional. Single-date OVERRIDE rows are kept.
 */
export async function importOfficialCalendar(ctx: Ctx, raw: unknown) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  const input = parseInput(officialCalendarInput, raw);
  const parsed = parseOfficialCalendar(input.text, input.year);
  // One field per problem (text.1, text.2, …): the form lists them, each in the reader's language.
  if (parsed.errors.length > 0) throw new ValidationError(Object.fromEntries(parsed.errors.map((e, i) => [`text.${i + 1}`, e])), m("errors.calendarInvalid"));
  const current = await loadCalendarData(ctx.db);
  const preview: OfficialPreviewDay[] = parsed.days.map((d) => {
    const before = dayInfo(d.date, current);
    return { ...d, before: { working: before.working, source: before.source, name: before.name }, keptOverride: current.entries.get(d.date)?.source === "override" };
  });
  if (!input.apply) return { year: input.year, applied: false, days: preview };

  const from = new Date(`${input.year}-01-01T00:00:00Z`);
  const to = new Date(`${input.year + 1}-01-01T00:00:00Z`);
  await ctx.db.$transaction(async (tx) => {
    // Two admins saving the same year at once: one after the other, the last one's notice stands whole.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('calendar.official'), ${input.year})`;
    const overrides = await tx.calendarOverride.findMany({ where: { date: { gte: from, lt: to }, source: "OVERRIDE" }, select: { date: true } });
    const kept = new Set(overrides.map((o) => o.date.toISOString().slice(0, 10)));
    await tx.calendarOverride.deleteMany({ where: { date: { gte: from, lt: to }, source: "OFFICIAL" } });
    await tx.calendarOverride.createMany({
      data: parsed.days.filter((d) => !kept.has(d.date)).map((d) => ({ date: new Date(`${d.date}T00:00:00Z`), isWorkday: d.isWorkday, note: d.name, source: "OFFICIAL" as const })),
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "calendar.official",
      target: String(input.year),
      data: { days: parsed.days.length, holidays: parsed.days.filter((d) => !d.isWorkday).length, workdays: parsed.days.filter((d) => d.isWorkday).length, keptOverrides: [...kept].sort(), entries: parsed.days.map((d) => `${d.date} ${d.name} ${d.isWorkday ? "班" : "休"}`) },
      createdAt: ctx.now,
    });
  });
  forgetCalendar(ctx.db);
  return { year: input.year, applied: true, days: preview };
}
