import type { DbTx } from "../db/client";
import type { Priority } from "../db/generated/enums";
import { addWorkingMinutes, type WorkCalendar } from "../time/working-time";

export interface Limits {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  escalationMinutes: number;
}

const FALLBACK: Limits = { firstResponseMinutes: 240, resolutionMinutes: 1440, escalationMinutes: 480 };

/** The time-limit policy of a 条线 and priority, else the company default. */
export async function limitsFor(db: DbTx, lineId: string, priority: Priority): Promise<Limits> {
  const rows = await db.timeLimitPolicy.findMany({ where: { priority, OR: [{ lineId }, { lineId: null }] } });
  return rows.find((r) => r.lineId === lineId) ?? rows.find((r) => r.lineId === null) ?? FALLBACK;
}

export function deadlinesFrom(now: Date, limits: Limits, calendar: WorkCalendar) {
  return {
    firstResponseDueAt: addWorkingMinutes(now, limits.firstResponseMinutes, calendar),
    resolutionDueAt: addWorkingMinutes(now, limits.resolutionMinutes, calendar),
  };
}
