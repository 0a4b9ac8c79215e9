import type { DbTx } from "../db/client";
import type { Priority } from "../db/generated/enums";
import { addWorkingMinutes, type WorkCalendar } from "../time/working-time";

export interface Limits {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  escalationMinutes: number;
}

const FALLBACK: Record<Priority, Limits> = {
  NORMAL: { firstResponseMinutes: 240, resolutionMinutes: 1440, escalationMinutes: 480 },
  // Used only when no urgent policy is configured: urgent must never be slower than normal.
  URGENT: { firstResponseMinutes: 60, resolutionMinutes: 480, escalationMinutes: 120 },
};

/** The time-limit policy of a 条线 and priority, else the company default. */
export async function limitsFor(db: DbTx, lineId: string, priority: Priority): Promise<Limits> {
  const rows = await db.timeLimitPolicy.findMany({ where: { priority, OR: [{ lineId }, { lineId: null }] } });
  return rows.find((r) => r.lineId === lineId) ?? rows.find((r) => r.lineId === null) ?? FALLBACK[priority];
}

export function deadlinesFrom(now: Date, limits: Limits, calendar: WorkCalendar) {
  return {
    firstResponseDueAt: addWorkingMinutes(now, limits.firstResponseMinutes, calendar),
    resolutionDueAt: addWorkingMinutes(now, limits.resolutionMinutes, calendar),
  };
}

/**
 * The priority a filing gets: urgent when the asker says so, or when the needed-by date is sooner than
 * the normal resolution deadline (the normal limit would answer too late). Null reason = normal.
 */
export function urgencyAtFiling(input: { urgent?: boolean; urgentReason?: string; neededBy?: Date }, normalDueAt: Date): { priority: Priority; reason: string | null; forcedByNeededBy: boolean } {
  if (input.urgent) return { priority: "URGENT", reason: input.urgentReason ?? null, forcedByNeededBy: false };
  if (input.neededBy && input.neededBy < normalDueAt) return { priority: "URGENT", reason: null, forcedByNeededBy: true };
  return { priority: "NORMAL", reason: null, forcedByNeededBy: false };
}
