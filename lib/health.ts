import "server-only";
import { db } from "./db/client";
import { log } from "./log";
import { pingSearch } from "./search/client";
import { loadProvisionalYear } from "./time/provisional";

export interface Health {
  db: "up" | "down";
  search: "up" | "down";
  /** a year whose holidays are still computed from the statutory rules (no official notice entered): the
   * current year, or from 1 November the next one; null when there is nothing to enter */
  calendarProvisionalYear: number | null;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, search] = await Promise.all([
    within(2000, db().$queryRaw`SELECT 1`).then(() => "up" as const, () => "down" as const),
    within(2000, pingSearch()).then((ok) => (ok ? ("up" as const) : ("down" as const)), () => "down" as const),
  ]);
  // Only when the database answered: a down database must not make the health check slow twice.
  const calendarProvisionalYear = database === "up" ? await within(2000, loadProvisionalYear(db(), new Date())).catch((err: unknown) => {
        log.warn("health: the calendar check failed", { err: String(err) });
        return null;
      }) : null;
  return { db: database, search, calendarProvisionalYear };
}
