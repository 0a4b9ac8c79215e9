// China has one time zone and no daylight saving: local time is UTC+8 all year.
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface LocalDay {
  /** YYYY-MM-DD in Asia/Shanghai */
  date: string;
  /** local hour of the given instant, 0–23 */
  hour: number;
  /** the instants at which this local day starts and the next one starts */
  start: Date;
  end: Date;
}

export function shanghaiDay(now: Date): LocalDay {
  const local = now.getTime() + OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return {
    date: new Date(midnight).toISOString().slice(0, 10),
    hour: Math.floor((local - midnight) / 3600_000),
    start: new Date(midnight - OFFSET_MS),
    end: new Date(midnight - OFFSET_MS + DAY_MS),
  };
}

/** "MM-DD HH:mm" in Asia/Shanghai. */
export function shanghaiShort(t: Date): string {
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(5, 16).replace("T", " ");
}
