// Each role signs in through the real form and sees exactly its navigation; a page that needs a
// role the user lacks answers with the 403 page. The users are made here, one per role, so the
// file depends on no demo account and on no other file having run first.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { hasReviews } from "@/lib/complaints/list-reviews";
import { NAV_ITEMS, navItemsFor } from "@/lib/navigation";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();

const ROLE_SETS: Record<string, Role[]> = {
  employee: ["EMPLOYEE"],
  owner: ["EMPLOYEE", "FIRST_CONTACT_OWNER"],
  "policy-owner": ["EMPLOYEE", "POLICY_OWNER"],
  manager: ["EMPLOYEE", "MANAGER"],
  admin: ["EMPLOYEE", "ADMIN"],
  qa: ["EMPLOYEE", "QA_REVIEWER"],
};

type Account = { id: string; email: string; name: string; roles: Role[] };
const accounts = new Map<string, Account>();

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: "角色测试部" });
  for (const [key, roles] of Object.entries(ROLE_SETS)) {
    const u = await makeUser(h.db, { roles, password: TEST_PASSWORD, departmentId: dept.id, name: `角色 ${key}` });
    if (roles.includes("MANAGER")) await h.db.department.update({ where: { id: dept.id }, data: { managerId: u.id } });
    accounts.set(key, { id: u.id, email: u.email, name: u.name, roles });
  }
});

async function navSlugs(page: import("playwright-core").Page): Promise<string[]> {
  return page
    .locator('header nav [data-testid^="nav-"]:not([data-testid="nav-toggle"])')
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice("nav-".length)));
}

describe("navigation by role", () => {
  for (const key of Object.keys(ROLE_SETS)) {
    it(`${key} sees exactly the items of their roles`, async () => {
      const account = accounts.get(key)!;
      const { page } = await h.newPage();
      await signIn(page, h.base, account.email, TEST_PASSWORD);
      // The review link depends on data (complaints waiting for this user); these fresh users have none.
      const facts = { hasReviews: await hasReviews(h.db, account.id) };
      await expect.poll(() => navSlugs(page)).toEqual(navItemsFor(account.roles, facts).map((i) => i.slug));
      await expect(page.getByTestId("user-name").textContent()).resolves.toBe(account.name);
    });
  }
});

describe("pages that need a role", () => {
  // Every role-gated destination in the navigation: a 404 for a holder of the role is a failure.
  const gated = NAV_ITEMS.filter((i) => i.roles !== "any");
  const holderOf = (roles: readonly Role[]) => [...accounts.values()].find((a) => roles.some((r) => a.roles.includes(r)))!;

  for (const item of gated) {
    it(`${item.href} answers 403 with the forbidden page to an employee, and 200 to a holder of its role`, async () => {
      const holder = holderOf(item.roles as readonly Role[]);
      const { page: holderPage } = await h.newPage();
      await signIn(holderPage, h.base, holder.email, TEST_PASSWORD);
      const allowed = await holderPage.goto(`${h.base}${item.href}`);
      expect(allowed?.status()).toBe(200);
      await expect(holderPage.getByTestId("forbidden").count()).resolves.toBe(0);

      const { page } = await h.newPage();
      await signIn(page, h.base, accounts.get("employee")!.email, TEST_PASSWORD);
      const res = await page.goto(`${h.base}${item.href}`);
      expect(res?.status()).toBe(403);
      await page.getByTestId("forbidden").waitFor({ state: "visible" });
    });
  }

  it("a page that needs a session answers 401 with the sign-in prompt to a visitor", async () => {
    const { page } = await h.newPage();
    const res = await page.goto(`${h.base}/search`);
    expect(res?.status()).toBe(401);
    await page.getByTestId("unauthorized").waitFor({ state: "visible" });
  });
});
