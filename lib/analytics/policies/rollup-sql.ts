// SQL of the policy-insights rollup (./rollup.ts). No "server-only": the worker loads it.
// Days are Asia/Shanghai days; `start`/`end` are the instants of the window's first day and of the day
// after its last (exclusive). Every statement inserts into rows the step has just deleted.
import { Prisma } from "../../db/generated/client";
import { zoneSql } from "../../time/zone-sql";

const DAY = (col: string) => Prisma.sql`((${Prisma.raw(col)} AT TIME ZONE ${zoneSql()})::date)`;

/**
 * How query texts are grouped: NFKC (full-width letters, digits, spaces and brackets become half-width),
 * lower case, runs of whitespace collapsed to one space, trimmed. Traditional/simplified are not merged.
 */
const normalizedQuery = (column: string) => Prisma.raw(`btrim(regexp_replace(lower(normalize(${column}, NFKC)), '\\s+', ' ', 'g'))`);

/** Reading-time bucket of a duration in ms: round(10 · ln(seconds)), so each bucket is ~10 % wide. */
const viewBucket = (column: string) => Prisma.raw(`round(10 * ln(${column} / 1000.0))::int`);

/** PolicyDailyStat. A search's impressions count on the search's day; clicks, views and votes on their own day. */
export function policyDailySql(start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "PolicyDailyStat" (day, "policyId", impressions, searches, "searchesClicked", clicks, views, "viewsTimed", "viewMsTotal", helpful, "notHelpful")
    SELECT day, "policyId", sum(impressions)::int, sum(searches)::int, sum(clicked)::int, sum(clicks)::int, sum(views)::int,
           sum(timed)::int, sum(ms)::bigint, sum(helpful)::int, sum(not_helpful)::int
    FROM (
      SELECT ${DAY('sq."createdAt"')} AS day, si."policyId", count(*) AS impressions, count(DISTINCT si."searchQueryId") AS searches,
             count(DISTINCT si."searchQueryId") FILTER (WHERE hit) AS clicked,
             0 AS clicks, 0 AS views, 0 AS timed, 0 AS ms, 0 AS helpful, 0 AS not_helpful
      FROM "SearchQuery" sq
      JOIN "SearchImpression" si ON si."searchQueryId" = sq.id
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM "SearchClick" c WHERE c."searchQueryId" = si."searchQueryId" AND c."policyId" = si."policyId") AS hit
      ) h
      WHERE sq."createdAt" >= ${start} AND sq."createdAt" < ${end}
      GROUP BY 1, 2
      UNION ALL
      SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, count(*), 0, 0, 0, 0, 0
      FROM "SearchClick" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} GROUP BY 1, 2
      UNION ALL
      SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, 0, count(*), count(*) FILTER (WHERE "durationMs" > 0),
             coalesce(sum("durationMs") FILTER (WHERE "durationMs" > 0), 0), 0, 0
      FROM "PolicyView" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} GROUP BY 1, 2
      UNION ALL
      SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, 0, 0, 0, 0, count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
      FROM "ArticleFeedback" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} GROUP BY 1, 2
    ) x
    GROUP BY day, "policyId"`;
}

/** PolicyClauseDailyStat. Clause = the section's label (第八条); a view or vote without a section counts for the whole document (""). */
export function clauseDailySql(start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "PolicyClauseDailyStat" (day, "policyId", label, impressions, clicks, views, "viewsTimed", "viewMsTotal", helpful, "notHelpful")
    SELECT day, "policyId", label, sum(impressions)::int, sum(clicks)::int, sum(views)::int, sum(timed)::int, sum(ms)::bigint,
           sum(helpful)::int, sum(not_helpful)::int
    FROM (
      SELECT ${DAY('sq."createdAt"')} AS day, si."policyId", s.label, count(*) AS impressions,
             0 AS clicks, 0 AS views, 0 AS timed, 0 AS ms, 0 AS helpful, 0 AS not_helpful
      FROM "SearchQuery" sq
      JOIN "SearchImpression" si ON si."searchQueryId" = sq.id
      JOIN "PolicySection" s ON s.id = si."sectionId"
      WHERE sq."createdAt" >= ${start} AND sq."createdAt" < ${end}
      GROUP BY 1, 2, 3
      UNION ALL
      SELECT ${DAY('c."createdAt"')}, c."policyId", s.label, 0, count(*), 0, 0, 0, 0, 0
      FROM "SearchClick" c JOIN "PolicySection" s ON s.id = c."sectionId"
      WHERE c."createdAt" >= ${start} AND c."createdAt" < ${end} GROUP BY 1, 2, 3
      UNION ALL
      SELECT ${DAY('v."createdAt"')}, v."policyId", coalesce(s.label, ''), 0, 0, count(*), count(*) FILTER (WHERE v."durationMs" > 0),
             coalesce(sum(v."durationMs") FILTER (WHERE v."durationMs" > 0), 0), 0, 0
      FROM "PolicyView" v LEFT JOIN "PolicySection" s ON s.id = v."sectionId"
      WHERE v."createdAt" >= ${start} AND v."createdAt" < ${end} GROUP BY 1, 2, 3
      UNION ALL
      SELECT ${DAY('f."createdAt"')}, f."policyId", coalesce(s.label, ''), 0, 0, 0, 0, 0, count(*) FILTER (WHERE f.helpful), count(*) FILTER (WHERE NOT f.helpful)
      FROM "ArticleFeedback" f LEFT JOIN "PolicySection" s ON s.id = f."sectionId"
      WHERE f."createdAt" >= ${start} AND f."createdAt" < ${end} GROUP BY 1, 2, 3
    ) x
    GROUP BY day, "policyId", label`;
}

