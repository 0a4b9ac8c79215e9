// The management dashboard's rollup (no "server-only": the worker runs it). It supplies the step; the
// runner (../rollup/runner.ts) owns the lock, the watermark, the slack and the transaction. Tables:
//   MgmtQuestionFact — every question's current dashboard facts (filed, resolved, escalated, complaints
//     decided or awaiting review, decided time-limit outcomes), each with its day, 条线 and department;
//   MgmtStat — per day and per ISO week × 条线 × department: session outcomes, volumes and level-0
//     time-limit outcomes, summed from the sessions of the day and the facts dated on it.
// The step replaces the facts of every question that changed since the watermark (edited, rated,
// complained about, a complaint decided, escalated, or come due), then recomputes the daily rows of
// every day those facts used to be on or are on now, or on which an ask session started or concluded, and the weekly rows of
// those weeks. No watermark: it builds everything. Deleting the watermark forces a rebuild (e.g. after
// people moved departments: facts keep the department they had when computed).
import type { DbTx } from "../../db/client";
import { addDays, dayOf, dayStart, mondayOf } from "../shared/range";
import { changedQuestionsSql, insertDailySql, insertFactsSql, insertWeeklySql } from "./rollup-sql";
import { clockWatermark, defineRollup, readWatermark, type RollupRun } from "../rollup/runner";
import { zoneSql } from "../../time/zone-sql";

export const MANAGEMENT_ROLLUP_SETTING = "rollup.management.watermark";
const watermark = clockWatermark(MANAGEMENT_ROLLUP_SETTING);

/** When the rollup last refreshed (what the dashboard is current to), or null before the first run. */
export function managementRollupMark(db: DbTx): Promise<Date | null> {
  return readWatermark(db, watermark);
}

async function collectDays(into: Set<string>, rows: Promise<{ day: string }[]>): Promise<void> {
  for (const r of await rows) into.add(r.day);
}

async function recomputeStats(tx: DbTx, days: string[]): Promise<void> {
  if (days.length === 0) return;
  const sorted = [...days].sort();
  await tx.$executeRaw`DELETE FROM "MgmtStat" WHERE span = 1 AND day = ANY(${sorted}::date[])`;
  // One statement per run of consecutive days (at most ~2 months), so each scans only the sessions
  // that started in it: an old day touched by a reopened question does not drag in the months between.
  const runs: string[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && addDays(run.at(-1)!, 1) === day && run.length < 62) run.push(day);
    else runs.push([day]);
  }
  for (const run of runs) await tx.$executeRaw(insertDailySql(run, dayStart(run[0]!), dayStart(addDays(run.at(-1)!, 1))));
  const mondays = [...new Set(sorted.map(mondayOf))];
  await tx.$executeRaw`DELETE FROM "MgmtStat" WHERE span = 7 AND day = ANY(${mondays}::date[])`;
  await tx.$executeRaw(insertWeeklySql(mondays));
}

/** The step the runner (rollup/runner.ts) calls: facts of changed questions, then their days and weeks. */
async function step({ tx, now, since }: RollupRun<Date>): Promise<{ days: number; mark: Date }> {
  const days = new Set<string>();
  if (!since) {
    await tx.$executeRaw`DELETE FROM "MgmtQuestionFact"`;
    await tx.$executeRaw`DELETE FROM "MgmtStat"`;
    await tx.$executeRaw(insertFactsSql(null, now));
    await collectDays(days, tx.$queryRaw`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM "MgmtQuestionFact"`);
    await collectDays(
      days,
      tx.$queryRaw`SELECT DISTINCT to_char(("startedAt" AT TIME ZONE ${zoneSql()})::date, 'YYYY-MM-DD') AS day FROM "AskSession" WHERE outcome <> 'OPEN'`,
    );
  } else {
    const ids = (await tx.$queryRaw<{ id: string }[]>(changedQuestionsSql(since, now))).map((r) => r.id);
    if (ids.length > 0) {
      const ofIds = () => tx.$queryRaw<{ day: string }[]>`
        SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM "MgmtQuestionFact" WHERE "questionId" = ANY(${ids}::uuid[])`;
      await collectDays(days, ofIds());
      await tx.$executeRaw`DELETE FROM "MgmtQuestionFact" WHERE "questionId" = ANY(${ids}::uuid[])`;
      await tx.$executeRaw(insertFactsSql(ids, now));
      await collectDays(days, ofIds());
    }
    await collectDays(
      days,
      tx.$queryRaw`SELECT DISTINCT to_char(("startedAt" AT TIME ZONE ${zoneSql()})::date, 'YYYY-MM-DD') AS day
                   FROM "AskSession" WHERE "startedAt" >= ${since} OR "closedAt" >= ${since}`,
    );
    days.add(dayOf(now));
  }
  await recomputeStats(tx, [...days]);
  return { days: days.size, mark: now };
}

// One refresh at a time (the worker and a test, or two workers): the second waits, then redoes little.
export const managementRollup = defineRollup({ name: "management", lock: 724003, watermark, timeoutMs: 600_000, step });

export const refreshManagementRollup = managementRollup.refresh;
