// When to warn that a year's calendar is still computed from the statutory rules (no official notice):
// the current year at any time, the next year from 1 November (company time), when the State Council
// usually publishes it. Shown on the admin pages and in /api/health.
import type { DbTx } from "../db/client";
import { loadCalendarData } from "./calendar";
import { isProvisionalYear, type CalendarData } from "./holidays";
import { localDate } from "./zone";

/** The year to warn about, or null (pure). */
export function provisionalYearToWarn(now: Date, data: CalendarData): number | null {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  if (isProvisionalYear(year, data)) return year;
  if (today.slice(5) >= "11-01" && isProvisionalYear(year + 1, data)) return year + 1;
  return null;
}

export async function loadProvisionalYear(db: DbTx, now: Date, options: { fresh?: boolean } = {}): Promise<number | null> {
  return provisionalYearToWarn(now, await loadCalendarData(db, options));
}
