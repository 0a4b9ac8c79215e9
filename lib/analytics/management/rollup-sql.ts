// SQL of the management rollup (./rollup.ts). No "server-only": the worker loads it.
// Days are Asia/Shanghai days; `now` is the refresh's clock (an outcome is decided once its moment ≤ now).
import { Prisma } from "../../db/generated/client";
import { zoneSql } from "../../time/zone-sql";
import { OPEN_STATUSES_SQL } from "../../kernel/question-status";


/**
 * The facts of the given questions (all when `ids` is null): filed, resolved by kind, first escalated,
 * complaints decided (and upheld) or awaiting review, and each decided time-limit outcome, with day, 条线 and department. Definitions:
 * docs/metrics.md ("Management dashboard").
 */
export function insertFactsSql(ids: string[] | null, now: Date): Prisma.Sql {
  const which = ids ? Prisma.sql`q.id = ANY(${ids}::uuid[])` : Prisma.sql`true`;
  return Prisma.sql`
    INSERT INTO "MgmtQuestionFact" ("questionId", kind, level, day, "lineId", "departmentId", n, met)
    WITH q AS (
      SELECT q.id, q."lineId", q."askerId", q."ownerId", q."handCount", q."createdAt", q."resolvedAt", q."resolutionKind", q."pausedAt",
             q."firstResponseDueAt" AS fr_due, LEAST(q."firstRespondedAt", q."resolvedAt") AS responded_at, q."resolutionDueAt" AS res_due,
             r."policyClear" AS policy_clear
      FROM "Question" q LEFT JOIN "SatisfactionRating" r ON r."questionId" = q.id WHERE ${which}
    ),
    outcome AS (
      SELECT id, "lineId", "ownerId", "handCount", 'first' AS kind, 0 AS level,
             LEAST(responded_at, fr_due) AS at, COALESCE(responded_at <= fr_due, false) AS ok
      FROM q WHERE fr_due IS NOT NULL
      UNION ALL
      SELECT id, "lineId", "ownerId", "handCount", 'resolve', 0, LEAST("resolvedAt", res_due), COALESCE("resolvedAt" <= res_due, false)
      FROM q WHERE res_due IS NOT NULL AND ("resolvedAt" IS NOT NULL OR res_due <= COALESCE("pausedAt", ${now}))
      UNION ALL
      SELECT q.id, q."lineId", q."ownerId", q."handCount", 'level', e.level, CASE WHEN x.ok THEN q."resolvedAt" ELSE e."dueAt" END, x.ok
      FROM q JOIN "Escalation" e ON e."questionId" = q.id
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "Escalation" n WHERE n."questionId" = q.id AND n.level = e.level + 1) AS went_on) w
      CROSS JOIN LATERAL (SELECT (q."resolvedAt" <= e."dueAt" AND NOT w.went_on) IS TRUE AS ok) x
      WHERE x.ok OR w.went_on OR q."resolvedAt" IS NOT NULL OR e."dueAt" <= COALESCE(q."pausedAt", ${now})
    ),
    f AS (
      SELECT id, 'filed' AS kind, 0 AS level, "createdAt" AS at, "askerId" AS who, 0 AS met, "lineId" FROM q
      UNION ALL
      SELECT id, CASE WHEN "resolutionKind" = 'EXISTING_POLICY' AND policy_clear IS FALSE THEN 'resolved_unclear'
                      WHEN "resolutionKind" = 'EXISTING_POLICY' THEN 'resolved_existing' WHEN "resolutionKind" = 'POLICY_UNCLEAR' THEN 'resolved_unclear'
                      WHEN "resolutionKind" = 'NO_POLICY' THEN 'resolved_no_policy' ELSE 'resolved_other' END,
             0, "resolvedAt", "askerId", 0, "lineId"
      FROM q WHERE "resolvedAt" IS NOT NULL
      UNION ALL
      SELECT q.id, 'escalated', 0, e."createdAt", q."askerId", 0, q."lineId" FROM q JOIN "Escalation" e ON e."questionId" = q.id AND e.level = 1
      UNION ALL
      -- A complaint is a finding only once decided (0020): decided ones (met = upheld) apart from those awaiting review.
      SELECT q.id, CASE WHEN c.status = 'OPEN' THEN 'complaint_awaiting' ELSE 'complaint_decided' END, 0, c."createdAt", q."askerId",
             (c.status = 'UPHELD')::int, q."lineId"
      FROM q JOIN "Complaint" c ON c."questionId" = q.id
      UNION ALL
      SELECT o.id, o.kind, o.level, o.at,
             CASE WHEN o."handCount" <= 1 THEN o."ownerId" ELSE COALESCE(
               (SELECT w."userId" FROM "QuestionOwnership" w WHERE w."questionId" = o.id AND w."startedAt" <= o.at ORDER BY w."startedAt" DESC LIMIT 1),
               o."ownerId") END,
             o.ok::int, o."lineId"
      FROM outcome o WHERE o.at <= ${now}
    )
    SELECT f.id, f.kind, f.level, (f.at AT TIME ZONE ${zoneSql()})::date AS day, f."lineId", u."departmentId", count(*)::int, sum(f.met)::int
    FROM f LEFT JOIN "User" u ON u.id = f.who
    GROUP BY f.id, f.kind, f.level, day, f."lineId", u."departmentId"`;
}

