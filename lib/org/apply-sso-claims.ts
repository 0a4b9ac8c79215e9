import "server-only";
import { bootstrapAdminRoles } from "../admin/bootstrap-admin";
import type { Role } from "../auth/roles";
import type { Db, DbTx } from "../db/client";
import { serverEnv } from "../env";
import { recordAudit } from "../kernel/audit";

export interface SsoOrgConfig {
  departmentClaim?: string;
  groupsClaim: string;
  groupRoles: readonly (readonly [string, Role])[];
}

export const ssoOrgConfig = (): SsoOrgConfig => {
  const env = serverEnv();
  return { departmentClaim: env.OIDC_DEPARTMENT_CLAIM, groupsClaim: env.OIDC_GROUPS_CLAIM, groupRoles: env.OIDC_GROUP_ROLES };
};

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is string => typeof x === "string").slice(0, 500);

/**
 * The org the identity provider says a person has, applied at each SSO sign-in. The department claim
 * (a string, or a list whose first known value wins) names a department code; an unknown code changes
 * nothing. When the groups claim is present, only the roles that appear in OIDC_GROUP_ROLES are managed by the provider: each is granted
 * when the person is in a mapped group and taken away when not; every other role stays as an admin set it.
 */
export async function applySsoClaims(db: DbTx, user: { id: string; roles: Role[]; departmentId: string | null }, claims: Record<string, unknown>, config: SsoOrgConfig, now: Date) {
  const data: { departmentId?: string; roles?: Role[]; sessionVersion?: { increment: number } } = {};
  if (config.departmentClaim) {
    const codes = asList(claims[config.departmentClaim]).map((c) => c.trim()).filter(Boolean);
    if (codes.length) {
      const found = await db.department.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
      const dept = codes.map((c) => found.find((f) => f.code === c)).find(Boolean);
      if (dept && dept.id !== user.departmentId) data.departmentId = dept.id;
    }
  }
  // No groups claim at all (the provider does not send it): roles are left alone rather than stripped.
  if (config.groupRoles.length && claims[config.groupsClaim] !== undefined) {
    const groups = new Set(asList(claims[config.groupsClaim]));
    const managed = new Set(config.groupRoles.map(([, r]) => r));
    const granted = new Set(config.groupRoles.filter(([g]) => groups.has(g)).map(([, r]) => r));
    const roles = [...new Set<Role>(["EMPLOYEE", ...user.roles.filter((r) => !managed.has(r) || granted.has(r)), ...granted])];
    if (roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r))) {
      data.roles = roles;
      data.sessionVersion = { increment: 1 };
    }
  }
  if (!Object.keys(data).length) return null;
  const updated = await db.user.update({ where: { id: user.id }, data, select: { roles: true, departmentId: true, sessionVersion: true } });
  await recordAudit(db, { actorId: null, action: "user.sso-claims", target: user.id, data: { departmentId: updated.departmentId, roles: updated.roles }, createdAt: now });
  return updated;
}

/**
 * The org step of an SSO sign-in: the provider's department and groups, then the bootstrap admin list,
 * applied to the person's row as stored, read under a row lock in one transaction. Roles are replaced
 * as a whole, so deciding them on roles read earlier would undo an admin's change that committed in
 * between (a revoked ADMIN written back). Answers the session version the new session must carry.
 */
export async function applySsoSignIn(db: Db, input: { userId: string; claims: Record<string, unknown>; isFirstSsoSignIn: boolean; now: Date }, config: SsoOrgConfig = ssoOrgConfig()): Promise<{ sessionVersion: number }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${input.userId}::uuid FOR UPDATE`;
    const record = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { id: true, email: true, roles: true, departmentId: true, sessionVersion: true } });
    const org = await applySsoClaims(tx, record, input.claims, config, input.now);
    const current = org ? { ...record, ...org } : record;
    await bootstrapAdminRoles(tx, current, input.isFirstSsoSignIn, input.now);
    return { sessionVersion: current.sessionVersion };
  });
}
