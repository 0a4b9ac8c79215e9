// Stores a parsed policy as its next version, inside the caller's transaction: the policy row (created or
// updated, active again), the version with its units, and the current-version pointer. Used by the
// folder import and by publishing in the browser, which adds the original file and who published it.
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
