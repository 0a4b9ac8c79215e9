// A company moves in, in Chromium against the running portal: the first admin comes from the CLI, uploads
// an org workbook, sees the preview, applies it; an imported employee then signs in by SSO (same e-mail)
// into the imported account, with the department and name from the file.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { signIn, signInWithOidc, useBrowser } from "../helpers/browser";
import { smallCompany, xlsxOf } from "../helpers/org-files";

const h = useBrowser();

function adminCreate(email: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/admin-create.ts", "--email", email, "--name", "首任管理员"], {
      env: { ...process.env, DATABASE_URL: inject("portalDatabaseUrl") },
      stdio: ["pipe", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? -1));
    child.stdin.end(`${password}\n`);
  });
}

describe("moving in from a file", () => {
  it("first admin from the CLI → upload .xlsx → preview → apply → an imported employee signs in by SSO", async () => {
    const adminEmail = `first-admin-${randomBytes(4).toString("hex")}@company.example`;
    expect(await adminCreate(adminEmail, "Moving-In-2026!")).toBe(0);

    const { page } = await h.newPage();
    await signIn(page, h.base, adminEmail, "Moving-In-2026!");
    await page.goto(`${h.base}/admin`);
    await page.getByRole("link", { name: "组织架构、人员与责任分配表导入" }).click();
    await page.waitForURL(`${h.base}/admin/org`);

    const c = smallCompany();
    const bad = c.people.map((r) => [...r]);
    bad[5]![6] = "超级用户";
    await page.getByTestId("org-file").setInputFiles({ name: "bad.xlsx", mimeType: "application/octet-stream", buffer: await xlsxOf({ 部门: c.departments, 人员: bad }) });
    await page.getByTestId("org-preview").click();
    await expect(page.getByTestId("org-errors").textContent()).resolves.toContain("人员 第 6 行「角色」：未知角色「超级用户」");

    await page.getByTestId("org-file").setInputFiles({ name: "公司.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await xlsxOf({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix }) });
    await page.getByTestId("org-preview").click();
    await expect(page.getByTestId("plan-people-added").textContent()).resolves.toBe("新增人员：5");
    await expect(page.getByTestId("plan-departments-added").textContent()).resolves.toBe("新增部门：3");
    await expect(page.getByTestId("plan-matrix-added").textContent()).resolves.toBe("新增首问责任人：2");
    expect(await h.db.user.count({ where: { email: c.mail("staff") } })).toBe(0);
    await page.getByTestId("org-apply").click();
    await expect(page.getByTestId("org-done").textContent()).resolves.toContain("新增人员 5");

    const staff = await h.db.user.findUniqueOrThrow({ where: { email: c.mail("staff") }, include: { department: true } });
    expect(staff.department?.code).toBe(c.code("hr"));
    expect(await h.db.auditLog.count({ where: { action: "org.import", actor: { email: adminEmail } } })).toBe(1);

    const employee = await h.newPage();
    await signInWithOidc(employee.page, h.base, c.mail("staff").split("@")[0]!);
    await expect(employee.page.getByTestId("user-name").textContent()).resolves.toBe("王员工");
    const linked = await h.db.user.findUniqueOrThrow({ where: { email: c.mail("staff") } });
    expect(linked.id).toBe(staff.id);
    expect(linked.oidcSubject).toBe(c.mail("staff").split("@")[0]);

    // A directory kept in the identity provider: its department claim and groups set the org at sign-in.
    const login = `dir.${c.code("hr")}.owner.${randomBytes(3).toString("hex")}`;
    const fromIdp = await h.newPage();
    await signInWithOidc(fromIdp.page, h.base, login);
    await fromIdp.page.getByTestId("user-name").waitFor();
    const provisioned = await h.db.user.findUniqueOrThrow({ where: { email: `${login}@sso.example` }, include: { department: true } });
    expect(provisioned.department?.code).toBe(c.code("hr"));
    expect(provisioned.roles).toEqual(["EMPLOYEE", "FIRST_CONTACT_OWNER"]);
    await fromIdp.page.goto(`${h.base}/queue`);
    expect(await fromIdp.page.getByTestId("forbidden").count()).toBe(0);
  }, 120_000);
});
