import "server-only";
// The first-contact owner scorecard (首问责任人考核): every owner's figures over a range in one SQL round
// trip, from OwnerQuestionFact (./facts-rollup.ts) and, for conduct and QA, the small raw tables.
// Definitions: docs/metrics.md ("Owner scorecard").
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { DateRange, Grain } from "../shared/range";
import { zoneSql } from "../../time/zone-sql";

/** Which holders to report: everyone, these users, or the members of these departments. */
export type OwnerFilter = { kind: "all" } | { kind: "users"; userIds: string[] } | { kind: "departments"; departmentIds: string[] };

export interface OwnerMetrics {
  /** null on the total row */
  userId: string | null;
  name: string | null;
  departmentId: string | null;
  departmentName: string | null;
  firstResponse: { decided: number; onTime: number; rate: number | null; medianMinutes: number | null };
  resolution: { decided: number; onTime: number; rate: number | null; resolved: number; medianMinutes: number | null };
  reopened: number;
  reopenRate: number | null;
  tripsPerQuestion: number | null;
  handsPerQuestion: number | null;
  peoplePerQuestion: number | null;
  satisfaction: { mean: number | null; n: number };
  qa: { mean: number | null; n: number };
  upheldComplaints: number;
  brushOffBlocks: number;
  handoffsGiven: number;
  handoffsReceived: number;
  pingPongFlags: number;
}

export interface OwnerTrendPoint {
  /** first day of the bucket (YYYY-MM-DD, Asia/Shanghai) */
  period: string;
  firstResponseDecided: number;
  firstResponseRate: number | null;
  resolutionDecided: number;
  resolutionRate: number | null;
}

interface Window {
  range: Pick<DateRange, "start" | "end" | "from" | "to">;
  now: Date;
}

/** Who is counted: everyone (null), only these users, or everyone but these. */
export type HolderScope = null | { only: string[] } | { except: string[] };

const SHORT_LIST = 100;

/**
 * The scope as a predicate on a holder column. A short list becomes `= ANY(array)` (each part then
 * uses its (holder, time) index) or `<> ALL(array)`; a long one a hashed semi-join.
 */
function scopePredicate(scope: HolderScope): (col: Prisma.Sql) => Prisma.Sql {
  if (scope === null) return () => Prisma.empty;
  if ("except" in scope) return (col) => Prisma.sql`AND ${col} <> ALL(${scope.except}::uuid[])`;
  if (scope.only.length <= SHORT_LIST) return (col) => Prisma.sql`AND ${col} = ANY(${scope.only}::uuid[])`;
  return (col) => Prisma.sql`AND ${col} IN (SELECT unnest(${scope.only}::uuid[]))`;
}

/** The filter as the shorter of the users it admits and (for departments) the users it leaves out. */
async function holderScope(db: DbTx, filter: OwnerFilter): Promise<HolderScope> {
  if (filter.kind === "all") return null;
  if (filter.kind === "users") return { only: filter.userIds };
  const rows = await db.user.findMany({ select: { id: true, departmentId: true } });
  const inside = new Set(filter.departmentIds);
  const only = rows.filter((r) => r.departmentId !== null && inside.has(r.departmentId)).map((r) => r.id);
  const except = rows.filter((r) => r.departmentId === null || !inside.has(r.departmentId)).map((r) => r.id);
  return only.length > SHORT_LIST && except.length <= SHORT_LIST ? { except } : { only };
}

// Part kinds of the scorecard query.
const FIRST_RESPONSE = 1;
const RESOLUTION = 2;
const RESOLVED = 3;
const QA = 4;
const COMPLAINT = 5;
const BLOCK = 6;
const GIVEN = 7;
const RECEIVED = 8;
const PING_PONG = 9;
/** A kind as an SQL integer literal (a bound parameter would come back as a bigint). */
const lit = (k: number) => Prisma.raw(String(k));

/** First-response outcomes decided in the range (OwnerQuestionFact rows, alias f). */
function firstResponseDecided({ range, now }: Window): Prisma.Sql {
  return Prisma.sql`f."frAt" >= ${range.start} AND f."frAt" < ${range.end} AND f."frAt" <= ${now}`;
}

/** Resolution outcomes decided in the range: resolved, or due while the clock ran. */
function resolutionDecided({ range, now }: Window): Prisma.Sql {
  return Prisma.sql`f."resAt" >= ${range.start} AND f."resAt" < ${range.end} AND f."resAt" <= ${now}
    AND (f."resolvedAt" IS NOT NULL OR f."resDue" <= COALESCE(f."pausedAt", ${now}))`;
}

interface Part {
  k: number;
  holder: string | null;
  total: boolean;
  n: number;
  ok: number | null;
  med: number | null;
  reopened: number | null;
  trips: number | null;
  hands: number | null;
  people: number | null;
  mean: number | null;
  mean_n: number | null;
  name: string | null;
  department_id: string | null;
  department_name: string | null;
}

