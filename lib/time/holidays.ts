// Which dates are days off, and why (pure). Three sources, strongest first:
//   override   an admin's single date (CalendarOverride, source OVERRIDE);
//   official   the State Council's arrangement for the year: the `chinese-days` package where it has the
//              year, else the notice an admin entered (CalendarOverride rows with source OFFICIAL);
//   statutory  for a year with neither: the holidays computed from 全国年节及纪念日放假办法 (2024 revision),
//              *provisional* until the notice is entered: 元旦 1 day, 春节 4 days 除夕–初三, 清明 1,
//              劳动节 2, 端午 1, 中秋 1, 国庆 3, and art. 6: a holiday on a Saturday or Sunday is made up on
//              the next working day (补假). 调休 make-up workdays exist only in a notice, so none here.
// Lunar dates and the 清明 solar term come from chinese-days' lunar tables (1900–2100).
import chineseDays from "chinese-days";
import { isWeekday } from "./working-time";

export type DaySource = "statutory" | "official" | "override";

export interface DayInfo {
  date: string;
  working: boolean;
  /** null: a plain Monday–Friday day (working on weekdays, off at weekends) */
  source: DaySource | null;
  name: string | null;
}

export interface CalendarEntry {
  isWorkday: boolean;
  note: string | null;
  source: "official" | "override";
}

export interface CalendarData {
  /** admin rows by YYYY-MM-DD */
  entries: ReadonlyMap<string, CalendarEntry>;
  /** years for which an admin entered the official notice */
  enteredYears: ReadonlySet<number>;
}

export function calendarData(entries: Iterable<[string, CalendarEntry]> = []): CalendarData {
  const map = new Map(entries);
  const years = new Set<number>();
  for (const [date, e] of map) if (e.source === "official") years.add(Number(date.slice(0, 4)));
  return { entries: map, enteredYears: years };
}

export const EMPTY_CALENDAR_DATA: CalendarData = calendarData();

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const packageYears = new Map<number, boolean>();

/** Does the holiday package carry the State Council's arrangement for this year? */
export function packageHasYear(year: number): boolean {
  let has = packageYears.get(year);
  if (has === undefined) {
    has = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    packageYears.set(year, has);
  }
  return has;
}

/** Is the year's calendar still computed from the statutory rules (no official arrangement known)? */
export function isProvisionalYear(year: number, data: CalendarData = EMPTY_CALENDAR_DATA): boolean {
  return !packageHasYear(year) && !data.enteredYears.has(year);
}

const statutoryCache = new Map<number, ReadonlyMap<string, string>>();

/** The statutory days off of a year (those on a weekend too), with 补假, as YYYY-MM-DD → name. */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> {
  const hit = statutoryCache.get(year);
  if (hit) return hit;
  const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
  const newYear = lunar("01-01");
  const qingming = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === "pure_brightness" && t.index === 1);
  if (!qingming) throw new Error(`no 清明 solar term found for ${year}`);
  const blocks: { name: string; days: string[] }[] = [
    { name: "元旦", days: [`${year}-01-01`] },
    { name: "春节", days: [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2)] },
    { name: "清明节", days: [qingming.date] },
    { name: "劳动节", days: [`${year}-05-01`, `${year}-05-02`] },
    { name: "端午节", days: [lunar("05-05")] },
    { name: "中秋节", days: [lunar("08-15")] },
    { name: "国庆节", days: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ].sort((a, b) => a.days[0]!.localeCompare(b.days[0]!));
  const off = new Map<string, string>();
  for (const block of blocks) {
    let owed = 0;
    for (const day of block.days) {
      if (!isWeekday(day) || off.has(day)) owed++;
      if (!off.has(day)) off.set(day, block.name);
    }
    // 补假: the next weekdays after the block that are not already off.
    let day = block.days.at(-1)!;
    while (owed > 0) {
      day = addDays(day, 1);
      if (isWeekday(day) && !off.has(day)) {
        off.set(day, `${block.name}（补假）`);
        owed--;
      }
    }
  }
  // Only this year's dates (a 补假 after a late-December holiday would belong to the next year: none today).
  const result = new Map([...off].filter(([d]) => d.startsWith(`${year}-`)).sort(([a], [b]) => a.localeCompare(b)));
  statutoryCache.set(year, result);
  return result;
}

function packageName(name: string): string {
  // chinese-days names a day "National Day,国庆节,3": the Chinese part.
  return name.split(",")[1] ?? name;
}

/** Everything known about one date. */
export function dayInfo(date: string, data: CalendarData = EMPTY_CALENDAR_DATA): DayInfo {
  const weekday = isWeekday(date);
  const entry = data.entries.get(date);
  if (entry) return { date, working: entry.isWorkday, source: entry.source, name: entry.note };
  const year = Number(date.slice(0, 4));
  if (packageHasYear(year)) {
    const working = chineseDays.isWorkday(date);
    const { name } = chineseDays.getDayDetail(date); // "Saturday" on a plain day, "National Day,国庆节,3" in a holiday
    if (working === weekday && !name.includes(",")) return { date, working, source: null, name: null };
    return { date, working, source: "official", name: packageName(name) };
  }
  if (data.enteredYears.has(year)) return { date, working: weekday, source: null, name: null };
  const holiday = statutoryHolidays(year).get(date);
  if (holiday) return { date, working: false, source: "statutory", name: holiday };
  return { date, working: weekday, source: null, name: null };
}

/** The days of a year that differ from a plain Monday–Friday week, and the named holidays on a weekend. */
export function yearExceptions(year: number, data: CalendarData = EMPTY_CALENDAR_DATA): DayInfo[] {
  const out: DayInfo[] = [];
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    const info = dayInfo(date, data);
    if (info.working !== isWeekday(date) || info.source !== null) out.push(info);
  }
  return out;
}
