// (No "server-only": the worker, plain Node, loads registered rollups — see lib/analytics/rollups.ts.)
// The management dashboard reads two derived tables instead of ~100k questions and ~250k ask sessions
// per request:
//   MgmtQuestionFact — every question's current dashboard facts (filed, resolved, escalated, complaints,
//     decided time-limit outcomes), each with its day, 条线 and department;
//   MgmtStat — per day and per ISO week × 条线 × department: session outcomes, volumes and level-0
//     time-limit outcomes, summed from the sessions of the day and the facts dated on it.
// A refresh replaces the facts of every question that changed since the last watermark (edited,
// complained about, escalated, or come due), then recomputes the daily rows of every day those facts
// used to be on or are on now, or on which an ask session started or concluded, and the weekly rows of
// those weeks — all in one transaction, so it is idempotent and a killed worker redoes it next time. The
// first refresh (no watermark) builds everything. Deleting the watermark forces a rebuild (e.g. after
// people moved departments: facts keep the department they had when computed).
import type { Db, DbTx } from "../../db/client";
import { addDays, dayOf, dayStart } from "../shared/range";
import { changedQuestionsSql, insertDailySql, insertFactsSql, insertWeeklySql } from "./rollup-sql";
import type { Rollup } from "../rollup/registry";
import { zoneSql } from "../../time/zone-sql";

export const MANAGEMENT_ROLLUP_SETTING = "rollup.management.watermark";
// Changes committed by transactions still in flight at the last refresh carry a slightly earlier time.
const SLACK_MS = 10 * 60_000;

/** When the rollup last refreshed (what the dashboard is current to), or null before the first run. */
export async function managementRollupMark(db: DbTx): Promise<Date | null> {
  const row = await db.appSetting.findUnique({ where: { key: MANAGEMENT_ROLLUP_SETTING } });
  const v = typeof row?.value === "string" ? Date.parse(row.value) : NaN;
  return Number.isNaN(v) ? null : new Date(v);
}

async function collectDays(into: Set<string>, rows: Promise<{ day: string }[]>): Promise<void> {
  for (const r of await rows) into.add(r.day);
}

/** Monday (YYYY-MM-DD) of the ISO week of a day. */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
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

export async function refreshManagementRollup(db: Db, now: Date): Promise<{ days: number }> {
  return db.$transaction(
    async (tx) => {
      // One refresh at a time (the worker and a test, or two workers): the second waits, then redoes little.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(724003)`;
      const mark = await managementRollupMark(tx);
      const days = new Set<string>();
      if (!mark) {
        await tx.$executeRaw`DELETE FROM "MgmtQuestionFact"`;
        await tx.$executeRaw`DELETE FROM "MgmtStat"`;
        await tx.$executeRaw(insertFactsSql(null, now));
        await collectDays(days, tx.$queryRaw`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM "MgmtQuestionFact"`);
        await collectDays(
          days,
          tx.$queryRaw`SELECT DISTINCT to_char(("startedAt" AT TIME ZONE ${zoneSql()})::date, 'YYYY-MM-DD') AS day FROM "AskSession" WHERE outcome <> 'OPEN'`,
        );
      } else {
        const since = new Date(mark.getTime() - SLACK_MS);
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
      const value = now.toISOString();
      await tx.appSetting.upsert({ where: { key: MANAGEMENT_ROLLUP_SETTING }, create: { key: MANAGEMENT_ROLLUP_SETTING, value }, update: { value } });
      return { days: days.size };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

export const managementRollup: Rollup = { name: "management", refresh: refreshManagementRollup };
