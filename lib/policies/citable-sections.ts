import "server-only";
// What an owner may cite in a reply or resolution: sections of a policy's current version only. A
// superseded 条款 would tell the asker a rule that no longer holds. The policies are locked FOR SHARE
// in the caller's transaction, so an import cannot make a section superseded between this check and the
// citation rows (the import's UPDATE of Policy.currentVersionId waits for the citing transaction).
import type { DbTx } from "../db/client";
import { ConflictError, ValidationError } from "../errors";

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
  if (rows.length !== unique.length) throw new ValidationError({ citedSectionIds: "引用的条款不存在" });
  for (const r of rows) {
    if (r.status !== "ACTIVE") throw new ConflictError(`《${r.title}》已废止，不能引用其中的${r.label}`);
    if (r.versionId !== r.currentVersionId) {
      throw new ConflictError(`引用的《${r.title}》${r.label}是旧版本，已被 v${r.currentVersion ?? "?"} 取代；请引用现行版本的条款`);
    }
  }
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, policyId: r.policyId, label: r.label }]));
  return unique.map((id) => byId.get(id)!);
}
