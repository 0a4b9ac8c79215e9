import "server-only";
// The policy reader's data: a policy with its line and current version, and an older version on request.
import type { Db } from "../db/client";

const sections = { sections: { orderBy: { ordinal: "asc" as const } } };

/** A policy with its line and current version's sections, or null when there is none. */
export function readPolicy(db: Db, id: string) {
  return db.policy.findUnique({ where: { id }, include: { line: true, currentVersion: { include: sections } } });
}

/** One earlier version of a policy with its sections, or null when it has no such version. */
export function readPolicyVersion(db: Db, policyId: string, version: number) {
  return db.policyVersion.findUnique({ where: { policyId_version: { policyId, version } }, include: sections });
}

/** A policy's title, status and current version number (the version history's header), or null. */
export function readPolicyHeader(db: Db, id: string) {
  return db.policy.findUnique({ where: { id }, select: { id: true, title: true, status: true, currentVersion: { select: { version: true } } } });
}

/** The catalogue: lines with policies in force and those policies A–Z, optionally one line by name. */
export function policyCatalogue(db: Db, lineName?: string) {
  return db.businessLine.findMany({
    where: { policies: { some: { status: "ACTIVE" } }, ...(lineName ? { name: lineName } : {}) },
    orderBy: { name: "asc" },
    include: { policies: { where: { status: "ACTIVE" }, orderBy: { title: "asc" }, select: { id: true, title: true, ownerName: true, effective: true } } },
  });
}

/** The original file a version was published from (name and bytes), or null when it has none. */
export async function readOriginalFile(db: Db, policyId: string, version: number): Promise<{ name: string; bytes: Uint8Array } | null> {
  const v = await db.policyVersion.findUnique({ where: { policyId_version: { policyId, version } }, select: { originalName: true, originalFile: true } });
  return v?.originalFile && v.originalName ? { name: v.originalName, bytes: v.originalFile } : null;
}
