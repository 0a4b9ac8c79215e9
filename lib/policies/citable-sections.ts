import "server-only";
// What an owner may cite in a reply or resolution: sections of a policy's current version only. A
// superseded 条款 would tell the asker a rule that no longer holds. The policies are locked FOR SHARE
// in the caller's transaction, so an import cannot make a section superseded between this check and the
// citation rows (the import's UPDATE of Policy.currentVersionId waits for the citing transaction).
import type { DbTx } from "../db/client";
import { ConflictError, ValidationError, m } from "../errors";

export interface CitableSection {
  id: string;
  policyId: string;
  label: string;
}

interface Row extends CitableSection {
  versionId: string;
  currentVersionId: string | null;
  status: string;
  title: string;
  currentVersion: number | null;
}

/** Loads the cited sections in `tx`, in the order given; refuses unknown ids (400) and superseded ones (409). */
export async function loadCitableSections(tx: DbTx, ids: string[]): Promise<CitableSection[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const rows = await tx.$queryRaw<Row[]>`
    SELECT s.id::text AS id, s."policyId", s.label, s."versionId"::text AS "versionId",
           p."currentVersionId"::text AS "currentVersionId", p.status::text AS status, p.title,
           (SELECT v.version FROM "PolicyVersion" v WHERE v.id = p."currentVersionId") AS "currentVersion"
    FROM "PolicySection" s JOIN "Policy" p ON p.id = s."policyId"
    WHERE s.id = ANY(${unique}::uuid[])
    ORDER BY p.id
    FOR SHARE OF p`;
  if (rows.length !== unique.length) throw new ValidationError({ citedSectionIds: m("errors.citedSectionNotFound") });
  for (const r of rows) {
    if (r.status !== "ACTIVE") throw new ConflictError(m("errors.citedPolicyRetired", { title: r.title, label: r.label }));
    if (r.versionId !== r.currentVersionId) {
      throw new ConflictError(m("errors.citedSectionOutdated", { title: r.title, label: r.label, value: r.currentVersion ?? "?" }));
    }
  }
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, policyId: r.policyId, label: r.label }]));
  return unique.map((id) => byId.get(id)!);
}
