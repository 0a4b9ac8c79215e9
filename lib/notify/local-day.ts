// The company's local day (COMPANY_TIME_ZONE, Asia/Shanghai by default) of an instant; see lib/time/zone.ts.
import { formatCompanyTime, localParts, wallTimeToInstant } from "../time/zone";

const DAY_MS = 24 * 3600_000;

export interface LocalDay {
  /** YYYY-MM-DD in the company's zone */
  date: string;
  /** local hour of the given instant, 0–23 */
  hour: number;
  /** the instants at which this local day starts and the next one starts */
  start: Date;
  end: Date;
}

export function shanghaiDay(now: Date): LocalDay {
  const { date, minuteOfDay, midnight } = localParts(now);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { date, hour: Math.floor(minuteOfDay / 60), start: midnight, end: wallTimeToInstant(next, 0) };
}

/** "MM-DD HH:mm" in company time. */
export function shanghaiShort(t: Date): string {
  return formatCompanyTime(t).slice(5);
}
