import "server-only";
// "The answer already existed": questions resolved in the range as 有制度 (EXISTING_POLICY) or 制度不清
// (POLICY_UNCLEAR) that cite one of the documents for their resolution, split by what the asker had done
// with the cited clause before asking (Question.answerExposure), from PolicyResolutionDailyStat.
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
