import "server-only";
// Question volumes and the backlog (工作量). Definitions: docs/metrics.md ("Management dashboard").
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { SliceInfo } from "./slice";
import { deptJoin, deptMapCte, lineFilter, mapSplit, splitRows, type DimRow, type Split } from "./split";
import type { StatSums } from "./stats";

export interface VolumeCounts {
  filed: number;
  resolved: number;
  escalated: number;
  /** complaints filed in the range and decided since (upheld or rejected); upheld: those upheld */
  decidedComplaints: number;
  upheldComplaints: number;
  /** complaints filed in the range still awaiting review at the last refresh: not a finding yet (0020) */
  awaitingComplaints: number;
  /** open at the end of the range (total, 条线, department) or of the period (over time) */
  backlog: number;
}

/** Open questions at the range end, per 条线 and department group (asker's). */
export async function queryBacklog(db: DbTx, info: SliceInfo): Promise<Split<{ backlog: number }>> {
  const { slice } = info;
  const end = slice.range.end;
  const rows = await db.$queryRaw<(DimRow & { backlog: number })[]>`
    WITH ${deptMapCte(slice)}
    SELECT CASE WHEN GROUPING(line) = 0 THEN 'line' WHEN GROUPING(grp) = 0 THEN 'dept' ELSE 'total' END AS dim,
           COALESCE(CASE WHEN GROUPING(line) = 0 THEN line END, CASE WHEN GROUPING(grp) = 0 THEN grp END, '') AS key,
           count(*)::int AS backlog
    FROM (
      SELECT q."lineId"::text AS line, dm.grp
      FROM "Question" q JOIN "User" u ON u.id = q."askerId" ${deptJoin(Prisma.sql`u."departmentId"`)}
      WHERE (q."resolvedAt" IS NULL OR q."resolvedAt" >= ${end}) AND q."createdAt" < ${end} ${lineFilter(slice, Prisma.sql`q."lineId"`)}
    ) x
    GROUP BY GROUPING SETS ((), (line), (grp))`;
  return splitRows(rows, info, { backlog: 0 }, (r) => ({ backlog: r.backlog }));
}

export function volumesFrom(stats: Split<StatSums>, backlog: Split<{ backlog: number }>): Split<VolumeCounts> & { backlogAtStart: number } {
  const counts = (s: StatSums): VolumeCounts => ({
    filed: s.filed,
    resolved: s.resolved,
    escalated: s.escalated,
    decidedComplaints: s.complaintsDecided,
    upheldComplaints: s.complaintsUpheld,
    awaitingComplaints: s.complaintsAwaiting,
    backlog: 0,
  });
  const v = mapSplit(stats, counts);
  const at = (rows: { key: string; backlog: number }[], key: string) => rows.find((r) => r.key === key)?.backlog ?? 0;
  v.total.backlog = backlog.total.backlog;
  for (const r of v.byLine) r.backlog = at(backlog.byLine, r.key);
  for (const r of v.byDepartment) r.backlog = at(backlog.byDepartment, r.key);
  // Walk back from the range end: the backlog at the end of a period is the next period's end minus its net inflow.
  let open = backlog.total.backlog;
  for (let i = v.overTime.length - 1; i >= 0; i--) {
    v.overTime[i]!.backlog = open;
    open -= v.overTime[i]!.filed - v.overTime[i]!.resolved;
  }
  return { ...v, backlogAtStart: open };
}
