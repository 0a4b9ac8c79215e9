import "server-only";
// How each document was found and read, from the rollups: PolicyDailyStat for counts and totals,
// PolicyViewTimeStat (a reading-time histogram) for medians, which cannot be added up from daily medians.
import type { DbTx } from "../../db/client";
import { weekSplit } from "./rollup";
import type { DateRange } from "../shared/range";

export interface PolicyUsageRow {
  policyId: string;
  title: string;
  lineId: string;
  lineName: string;
  archived: boolean;
  reviewDueAt: string | null;
  needsRevision: boolean;
  /** result rows showing one of its clauses */
  impressions: number;
  /** searches that showed at least one of its clauses */
  searches: number;
  /** of those searches, how many led to a click on it */
  searchesClicked: number;
  /** searchesClicked / searches; null without searches */
  openRate: number | null;
  /** clicks on its search results */
  clicks: number;
  /** times it was opened to read (reader, search result, ask page) */
  views: number;
  /** views with a measured reading time (durationMs > 0) */
  viewsTimed: number;
  viewMsTotal: number;
  meanViewMs: number | null;
  helpful: number;
  notHelpful: number;
}

// A type (not an interface) so charts can take it as Record<string, unknown>.
export type UsageTrendPoint = {
  bucket: string;
  impressions: number;
  clicks: number;
  views: number;
};

export async function policyUsage(db: DbTx, policyIds: string[], range: DateRange): Promise<PolicyUsageRow[]> {
  if (policyIds.length === 0) return [];
  const rows = await db.$queryRaw<Omit<PolicyUsageRow, "openRate" | "meanViewMs">[]>`
    SELECT p.id AS "policyId", p.title, p."lineId"::text AS "lineId", l.name AS "lineName", (p.status = 'ARCHIVED') AS archived,
           to_char(p."reviewDueAt", 'YYYY-MM-DD') AS "reviewDueAt", p."needsRevision",
           coalesce(s.impressions, 0)::int AS impressions, coalesce(s.searches, 0)::int AS searches,
           coalesce(s."searchesClicked", 0)::int AS "searchesClicked", coalesce(s.clicks, 0)::int AS clicks,
           coalesce(s.views, 0)::int AS views, coalesce(s."viewsTimed", 0)::int AS "viewsTimed",
           coalesce(s."viewMsTotal", 0)::float8 AS "viewMsTotal", coalesce(s.helpful, 0)::int AS helpful,
           coalesce(s."notHelpful", 0)::int AS "notHelpful"
    FROM "Policy" p
    JOIN "BusinessLine" l ON l.id = p."lineId"
    LEFT JOIN (
      SELECT "policyId", sum(impressions) AS impressions, sum(searches) AS searches, sum("searchesClicked") AS "searchesClicked",
             sum(clicks) AS clicks, sum(views) AS views, sum("viewsTimed") AS "viewsTimed", sum("viewMsTotal") AS "viewMsTotal",
             sum(helpful) AS helpful, sum("notHelpful") AS "notHelpful"
      FROM "PolicyDailyStat"
      WHERE "policyId" = ANY(${policyIds}::text[]) AND day >= ${range.from}::date AND day <= ${range.to}::date
      GROUP BY "policyId"
    ) s ON s."policyId" = p.id
    WHERE p.id = ANY(${policyIds}::text[])
    ORDER BY impressions DESC, p.title, p.id`;
  return rows.map((r) => ({
    ...r,
    openRate: r.searches > 0 ? r.searchesClicked / r.searches : null,
    meanViewMs: r.viewsTimed > 0 ? r.viewMsTotal / r.viewsTimed : null,
  }));
}

export interface TimeBucket {
  bucket: number;
  /** views in the bucket */
  n: number;
  /** their total duration, ms */
  ms: number;
}

/**
 * The median of a reading-time histogram. Each value is taken as its bucket's mean (buckets are ~10 %
 * wide), so the result is exact when the middle values are alone in their buckets (or equal) and
 * otherwise within a bucket of the true median. Even counts average the two middle values.
 */
export function medianFromHistogram(buckets: TimeBucket[]): number | null {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, b) => n + b.n, 0);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (k < seen) return b.ms / b.n;
    }
    return sorted[sorted.length - 1]!.ms / sorted[sorted.length - 1]!.n;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

/** Median reading time per policy and (key "") over all of them, from views with a measured duration. */
export async function medianViewMs(db: DbTx, policyIds: string[], range: DateRange): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (policyIds.length === 0) return out;
  const { w1, w2, end } = weekSplit(range.from, range.to);
  const rows = await db.$queryRaw<({ policyId: string } & TimeBucket)[]>`
    SELECT "policyId", bucket, sum(views)::int AS n, sum("msTotal")::float8 AS ms
    FROM "PolicyViewTimeStat"
    WHERE "policyId" = ANY(${policyIds}::text[])
      AND ((grain = 'W' AND day >= ${w1}::date AND day < ${w2}::date)
        OR (grain = 'D' AND ((day >= ${range.from}::date AND day < ${w1}::date) OR (day >= ${w2}::date AND day < ${end}::date))))
    GROUP BY "policyId", bucket`;
  const byPolicy = new Map<string, TimeBucket[]>();
  const all = new Map<number, TimeBucket>();
  for (const r of rows) {
    const list = byPolicy.get(r.policyId) ?? [];
    list.push(r);
    byPolicy.set(r.policyId, list);
    const merged = all.get(r.bucket) ?? { bucket: r.bucket, n: 0, ms: 0 };
    merged.n += r.n;
    merged.ms += r.ms;
    all.set(r.bucket, merged);
  }
  for (const [policyId, list] of byPolicy) out.set(policyId, medianFromHistogram(list)!);
  const overall = medianFromHistogram([...all.values()]);
  if (overall !== null) out.set("", overall);
  return out;
}

/** Surfaced vs opened per day / week (Monday) / month, every bucket present (zeros included). */
export async function usageTrend(db: DbTx, policyIds: string[], range: DateRange): Promise<UsageTrendPoint[]> {
  return db.$queryRaw<UsageTrendPoint[]>`
    SELECT to_char(b.bucket, 'YYYY-MM-DD') AS bucket, coalesce(t.impressions, 0)::int AS impressions,
           coalesce(t.clicks, 0)::int AS clicks, coalesce(t.views, 0)::int AS views
    FROM generate_series(date_trunc(${range.grain}, ${range.from}::date::timestamp), ${range.to}::date::timestamp, ('1 ' || ${range.grain})::interval) AS b(bucket)
    LEFT JOIN (
      SELECT date_trunc(${range.grain}, day::timestamp) AS bucket, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(views) AS views
      FROM "PolicyDailyStat"
      WHERE "policyId" = ANY(${policyIds}::text[]) AND day >= ${range.from}::date AND day <= ${range.to}::date
      GROUP BY 1
    ) t ON t.bucket = b.bucket
    ORDER BY b.bucket`;
}
