import type { Ctx } from "../kernel/context";

/**
 * Sessions that searched or read and did not file within the window are potential deflections.
 * Idempotent: only OPEN sessions with activity are marked.
 */
export async function markPotentialDeflections(db: Ctx["db"], now: Date, windowMinutes: number): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMinutes * 60_000);
  const r = await db.$executeRaw`
    UPDATE "AskSession" s SET outcome = 'POTENTIAL_DEFLECTION', "closedAt" = ${now}
    WHERE s.outcome = 'OPEN' AND s."lastActivityAt" < ${cutoff}
      AND (EXISTS (SELECT 1 FROM "SearchQuery" q WHERE q."askSessionId" = s.id)
           OR EXISTS (SELECT 1 FROM "PolicyView" v WHERE v."askSessionId" = s.id))`;
  return r;
}