/**
 * Questions whose facts may have changed since `since`: edited, rated, complained about, a complaint
 * decided (`reviewedAt`: deciding does not touch the question), escalated, or come due.
 */
export function changedQuestionsSql(since: Date, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT id FROM "Question" WHERE "updatedAt" >= ${since}
    UNION SELECT "questionId" FROM "SatisfactionRating" WHERE "createdAt" >= ${since}
    UNION SELECT "questionId" FROM "Complaint" WHERE "createdAt" >= ${since} OR "reviewedAt" >= ${since}
    UNION SELECT "questionId" FROM "Escalation" WHERE "createdAt" >= ${since} OR ("dueAt" >= ${since} AND "dueAt" <= ${now})
    UNION SELECT id FROM "Question" WHERE status IN ${OPEN_STATUSES_SQL}
      AND (("firstResponseDueAt" >= ${since} AND "firstResponseDueAt" <= ${now}) OR ("resolutionDueAt" >= ${since} AND "resolutionDueAt" <= ${now}))`;
}

/**
 * Daily rows for `days` from the ask sessions that started on them and the facts dated on them. A
 * session's 条线 and department: docs/metrics.md ("Management dashboard", 确认已解决 …).
 */
export function insertDailySql(days: string[], start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "MgmtStat" (day, span, "lineId", "departmentId", confirmed, potential, "sessionsFiled", filed, resolved, "resolvedExisting",
                            "resolvedUnclear", "resolvedNoPolicy", escalated, "complaintsDecided", "complaintsUpheld", "complaintsAwaiting", "frDecided", "frMet", "rsDecided", "rsMet")
    WITH s AS (
      SELECT s.id, s.outcome, s."userId", s."deflectedSectionId", (s."startedAt" AT TIME ZONE ${zoneSql()})::date AS day
      FROM "AskSession" s
      WHERE s."startedAt" >= ${start} AND s."startedAt" < ${end} AND s.outcome <> 'OPEN'
    ),
    sessions AS (
      SELECT s.day, s.outcome, u."departmentId",
        CASE s.outcome
          WHEN 'FILED' THEN (SELECT q."lineId" FROM "Question" q WHERE q."askSessionId" = s.id)
          WHEN 'CONFIRMED_DEFLECTION' THEN (
            SELECT p."lineId" FROM "PolicySection" ps JOIN "Policy" p ON p.id = ps."policyId" WHERE ps.id = s."deflectedSectionId")
          ELSE COALESCE(
            (SELECT p."lineId" FROM "PolicyView" v JOIN "Policy" p ON p.id = v."policyId"
              WHERE v."askSessionId" = s.id
              GROUP BY v."policyId", p."lineId"
              ORDER BY sum(COALESCE(v."durationMs", 0)) DESC, min(v."createdAt"), v."policyId" LIMIT 1),
            (SELECT p."lineId" FROM "SearchQuery" sq
               JOIN "SearchImpression" i ON i."searchQueryId" = sq.id
               JOIN "Policy" p ON p.id = i."policyId"
              WHERE sq."askSessionId" = s.id
              ORDER BY sq."createdAt" DESC, i.rank LIMIT 1))
        END AS "lineId"
      FROM s JOIN "User" u ON u.id = s."userId"
      WHERE s.day = ANY(${days}::date[])
    ),
    x AS (
      SELECT day, "lineId", "departmentId",
             (outcome = 'CONFIRMED_DEFLECTION')::int AS confirmed, (outcome = 'POTENTIAL_DEFLECTION')::int AS potential,
             (outcome = 'FILED')::int AS sessions_filed,
             0 AS filed, 0 AS resolved, 0 AS r_existing, 0 AS r_unclear, 0 AS r_none, 0 AS escalated, 0 AS c_decided, 0 AS c_upheld, 0 AS c_awaiting,
             0 AS fr_n, 0 AS fr_ok, 0 AS rs_n, 0 AS rs_ok
      FROM sessions
      UNION ALL
      SELECT day, "lineId", "departmentId", 0, 0, 0,
             CASE WHEN kind = 'filed' THEN n ELSE 0 END,
             CASE WHEN kind LIKE 'resolved%' THEN n ELSE 0 END,
             CASE WHEN kind = 'resolved_existing' THEN n ELSE 0 END,
             CASE WHEN kind = 'resolved_unclear' THEN n ELSE 0 END,
             CASE WHEN kind = 'resolved_no_policy' THEN n ELSE 0 END,
             CASE WHEN kind = 'escalated' THEN n ELSE 0 END,
             CASE WHEN kind = 'complaint_decided' THEN n ELSE 0 END,
             CASE WHEN kind = 'complaint_decided' THEN met ELSE 0 END,
             CASE WHEN kind = 'complaint_awaiting' THEN n ELSE 0 END,
             CASE WHEN kind = 'first' THEN n ELSE 0 END,
             CASE WHEN kind = 'first' THEN met ELSE 0 END,
             CASE WHEN kind = 'resolve' THEN n ELSE 0 END,
             CASE WHEN kind = 'resolve' THEN met ELSE 0 END
      FROM "MgmtQuestionFact" WHERE day = ANY(${days}::date[]) AND kind <> 'level'
    )
    SELECT day, 1, "lineId", "departmentId", sum(confirmed), sum(potential), sum(sessions_filed), sum(filed), sum(resolved), sum(r_existing),
           sum(r_unclear), sum(r_none), sum(escalated), sum(c_decided), sum(c_upheld), sum(c_awaiting), sum(fr_n), sum(fr_ok), sum(rs_n), sum(rs_ok)
    FROM x GROUP BY day, "lineId", "departmentId"`;
}

/** Weekly rows (span 7, keyed by the Monday) summed from the daily rows of those weeks. */
export function insertWeeklySql(mondays: string[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "MgmtStat" (day, span, "lineId", "departmentId", confirmed, potential, "sessionsFiled", filed, resolved, "resolvedExisting",
                            "resolvedUnclear", "resolvedNoPolicy", escalated, "complaintsDecided", "complaintsUpheld", "complaintsAwaiting", "frDecided", "frMet", "rsDecided", "rsMet")
    SELECT w.monday, 7, s."lineId", s."departmentId", sum(confirmed), sum(potential), sum("sessionsFiled"), sum(filed), sum(resolved),
           sum("resolvedExisting"), sum("resolvedUnclear"), sum("resolvedNoPolicy"), sum(escalated), sum("complaintsDecided"), sum("complaintsUpheld"), sum("complaintsAwaiting"),
           sum("frDecided"), sum("frMet"), sum("rsDecided"), sum("rsMet")
    FROM unnest(${mondays}::date[]) AS w(monday)
    JOIN "MgmtStat" s ON s.span = 1 AND s.day >= w.monday AND s.day < w.monday + 7
    GROUP BY w.monday, s."lineId", s."departmentId"`;
}
