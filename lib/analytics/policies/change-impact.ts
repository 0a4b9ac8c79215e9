import "server-only";
// 制度变更影响: questions resolved by citing a unit (条款) whose text later changed or was removed in a newer
// version. Their askers were told something the policy may no longer say; the owner decides whether to
// tell them. Independent of the date range (it is about the current versions), newest resolutions first.
import type { DbTx } from "../../db/client";
import { ANSWERED_STATUSES_SQL } from "../../kernel/question-status";

export const CHANGE_IMPACT_LIMIT = 50;

export interface ChangeImpactRow {
  questionId: string;
  number: number;
  policyId: string;
  title: string;
  label: string;
  citedVersion: number;
  currentVersion: number;
  /** the unit is gone from the current version (otherwise its text changed) */
  removed: boolean;
  resolvedAt: Date | null;
}

export async function changeImpact(db: DbTx, policyIds: string[]): Promise<ChangeImpactRow[]> {
  if (policyIds.length === 0) return [];
  return db.$queryRaw<ChangeImpactRow[]>`
    SELECT DISTINCT ON (q.id, s.label, p.id)
           q.id AS "questionId", q.number, p.id AS "policyId", p.title, s.label,
           v.version AS "citedVersion", cv.version AS "currentVersion", (cs.id IS NULL) AS removed, q."resolvedAt"
    FROM "Citation" c
    JOIN "Question" q ON q.id = c."questionId"
    JOIN "PolicySection" s ON s.id = c."sectionId"
    JOIN "Policy" p ON p.id = s."policyId"
    JOIN "PolicyVersion" v ON v.id = s."versionId"
    JOIN "PolicyVersion" cv ON cv.id = p."currentVersionId"
    LEFT JOIN "PolicySection" cs ON cs."versionId" = p."currentVersionId" AND cs.label = s.label
    WHERE c."forResolution" AND q.status IN ${ANSWERED_STATUSES_SQL}
      AND p.id = ANY(${policyIds}::text[]) AND p.status = 'ACTIVE'
      AND s."versionId" <> p."currentVersionId"
      AND (cs.id IS NULL OR cs.text <> s.text OR cs.heading <> s.heading)
    ORDER BY q.id, s.label, p.id`
    .then((rows) => rows.sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0)).slice(0, CHANGE_IMPACT_LIMIT));
}
