// 质检抽查: each week a random sample of the questions resolved that week, per department of the
// resolving owner (AppSetting "qa.sampleSize", default 3 per department), assigned round-robin to the
// active QA reviewers. Loaded by the worker (plain Node): no "server-only" here.
//
// Idempotent: a draw tops each department up to the sample size and never adds a question twice
// (unique [questionId, weekStart]), so drawing a week again adds nothing unless the sample size was
// raised. Draws are serialised with an advisory lock so the worker and a "draw now" cannot both top
// up the same department. The QaDraw row marks a week as drawn: the worker checks only that.
import type { Db, DbTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { dateColumn, previousWeekStart, weekBounds } from "./week";
import { ANSWERED_STATUSES_SQL } from "../kernel/question-status";

export const DEFAULT_SAMPLE_SIZE = 3;
export const MAX_SAMPLE_SIZE = 50;
const LOCK_KEY = 7_316_001; // pg_advisory_xact_lock key of the QA draw

export interface DrawResult {
  weekStart: string;
  sampleSize: number;
  /** reviews created by this draw */
  added: number;
  /** reviews of the week after it */
  total: number;
}

export async function sampleSizeSetting(db: DbTx): Promise<number> {
  const row = await db.appSetting.findUnique({ where: { key: "qa.sampleSize" } });
  const n = typeof row?.value === "number" ? row.value : DEFAULT_SAMPLE_SIZE;
  return Number.isInteger(n) && n >= 1 && n <= MAX_SAMPLE_SIZE ? n : DEFAULT_SAMPLE_SIZE;
}

/** Draws (or tops up) the sample of the week starting on `weekStart` (a Monday, YYYY-MM-DD). */
export async function drawQaSample(db: Db, opts: { weekStart: string; now: Date; actorId?: string | null }): Promise<DrawResult> {
  const { start, end } = weekBounds(opts.weekStart);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    const sampleSize = await sampleSizeSetting(tx);
    // Per department of the resolving owner (the owner of a resolved question is its resolver):
    // a random order within the department, minus the places already taken this week.
    const picked = await tx.$queryRaw<{ questionId: string; ownerId: string; departmentId: string | null }[]>`
      WITH taken AS (
        SELECT "departmentId", count(*)::int AS n FROM "QaReview" WHERE "weekStart" = ${opts.weekStart}::date GROUP BY "departmentId"
      ),
      candidates AS (
        SELECT q.id, q."ownerId", u."departmentId",
               row_number() OVER (PARTITION BY u."departmentId" ORDER BY random()) AS rn
        FROM "Question" q JOIN "User" u ON u.id = q."ownerId"
        WHERE q.status IN ${ANSWERED_STATUSES_SQL} AND q."resolvedAt" >= ${start} AND q."resolvedAt" < ${end}
          AND NOT EXISTS (SELECT 1 FROM "QaReview" r WHERE r."questionId" = q.id AND r."weekStart" = ${opts.weekStart}::date)
      )
      SELECT c.id AS "questionId", c."ownerId", c."departmentId"
      FROM candidates c LEFT JOIN taken t ON t."departmentId" IS NOT DISTINCT FROM c."departmentId"
      WHERE c.rn <= ${sampleSize} - COALESCE(t.n, 0)
      ORDER BY c."departmentId" NULLS LAST, c.rn`;
    const already = await tx.qaReview.count({ where: { weekStart: dateColumn(opts.weekStart) } });
    const reviewers = (await tx.user.findMany({ where: { roles: { has: "QA_REVIEWER" }, disabledAt: null }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    const assigned = assignRoundRobin(picked, reviewers, already);
    if (assigned.length > 0) {
      await tx.qaReview.createMany({
        data: assigned.map((a) => ({ questionId: a.questionId, ownerId: a.ownerId, departmentId: a.departmentId, reviewerId: a.reviewerId, weekStart: dateColumn(opts.weekStart), createdAt: opts.now })),
        skipDuplicates: true,
      });
    }
    const total = already + assigned.length;
    await tx.qaDraw.upsert({
      where: { weekStart: dateColumn(opts.weekStart) },
      create: { weekStart: dateColumn(opts.weekStart), sampleSize, drawn: total, drawnById: opts.actorId ?? null, drawnAt: opts.now },
      update: { sampleSize, drawn: total, drawnById: opts.actorId ?? null, drawnAt: opts.now },
    });
    return { weekStart: opts.weekStart, sampleSize, added: assigned.length, total };
  }, { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 30_000 });
}

/**
 * Round-robin over the reviewers, continuing after the `offset` reviews the week already has, so
 * a top-up keeps the rotation. Nobody reviews their own resolution: such a turn passes to the next
 * reviewer; with no one else left the review stays unassigned (an admin can grade it).
 */
export function assignRoundRobin<T extends { ownerId: string }>(items: T[], reviewers: string[], offset: number): (T & { reviewerId: string | null })[] {
  let turn = offset;
  return items.map((item) => {
    for (let tries = 0; tries < reviewers.length; tries++) {
      const candidate = reviewers[turn++ % reviewers.length]!;
      if (candidate !== item.ownerId) return { ...item, reviewerId: candidate };
    }
    return { ...item, reviewerId: null };
  });
}

/** The worker's call: draws last week once. One primary-key lookup when it is already drawn. */
export async function drawPreviousWeekIfDue(db: Db, now: Date): Promise<DrawResult | null> {
  const weekStart = previousWeekStart(now);
  if (await db.qaDraw.findUnique({ where: { weekStart: dateColumn(weekStart) }, select: { weekStart: true } })) return null;
  return drawQaSample(db, { weekStart, now, actorId: null });
}
