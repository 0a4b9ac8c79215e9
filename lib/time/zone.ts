// Company time: every time a person types or reads is wall-clock time in the company's zone
// (COMPANY_TIME_ZONE, Asia/Shanghai by default), whatever zone the browser or server runs in.
// The one place that turns instants into local dates and wall times and back.
import { tzOffset } from "@date-fns/tz";
import { z } from "zod";
import { companyTimeZone } from "../env";
import { fieldKey } from "../errors";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function companyZone(): string {
  return companyTimeZone();
}

const QUARTER = 15 * MINUTE;
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at that instant (480 for Asia/Shanghai). */
export function offsetMinutes(instant: Date | number, zone = companyZone()): number {
  // Zone offsets change only on quarter-hour boundaries: remember each quarter (the deadline math asks often).
  const t = new Date(instant).getTime();
  const key = `${zone}|${Math.floor(t / QUARTER)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, (offset = tzOffset(zone, new Date(t))));
  }
  return offset;
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** minutes after local midnight (fractional) */
  minuteOfDay: number;
  /** the instant of that local midnight */
  midnight: Date;
}

/** The local date and time of day of an instant. */
export function localParts(instant: Date | number, zone = companyZone()): LocalParts {
  const t = new Date(instant).getTime();
  const local = t + offsetMinutes(t, zone) * MINUTE;
  const day = Math.floor(local / DAY) * DAY;
  const date = new Date(day).toISOString().slice(0, 10);
  const midnight = wallTimeToInstant(date, 0, zone);
  return { date, minuteOfDay: (t - midnight.getTime()) / MINUTE, midnight };
}

/** YYYY-MM-DD of the instant in the zone. */
export function localDate(instant: Date | number, zone = companyZone()): string {
  return localParts(instant, zone).date;
}

/** The instant of a wall-clock time (minutes after midnight) on a local date. */
export function wallTimeToInstant(date: string, minuteOfDay: number, zone = companyZone()): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE;
  // The offset at the guess can differ from the offset at the answer only around a DST change; one more step settles it.
  const first = guess - offsetMinutes(guess, zone) * MINUTE;
  return new Date(guess - offsetMinutes(first, zone) * MINUTE);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time as typed: "2026-12-10T17:00" (what <input type="datetime-local"> sends) or "2026-12-10" is
 * company wall time; a string with Z or an offset is an exact instant. Anything else is null.
 */
export function parseCompanyTime(value: string, zone = companyZone(), dateOnlyMinute = 0): Date | null {
  const v = value.trim();
  const wall = WALL.exec(v);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall;
    const date = `${y}-${mo}-${d}`;
    const check = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) return null;
    if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
    const minute = h === undefined ? dateOnlyMinute : Number(h) * 60 + Number(mi) + Number(s ?? 0) / 60;
    return wallTimeToInstant(date, minute, zone);
  }
  if (!WITH_ZONE.test(v) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? null : t;
}

/** "2026-12-10 17:00" in the zone. */
export function formatCompanyTime(instant: Date, zone = companyZone()): string {
  const { date, minuteOfDay } = localParts(instant, zone);
  const m = Math.floor(minuteOfDay);
  return `${date} ${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "HH:mm" of minutes after midnight. */
export function formatMinuteOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * A time field of a form or API body: a Date, a company wall time ("2026-12-10T17:00", what
 * <input type="datetime-local"> sends, read in the company zone and never in the browser's) or an
 * instant with Z/offset. A bare date means `dateOnlyMinute` (minutes after midnight) that day.
 */
export function companyTimeInput(message = fieldKey("errors.field.companyTimeFormat"), dateOnlyMinute = 0) {
  return z.union([z.date(), z.string()]).transform((v, ctx) => {
    const t = v instanceof Date ? (Number.isNaN(v.getTime()) ? null : v) : parseCompanyTime(v, companyZone(), dateOnlyMinute);
    if (!t) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return t;
  });
}
