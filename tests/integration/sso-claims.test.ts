// SSO that carries the org: the department claim and mapped groups are applied at each sign-in.
import { describe, expect, it } from "vitest";
import { EnvError, resetEnvForTests, serverEnv } from "@/lib/env";
import { applySsoClaims, ssoOrgConfig } from "@/lib/org/apply-sso-claims";
import { makeDepartment, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

function withEnv<T>(vars: Record<string, string>, work: () => T): T {
  Object.assign(process.env, vars);
  resetEnvForTests();
  try {
    return work();
  } finally {
    for (const k of Object.keys(vars)) delete process.env[k];
    resetEnvForTests();
  }
}

describe("OIDC claims → department and roles", () => {
  it("reads the mapping from the environment; a bad pair stops the start naming the variable", () => {
    const config = withEnv({ OIDC_DEPARTMENT_CLAIM: "department", OIDC_GROUP_ROLES: "/shouwen/admins=ADMIN, hr-owners = FIRST_CONTACT_OWNER" }, () => ssoOrgConfig());
    expect(config).toEqual({ departmentClaim: "department", groupsClaim: "groups", groupRoles: [["/shouwen/admins", "ADMIN"], ["hr-owners", "FIRST_CONTACT_OWNER"]] });
    expect(() => withEnv({ OIDC_GROUP_ROLES: "admins=ROOT" }, () => serverEnv())).toThrow(EnvError);
    expect(() => withEnv({ OIDC_GROUP_ROLES: "admins=ROOT" }, () => serverEnv())).toThrow(/OIDC_GROUP_ROLES/);
  });

  it("sets the department and the mapped roles at each sign-in; unmapped roles stay; nothing changes twice", async () => {
    const hr = await makeDepartment(t.db);
    const it2 = await makeDepartment(t.db);
    const user = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"] });
    const config = { departmentClaim: "department", groupsClaim: "groups", groupRoles: [["owners", "FIRST_CONTACT_OWNER"], ["admins", "ADMIN"]] as const };
    const now = new Date();

    const first = await applySsoClaims(t.db, user, { department: hr.code, groups: ["owners", "other"] }, config, now);
    expect(first).toMatchObject({ departmentId: hr.id, roles: ["EMPLOYEE", "POLICY_OWNER", "FIRST_CONTACT_OWNER"], sessionVersion: 1 });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await applySsoClaims(t.db, row, { department: hr.code, groups: ["owners", "other"] }, config, now)).toBeNull();

    // Left the group and moved department: the managed role goes, the admin-set one stays.
    const moved = await applySsoClaims(t.db, row, { department: [`unknown-${hr.code}`, it2.code], groups: "other" }, config, now);
    expect(moved).toMatchObject({ departmentId: it2.id, roles: ["EMPLOYEE", "POLICY_OWNER"], sessionVersion: 2 });
    // An unknown department and hostile claim shapes change nothing.
    const again = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await applySsoClaims(t.db, again, { department: { $ne: 1 }, groups: [42, null] }, config, now)).toBeNull();
    expect(await applySsoClaims(t.db, { ...again, roles: ["EMPLOYEE", "ADMIN"] }, { department: it2.code }, config, now)).toBeNull();
    expect(await t.db.auditLog.count({ where: { action: "user.sso-claims", target: user.id } })).toBe(2);
  });
});
