// Keeps Meilisearch in step with PostgreSQL. Per policy, the index is replaced (delete by policyId,
// add the current version's sections) and only then is Policy.indexedVersionId set; a crash in
// between leaves the marker behind, so the next sync redoes that policy and counts converge.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { MeiliConfig } from "./client";
import { ownerSynonymGroups } from "./corpus";
import { loadPhrasings, unitKey } from "./phrasings/load-phrasings";
import { addDocuments, countDocuments, deleteDocumentsWhere, deleteIndex, ensureIndex, filterValue, sectionsIndexUid, toSectionDoc } from "./meili-index";

export interface SyncOptions {
  prefix: string;
  config?: MeiliConfig;
  onProgress?: (done: number, total: number, policyId: string) => void;
}

/** Policies whose index entries lag behind PostgreSQL: an active one not yet indexed at its current version, a retired one still indexed. */
const INDEX_BEHIND = Prisma.sql`("status" = 'ACTIVE' AND "currentVersionId" IS DISTINCT FROM "indexedVersionId")
       OR ("status" = 'ARCHIVED' AND "indexedVersionId" IS NOT NULL)`;

export async function syncIndex(db: Db, options: SyncOptions): Promise<{ synced: string[]; removed: string[] }> {
  const uid = sectionsIndexUid(options.prefix);
  await ensureIndex(uid, await ownerSynonymGroups(db), options.config);
  const stale = await db.$queryRaw<{ id: string; status: string }[]>`SELECT id, status::text FROM "Policy" WHERE ${INDEX_BEHIND} ORDER BY id`;
  const synced: string[] = [];
  const removed: string[] = [];
  let done = 0;
  for (const p of stale) {
    await deleteDocumentsWhere(uid, `policyId = ${filterValue(p.id)}`, options.config);
    if (p.status === "ACTIVE") {
      const policy = await db.policy.findUniqueOrThrow({
        where: { id: p.id },
        include: { line: true, currentVersion: { include: { sections: { orderBy: { ordinal: "asc" } } } } },
      });
      const version = policy.currentVersion!;
      const phrasings = await loadPhrasings(db, policy.id);
      await addDocuments(
        uid,
        version.sections.map((s) =>
          toSectionDoc({ id: s.id, policyId: policy.id, versionId: version.id, policyTitle: policy.title, label: s.label, heading: s.heading, chapter: s.chapter, text: s.text, line: policy.line.name, owner: policy.ownerName, ordinal: s.ordinal },
            (phrasings.get(unitKey(policy.id, s.label)) ?? []).map((p) => p.text),
          ),
        ),
        options.config,
      );
      await db.policy.update({ where: { id: p.id }, data: { indexedVersionId: version.id } });
      synced.push(p.id);
    } else {
      await db.policy.update({ where: { id: p.id }, data: { indexedVersionId: null } });
      removed.push(p.id);
    }
    options.onProgress?.(++done, stale.length, p.id);
  }
  return { synced, removed };
}

/** Drops the index and rebuilds it from PostgreSQL. */
export async function reindex(db: Db, options: SyncOptions) {
  await deleteIndex(sectionsIndexUid(options.prefix), options.config);
  await db.policy.updateMany({ data: { indexedVersionId: null } });
  return syncIndex(db, options);
}

export async function indexCounts(db: Db, options: SyncOptions): Promise<{ postgres: number; meilisearch: number }> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "PolicySection" s JOIN "Policy" p ON p."currentVersionId" = s."versionId" WHERE p.status = 'ACTIVE'`;
  return { postgres: Number(row?.n ?? 0), meilisearch: await countDocuments(sectionsIndexUid(options.prefix), options.config) };
}

/** How many policies the index lags behind (a publish while Meilisearch was away, a crash mid-sync). */
export async function staleIndexCount(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Policy" WHERE ${INDEX_BEHIND}`;
  return Number(row?.n ?? 0);
}
