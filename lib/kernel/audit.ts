// The security audit trail (AuditLog): sign-in, denied access, admin and owner changes that are not a
// question's state (those are QuestionEvents). One way to write a row, inside the caller's transaction.
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";

export interface AuditEntry {
  /** who acted; null for the system (bootstrap, SSO claims, a throttled anonymous sign-in) */
  actorId?: string | null;
  /** dotted name, e.g. "policy.retire" */
  action: string;
  target?: string | null;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
  /** the verb's clock (ctx.now); left out only for a moment later than it (a CSV stream's end: the database's now()) */
  createdAt?: Date;
}

/** Appends one AuditLog row; returns the Prisma promise, so it also fits a batch `$transaction([...])`. */
export function recordAudit(db: DbTx, entry: AuditEntry) {
  return db.auditLog.create({ data: entry, select: { id: true } });
}
