// The working calendar in force: days off from lib/time/holidays.ts (the holiday package, the official
// notices and single dates admins entered, else the statutory rules) and the working periods of a day
// from settings (company default, optionally per 条线), in the company's time zone.
import type { DbTx } from "../db/client";
import { calendarData, dayInfo, EMPTY_CALENDAR_DATA, type CalendarData, type CalendarEntry } from "./holidays";
import { DEFAULT_PERIODS, type WorkCalendar, type WorkPeriod } from "./working-time";
import { companyZone } from "./zone";

/** AppSetting key of the company's working hours; a 条线's own hours are under `${HOURS_KEY}:<lineId>`. */
export const HOURS_KEY = "calendar.hours";
export const hoursKey = (lineId?: string | null) => (lineId ? `${HOURS_KEY}:${lineId}` : HOURS_KEY);

/** A calendar from the given data (pure apart from the holiday package's tables). */
export function chineseCalendar(data: CalendarData = EMPTY_CALENDAR_DATA, periods: readonly WorkPeriod[] = DEFAULT_PERIODS, timeZone = companyZone()): WorkCalendar {
  const known = new Map<string, boolean>(); // the sweep asks about the same few weeks for every question
  return {
    periods,
    timeZone,
    isWorkday: (date) => {
      let working = known.get(date);
      if (working === undefined) known.set(date, (working = dayInfo(date, data).working));
      return working;
    },
  };
}

const isPeriod = (p: unknown): p is WorkPeriod => {
  const v = p as Partial<WorkPeriod> | null;
  return !!v && Number.isInteger(v.start) && Number.isInteger(v.end) && v.start! >= 0 && v.end! <= 1440 && v.end! > v.start!;
};

/** Stored hours: `{ periods: [{ start, end }, …] }` in minutes after midnight (or the older single `{ start, end }`). */
export function parseHours(value: unknown): WorkPeriod[] | null {
  const v = value as { periods?: unknown } | null;
  const list = v && Array.isArray(v.periods) ? v.periods : isPeriod(v) ? [v] : null;
  if (!list || list.length === 0 || !list.every(isPeriod)) return null;
  const periods = list.map((p) => ({ start: p.start, end: p.end })).sort((a, b) => a.start - b.start);
  return periods.every((p, i) => i === 0 || p.start >= periods[i - 1]!.end) ? periods : null;
}

interface Loaded {
  at: number;
  data: CalendarData;
  hours: Map<string, WorkPeriod[]>;
}

const cache = new WeakMap<object, Loaded>();

async function load(db: DbTx): Promise<Loaded> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < 30_000) return hit;
  const [rows, settings] = await Promise.all([
    db.calendarOverride.findMany({ select: { date: true, isWorkday: true, note: true, source: true } }),
    db.appSetting.findMany({ where: { key: { startsWith: HOURS_KEY } } }),
  ]);
  const entries = rows.map((r): [string, CalendarEntry] => [r.date.toISOString().slice(0, 10), { isWorkday: r.isWorkday, note: r.note, source: r.source === "OFFICIAL" ? "official" : "override" }]);
  const hours = new Map<string, WorkPeriod[]>();
  for (const s of settings) {
    const periods = parseHours(s.value);
    if (periods) hours.set(s.key, periods);
  }
  const loaded = { at: Date.now(), data: calendarData(entries), hours };
  cache.set(db, loaded);
  return loaded;
}

/**
 * The admin-entered calendar rows in force (re-read at most every 30 s; `fresh` reads them now, for the
 * admin pages: Next bundles route handlers and pages apart, so the save's forgetCalendar does not reach them).
 */
export async function loadCalendarData(db: DbTx, options: { fresh?: boolean } = {}): Promise<CalendarData> {
  if (options.fresh) cache.delete(db);
  return (await load(db)).data;
}

/** The working periods of a 条线 (its own, else the company's, else 09:00–12:00, 13:00–18:00). */
export async function loadWorkingHours(db: DbTx, lineId?: string | null): Promise<readonly WorkPeriod[]> {
  const { hours } = await load(db);
  return (lineId ? hours.get(hoursKey(lineId)) : undefined) ?? hours.get(HOURS_KEY) ?? DEFAULT_PERIODS;
}

/** The calendar in force for a 条线 (re-read at most every 30 s, so admin changes apply without a restart). */
export async function loadCalendar(db: DbTx, lineId?: string | null): Promise<WorkCalendar> {
  const { data } = await load(db);
  return chineseCalendar(data, await loadWorkingHours(db, lineId));
}

/** The calendars of every 条线 from one read (for the sweep, which needs many). */
export async function calendarsByLine(db: DbTx): Promise<(lineId?: string | null) => WorkCalendar> {
  const { data, hours } = await load(db);
  const company = chineseCalendar(data, hours.get(HOURS_KEY) ?? DEFAULT_PERIODS);
  const byLine = new Map<string, WorkCalendar>();
  return (lineId) => {
    const own = lineId ? hours.get(hoursKey(lineId)) : undefined;
    if (!lineId || !own) return company;
    let calendar = byLine.get(lineId);
    if (!calendar) byLine.set(lineId, (calendar = chineseCalendar(data, own)));
    return calendar;
  };
}

/** For tests and admin changes that must apply at once. */
export function forgetCalendar(db: DbTx): void {
  cache.delete(db);
}
