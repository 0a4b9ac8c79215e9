import type { Actor } from "../auth/roles";
import { hasRole } from "../auth/roles";
import type { Db } from "../db/client";
import { ForbiddenError, m } from "../errors";

/**
 * The org verbs' context. `actor` is null for the operator's CLI (npm run org:import), who holds the
 * database credentials anyway; in the portal it is the signed-in admin.
 */
export interface OrgCtx {
  actor: Actor | null;
  db: Db;
  now: Date;
}

export function requireOrgAdmin(ctx: OrgCtx) {
  if (ctx.actor && !hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
}
