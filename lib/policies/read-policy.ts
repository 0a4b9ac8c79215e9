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
