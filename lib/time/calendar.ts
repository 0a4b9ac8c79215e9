// The working calendar: China's public holidays and 调休 make-up workdays from the maintained
// `chinese-days` package, admin overrides (CalendarOverride rows) on top, working hours from settings.
import chineseDays from "chinese-days";
import type { DbTx } from "../db/client";
import type { WorkCalendar } from "./working-time";

export interface WorkingHours {
  /** minutes after local midnight */
  start: number;
  end: number;
}

export const DEFAULT_HOURS: WorkingHours = { start: 9 * 60, end: 18 * 60 };
const BEIJING_OFFSET = 8 * 60;

/** A calendar from the holiday package plus overrides (pure apart from the package's data). */
export function chineseCalendar(overrides: ReadonlyMap<string, boolean> = new Map(), hours: WorkingHours = DEFAULT_HOURS): WorkCalendar {
  return {
    dayStart: hours.start,
    dayEnd: hours.end,
    utcOffsetMinutes: BEIJING_OFFSET,
    isWorkday: (date) => overrides.get(date) ?? chineseDays.isWorkday(date),
  };
}

export function parseHours(value: unknown): WorkingHours {
  const v = value as Partial<WorkingHours> | null;
  if (v && Number.isInteger(v.start) && Number.isInteger(v.end) && v.start! >= 0 && v.end! <= 1440 && v.end! > v.start!) return { start: v.start!, end: v.end! };
  return DEFAULT_HOURS;
}

const cache = new WeakMap<object, { at: number; calendar: WorkCalendar }>();

/** The calendar in force (re-read at most every 30 s, so admin changes apply without a restart). */
export async function loadCalendar(db: DbTx, now = Date.now()): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && now - hit.at < 30_000) return hit.calendar;
  const [overrides, hours] = await Promise.all([
    db.calendarOverride.findMany({ select: { date: true, isWorkday: true } }),
    db.appSetting.findUnique({ where: { key: "calendar.hours" } }),
  ]);
  const calendar = chineseCalendar(new Map(overrides.map((o) => [o.date.toISOString().slice(0, 10), o.isWorkday])), parseHours(hours?.value));
  cache.set(db, { at: now, calendar });
  return calendar;
}

/** For tests and admin changes that must apply at once. */
export function forgetCalendar(db: DbTx): void {
  cache.delete(db);
}