/** PolicyViewTimeStat, daily rows: a reading-time histogram per policy (medians cannot be summed). */
export function viewTimeDailySql(start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "PolicyViewTimeStat" (grain, day, "policyId", bucket, views, "msTotal")
    SELECT 'D', ${DAY('"createdAt"')}, "policyId", ${viewBucket('"durationMs"')}, count(*)::int, sum("durationMs")::bigint
    FROM "PolicyView" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} AND "durationMs" > 0
    GROUP BY 2, 3, 4`;
}

/**
 * QueryStat, daily rows. A query belongs to the 条线 named by its filter; unfiltered, to the 条线 of the
 * policy of its top-ranked result; unfiltered with no results (or a filter naming no 条线), to none.
 */
export function queryDailySql(start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "QueryStat" (grain, day, "lineId", query, searches, "zeroResults", "noClicks")
    SELECT 'D', day, "lineId", query, count(*)::int,
           count(*) FILTER (WHERE "resultCount" = 0)::int,
           count(*) FILTER (WHERE "resultCount" > 0 AND NOT clicked)::int
    FROM (
      SELECT ${DAY('sq."createdAt"')} AS day,
             CASE WHEN sq."lineFilter" IS NOT NULL THEN lf.id ELSE top."lineId" END AS "lineId",
             ${normalizedQuery("sq.query")} AS query,
             sq."resultCount",
             EXISTS (SELECT 1 FROM "SearchClick" c WHERE c."searchQueryId" = sq.id) AS clicked
      FROM "SearchQuery" sq
      LEFT JOIN "BusinessLine" lf ON lf.name = sq."lineFilter"
      LEFT JOIN LATERAL (
        SELECT p."lineId" FROM "SearchImpression" si JOIN "Policy" p ON p.id = si."policyId"
        WHERE si."searchQueryId" = sq.id ORDER BY si.rank, si.id LIMIT 1
      ) top ON sq."lineFilter" IS NULL
      WHERE sq."createdAt" >= ${start} AND sq."createdAt" < ${end}
    ) x
    WHERE query <> ''
    GROUP BY day, "lineId", query`;
}

/** Weekly rows (grain 'W', keyed by the Monday) are sums of their days, from `weekFrom` (a Monday) on. */
export function weeklySql(weekFrom: string): Prisma.Sql[] {
  return [
    Prisma.sql`
      INSERT INTO "PolicyViewTimeStat" (grain, day, "policyId", bucket, views, "msTotal")
      SELECT 'W', date_trunc('week', day)::date, "policyId", bucket, sum(views)::int, sum("msTotal")::bigint
      FROM "PolicyViewTimeStat" WHERE grain = 'D' AND day >= ${weekFrom}::date GROUP BY 2, 3, 4`,
    Prisma.sql`
      INSERT INTO "QueryStat" (grain, day, "lineId", query, searches, "zeroResults", "noClicks")
      SELECT 'W', date_trunc('week', day)::date, "lineId", query, sum(searches)::int, sum("zeroResults")::int, sum("noClicks")::int
      FROM "QueryStat" WHERE grain = 'D' AND day >= ${weekFrom}::date GROUP BY 2, 3, 4`,
  ];
}

/**
 * Days before the window (`before`, YYYY-MM-DD) on which a question changed since `since` is or was
 * counted: its resolution day now, and the day of every resolution citation it has (each resolution
 * writes them at resolvedAt).
 */
export function dirtyResolutionDaysSql(since: Date, before: string): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day FROM (
      SELECT ${DAY('q."resolvedAt"')} AS d FROM "Question" q WHERE q."updatedAt" >= ${since} AND q."resolvedAt" IS NOT NULL
      UNION
      SELECT ${DAY('c."createdAt"')} FROM "Citation" c JOIN "Question" q ON q.id = c."questionId"
      WHERE q."updatedAt" >= ${since} AND c."forResolution"
    ) x WHERE d < ${before}::date`;
}

/** PolicyResolutionDailyStat for the window and `extraDays`: a question counts once per policy it cites for its resolution. */
export function resolutionDailySql(start: Date, end: Date, extraDays: string[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "PolicyResolutionDailyStat" (day, "policyId", ignored, unclear, "searchMiss", total)
    SELECT day, "policyId", count(*) FILTER (WHERE exposure = 'IGNORED')::int, count(*) FILTER (WHERE exposure = 'OPENED')::int,
           count(*) FILTER (WHERE exposure = 'SEARCH_MISS')::int, count(*)::int
    FROM (
      SELECT DISTINCT ${DAY('q."resolvedAt"')} AS day, c."policyId", q.id, q."answerExposure"::text AS exposure
      FROM "Question" q JOIN "Citation" c ON c."questionId" = q.id AND c."forResolution"
      WHERE q."resolutionKind" IN ('EXISTING_POLICY', 'POLICY_UNCLEAR') AND q."resolvedAt" IS NOT NULL
        AND ((q."resolvedAt" >= ${start} AND q."resolvedAt" < ${end}) OR ${DAY('q."resolvedAt"')} = ANY(${extraDays}::date[]))
    ) x
    GROUP BY day, "policyId"`;
}

/** The first instant with any search, click, view, vote or resolution (only for the very first refresh). */
export const earliestRowSql = Prisma.sql`
  SELECT least((SELECT min("createdAt") FROM "SearchQuery"), (SELECT min("createdAt") FROM "SearchClick"),
               (SELECT min("createdAt") FROM "PolicyView"), (SELECT min("createdAt") FROM "ArticleFeedback"),
               (SELECT min("resolvedAt") FROM "Question")) AS at`;
