// Working-time arithmetic for time limits (pure). Working hours are wall-clock periods of a day in the
// company's time zone (09:00–12:00 and 13:00–18:00 by default: the lunch break is not working time).
// Which dates are working days is decided by `isWorkday`; the default counts Monday–Friday. The Chinese
// public holidays and 调休 make-up days come from lib/time/calendar.ts.
import { localParts, wallTimeToInstant } from "./zone";

export interface WorkPeriod {
  /** minutes after local midnight */
  start: number;
  end: number;
}

export interface WorkCalendar {
  /** the working periods of a working day, ascending and not overlapping */
  periods: readonly WorkPeriod[];
  /** IANA zone of the wall-clock periods and local dates */
  timeZone: string;
  /** local date as YYYY-MM-DD → working day? */
  isWorkday(localDate: string): boolean;
}

export const DEFAULT_PERIODS: readonly WorkPeriod[] = [
  { start: 9 * 60, end: 12 * 60 },
  { start: 13 * 60, end: 18 * 60 },
];

export function isWeekday(localDate: string): boolean {
  const day = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

export const WEEKDAYS_CALENDAR: WorkCalendar = { periods: DEFAULT_PERIODS, timeZone: "Asia/Shanghai", isWorkday: isWeekday };

const MINUTE = 60_000;

function nextDay(date: string, zone: string): number {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * MINUTE).toISOString().slice(0, 10);
  return wallTimeToInstant(next, 0, zone).getTime();
}

function checkPeriods(cal: WorkCalendar): void {
  if (cal.periods.length === 0) throw new RangeError("the working day needs at least one period");
  let last = 0;
  for (const p of cal.periods) {
    if (!(p.start >= last && p.end > p.start && p.end <= 24 * 60)) throw new RangeError("working periods must be ascending, non-overlapping and within the day");
    last = p.end;
  }
}

/** The instant reached after `minutes` of working time from `start`. */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkCalendar = WEEKDAYS_CALENDAR): Date {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError("minutes must be a finite number ≥ 0");
  checkPeriods(cal);
  let t = start.getTime();
  let left = minutes;
  for (let guard = 0; guard < 3660; guard++) {
    const { date, minuteOfDay } = localParts(t, cal.timeZone);
    if (cal.isWorkday(date)) {
      for (const p of cal.periods) {
        const from = Math.max(minuteOfDay, p.start);
        if (from >= p.end) continue;
        const available = p.end - from;
        if (left <= available) return wallTimeToInstant(date, from + left, cal.timeZone);
        left -= available;
      }
    }
    t = nextDay(date, cal.timeZone);
  }
  throw new RangeError("no working time found within ten years: check the calendar");
}

/** Working minutes between two instants (0 when `end` ≤ `start`). */
export function workingMinutesBetween(start: Date, end: Date, cal: WorkCalendar = WEEKDAYS_CALENDAR): number {
  checkPeriods(cal);
  let t = start.getTime();
  const stop = end.getTime();
  let total = 0;
  while (t < stop) {
    const { date, minuteOfDay, midnight } = localParts(t, cal.timeZone);
    const next = nextDay(date, cal.timeZone);
    if (cal.isWorkday(date)) {
      const until = (Math.min(stop, next) - midnight.getTime()) / MINUTE;
      for (const p of cal.periods) {
        const from = Math.max(minuteOfDay, p.start);
        const to = Math.min(until, p.end);
        if (to > from) total += to - from;
      }
    }
    t = next;
  }
  return Math.round(total);
}

/** Working minutes in one working day (for displays such as "1 个工作日 = 8 小时"). */
export function minutesPerWorkday(cal: WorkCalendar): number {
  return cal.periods.reduce((sum, p) => sum + p.end - p.start, 0);
}
