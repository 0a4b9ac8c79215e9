import "server-only";
// The versions of one policy (who published each, when, with which file) and what changed between two.
import type { DbTx } from "../db/client";
import { diffVersions, type VersionDiff } from "./diff-versions";

export interface VersionRow {
  version: number;
  importedAt: Date;
  title: string;
  publishedBy: string | null;
  note: string | null;
  originalName: string | null;
  units: number;
}

export async function policyVersions(db: DbTx, policyId: string): Promise<VersionRow[]> {
  const rows = await db.policyVersion.findMany({
    where: { policyId },
    orderBy: { version: "desc" },
    select: { version: true, importedAt: true, title: true, note: true, originalName: true, publishedBy: { select: { name: true } }, _count: { select: { sections: true } } },
  });
  return rows.map((r) => ({ version: r.version, importedAt: r.importedAt, title: r.title, publishedBy: r.publishedBy?.name ?? null, note: r.note, originalName: r.originalName, units: r._count.sections }));
}

export async function diffBetween(db: DbTx, policyId: string, from: number, to: number): Promise<VersionDiff | null> {
  const load = (version: number) =>
    db.policyVersion.findUnique({ where: { policyId_version: { policyId, version } }, select: { sections: { orderBy: { ordinal: "asc" }, select: { label: true, heading: true, text: true } } } });
  const [a, b] = await Promise.all([load(from), load(to)]);
  return a && b ? diffVersions(a.sections, b.sections) : null;
}
