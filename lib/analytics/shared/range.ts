// The date range of every dashboard: whole Asia/Shanghai days, kept in the URL as ?from=YYYY-MM-DD&to=YYYY-MM-DD
// (both inclusive). Pure, so pages, routes, tests and the benchmark parse it the same way.
import { z } from "zod";
import { fieldKey, fieldMessageOf, m, ValidationError, type FieldMessages } from "../../errors";
import { shanghaiDay } from "../../notify/local-day";
import { wallTimeToInstant } from "../../time/zone";

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

export type Grain = "day" | "week" | "month";

export interface DateRange {
  /** first day, YYYY-MM-DD (inclusive) */
  from: string;
  /** last day, YYYY-MM-DD (inclusive) */
  to: string;
  /** instants: [start, end) covers both days whole */
  start: Date;
  end: Date;
  days: number;
  grain: Grain;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldKey("errors.field.dateFormatShould"));

export const rangeInput = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  grain: z.enum(["day", "week", "month"]).optional(),
});

/** Start of a Shanghai day as an instant. */
export function dayStart(day: string): Date {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) throw new ValidationError({ date: m("errors.dateInvalidValue", { day }) });
  return wallTimeToInstant(day, 0);
}

/** The Shanghai day (YYYY-MM-DD) of an instant. */
export function dayOf(t: Date): string {
  return shanghaiDay(t).date;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday (YYYY-MM-DD) of the ISO week of a day. */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** Grain that keeps a chart readable: days up to ~3 months, then weeks, then months. */
export function defaultGrain(days: number): Grain {
  return days <= 92 ? "day" : days <= 366 ? "week" : "month";
}

/**
 * Parses ?from&to&grain (values from searchParams: string | string[] | undefined). Missing values
 * default to the last 30 days ending today; a bad value is a ValidationError naming the field.
 */
export function parseRange(params: Record<string, string | string[] | undefined>, now: Date): DateRange {
  const parsed = rangeInput.safeParse({ from: firstParam(params.from), to: firstParam(params.to), grain: firstParam(params.grain) });
  if (!parsed.success) {
    const fields: FieldMessages = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "range")] = fieldMessageOf(issue.message);
    throw new ValidationError(fields);
  }
  const to = parsed.data.to ?? dayOf(now);
  const from = parsed.data.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const start = dayStart(from);
  const end = dayStart(addDays(to, 1));
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days < 1) throw new ValidationError({ from: m("errors.rangeStartAfterEnd") });
  if (days > MAX_RANGE_DAYS) throw new ValidationError({ from: m("errors.rangeTooLong", { MAX_RANGE_DAYS }) });
  return { from, to, start, end, days, grain: parsed.data.grain ?? defaultGrain(days) };
}

/** The query string of a range (for links that keep it). */
export function rangeQuery(r: Pick<DateRange, "from" | "to" | "grain">): string {
  return new URLSearchParams({ from: r.from, to: r.to, grain: r.grain }).toString();
}

/** The first value of a search parameter, or undefined when absent or empty. */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

/**
 * parseRange for pages: a bad range falls back to the default (the last 30 days) and `problem` says
 * why (field messages, for the page to show in the reader's language), so the page still answers.
 */
export function parseRangeOrDefault(params: Record<string, string | string[] | undefined>, now: Date): { range: DateRange; problem: FieldMessages | null } {
  try {
    return { range: parseRange(params, now), problem: null };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { range: parseRange({}, now), problem: err.fieldMessages };
  }
}
