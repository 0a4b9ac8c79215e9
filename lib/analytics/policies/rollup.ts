// Rollups behind the policy-owner dashboard (no "server-only": the worker loads rollups, see
// lib/analytics/rollups.ts). Raw search rows run to millions; the dashboard reads these small tables:
//   PolicyDailyStat            day × policy: impressions, searches, searches clicked, clicks, views, reading time, votes
//   PolicyClauseDailyStat      day × policy × clause label: the same, for the clause drill-down
//   PolicyViewTimeStat         day / week × policy × reading-time bucket: for medians
//   PolicyResolutionDailyStat  resolution day × policy: resolved questions citing it, by answer exposure
//   QueryStat                  day / week × 条线 × normalised query text: searches, zero-result, unclicked
// A refresh deletes and recomputes whole Shanghai days, from the day before the last refresh through
// today (weeks: from that day's Monday), in one transaction under an advisory lock: running it twice
// gives the same rows, and rows that arrive late for an already-rolled day of that window (a click
// minutes after the search, a slow writer) are picked up. Resolutions also recompute every older day a
// question changed since the last refresh touches (a reopened question leaves the day it was resolved).
import type { Db } from "../../db/client";
import { addDays, dayOf, dayStart } from "../shared/range";
import type { Rollup } from "../rollup/registry";
import { zoneLiteral } from "../../time/zone-sql";

export const POLICY_ROLLUP_NAME = "policy-insights";
/** AppSetting key of the watermark. */
export const POLICY_ROLLUP_SETTING = "rollup.policy-insights";

export interface PolicyRollupMark {
  /** the clock of the refresh (its day is the last day recomputed) */
  refreshedAt: string;
  /** the database clock when the refresh read the rows (questions changed after it are rescanned) */
  scannedAt: string;
  from: string;
  through: string;
}

/**
 * How query texts are grouped: NFKC (full-width letters, digits, spaces and brackets become half-width),
 * lower case, runs of whitespace collapsed to one space, trimmed. Traditional/simplified are not merged.
 */
export const normalizedQuerySql = (column: string) => `btrim(regexp_replace(lower(normalize(${column}, NFKC)), '\\s+', ' ', 'g'))`;

/** Reading-time bucket of a duration in ms: round(10 · ln(seconds)), so each bucket is ~10 % wide. */
export const viewBucketSql = (column: string) => `round(10 * ln(${column} / 1000.0))::int`;

/** Monday (YYYY-MM-DD) of the week of a day. */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
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

const DAY = (col: string) => `((${col} AT TIME ZONE ${zoneLiteral()})::date)`;

// $1 = window start (instant), $2 = window end (instant, exclusive). A search's impressions count on the
// search's day; clicks, views and votes on their own day.
const POLICY_SQL = `
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
  WHERE sq."createdAt" >= $1 AND sq."createdAt" < $2
  GROUP BY 1, 2
  UNION ALL
  SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, count(*), 0, 0, 0, 0, 0
  FROM "SearchClick" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1, 2
  UNION ALL
  SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, 0, count(*), count(*) FILTER (WHERE "durationMs" > 0),
         coalesce(sum("durationMs") FILTER (WHERE "durationMs" > 0), 0), 0, 0
  FROM "PolicyView" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1, 2
  UNION ALL
  SELECT ${DAY('"createdAt"')}, "policyId", 0, 0, 0, 0, 0, 0, 0, count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
  FROM "ArticleFeedback" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1, 2
) x
GROUP BY day, "policyId"`;

// Clause = the section's label (第八条); a view or vote without a section counts for the whole document ("").
const CLAUSE_SQL = `
INSERT INTO "PolicyClauseDailyStat" (day, "policyId", label, impressions, clicks, views, "viewsTimed", "viewMsTotal", helpful, "notHelpful")
SELECT day, "policyId", label, sum(impressions)::int, sum(clicks)::int, sum(views)::int, sum(timed)::int, sum(ms)::bigint,
       sum(helpful)::int, sum(not_helpful)::int
FROM (
  SELECT ${DAY('sq."createdAt"')} AS day, si."policyId", s.label, count(*) AS impressions,
         0 AS clicks, 0 AS views, 0 AS timed, 0 AS ms, 0 AS helpful, 0 AS not_helpful
  FROM "SearchQuery" sq
  JOIN "SearchImpression" si ON si."searchQueryId" = sq.id
  JOIN "PolicySection" s ON s.id = si."sectionId"
  WHERE sq."createdAt" >= $1 AND sq."createdAt" < $2
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT ${DAY('c."createdAt"')}, c."policyId", s.label, 0, count(*), 0, 0, 0, 0, 0
  FROM "SearchClick" c JOIN "PolicySection" s ON s.id = c."sectionId"
  WHERE c."createdAt" >= $1 AND c."createdAt" < $2 GROUP BY 1, 2, 3
  UNION ALL
  SELECT ${DAY('v."createdAt"')}, v."policyId", coalesce(s.label, ''), 0, 0, count(*), count(*) FILTER (WHERE v."durationMs" > 0),
         coalesce(sum(v."durationMs") FILTER (WHERE v."durationMs" > 0), 0), 0, 0
  FROM "PolicyView" v LEFT JOIN "PolicySection" s ON s.id = v."sectionId"
  WHERE v."createdAt" >= $1 AND v."createdAt" < $2 GROUP BY 1, 2, 3
  UNION ALL
  SELECT ${DAY('f."createdAt"')}, f."policyId", coalesce(s.label, ''), 0, 0, 0, 0, 0, count(*) FILTER (WHERE f.helpful), count(*) FILTER (WHERE NOT f.helpful)
  FROM "ArticleFeedback" f LEFT JOIN "PolicySection" s ON s.id = f."sectionId"
  WHERE f."createdAt" >= $1 AND f."createdAt" < $2 GROUP BY 1, 2, 3
) x
GROUP BY day, "policyId", label`;

