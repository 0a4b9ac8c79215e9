// Keeps Meilisearch in step with PostgreSQL. Per policy, the index is replaced (delete by policyId,
// add the current version's sections) and only then is Policy.indexedVersionId set; a crash in
// between leaves the marker behind, so the next sync redoes that policy and counts converge.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { EnqueuedTask } from "meilisearch";
import { settled, type MeiliConfig } from "./client";
import { ownerSynonymGroups } from "./corpus";
import { loadPhrasings, unitKey } from "./phrasings/load-phrasings";
import { countDocuments, deleteIndex, enqueueDeleteWhere, enqueueDocuments, ensureIndex, filterValue, sectionsIndexUid, toSectionDoc, type SectionDoc } from "./meili-index";

export interface SyncOptions {
  prefix: string;
  config?: MeiliConfig;
  onProgress?: (done: number, total: number, policyId: string) => void;
}

/** Policies whose index entries lag behind PostgreSQL: an active one not yet indexed at its current version, a retired one still indexed. */
const INDEX_BEHIND = Prisma.sql`("status" = 'ACTIVE' AND "currentVersionId" IS DISTINCT FROM "indexedVersionId")
       OR ("status" = 'ARCHIVED' AND "indexedVersionId" IS NOT NULL)`;

/** Policies per round trip: one query for their sections, their documents in batches. */
const SYNC_CHUNK = 100;

interface Chunk {
  ids: string[];
  active: { id: string; versionId: string }[];
  tasks: EnqueuedTask[];
}

export async function syncIndex(db: Db, options: SyncOptions): Promise<{ synced: string[]; removed: string[] }> {
  const uid = sectionsIndexUid(options.prefix);
  await ensureIndex(uid, await ownerSynonymGroups(db), options.config);
  // `mayBeIndexed`: the index may hold documents of this policy that its current version does not
  // have (an older version, or a retired policy). A policy never marked as indexed whose only version
  // is its current one can hold nothing but that version's sections, under the same ids, which the
  // new documents replace: no delete for it (the first import of a company's folder needs none).
  const stale = await db.$queryRaw<{ id: string; status: string; versionId: string | null; mayBeIndexed: boolean }[]>`
    SELECT p.id, p.status::text, p."currentVersionId" AS "versionId",
           (p."indexedVersionId" IS NOT NULL OR p.status <> 'ACTIVE' OR v.version IS DISTINCT FROM 1) AS "mayBeIndexed"
    FROM "Policy" p LEFT JOIN "PolicyVersion" v ON v.id = p."currentVersionId"
    WHERE ${INDEX_BEHIND} ORDER BY p.id`;
  const synced: string[] = [];
  const removed: string[] = [];
  let done = 0;
  // All deletes are enqueued first, then all documents: Meilisearch runs every delete-by-filter as a
  // batch of its own, but indexes consecutive document additions together, so a large sync becomes a
  // few large batches. Each chunk's markers follow as its tasks succeed (a failure leaves them
  // behind and the next sync redoes those policies).
  const chunks: Chunk[] = [];
  for (let i = 0; i < stale.length; i += SYNC_CHUNK) {
    const part = stale.slice(i, i + SYNC_CHUNK);
    const ids = part.map((p) => p.id);
    const active = part.filter((p) => p.status === "ACTIVE" && p.versionId).map((p) => ({ id: p.id, versionId: p.versionId! }));
    const deletable = part.filter((p) => p.mayBeIndexed).map((p) => p.id);
    chunks.push({ ids, active, tasks: deletable.length ? [await enqueueDeleteWhere(uid, `policyId IN [${deletable.map(filterValue).join(", ")}]`, options.config)] : [] });
  }
  for (const chunk of chunks) {
    if (chunk.active.length) chunk.tasks.push(...(await enqueueDocuments(uid, await sectionDocs(db, chunk.active.map((a) => a.versionId)), options.config)));
  }
  for (const chunk of chunks) {
    for (const task of chunk.tasks) await settled(task, options.config, 300_000);
    const activeIds = new Set(chunk.active.map((a) => a.id));
    const gone = chunk.ids.filter((id) => !activeIds.has(id));
    await db.$executeRaw`
      UPDATE "Policy" p SET "indexedVersionId" = x.v
      FROM unnest(${chunk.active.map((a) => a.id)}::text[], ${chunk.active.map((a) => a.versionId)}::uuid[]) AS x(id, v)
      WHERE p.id = x.id`;
    if (gone.length) await db.$executeRaw`UPDATE "Policy" SET "indexedVersionId" = NULL WHERE id = ANY(${gone}::text[])`;
    synced.push(...chunk.active.map((a) => a.id));
    removed.push(...gone);
    for (const id of chunk.ids) options.onProgress?.(++done, stale.length, id);
  }
  return { synced, removed };
}

/**
 * Runs `work` (e.g. a folder import) and keeps the index in step while it runs: one sync after
 * another, each taking the policies committed so far, so Meilisearch indexes the first policies while
 * PostgreSQL stores the next; a last sync once the work is done (also when it failed). Resolves or
 * rejects as the work does.
 */
export async function syncIndexDuring<T>(db: Db, options: SyncOptions, work: Promise<T>): Promise<T> {
  let finished = false;
  const settledWork = work.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished) {
    const { synced, removed } = await syncIndex(db, options);
    // nothing new yet: wait for the work to move on (at most half a second) rather than poll
    if (!synced.length && !removed.length) await Promise.race([settledWork, new Promise((r) => setTimeout(r, 500))]);
  }
  const outcome = await work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await syncIndex(db, options); // what the work committed is indexed even if it failed later
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** The Meilisearch documents of these policy versions, in one query. */
async function sectionDocs(db: Db, versionIds: string[]): Promise<SectionDoc[]> {
  // One plain query: Prisma's nested-relation read of a chunk's thousands of units costs far more CPU.
  const rows = await db.$queryRaw<Omit<SectionDoc, "segmented">[]>`
    SELECT s.id::text, s."policyId", s."versionId"::text AS "versionId", p.title AS "policyTitle", s.label, s.heading, s.chapter, s.text,
           l.name AS line, p."ownerName" AS owner, s.ordinal
    FROM "PolicySection" s JOIN "Policy" p ON p.id = s."policyId" JOIN "BusinessLine" l ON l.id = p."lineId"
    WHERE s."versionId" = ANY(${versionIds}::uuid[])
    ORDER BY s."policyId", s.ordinal`;
  // 常见问法 travel with their unit into the searchable text (docs/decisions/0018).
  const phrasings = await loadPhrasings(db, [...new Set(rows.map((s) => s.policyId))]);
  return rows.map((s) =>
    toSectionDoc(
      { id: s.id, policyId: s.policyId, versionId: s.versionId, policyTitle: s.policyTitle, label: s.label, heading: s.heading, chapter: s.chapter, text: s.text, line: s.line, owner: s.owner, ordinal: s.ordinal },
      (phrasings.get(unitKey(s.policyId, s.label)) ?? []).map((p) => p.text),
    ),
  );
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
