// (No "server-only": the worker runs it.) The owner scorecard's rollup: OwnerQuestionFact, one narrow
// row per question with its raw times and holders (who holds it at each decision moment: docs/metrics.md,
// "Words used below"), so which outcomes are decided is still worked out against the clock at request
// time. The step replaces the rows of every question updated (Question.updatedAt) or rated since the
// watermark (a change of owner updates the question); the runner (../rollup/runner.ts) owns the lock,
// the watermark, the slack and the transaction. No watermark: it builds every row.
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { clockWatermark, defineRollup, readWatermark, type RollupRun } from "../rollup/runner";

export const OWNER_FACTS_SETTING = "rollup.ownerFacts.watermark";
const watermark = clockWatermark(OWNER_FACTS_SETTING);

/** When the facts were last refreshed (what the scorecard is current to), or null before the first run. */
export function ownerFactsMark(db: DbTx): Promise<Date | null> {
  return readWatermark(db, watermark);
}

function insertFactsSql(ids: string[] | null): Prisma.Sql {
  const only = ids ? Prisma.sql`WHERE q.id = ANY(${ids}::uuid[])` : Prisma.empty;
  const holderAt = (at: Prisma.Sql) =>
    Prisma.sql`SELECT o."userId" FROM "QuestionOwnership" o
               WHERE q."handCount" > 1 AND o."questionId" = q.id AND o."startedAt" <= ${at}
               ORDER BY o."startedAt" DESC LIMIT 1`;
  return Prisma.sql`
    INSERT INTO "OwnerQuestionFact" ("questionId", "createdAt", "frDue", "respondedAt", "frAt", "frHolderId", "frMinutes", "resDue", "resolvedAt",
                                     "pausedAt", "resAt", "resHolderId", "resolverId", "resolvedMinutes", "reopenCount", "handCount", score)
    SELECT q.id, q."createdAt", q."firstResponseDueAt", q.responded_at, q.fr_at, COALESCE(fh."userId", q."ownerId"),
           EXTRACT(EPOCH FROM q.responded_at - q."createdAt")::float8 / 60,
           q."resolutionDueAt", q."resolvedAt", q."pausedAt", q.res_at, COALESCE(rh."userId", q."ownerId"),
           CASE WHEN q."resolvedAt" IS NOT NULL THEN q."ownerId" END,
           EXTRACT(EPOCH FROM q."resolvedAt" - q."createdAt")::float8 / 60,
           q."reopenCount", q."handCount", r.score
    FROM (
      SELECT q.id, q."ownerId", q."handCount", q."createdAt", q."firstResponseDueAt", q."resolutionDueAt", q."resolvedAt", q."pausedAt", q."reopenCount",
             LEAST(q."firstRespondedAt", q."resolvedAt") AS responded_at,
             CASE WHEN q."firstResponseDueAt" IS NOT NULL THEN LEAST(q."firstRespondedAt", q."resolvedAt", q."firstResponseDueAt") END AS fr_at,
             CASE WHEN q."resolutionDueAt" IS NOT NULL THEN LEAST(q."resolvedAt", q."resolutionDueAt") END AS res_at
      FROM "Question" q ${only}
    ) q
    LEFT JOIN LATERAL (${holderAt(Prisma.sql`q.fr_at`)}) fh ON true
    LEFT JOIN LATERAL (${holderAt(Prisma.sql`q.res_at`)}) rh ON true
    LEFT JOIN "SatisfactionRating" r ON r."questionId" = q.id`;
}

async function step({ tx, now, since }: RollupRun<Date>): Promise<{ days: number; mark: Date }> {
  if (!since) {
    await tx.$executeRaw`DELETE FROM "OwnerQuestionFact"`;
    // The registry's unit is days; this rollup's unit of work is questions, reported the same way.
    return { days: await tx.$executeRaw(insertFactsSql(null)), mark: now };
  }
  const ids = (
    await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Question" WHERE "updatedAt" >= ${since}
      UNION SELECT "questionId" FROM "SatisfactionRating" WHERE "createdAt" >= ${since}`
  ).map((r) => r.id);
  if (ids.length > 0) {
    await tx.$executeRaw`DELETE FROM "OwnerQuestionFact" WHERE "questionId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw(insertFactsSql(ids));
  }
  return { days: ids.length, mark: now };
}

export const ownerFactsRollup = defineRollup({ name: "owner-facts", lock: 7_316_002, watermark, timeoutMs: 600_000, step });

export const refreshOwnerFacts = ownerFactsRollup.refresh;
