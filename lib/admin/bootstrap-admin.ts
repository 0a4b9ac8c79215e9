import "server-only";
import type { Role } from "../auth/roles";
import type { DbTx } from "../db/client";
import { serverEnv } from "../env";
import { recordAudit } from "../kernel/audit";

/**
 * SHOUWEN_BOOTSTRAP_ADMIN_EMAILS: the first SSO sign-in of a listed address (the account is created, or
 * linked to SSO for the first time) becomes admin. Later sign-ins change nothing, so an admin who takes the
 * role away from that person is not overruled at their next sign-in.
 */
export async function bootstrapAdminRoles(db: DbTx, user: { id: string; email: string; roles: Role[] }, isFirstSsoSignIn: boolean, now: Date) {
  if (!isFirstSsoSignIn || user.roles.includes("ADMIN")) return;
  if (!serverEnv().SHOUWEN_BOOTSTRAP_ADMIN_EMAILS.includes(user.email.toLowerCase())) return;
  await db.user.update({ where: { id: user.id }, data: { roles: [...new Set([...user.roles, "EMPLOYEE" as const, "ADMIN" as const])] } });
  await recordAudit(db, { actorId: null, action: "admin.bootstrap", target: user.id, data: { email: user.email }, createdAt: now });
}
