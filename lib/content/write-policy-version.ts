// Stores a parsed policy as its next version, inside the caller's transaction: the policy row (created or
// updated, active again), the version with its units, and the current-version pointer. Used by the
// folder import and by publishing in the browser, which adds the original file and who published it.
import { randomUUID } from "node:crypto";
import type { DbTx } from "../db/client";
import type { ParsedPolicy } from "./parse-policy";

export interface VersionExtras {
  lineId: string;
  original?: { name: string; type: string; bytes: Uint8Array };
  publishedById?: string;
  note?: string | null;
}

const asDate = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

export async function writePolicyVersion(tx: DbTx, parsed: ParsedPolicy, checksum: string, extras: VersionExtras): Promise<{ id: string; version: number }> {
  const fm = parsed.frontmatter;
  const ownerDept = await tx.department.findFirst({ where: { name: fm.owner }, select: { id: true } });
  const effective = asDate(fm.effective);
  // A review date given in the file, manifest or form is set; one not given leaves the owner's date alone.
  const review = fm.review ? { reviewDueAt: asDate(fm.review) } : {};
  const policyData = { title: fm.title, lineId: extras.lineId, ownerDeptId: ownerDept?.id ?? null, ownerName: fm.owner, source: fm.source ?? null, effective, status: "ACTIVE" as const, retiredAt: null, ...review };
  await tx.policy.upsert({ where: { id: fm.id }, create: { id: fm.id, ...policyData }, update: policyData });
  const last = await tx.policyVersion.findFirst({ where: { policyId: fm.id }, orderBy: { version: "desc" }, select: { version: true } });
  const version = await tx.policyVersion.create({
    data: {
      policyId: fm.id,
      version: (last?.version ?? 0) + 1,
      checksum,
      title: fm.title,
      effective,
      markdown: parsed.markdown,
      originalName: extras.original?.name ?? null,
      originalType: extras.original?.type ?? null,
      originalFile: extras.original ? Buffer.from(extras.original.bytes) : null,
      publishedById: extras.publishedById ?? null,
      note: extras.note ?? null,
    },
    select: { id: true, version: true },
  });
  await tx.policySection.createMany({
    data: parsed.sections.map((s) => ({ versionId: version.id, policyId: fm.id, ordinal: s.ordinal, label: s.label, heading: s.heading, chapter: s.chapter, text: s.text })),
  });
  // indexedVersionId stays behind until the search index holds this version (see sync-index).
  await tx.policy.update({ where: { id: fm.id }, data: { currentVersionId: version.id } });
  return version;
}

export interface PolicyToStore {
  parsed: ParsedPolicy;
  checksum: string;
  lineId: string;
}

/**
 * The same as writePolicyVersion for many policies of a folder import at once, inside the caller's
 * transaction: five statements for the whole batch (each row set passed as arrays and unnested)
 * instead of six Prisma queries per policy. Each policy's id must appear once in the batch.
 */
export async function writePolicyVersions(tx: DbTx, items: readonly PolicyToStore[]): Promise<{ id: string; version: number }[]> {
  if (!items.length) return [];
  const fms = items.map((i) => i.parsed.frontmatter);
  const owners = [...new Set(fms.map((fm) => fm.owner))];
  const deptOf = new Map<string, string>();
  for (const d of await tx.department.findMany({ where: { name: { in: owners } }, select: { id: true, name: true } })) if (!deptOf.has(d.name)) deptOf.set(d.name, d.id);
  const ids = fms.map((fm) => fm.id);
  const titles = fms.map((fm) => fm.title);
  const effective = fms.map((fm) => fm.effective || null);
  // As in writePolicyVersion: a review date given sets it, none given keeps the owner's date.
  await tx.$executeRaw`
    INSERT INTO "Policy" (id, title, "lineId", "ownerDeptId", "ownerName", source, effective, status, "retiredAt", "reviewDueAt", "updatedAt")
    SELECT x.id, x.title, x.line, x.dept, x.owner, x.source, x.effective, 'ACTIVE'::"PolicyStatus", NULL, x.review, now()
    FROM unnest(${ids}::text[], ${titles}::text[], ${items.map((i) => i.lineId)}::uuid[], ${fms.map((fm) => deptOf.get(fm.owner) ?? null)}::uuid[],
                ${fms.map((fm) => fm.owner)}::text[], ${fms.map((fm) => fm.source ?? null)}::text[], ${effective}::date[], ${fms.map((fm) => fm.review || null)}::date[])
         AS x(id, title, line, dept, owner, source, effective, review)
    ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, "lineId" = EXCLUDED."lineId", "ownerDeptId" = EXCLUDED."ownerDeptId",
      "ownerName" = EXCLUDED."ownerName", source = EXCLUDED.source, effective = EXCLUDED.effective, status = 'ACTIVE', "retiredAt" = NULL,
      "reviewDueAt" = COALESCE(EXCLUDED."reviewDueAt", "Policy"."reviewDueAt"), "updatedAt" = now()`;
  const versionIds = items.map(() => randomUUID());
  const versions = await tx.$queryRaw<{ id: string; version: number }[]>`
    INSERT INTO "PolicyVersion" (id, "policyId", version, checksum, title, effective, markdown)
    SELECT x.vid, x.pid, COALESCE((SELECT max(v.version) FROM "PolicyVersion" v WHERE v."policyId" = x.pid), 0) + 1, x.checksum, x.title, x.effective, x.markdown
    FROM unnest(${versionIds}::uuid[], ${ids}::text[], ${items.map((i) => i.checksum)}::text[], ${titles}::text[], ${effective}::date[], ${items.map((i) => i.parsed.markdown)}::text[])
         AS x(vid, pid, checksum, title, effective, markdown)
    RETURNING id::text, version`;
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  const s = { id: [] as string[], version: [] as string[], policy: [] as string[], ordinal: [] as number[], label: [] as string[], heading: [] as string[], chapter: [] as (string | null)[], text: [] as string[] };
  items.forEach((item, k) => {
    for (const sec of item.parsed.sections) {
      s.id.push(randomUUID());
      s.version.push(versionIds[k]!);
      s.policy.push(ids[k]!);
      s.ordinal.push(sec.ordinal);
      s.label.push(sec.label);
      s.heading.push(sec.heading);
      s.chapter.push(sec.chapter);
      s.text.push(sec.text);
    }
  });
  if (s.id.length) {
    await tx.$executeRaw`
      INSERT INTO "PolicySection" (id, "versionId", "policyId", ordinal, label, heading, chapter, text)
      SELECT * FROM unnest(${s.id}::uuid[], ${s.version}::uuid[], ${s.policy}::text[], ${s.ordinal}::int[], ${s.label}::text[], ${s.heading}::text[], ${s.chapter}::text[], ${s.text}::text[])`;
  }
  // indexedVersionId stays behind until the search index holds these versions (see sync-index).
  await tx.$executeRaw`
    UPDATE "Policy" p SET "currentVersionId" = x.vid, "updatedAt" = now()
    FROM unnest(${ids}::text[], ${versionIds}::uuid[]) AS x(id, vid) WHERE p.id = x.id`;
  return versionIds.map((id) => ({ id, version: versionOf.get(id)! }));
}
