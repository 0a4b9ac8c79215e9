// QA weeks: Monday-based weeks in Asia/Shanghai, named by their Monday (QaReview.weekStart). Pure.
import { addDays, dayOf, dayStart } from "../analytics/shared/range";

/** The Monday (YYYY-MM-DD) of the Shanghai week containing the instant. */
export function weekStartOf(t: Date): string {
  const day = dayOf(t);
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** The Monday of the week before the one containing `now`: the week the worker draws. */
export function previousWeekStart(now: Date): string {
  return addDays(weekStartOf(now), -7);
}

export function isMonday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
}

/** The instants [start, end) of the week starting on this Monday. */
export function weekBounds(monday: string): { start: Date; end: Date } {
  return { start: dayStart(monday), end: dayStart(addDays(monday, 7)) };
}

/** A date column value (Prisma maps @db.Date to a Date at UTC midnight). */
export function dateColumn(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