const VIEW_TIME_SQL = `
INSERT INTO "PolicyViewTimeStat" (grain, day, "policyId", bucket, views, "msTotal")
SELECT 'D', ${DAY('"createdAt"')}, "policyId", ${viewBucketSql('"durationMs"')}, count(*)::int, sum("durationMs")::bigint
FROM "PolicyView" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "durationMs" > 0
GROUP BY 2, 3, 4`;

// A query belongs to the 条线 named by its filter; unfiltered, to the 条线 of the policy of its top-ranked
// result; unfiltered with no results (or a filter naming no 条线), to none (lineId NULL).
const QUERY_SQL = `
INSERT INTO "QueryStat" (grain, day, "lineId", query, searches, "zeroResults", "noClicks")
SELECT 'D', day, "lineId", query, count(*)::int,
       count(*) FILTER (WHERE "resultCount" = 0)::int,
       count(*) FILTER (WHERE "resultCount" > 0 AND NOT clicked)::int
FROM (
  SELECT ${DAY('sq."createdAt"')} AS day,
         CASE WHEN sq."lineFilter" IS NOT NULL THEN lf.id ELSE top."lineId" END AS "lineId",
         ${normalizedQuerySql("sq.query")} AS query,
         sq."resultCount",
         EXISTS (SELECT 1 FROM "SearchClick" c WHERE c."searchQueryId" = sq.id) AS clicked
  FROM "SearchQuery" sq
  LEFT JOIN "BusinessLine" lf ON lf.name = sq."lineFilter"
  LEFT JOIN LATERAL (
    SELECT p."lineId" FROM "SearchImpression" si JOIN "Policy" p ON p.id = si."policyId"
    WHERE si."searchQueryId" = sq.id ORDER BY si.rank, si.id LIMIT 1
  ) top ON sq."lineFilter" IS NULL
  WHERE sq."createdAt" >= $1 AND sq."createdAt" < $2
) x
WHERE query <> ''
GROUP BY day, "lineId", query`;

// Weeks are sums of their days ($1 = first Monday recomputed).
const WEEKS_SQL = [
  `INSERT INTO "PolicyViewTimeStat" (grain, day, "policyId", bucket, views, "msTotal")
   SELECT 'W', date_trunc('week', day)::date, "policyId", bucket, sum(views)::int, sum("msTotal")::bigint
   FROM "PolicyViewTimeStat" WHERE grain = 'D' AND day >= $1::date GROUP BY 2, 3, 4`,
  `INSERT INTO "QueryStat" (grain, day, "lineId", query, searches, "zeroResults", "noClicks")
   SELECT 'W', date_trunc('week', day)::date, "lineId", query, sum(searches)::int, sum("zeroResults")::int, sum("noClicks")::int
   FROM "QueryStat" WHERE grain = 'D' AND day >= $1::date GROUP BY 2, 3, 4`,
];

// Days (before the window, $2) on which a question changed since $1 is or was counted: its resolution
// day now, and the day of every resolution citation it has (each resolution writes them at resolvedAt).
const DIRTY_RESOLUTION_DAYS_SQL = `
SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day FROM (
  SELECT ${DAY('q."resolvedAt"')} AS d FROM "Question" q WHERE q."updatedAt" >= $1 AND q."resolvedAt" IS NOT NULL
  UNION
  SELECT ${DAY('c."createdAt"')} FROM "Citation" c JOIN "Question" q ON q.id = c."questionId"
  WHERE q."updatedAt" >= $1 AND c."forResolution"
) x WHERE d < $2::date`;

// A question counts once per policy it cites for its resolution; $1/$2 the window, $3 extra days.
const RESOLUTION_SQL = `
INSERT INTO "PolicyResolutionDailyStat" (day, "policyId", ignored, unclear, "searchMiss", total)
SELECT day, "policyId", count(*) FILTER (WHERE exposure = 'IGNORED')::int, count(*) FILTER (WHERE exposure = 'OPENED')::int,
       count(*) FILTER (WHERE exposure = 'SEARCH_MISS')::int, count(*)::int
FROM (
  SELECT DISTINCT ${DAY('q."resolvedAt"')} AS day, c."policyId", q.id, q."answerExposure"::text AS exposure
  FROM "Question" q JOIN "Citation" c ON c."questionId" = q.id AND c."forResolution"
  WHERE q."resolutionKind" IN ('EXISTING_POLICY', 'POLICY_UNCLEAR') AND q."resolvedAt" IS NOT NULL
    AND ((q."resolvedAt" >= $1 AND q."resolvedAt" < $2) OR ${DAY('q."resolvedAt"')} = ANY($3::date[]))
) x
GROUP BY day, "policyId"`;

