import "server-only";
// The ledger's SQL. One WHERE (scope + range + filters) feeds the page, the count and the CSV pages,
// so what is counted, shown and exported can never differ. The owner chain, the confirmation date
// and the outcome columns are computed only for the rows of one page.
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { DateRange } from "../shared/range";
import type { DepartmentScope } from "../shared/scope";
import type { LedgerFilters } from "./filters";
import type { LedgerRow } from "./format";

export interface LedgerWhereInput {
  range: Pick<DateRange, "start" | "end">;
  scope: DepartmentScope;
  /** the chosen department with its subtree (already checked to lie inside the scope) */
  departmentIds?: string[];
  filters: LedgerFilters;
  now: Date;
}

/** A question belongs to a set of departments when its asker or any of its owners (ever) is in one. */
function touchesDepartments(ids: string[]): Prisma.Sql {
  return Prisma.sql`(
    q."askerId" IN (SELECT u.id FROM "User" u WHERE u."departmentId" = ANY(${ids}::uuid[]))
    OR q.id IN (SELECT o."questionId" FROM "QuestionOwnership" o JOIN "User" u ON u.id = o."userId" WHERE u."departmentId" = ANY(${ids}::uuid[]))
  )`;
}

// A limit is missed when the deadline passed before the thing happened, or passes while it still has
// not happened. A paused resolution clock stops at pausedAt (resuming moves the deadline). The first
// response is the first reply or the resolution, whichever came first, as on the dashboards
// (docs/metrics.md); LEAST skips the one that has not happened.
const firstResponseAt = Prisma.sql`LEAST(q."firstRespondedAt", q."resolvedAt")`;
const firstResponseMissed = (now: Date) => Prisma.sql`(q."firstResponseDueAt" < COALESCE(${firstResponseAt}, ${now}::timestamptz))`;
const resolutionMissed = (now: Date) => Prisma.sql`(q."resolutionDueAt" < COALESCE(q."resolvedAt", q."pausedAt", ${now}::timestamptz))`;

/** LIKE pattern for "contains", with the user's % _ \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function ledgerWhere(input: LedgerWhereInput): Prisma.Sql {
  const { range, scope, filters: f, now } = input;
  const parts: Prisma.Sql[] = [Prisma.sql`q."createdAt" >= ${range.start}::timestamptz AND q."createdAt" < ${range.end}::timestamptz`];
  if (!scope.all) parts.push(touchesDepartments(scope.departmentIds));
  if (input.departmentIds) parts.push(touchesDepartments(input.departmentIds));
  if (f.lineId) parts.push(Prisma.sql`q."lineId" = ${f.lineId}::uuid`);
  if (f.status) parts.push(Prisma.sql`q.status = ${f.status}::"QuestionStatus"`);
  if (f.resolutionKind) parts.push(Prisma.sql`q."resolutionKind" = ${f.resolutionKind}::"ResolutionKind"`);
  if (f.ownerId) parts.push(Prisma.sql`q.id IN (SELECT o."questionId" FROM "QuestionOwnership" o WHERE o."userId" = ${f.ownerId}::uuid)`);
  if (f.text) {
    const pattern = containsPattern(f.text);
    const number = /^(?:q-?)?0*(\d{1,9})$/i.exec(f.text)?.[1];
    parts.push(
      Prisma.sql`(q.body ILIKE ${pattern} OR q."contactName" ILIKE ${pattern}${number ? Prisma.sql` OR q.number = ${Number(number)}::int` : Prisma.empty})`,
    );
  }
  if (f.overdueOnly) parts.push(Prisma.sql`(${firstResponseMissed(now)} OR ${resolutionMissed(now)})`);
  return Prisma.join(parts, " AND ");
}

export async function countLedger(db: DbTx, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Question" q WHERE ${where}`;
  return row?.n ?? 0;
}

/**
 * One page, newest first, keyset on (createdAt, id). Returns up to `limit + 1` rows so the caller
 * knows whether another page follows. `createdAt <= cursor` lets the createdAt index skip
 * everything already shown, so page 2,000 of an export costs what page 1 does.
 */
