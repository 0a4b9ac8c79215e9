import "server-only";
// Zero-result and unclicked searches per 条线, and those of no 条线, from QueryStat (whole weeks from its
// weekly rows, edge days from daily ones). Definitions: docs/metrics.md ("Policy owners").
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { weekSplit } from "./rollup";
import type { DateRange } from "../shared/range";

export interface LineQueryRow {
  query: string;
  lineId: string;
  lineName: string;
  /** every search with this text attributed to the 条线 */
  searches: number;
  zeroResults: number;
  noClicks: number;
}

export interface UnattributedQueryRow {
  query: string;
  zeroResults: number;
}

export const QUERY_LIST_LIMIT = 20;

/** QueryStat rows covering the range exactly: weeks inside it, days at its edges. */
function rangeRows(range: DateRange) {
  const { w1, w2, end } = weekSplit(range.from, range.to);
  return Prisma.sql`((grain = 'W' AND day >= ${w1}::date AND day < ${w2}::date)
    OR (grain = 'D' AND ((day >= ${range.from}::date AND day < ${w1}::date) OR (day >= ${w2}::date AND day < ${end}::date))))`;
}

/**
 * Zero-result and unclicked searches of the 条线, top `limit` of each, most frequent first. One scan of
 * QueryStat feeds both lists.
 */
export async function lineQueryLists(db: DbTx, lineIds: string[], range: DateRange, limit = QUERY_LIST_LIMIT): Promise<{ zeroResults: LineQueryRow[]; noClicks: LineQueryRow[] }> {
  if (lineIds.length === 0) return { zeroResults: [], noClicks: [] };
  const rows = await db.$queryRaw<(LineQueryRow & { list: "zero" | "noclick" })[]>`
    WITH agg AS (
      SELECT query, "lineId", sum(searches)::int AS searches, sum("zeroResults")::int AS "zeroResults", sum("noClicks")::int AS "noClicks"
      FROM "QueryStat"
      WHERE "lineId" = ANY(${lineIds}::uuid[]) AND ${rangeRows(range)}
      GROUP BY query, "lineId"
    ), picked AS (
      (SELECT 'zero' AS list, * FROM agg WHERE "zeroResults" > 0 ORDER BY "zeroResults" DESC, query, "lineId" LIMIT ${limit})
      UNION ALL
      (SELECT 'noclick' AS list, * FROM agg WHERE "noClicks" > 0 ORDER BY "noClicks" DESC, query, "lineId" LIMIT ${limit})
    )
    SELECT p.list, p.query, p."lineId"::text AS "lineId", l.name AS "lineName", p.searches, p."zeroResults", p."noClicks"
    FROM picked p JOIN "BusinessLine" l ON l.id = p."lineId"
    ORDER BY p.list, (CASE WHEN p.list = 'zero' THEN p."zeroResults" ELSE p."noClicks" END) DESC, p.query, l.name`;
  const strip = ({ list: _list, ...row }: LineQueryRow & { list: string }): LineQueryRow => row;
  return { zeroResults: rows.filter((r) => r.list === "zero").map(strip), noClicks: rows.filter((r) => r.list === "noclick").map(strip) };
}

/** 未归属条线的无结果搜索: zero-result searches with no 条线 filter (and filters naming no 条线). */
export async function unattributedZeroResultQueries(db: DbTx, range: DateRange, limit = QUERY_LIST_LIMIT): Promise<UnattributedQueryRow[]> {
  return db.$queryRaw<UnattributedQueryRow[]>`
    SELECT query, sum("zeroResults")::int AS "zeroResults"
    FROM "QueryStat"
    WHERE "lineId" IS NULL AND ${rangeRows(range)}
    GROUP BY query
    HAVING sum("zeroResults") > 0
    ORDER BY sum("zeroResults") DESC, query
    LIMIT ${limit}`;
}
