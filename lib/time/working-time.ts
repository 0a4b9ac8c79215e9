// Working-time arithmetic for time limits (pure). Working hours are local wall-clock hours in a fixed
// UTC offset (China has no DST). Which dates are working days is decided by `isWorkday`; the default
// counts Monday–Friday. The time-limit issue plugs in Chinese public holidays and 调休 make-up days.

export interface WorkCalendar {
  /** minutes after local midnight */
  dayStart: number;
  dayEnd: number;
  utcOffsetMinutes: number;
  /** local date as YYYY-MM-DD → working day? */
  isWorkday(localDate: string): boolean;
}

export const WEEKDAYS_CALENDAR: WorkCalendar = {
  dayStart: 9 * 60,
  dayEnd: 18 * 60,
  utcOffsetMinutes: 8 * 60,
  isWorkday(localDate) {
    const day = new Date(`${localDate}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function localParts(t: number, cal: WorkCalendar) {
  const local = t + cal.utcOffsetMinutes * MINUTE;
  const midnight = Math.floor(local / DAY) * DAY;
  return { date: new Date(midnight).toISOString().slice(0, 10), minuteOfDay: (local - midnight) / MINUTE, midnightUtc: midnight - cal.utcOffsetMinutes * MINUTE };
}

/** The instant reached after `minutes` of working time from `start`. */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkCalendar = WEEKDAYS_CALENDAR): Date {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError("minutes must be a finite number ≥ 0");
  if (cal.dayEnd <= cal.dayStart) throw new RangeError("the working day must end after it starts");
  let t = start.getTime();
  let left = minutes;
  for (let guard = 0; guard < 3660; guard++) {
    const { date, minuteOfDay, midnightUtc } = localParts(t, cal);
    if (cal.isWorkday(date) && minuteOfDay < cal.dayEnd) {
      const from = Math.max(minuteOfDay, cal.dayStart);
      const available = cal.dayEnd - from;
      if (left <= available) return new Date(midnightUtc + (from + left) * MINUTE);
      left -= available;
    }
    t = midnightUtc + DAY; // next local midnight
  }
  throw new RangeError("no working time found within ten years: check the calendar");
}

/** Working minutes between two instants (0 when `end` ≤ `start`). */
export function workingMinutesBetween(start: Date, end: Date, cal: WorkCalendar = WEEKDAYS_CALENDAR): number {
  let t = start.getTime();
  const stop = end.getTime();
  let total = 0;
  while (t < stop) {
    const { date, minuteOfDay, midnightUtc } = localParts(t, cal);
    const dayEndAbs = Math.min(stop, midnightUtc + DAY);
    if (cal.isWorkday(date)) {
      const from = Math.max(minuteOfDay, cal.dayStart);
      const to = Math.min((dayEndAbs - midnightUtc) / MINUTE, cal.dayEnd);
      if (to > from) total += to - from;
    }
    t = midnightUtc + DAY;
  }
  return Math.round(total);
}
