import "server-only";
// Resolutions citing a document, by answer exposure, from PolicyResolutionDailyStat. Definitions:
// docs/metrics.md ("Policy owners", 办结引用).
import type { DbTx } from "../../db/client";
import type { DateRange } from "../shared/range";

export interface ExposureSplit {
  /** shown in their search or ask page, not opened */
  ignored: number;
  /** opened and still asked (unclear) */
  unclear: number;
  /** never shown: the search missed it */
  searchMiss: number;
  /** every such question, including any without a recorded exposure */
  total: number;
}

export const emptySplit = (): ExposureSplit => ({ ignored: 0, unclear: 0, searchMiss: 0, total: 0 });

export function addSplit(into: ExposureSplit, s: ExposureSplit): ExposureSplit {
  into.ignored += s.ignored;
  into.unclear += s.unclear;
  into.searchMiss += s.searchMiss;
  into.total += s.total;
  return into;
}

/** Per policy: distinct questions resolved in the range citing it. */
export async function resolutionsByPolicy(db: DbTx, policyIds: string[], range: DateRange): Promise<Map<string, ExposureSplit>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db.$queryRaw<({ policyId: string } & ExposureSplit)[]>`
    SELECT "policyId", sum(ignored)::int AS ignored, sum(unclear)::int AS unclear, sum("searchMiss")::int AS "searchMiss", sum(total)::int AS total
    FROM "PolicyResolutionDailyStat"
    WHERE "policyId" = ANY(${policyIds}::text[]) AND day >= ${range.from}::date AND day <= ${range.to}::date
    GROUP BY "policyId"`;
  return new Map(rows.map(({ policyId, ...split }) => [policyId, split]));
}