export async function fetchLedgerPage(
  db: DbTx,
  where: Prisma.Sql,
  opts: { after?: { createdAt: Date; id: string } | null; limit: number; now: Date; viewerId: string },
): Promise<LedgerRow[]> {
  const { after, now } = opts;
  const keyset = after
    ? Prisma.sql`AND q."createdAt" <= ${after.createdAt}::timestamptz AND (q."createdAt" < ${after.createdAt}::timestamptz OR q.id < ${after.id}::uuid)`
    : Prisma.empty;
  // The page's rows are read once (SELECT q.* … LIMIT): joining back to "Question" would make the
  // planner hash the whole table for a 1,000-row export page.
  return db.$queryRaw<LedgerRow[]>`
    WITH q AS (
      SELECT q.* FROM "Question" q
      WHERE ${where} ${keyset}
      ORDER BY q."createdAt" DESC, q.id DESC
      LIMIT ${opts.limit + 1}::int
    )
    SELECT q.id, q.number, q."createdAt",
           a.name AS "askerName", ad.name AS "askerDepartment",
           q."contactName", q."contactDepartment", q."contactPhone", q."contactIm",
           q.body, l.name AS "lineName", q.priority::text AS priority,
           COALESCE(chain.links, '[]'::json) AS "ownerChain",
           q.status::text AS status, q."resolutionKind"::text AS "resolutionKind", q."answerExposure"::text AS "answerExposure",
           r.score AS satisfaction,
           c.filed AS complaint, c.upheld AS "complaintUpheld",
           q."firstRespondedAt", q."resolvedAt",
           CASE WHEN q.status = 'CLOSED' THEN (
             SELECT e."createdAt" FROM "QuestionEvent" e
             WHERE e."questionId" = q.id AND e.type IN ('CONFIRMED', 'CLOSED')
             ORDER BY e.id DESC LIMIT 1
           ) END AS "closedAt",
           q."firstResponseDueAt",
           CASE WHEN q."firstResponseDueAt" IS NULL THEN NULL WHEN ${firstResponseMissed(now)} THEN false
                WHEN ${firstResponseAt} IS NOT NULL THEN true END AS "firstResponseMet",
           q."resolutionDueAt",
           CASE WHEN q."resolutionDueAt" IS NULL THEN NULL WHEN ${resolutionMissed(now)} THEN false
                WHEN q."resolvedAt" IS NOT NULL THEN true END AS "resolutionMet"
    FROM q
    JOIN "User" a ON a.id = q."askerId"
    LEFT JOIN "Department" ad ON ad.id = a."departmentId"
    JOIN "BusinessLine" l ON l.id = q."lineId"
    LEFT JOIN "SatisfactionRating" r ON r."questionId" = q.id
    LEFT JOIN LATERAL (
      SELECT count(*) > 0 AS filed, COALESCE(bool_or(cp.status = 'UPHELD'), false) AS upheld
      FROM "Complaint" cp WHERE cp."questionId" = q.id
        -- An undecided complaint is invisible to the one it is about and to the current owner (lib/complaints/visibility.ts).
        AND (cp.status <> 'OPEN' OR (cp."againstUserId" IS DISTINCT FROM ${opts.viewerId}::uuid AND q."ownerId" IS DISTINCT FROM ${opts.viewerId}::uuid))
    ) c ON true
    LEFT JOIN LATERAL (
      -- Names and how each became owner; the page and the CSV write the chain in their language (ownerChainText).
      SELECT json_agg(json_build_object('name', u.name, 'via', o.via) ORDER BY o."startedAt", o.id) AS links
      FROM "QuestionOwnership" o JOIN "User" u ON u.id = o."userId"
      WHERE o."questionId" = q.id
    ) chain ON true
    ORDER BY q."createdAt" DESC, q.id DESC`;
}
