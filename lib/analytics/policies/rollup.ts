// The policy-owner dashboard's rollup (no "server-only": the worker runs it). Raw search rows run to
// millions; the dashboard reads these small tables:
//   PolicyDailyStat            day × policy: impressions, searches, searches clicked, clicks, views, reading time, votes
//   PolicyClauseDailyStat      day × policy × clause label: the same, for the clause drill-down
//   PolicyViewTimeStat         day / week × policy × reading-time bucket: for medians
//   PolicyResolutionDailyStat  resolution day × policy: resolved questions citing it, by answer exposure
//   QueryStat                  day / week × 条线 × normalised query text: searches, zero-result, unclicked
// The step deletes and recomputes whole Shanghai days, from the day before the last refresh through
// today (weeks: from that day's Monday): running it twice gives the same rows, and rows that arrive late
// for an already-rolled day of that window (a click minutes after the search, a slow writer) are picked
// up. Resolutions also recompute every older day a question changed since the watermark's scan touches
// (a reopened question leaves the day it was resolved). The SQL is in ./rollup-sql.ts; the runner
// (../rollup/runner.ts) owns the lock, the watermark, the slack and the transaction.
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { addDays, dayOf, dayStart, mondayOf } from "../shared/range";
import { defineRollup, readWatermark, type RollupRun, type Watermark } from "../rollup/runner";
import {
  clauseDailySql,
  dirtyResolutionDaysSql,
  earliestRowSql,
  policyDailySql,
  queryDailySql,
  resolutionDailySql,
  viewTimeDailySql,
  weeklySql,
} from "./rollup-sql";

export const POLICY_ROLLUP_NAME = "policy-insights";
/** AppSetting key of the watermark. */
export const POLICY_ROLLUP_SETTING = "rollup.policy-insights";

export interface PolicyRollupMark {
  /** the clock of the refresh (its day is the last day recomputed) */
  refreshedAt: string;
  /** the database clock when the refresh read the rows (questions changed after it, less the slack, are rescanned) */
  scannedAt: string;
  from: string;
  through: string;
}

const watermark: Watermark<PolicyRollupMark> = {
  key: POLICY_ROLLUP_SETTING,
  decode: (value) => {
    const v = value as Partial<PolicyRollupMark> | null | undefined;
    return v && typeof v.refreshedAt === "string" && typeof v.scannedAt === "string" && typeof v.from === "string" && typeof v.through === "string"
      ? (v as PolicyRollupMark)
      : null;
  },
  encode: (mark) => ({ ...mark }),
  changedAfter: (mark) => new Date(mark.scannedAt),
};

export function readPolicyRollupMark(db: DbTx): Promise<PolicyRollupMark | null> {
  return readWatermark(db, watermark);
}

/**
 * Splits [from, to] into whole weeks [w1, w2) read from grain "W" rows and the edge days read from grain
 * "D" rows: [from, w1) and [w2, end). Without a whole week inside, w1 = w2 = end (days only).
 */
export function weekSplit(from: string, to: string): { w1: string; w2: string; end: string } {
  const end = addDays(to, 1);
  const w1 = mondayOf(from) === from ? from : addDays(mondayOf(from), 7);
  const w2 = mondayOf(end);
  return w1 < w2 ? { w1, w2, end } : { w1: end, w2: end, end };
}

/** The first day with any search, click, view, vote or resolution (only for the very first refresh). */
async function earliestDay(tx: DbTx): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ at: Date | null }[]>(earliestRowSql);
  return row?.at ? dayOf(row.at) : null;
}

/** Recomputes [from, through] (whole days). `changedSince`: also recompute older resolution days of questions changed since. */
async function rebuildPolicyDays(tx: DbTx, from: string, through: string, changedSince: Date | null): Promise<number> {
  const start = dayStart(from);
  const end = dayStart(addDays(through, 1));
  const weekFrom = mondayOf(from);
  const extraDays = changedSince ? (await tx.$queryRaw<{ day: string }[]>(dirtyResolutionDaysSql(changedSince, from))).map((r) => r.day) : [];
  const window = Prisma.sql`day >= ${from}::date AND day <= ${through}::date`;
  await tx.$executeRaw`DELETE FROM "PolicyDailyStat" WHERE ${window}`;
  await tx.$executeRaw`DELETE FROM "PolicyClauseDailyStat" WHERE ${window}`;
  await tx.$executeRaw`DELETE FROM "PolicyViewTimeStat" WHERE (grain = 'D' AND ${window}) OR (grain = 'W' AND day >= ${weekFrom}::date)`;
  await tx.$executeRaw`DELETE FROM "QueryStat" WHERE (grain = 'D' AND ${window}) OR (grain = 'W' AND day >= ${weekFrom}::date)`;
  await tx.$executeRaw`DELETE FROM "PolicyResolutionDailyStat" WHERE (${window}) OR day = ANY(${extraDays}::date[])`;
  await tx.$executeRaw(policyDailySql(start, end));
  await tx.$executeRaw(clauseDailySql(start, end));
  await tx.$executeRaw(viewTimeDailySql(start, end));
  await tx.$executeRaw(queryDailySql(start, end));
  for (const sql of weeklySql(weekFrom)) await tx.$executeRaw(sql);
  await tx.$executeRaw(resolutionDailySql(start, end, extraDays));
  return Math.round((end.getTime() - start.getTime()) / 86_400_000);
}

async function step({ tx, now, dbNow, last, since }: RollupRun<PolicyRollupMark>): Promise<{ days: number; mark: PolicyRollupMark }> {
  const today = dayOf(now);
  // The day before the last refresh too: a click or view written just after that refresh, for a
  // search made just before midnight, still lands in the right day.
  let from = last ? addDays(dayOf(new Date(last.refreshedAt)), -1) : ((await earliestDay(tx)) ?? today);
  if (from > today) from = today;
  const days = await rebuildPolicyDays(tx, from, today, since);
  return { days, mark: { refreshedAt: now.toISOString(), scannedAt: dbNow.toISOString(), from, through: today } };
}

// Two refreshers (worker and a manual run) must not interleave their delete and insert.
export const policyRollup = defineRollup({ name: POLICY_ROLLUP_NAME, lock: POLICY_ROLLUP_SETTING, watermark, timeoutMs: 15 * 60_000, step });
