import "server-only";
// Knowledge gaps sent to the policy owner: 无制度 (NO_POLICY, no document: policyId null) and 制度不清
// (POLICY_UNCLEAR, one per cited document), with the question behind each. Open gaps are listed
// whatever the range (they still need an answer); closed or acknowledged ones when created in the range.
import type { DbTx } from "../../db/client";
import type { GapStatus } from "../../db/generated/enums";
import { Prisma } from "../../db/generated/client";
import type { PolicySelection } from "./selection";
import type { DateRange } from "../shared/range";

export const GAP_LIST_LIMIT = 50;

export interface GapRow {
  id: string;
  kind: "NO_POLICY" | "POLICY_UNCLEAR";
  status: GapStatus;
  questionId: string;
  questionNumber: number;
  questionBody: string;
  lineName: string;
  policyId: string | null;
  policyTitle: string | null;
  note: string | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export interface GapSummary {
  openNoPolicy: number;
  openUnclear: number;
  createdInRange: number;
  acknowledgedInRange: number;
  /** how many the list would show without its limit */
  listed: number;
}

/** The gaps of a selection (alias g): those of the 条线 the actor owns and those naming one of their documents. */
function gapScopeSql(sel: PolicySelection): Prisma.Sql {
  const line = sel.lineId ? Prisma.sql`g."lineId" = ${sel.lineId}::uuid` : Prisma.sql`TRUE`;
  if (sel.scope.all) return line;
  return Prisma.sql`(g."lineId" = ANY(${sel.scope.lineIds}::uuid[]) OR g."policyId" = ANY(${sel.scope.policyIds}::text[])) AND ${line}`;
}

export async function policyGaps(db: DbTx, sel: PolicySelection, range: DateRange): Promise<{ rows: GapRow[]; summary: GapSummary }> {
  const scope = gapScopeSql(sel);
  const inRange = (col: Prisma.Sql) => Prisma.sql`(${col} >= ${range.start} AND ${col} < ${range.end})`;
  const [rows, [summary]] = await Promise.all([
    db.$queryRaw<(Omit<GapRow, "kind" | "questionBody"> & { questionBody: string })[]>`
      SELECT g.id, g.status::text AS status, g."policyId", g.note, g."createdAt", g."acknowledgedAt",
             q.id::text AS "questionId", q.number AS "questionNumber", left(q.body, 201) AS "questionBody",
             l.name AS "lineName", p.title AS "policyTitle", u.name AS "acknowledgedBy"
      FROM (
        SELECT g.* FROM "KnowledgeGap" g
        WHERE ${scope} AND (g.status = 'OPEN' OR ${inRange(Prisma.sql`g."createdAt"`)})
        ORDER BY g.status, g."createdAt" DESC, g.id
        LIMIT ${GAP_LIST_LIMIT}
      ) g
      JOIN "Question" q ON q.id = g."questionId"
      JOIN "BusinessLine" l ON l.id = g."lineId"
      LEFT JOIN "Policy" p ON p.id = g."policyId"
      LEFT JOIN "User" u ON u.id = g."acknowledgedById"
      ORDER BY g.status, g."createdAt" DESC, g.id`,
    db.$queryRaw<GapSummary[]>`
      SELECT count(*) FILTER (WHERE g.status = 'OPEN' AND g."policyId" IS NULL)::int AS "openNoPolicy",
             count(*) FILTER (WHERE g.status = 'OPEN' AND g."policyId" IS NOT NULL)::int AS "openUnclear",
             count(*) FILTER (WHERE ${inRange(Prisma.sql`g."createdAt"`)})::int AS "createdInRange",
             count(*) FILTER (WHERE ${inRange(Prisma.sql`g."acknowledgedAt"`)})::int AS "acknowledgedInRange",
             count(*) FILTER (WHERE g.status = 'OPEN' OR ${inRange(Prisma.sql`g."createdAt"`)})::int AS listed
      FROM "KnowledgeGap" g
      WHERE ${scope}`,
  ]);
  return {
    rows: rows.map((g) => ({
      ...g,
      kind: g.policyId ? "POLICY_UNCLEAR" : "NO_POLICY",
      questionBody: g.questionBody.length > 200 ? `${g.questionBody.slice(0, 200)}…` : g.questionBody,
    })),
    summary: summary!,
  };
}

/** 制度不清 gaps per document: still open (any date) and raised in the range. */
export async function unclearGapsByPolicy(db: DbTx, policyIds: string[], range: DateRange): Promise<Map<string, { open: number; inRange: number }>> {
  const out = new Map<string, { open: number; inRange: number }>();
  if (policyIds.length === 0) return out;
  const rows = await db.$queryRaw<{ policyId: string; open: number; inRange: number }[]>`
    SELECT "policyId", count(*) FILTER (WHERE status = 'OPEN')::int AS open,
           count(*) FILTER (WHERE "createdAt" >= ${range.start} AND "createdAt" < ${range.end})::int AS "inRange"
    FROM "KnowledgeGap"
    WHERE "policyId" = ANY(${policyIds}::text[])
    GROUP BY "policyId"`;
  for (const r of rows) out.set(r.policyId, { open: r.open, inRange: r.inRange });
  return out;
}
