import "server-only";
// One read of the management rollup (MgmtStat) for a slice: the sums of every column in total, per
// chart bucket, per 条线 and per department group, in a single GROUPING SETS pass over the daily and
// weekly rows that tile the range. Deflection, volumes, the "answer already existed" rate and level-0
// attainment are all shaped from these sums.
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { SliceInfo } from "./slice";
import { deptJoin, deptMapCte, lineFilter, piecesOf, splitRows, type DimRow, type Split } from "./split";

export interface StatSums {
  confirmed: number;
  potential: number;
  sessionsFiled: number;
  filed: number;
  resolved: number;
  resolvedExisting: number;
  resolvedUnclear: number;
  resolvedNoPolicy: number;
  escalated: number;
  complaintsDecided: number;
  complaintsUpheld: number;
  complaintsAwaiting: number;
  frDecided: number;
  frMet: number;
  rsDecided: number;
  rsMet: number;
}

const COLUMNS = [
  "confirmed",
  "potential",
  "sessionsFiled",
  "filed",
  "resolved",
  "resolvedExisting",
  "resolvedUnclear",
  "resolvedNoPolicy",
  "escalated",
  "complaintsDecided",
  "complaintsUpheld",
  "complaintsAwaiting",
  "frDecided",
  "frMet",
  "rsDecided",
  "rsMet",
] as const satisfies readonly (keyof StatSums)[];

export const EMPTY_SUMS: StatSums = Object.fromEntries(COLUMNS.map((c) => [c, 0])) as unknown as StatSums;

const SUMS = Prisma.join(
  COLUMNS.map((c) => Prisma.sql`COALESCE(sum(${Prisma.raw(`"${c}"`)}), 0)::int AS ${Prisma.raw(`"${c}"`)}`),
  ", ",
);

export async function queryStats(db: DbTx, info: SliceInfo): Promise<Split<StatSums>> {
  const { slice } = info;
  const pieces = piecesOf(slice.range);
  // A weekly row lies inside one bucket by construction, so the bucket of any row is that of its day.
  // Two steps: sums per (bucket, 条线, group) first, then the four splits over those few cells.
  const weeks = pieces.filter((p) => p.span === 7).map((p) => p.day);
  const days = pieces.filter((p) => p.span === 1).map((p) => p.day);
  const rows = await db.$queryRaw<(DimRow & StatSums)[]>`
    WITH ${deptMapCte(slice)},
    cells AS (
      SELECT date_trunc(${slice.range.grain}, s.day::timestamp) AS bucket, COALESCE(s."lineId"::text, 'none') AS line, dm.grp, ${SUMS}
      FROM "MgmtStat" s ${deptJoin(Prisma.sql`s."departmentId"`)}
      WHERE ((s.span = 7 AND s.day = ANY(${weeks}::date[])) OR (s.span = 1 AND s.day = ANY(${days}::date[])))
        ${lineFilter(slice, Prisma.sql`s."lineId"`)}
      GROUP BY 1, 2, 3
    )
    SELECT CASE WHEN GROUPING(bucket) = 0 THEN 'time' WHEN GROUPING(line) = 0 THEN 'line' WHEN GROUPING(grp) = 0 THEN 'dept' ELSE 'total' END AS dim,
           COALESCE(CASE WHEN GROUPING(bucket) = 0 THEN to_char(bucket, 'YYYY-MM-DD') END, CASE WHEN GROUPING(line) = 0 THEN line END,
                    CASE WHEN GROUPING(grp) = 0 THEN grp END, '') AS key,
           ${SUMS}
    FROM cells
    GROUP BY GROUPING SETS ((), (bucket), (line), (grp))`;
  return splitRows(rows, info, EMPTY_SUMS, (r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]])) as unknown as StatSums);
}