/** The scorecard query: one row per (part, owner) and per part for the total (exported for EXPLAIN). */
export function scorecardSql(window: Window, scope: HolderScope): Prisma.Sql {
  const { range } = window;
  const scoped = scopePredicate(scope);
  return Prisma.sql`
    WITH conduct AS (
      SELECT "ownerId" AS holder, ${lit(QA)} AS k, grade FROM "QaReview"
      WHERE grade IS NOT NULL AND "weekStart" >= ${range.from}::date AND "weekStart" <= ${range.to}::date
      UNION ALL
      SELECT "againstUserId", ${lit(COMPLAINT)}, NULL FROM "Complaint" WHERE status = 'UPHELD' AND "createdAt" >= ${range.start} AND "createdAt" < ${range.end}
      UNION ALL
      SELECT "userId", ${lit(BLOCK)}, NULL FROM "BrushOffBlock" WHERE "createdAt" >= ${range.start} AND "createdAt" < ${range.end}
      UNION ALL
      SELECT x.id, x.k, NULL FROM "Handoff" h CROSS JOIN LATERAL (VALUES (h."fromUserId", ${lit(GIVEN)}), (h."respondedById", ${lit(RECEIVED)})) AS x(id, k)
      WHERE h.status = 'ACCEPTED' AND h."respondedAt" >= ${range.start} AND h."respondedAt" < ${range.end}
      UNION ALL
      SELECT DISTINCT ON (h."fromUserId", pq.id) h."fromUserId", ${lit(PING_PONG)}, NULL::int
      FROM "Question" pq JOIN "Handoff" h ON h."questionId" = pq.id AND h.status = 'ACCEPTED' AND h."respondedAt" <= pq."pingPongFlaggedAt"
      WHERE pq."pingPongFlaggedAt" >= ${range.start} AND pq."pingPongFlaggedAt" < ${range.end}
    ),
    parts AS (
      SELECT ${lit(FIRST_RESPONSE)} AS k, f."frHolderId" AS holder, GROUPING(f."frHolderId") = 1 AS total, count(*)::int AS n,
             (count(*) FILTER (WHERE f."respondedAt" <= f."frDue"))::int AS ok, percentile_cont(0.5) WITHIN GROUP (ORDER BY f."frMinutes") AS med,
             NULL::int AS reopened, NULL::float8 AS trips, NULL::float8 AS hands, NULL::float8 AS people, NULL::float8 AS mean, NULL::int AS mean_n
      FROM "OwnerQuestionFact" f
      WHERE ${firstResponseDecided(window)} AND f."frHolderId" IS NOT NULL ${scoped(Prisma.sql`f."frHolderId"`)}
      GROUP BY ROLLUP (f."frHolderId")
      UNION ALL
      SELECT ${lit(RESOLUTION)}, f."resHolderId", GROUPING(f."resHolderId") = 1, count(*)::int,
             (count(*) FILTER (WHERE f."resolvedAt" <= f."resDue"))::int, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM "OwnerQuestionFact" f
      WHERE ${resolutionDecided(window)} AND f."resHolderId" IS NOT NULL ${scoped(Prisma.sql`f."resHolderId"`)}
      GROUP BY ROLLUP (f."resHolderId")
      UNION ALL
      SELECT ${lit(RESOLVED)}, f."resolverId", GROUPING(f."resolverId") = 1, count(*)::int, NULL,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY f."resolvedMinutes"), (count(*) FILTER (WHERE f."reopenCount" > 0))::int,
             avg(1 + f."reopenCount")::float8, avg(f."handCount")::float8,
             -- only questions that changed hands read their owner chain (a few per hundred)
             avg(CASE WHEN f."handCount" <= 1 THEN 1 ELSE (SELECT count(DISTINCT o."userId") FROM "QuestionOwnership" o WHERE o."questionId" = f."questionId") END)::float8,
             avg(f.score)::float8, count(f.score)::int
      FROM "OwnerQuestionFact" f
      WHERE f."resolvedAt" >= ${range.start} AND f."resolvedAt" < ${range.end} AND f."resolverId" IS NOT NULL ${scoped(Prisma.sql`f."resolverId"`)}
      GROUP BY ROLLUP (f."resolverId")
      UNION ALL
      SELECT c.k, c.holder, GROUPING(c.holder) = 1, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL, avg(c.grade)::float8, count(c.grade)::int
      FROM conduct c WHERE c.holder IS NOT NULL ${scoped(Prisma.sql`c.holder`)}
      GROUP BY c.k, ROLLUP (c.holder)
    )
    SELECT p.*, u.name, u."departmentId" AS department_id, d.name AS department_name
    FROM parts p LEFT JOIN "User" u ON u.id = p.holder AND NOT p.total LEFT JOIN "Department" d ON d.id = u."departmentId"`;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function emptyMetrics(who: Pick<OwnerMetrics, "userId" | "name" | "departmentId" | "departmentName">): OwnerMetrics {
  return {
    ...who,
    firstResponse: { decided: 0, onTime: 0, rate: null, medianMinutes: null },
    resolution: { decided: 0, onTime: 0, rate: null, resolved: 0, medianMinutes: null },
    reopened: 0,
    reopenRate: null,
    tripsPerQuestion: null,
    handsPerQuestion: null,
    peoplePerQuestion: null,
    satisfaction: { mean: null, n: 0 },
    qa: { mean: null, n: 0 },
    upheldComplaints: 0,
    brushOffBlocks: 0,
    handoffsGiven: 0,
    handoffsReceived: 0,
    pingPongFlags: 0,
  };
}

function apply(m: OwnerMetrics, p: Part): void {
  switch (p.k) {
    case FIRST_RESPONSE:
      m.firstResponse = { decided: p.n, onTime: p.ok ?? 0, rate: ratio(p.ok ?? 0, p.n), medianMinutes: p.med };
      break;
    case RESOLUTION:
      m.resolution = { ...m.resolution, decided: p.n, onTime: p.ok ?? 0, rate: ratio(p.ok ?? 0, p.n) };
      break;
    case RESOLVED:
      m.resolution = { ...m.resolution, resolved: p.n, medianMinutes: p.med };
      m.reopened = p.reopened ?? 0;
      m.reopenRate = ratio(p.reopened ?? 0, p.n);
      m.tripsPerQuestion = p.trips;
      m.handsPerQuestion = p.hands;
      m.peoplePerQuestion = p.people;
      m.satisfaction = { mean: p.mean, n: p.mean_n ?? 0 };
      break;
    case QA:
      m.qa = { mean: p.mean, n: p.n };
      break;
    case COMPLAINT:
      m.upheldComplaints = p.n;
      break;
    case BLOCK:
      m.brushOffBlocks = p.n;
      break;
    case GIVEN:
      m.handoffsGiven = p.n;
      break;
    case RECEIVED:
      m.handoffsReceived = p.n;
      break;
    case PING_PONG:
      m.pingPongFlags = p.n;
      break;
  }
}

/** Every owner's metrics over the range (owners with anything to count, by name), and their total. */
export async function queryOwnerScorecards(db: DbTx, window: Window, filter: OwnerFilter): Promise<{ owners: OwnerMetrics[]; total: OwnerMetrics }> {
  const scope = await holderScope(db, filter);
  const parts = scope && "only" in scope && scope.only.length === 0 ? [] : await db.$queryRaw<Part[]>(scorecardSql(window, scope));
  const total = emptyMetrics({ userId: null, name: null, departmentId: null, departmentName: null });
  const owners = new Map<string, OwnerMetrics>();
  for (const p of parts) {
    if (p.total) {
      apply(total, p);
      continue;
    }
    let m = owners.get(p.holder!);
    if (!m) owners.set(p.holder!, (m = emptyMetrics({ userId: p.holder, name: p.name, departmentId: p.department_id, departmentName: p.department_name })));
    apply(m, p);
  }
  const sorted = [...owners.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "zh-CN") || (a.userId ?? "").localeCompare(b.userId ?? ""));
  return { owners: sorted, total };
}

