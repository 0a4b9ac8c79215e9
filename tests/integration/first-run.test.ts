// Moving in: a start without the demo flag stores nothing demo, the first admin comes from the CLI (or
// from SHOUWEN_BOOTSTRAP_ADMIN_EMAILS at the first SSO sign-in), and the admin home lists what is left.
import { describe, expect, it } from "vitest";
import { bootstrapAdminRoles } from "@/lib/admin/bootstrap-admin";
import { setupChecklist } from "@/lib/admin/setup-checklist";
import { verifyPassword } from "@/lib/auth/password";
import { resetEnvForTests } from "@/lib/env";
import { prepareData } from "../../scripts/prepare-data";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { runScript } from "../helpers/run-script";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

const adminCreate = (args: string[], stdin: string) => runScript("scripts/admin-create.ts", args, { DATABASE_URL: t.url }, stdin);

describe("first run of a real company", () => {
  it("SHOUWEN_SEED_DEMO=false stores no demo users, departments or policies", async () => {
    const env = { DATABASE_URL: t.url, MEILI_HOST: t.meili.host, MEILI_MASTER_KEY: t.meili.apiKey, MEILI_INDEX_PREFIX: t.indexPrefix };
    await prepareData(env, { seedDemo: false, log: () => undefined });
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.department.count()).toBe(0);
    expect(await t.db.businessLine.count()).toBe(0);
    expect(await t.db.policy.count()).toBe(0);
    const checklist = await setupChecklist(t.db, { smtpConfigured: false });
    expect(checklist.map((i) => [i.key, i.state])).toEqual([
      ["org", "todo"], ["people", "todo"], ["matrix", "todo"], ["calendar", "todo"], ["policies", "todo"], ["channels", "todo"],
    ]);
  });

  it("npm run admin:create makes the first admin with a password read from stdin; bad input stores nothing", async () => {
    const short = await adminCreate(["--email", "first.admin@company.example"], "short\n");
    expect(short.code).toBe(1);
    expect(short.out).toContain("password");
    const noEmail = await adminCreate([], "long-enough-password\n");
    expect(noEmail.code).toBe(1);
    expect(noEmail.out).toContain("email");
    expect(await t.db.user.count({ where: { email: "first.admin@company.example" } })).toBe(0);

    const ok = await adminCreate(["--email", "First.Admin@Company.example", "--name", "首任管理员"], "Correct-Horse-2026\n");
    expect(ok.out).toContain("created admin first.admin@company.example");
    expect(ok.code).toBe(0);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "first.admin@company.example" } });
    expect(admin.roles).toEqual(["EMPLOYEE", "ADMIN"]);
    expect(admin.name).toBe("首任管理员");
    expect(await verifyPassword("Correct-Horse-2026", admin.passwordHash)).toBe(true);
    expect(await t.db.auditLog.count({ where: { action: "admin.create", target: admin.id } })).toBe(1);

    // An existing (disabled) account becomes admin again, keeps its id and roles, and gets the new password.
    const someone = await makeUser(t.db, { roles: ["EMPLOYEE", "MANAGER"], disabled: true });
    const again = await adminCreate(["--email", someone.email], "Another-Password-9\n");
    expect(again.code).toBe(0);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(row.roles).toEqual(["EMPLOYEE", "MANAGER", "ADMIN"]);
    expect(row.disabledAt).toBeNull();
    expect(row.sessionVersion).toBe(1);
    expect(await verifyPassword("Another-Password-9", row.passwordHash)).toBe(true);
  }, 60_000);

  it("SHOUWEN_BOOTSTRAP_ADMIN_EMAILS: only the first SSO sign-in of a listed address grants admin", async () => {
    process.env.SHOUWEN_BOOTSTRAP_ADMIN_EMAILS = "boss@company.example, other@company.example";
    resetEnvForTests();
    try {
      const listed = await makeUser(t.db, { email: "boss@company.example" });
      const unlisted = await makeUser(t.db);
      const later = await makeUser(t.db, { email: "other@company.example" });
      const now = new Date();
      await bootstrapAdminRoles(t.db, listed, true, now);
      await bootstrapAdminRoles(t.db, unlisted, true, now);
      await bootstrapAdminRoles(t.db, later, false, now);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: listed.id } })).roles).toEqual(["EMPLOYEE", "ADMIN"]);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: unlisted.id } })).roles).toEqual(["EMPLOYEE"]);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: later.id } })).roles).toEqual(["EMPLOYEE"]);
      expect(await t.db.auditLog.count({ where: { action: "admin.bootstrap" } })).toBe(1);
    } finally {
      delete process.env.SHOUWEN_BOOTSTRAP_ADMIN_EMAILS;
      resetEnvForTests();
    }
  });

  it("the checklist follows what has been set up", async () => {
    const head = await makeUser(t.db);
    await makeDepartment(t.db, { managerId: head.id });
    await makeDepartment(t.db);
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    await makeLine(t.db, { ownerIds: [owner.id] });
    const states = Object.fromEntries((await setupChecklist(t.db, { smtpConfigured: true })).map((i) => [i.key, i.state]));
    expect(states).toMatchObject({ org: "partial", people: "done", matrix: "done", channels: "done", policies: "todo" });
  });
});
