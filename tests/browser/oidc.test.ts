// Single sign-on through a real OpenID Connect provider: a first-time user is provisioned as an
// employee and lands signed in; a second sign-in reuses the same account.
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { navItemsFor } from "@/lib/navigation";
import { useBrowser } from "../helpers/browser";
import { oidcEmailFor, oidcNameFor } from "../setup/oidc-accounts";

const h = useBrowser();

/** Clicks the SSO button and gets through the provider's login (and consent, if asked). */
async function signInWithOidc(page: Page, login: string): Promise<void> {
  const issuer = new URL(inject("oidcIssuer"));
  await page.goto(`${h.base}/signin`);
  await page.getByTestId("signin-oidc").click();
  await page.waitForURL((url) => url.host === issuer.host);
  for (let step = 0; step < 3 && new URL(page.url()).host === issuer.host; step++) {
    const loginField = page.locator('input[name="login"]');
    if (await loginField.count()) {
      await loginField.fill(login);
      await page.locator('input[name="password"]').fill("any-password");
    }
    await Promise.all([page.waitForNavigation(), page.locator("button.login-submit").click()]);
  }
  await page.waitForURL((url) => url.origin === h.base && !url.pathname.startsWith("/signin"));
}

describe("OIDC sign-in", () => {
  it("provisions a new user as an employee and signs them in", async () => {
    const login = `sso-${randomBytes(4).toString("hex")}`;
    const { page } = await h.newPage();
    await signInWithOidc(page, login);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe(oidcNameFor(login));
    const slugs = await page
      .locator('header nav [data-testid^="nav-"]:not([data-testid="nav-toggle"])')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice("nav-".length)));
    expect(slugs).toEqual(navItemsFor(["EMPLOYEE"]).map((i) => i.slug));

    const user = await h.db.user.findUniqueOrThrow({ where: { email: oidcEmailFor(login) } });
    expect(user).toMatchObject({ name: oidcNameFor(login), oidcSubject: login, roles: ["EMPLOYEE"], passwordHash: null });
    expect(await h.db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
  });

  it("signs a returning user into the same account", async () => {
    const login = `sso-${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 2; i++) {
      const { page } = await h.newPage();
      await signInWithOidc(page, login);
      await expect(page.getByTestId("user-name").textContent()).resolves.toBe(oidcNameFor(login));
    }
    expect(await h.db.user.count({ where: { email: oidcEmailFor(login) } })).toBe(1);
  });
});