/** One owner's within-limit rates per day / week / month (buckets by the decision moment). */
export async function queryOwnerTrend(db: DbTx, window: Window, userId: string, grain: Grain): Promise<OwnerTrendPoint[]> {
  const bucket = (at: Prisma.Sql) => Prisma.sql`to_char(date_trunc(${grain}, ${at} AT TIME ZONE ${zoneSql()}), 'YYYY-MM-DD')`;
  const rows = await db.$queryRaw<{ period: string; fr_n: number; fr_ok: number; res_n: number; res_ok: number }[]>`
    SELECT period, sum(fr_n)::int AS fr_n, sum(fr_ok)::int AS fr_ok, sum(res_n)::int AS res_n, sum(res_ok)::int AS res_ok FROM (
      SELECT ${bucket(Prisma.sql`f."frAt"`)} AS period, count(*) AS fr_n, count(*) FILTER (WHERE f."respondedAt" <= f."frDue") AS fr_ok, 0 AS res_n, 0 AS res_ok
      FROM "OwnerQuestionFact" f WHERE f."frHolderId" = ${userId}::uuid AND ${firstResponseDecided(window)} GROUP BY 1
      UNION ALL
      SELECT ${bucket(Prisma.sql`f."resAt"`)}, 0, 0, count(*), count(*) FILTER (WHERE f."resolvedAt" <= f."resDue")
      FROM "OwnerQuestionFact" f WHERE f."resHolderId" = ${userId}::uuid AND ${resolutionDecided(window)} GROUP BY 1
    ) x GROUP BY period ORDER BY period`;
  return rows.map((r) => ({
    period: r.period,
    firstResponseDecided: r.fr_n,
    firstResponseRate: ratio(r.fr_ok, r.fr_n),
    resolutionDecided: r.res_n,
    resolutionRate: ratio(r.res_ok, r.res_n),
  }));
}