/** The first day with any search, click, view, vote or resolution (only for the very first refresh). */
async function earliestDay(db: Db): Promise<string | null> {
  const [row] = await db.$queryRawUnsafe<{ at: Date | null }[]>(`
    SELECT least((SELECT min("createdAt") FROM "SearchQuery"), (SELECT min("createdAt") FROM "SearchClick"),
                 (SELECT min("createdAt") FROM "PolicyView"), (SELECT min("createdAt") FROM "ArticleFeedback"),
                 (SELECT min("resolvedAt") FROM "Question")) AS at`);
  return row?.at ? dayOf(row.at) : null;
}

export async function readPolicyRollupMark(db: Db): Promise<PolicyRollupMark | null> {
  const row = await db.appSetting.findUnique({ where: { key: POLICY_ROLLUP_SETTING } });
  const v = row?.value as Partial<PolicyRollupMark> | undefined;
  return v && typeof v.refreshedAt === "string" && typeof v.scannedAt === "string" && typeof v.from === "string" && typeof v.through === "string" ? (v as PolicyRollupMark) : null;
}

// Questions written within this long before the last scan may have committed after it.
const SCAN_MARGIN_MS = 10 * 60_000;

/** Recomputes [from, through] (whole days). `changedSince`: also recompute older days of questions changed since. */
export async function rebuildPolicyDays(db: Db, from: string, through: string, now: Date, changedSince: Date | null): Promise<number> {
  const start = dayStart(from);
  const end = dayStart(addDays(through, 1));
  const weekFrom = mondayOf(from);
  await db.$transaction(
    async (tx) => {
      // Two refreshers (worker and a manual run) must not interleave their delete and insert.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('${POLICY_ROLLUP_SETTING}'))`);
      const [{ scannedAt }] = (await tx.$queryRawUnsafe<{ scannedAt: Date }[]>(`SELECT now() AS "scannedAt"`)) as [{ scannedAt: Date }];
      const extraDays = changedSince
        ? (await tx.$queryRawUnsafe<{ day: string }[]>(DIRTY_RESOLUTION_DAYS_SQL, changedSince, from)).map((r) => r.day)
        : [];
      const window = `day >= $1::date AND day <= $2::date`;
      await tx.$executeRawUnsafe(`DELETE FROM "PolicyDailyStat" WHERE ${window}`, from, through);
      await tx.$executeRawUnsafe(`DELETE FROM "PolicyClauseDailyStat" WHERE ${window}`, from, through);
      await tx.$executeRawUnsafe(`DELETE FROM "PolicyViewTimeStat" WHERE (grain = 'D' AND ${window}) OR (grain = 'W' AND day >= $3::date)`, from, through, weekFrom);
      await tx.$executeRawUnsafe(`DELETE FROM "QueryStat" WHERE (grain = 'D' AND ${window}) OR (grain = 'W' AND day >= $3::date)`, from, through, weekFrom);
      await tx.$executeRawUnsafe(`DELETE FROM "PolicyResolutionDailyStat" WHERE (${window}) OR day = ANY($3::date[])`, from, through, extraDays);
      await tx.$executeRawUnsafe(POLICY_SQL, start, end);
      await tx.$executeRawUnsafe(CLAUSE_SQL, start, end);
      await tx.$executeRawUnsafe(VIEW_TIME_SQL, start, end);
      await tx.$executeRawUnsafe(QUERY_SQL, start, end);
      for (const sql of WEEKS_SQL) await tx.$executeRawUnsafe(sql, weekFrom);
      await tx.$executeRawUnsafe(RESOLUTION_SQL, start, end, extraDays);
      const mark: PolicyRollupMark = { refreshedAt: now.toISOString(), scannedAt: scannedAt.toISOString(), from, through };
      await tx.appSetting.upsert({ where: { key: POLICY_ROLLUP_SETTING }, create: { key: POLICY_ROLLUP_SETTING, value: { ...mark } }, update: { value: { ...mark } } });
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  return Math.round((end.getTime() - start.getTime()) / 86_400_000);
}

export const policyRollup: Rollup = {
  name: POLICY_ROLLUP_NAME,
  async refresh(db, now) {
    const today = dayOf(now);
    const mark = await readPolicyRollupMark(db);
    // The day before the last refresh too: a click or view written just after that refresh, for a
    // search made just before midnight, still lands in the right day.
    let from = mark ? addDays(dayOf(new Date(mark.refreshedAt)), -1) : ((await earliestDay(db)) ?? today);
    if (from > today) from = today;
    const changedSince = mark ? new Date(Date.parse(mark.scannedAt) - SCAN_MARGIN_MS) : null;
    return { days: await rebuildPolicyDays(db, from, today, now, changedSince) };
  },
};
