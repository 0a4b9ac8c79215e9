// Single sign-on through a real OpenID Connect provider: a first-time user is provisioned as an
// employee and lands signed in; a second sign-in reuses the same account. An existing local account
// is linked only by a verified e-mail or by the subject an admin set (issue 15, item 5).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { navItemsFor } from "@/lib/navigation";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { signInWithOidc, throughOidcProvider, useBrowser } from "../helpers/browser";
import { HttpClient } from "../helpers/http";
import { oidcEmailFor, oidcNameFor } from "../setup/oidc-accounts";

const h = useBrowser();

/** The same, for a sign-in the portal refuses: back on /signin with this error shown. */
async function refusedOidc(page: Page, login: string, error: string): Promise<string> {
  await throughOidcProvider(page, h.base, login);
  await page.waitForURL((url) => url.origin === h.base && url.pathname === "/signin" && url.searchParams.get("error") === error);
  return (await page.getByTestId("signin-error").textContent()) ?? "";
}

describe("OIDC sign-in", () => {
  it("provisions a new user as an employee and signs them in", async () => {
    const login = `sso-${randomBytes(4).toString("hex")}`;
    const { page } = await h.newPage();
    await signInWithOidc(page, h.base, login);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe(oidcNameFor(login));
    const slugs = () =>
      page
        .locator('header nav [data-testid^="nav-"]:not([data-testid="nav-toggle"])')
        .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice("nav-".length)));
    await expect.poll(slugs).toEqual(navItemsFor(["EMPLOYEE"]).map((i) => i.slug));

    const user = await h.db.user.findUniqueOrThrow({ where: { email: oidcEmailFor(login) } });
    expect(user).toMatchObject({ name: oidcNameFor(login), oidcSubject: login, roles: ["EMPLOYEE"], passwordHash: null });
    expect(await h.db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
  });

  it("signs a returning user into the same account", async () => {
    const login = `sso-${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 2; i++) {
      const { page } = await h.newPage();
      await signInWithOidc(page, h.base, login);
      await expect(page.getByTestId("user-name").textContent()).resolves.toBe(oidcNameFor(login));
    }
    expect(await h.db.user.count({ where: { email: oidcEmailFor(login) } })).toBe(1);
  });
});

describe("OIDC account linking", () => {
  const login = (prefix = "sso") => `${prefix}-${randomBytes(4).toString("hex")}`;
  const sessionsOf = (userId: string) => h.db.userSession.count({ where: { userId } });

  it("a verified e-mail links the existing local account and signs in to it", async () => {
    const name = login();
    const local = await makeUser(h.db, { email: oidcEmailFor(name), name: "本地账号", password: TEST_PASSWORD });
    const { page } = await h.newPage();
    await signInWithOidc(page, h.base, name);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe("本地账号");
    expect(await h.db.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ oidcSubject: name });
    expect(await h.db.auditLog.count({ where: { action: "sso.linked", target: local.id } })).toBe(1);
  });

  it("an unverified e-mail does not link the local account with that address: refused, nothing bound, audited", async () => {
    const name = login("unverified");
    const local = await makeUser(h.db, { email: oidcEmailFor(name), name: "被冒用的人", password: TEST_PASSWORD });
    const { page } = await h.newPage();
    expect(await refusedOidc(page, name, "OidcEmailUnverified")).toBe(zhCN["auth.error.oidcUnverified"]);
    expect(await h.db.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ oidcSubject: null });
    expect(await sessionsOf(local.id)).toBe(0);
    expect((await page.context().cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
    expect(await h.db.auditLog.count({ where: { action: "sso.signin.denied", target: oidcEmailFor(name) } })).toBe(1);
  });

  it("an unverified e-mail provisions no new account either", async () => {
    const name = login("unverified");
    const { page } = await h.newPage();
    await refusedOidc(page, name, "OidcEmailUnverified");
    expect(await h.db.user.count({ where: { OR: [{ email: oidcEmailFor(name) }, { oidcSubject: name }] } })).toBe(0);
  });

  it("a subject an admin set signs in to that account whatever the e-mail, verified or not", async () => {
    const name = login("unverified");
    const local = await makeUser(h.db, { name: "管理员绑定的账号", password: TEST_PASSWORD });
    const adminUser = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD });
    const admin = new HttpClient(h.base);
    expect((await admin.signIn(adminUser.email, TEST_PASSWORD)).status).toBe(200);
    const res = await admin.request("POST", "/api/admin/user", {
      body: JSON.stringify({ userId: local.id, oidcSubject: name }),
      headers: { "content-type": "application/json", origin: h.base },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await h.db.auditLog.count({ where: { action: "user.update", target: local.id } })).toBe(1);

    const { page } = await h.newPage();
    await signInWithOidc(page, h.base, name);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe("管理员绑定的账号");
    expect(await sessionsOf(local.id)).toBe(1);
    // The provider's (unverified) address did not become an account of its own.
    expect(await h.db.user.count({ where: { email: oidcEmailFor(name) } })).toBe(0);
  });

  it("a verified e-mail does not take over an account already bound to another subject", async () => {
    const name = login();
    const local = await makeUser(h.db, { email: oidcEmailFor(name), password: TEST_PASSWORD });
    await h.db.user.update({ where: { id: local.id }, data: { oidcSubject: `other-${name}` } });
    const { page } = await h.newPage();
    expect(await refusedOidc(page, name, "OidcSubjectMismatch")).toBe(zhCN["auth.error.oidcSubjectMismatch"]);
    expect(await h.db.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ oidcSubject: `other-${name}` });
    expect(await sessionsOf(local.id)).toBe(0);
  });
});
