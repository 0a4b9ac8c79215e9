// Every page hydrates without a mismatch: the server's HTML and the browser's first render agree
// (a mismatch makes React throw the server HTML away and re-render, and logs an error). In the
// production build React reports it as minified errors #418/#423/#425; in development as
// "Hydration failed" / "did not match".
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { NAV_ITEMS } from "@/lib/navigation";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const HYDRATION = /hydrat|did not match|Minified React error #(418|423|425)\b/i;
let email = "";

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: "水合测试部" });
  const user = await makeUser(h.db, {
    roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "POLICY_OWNER", "MANAGER", "QA_REVIEWER", "ADMIN"],
    password: TEST_PASSWORD,
    departmentId: dept.id,
  });
  await h.db.department.update({ where: { id: dept.id }, data: { managerId: user.id } });
  email = user.email;
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && HYDRATION.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (HYDRATION.test(`${e.message}`)) errors.push(e.message);
  });
  return errors;
}

describe("hydration", () => {
  const paths = ["/", "/signin", ...NAV_ITEMS.map((i) => i.href), "/notifications", "/settings/notifications", "/policies"];

  it("the sign-in page and the home page of a visitor hydrate cleanly", async () => {
    const { page } = await h.newPage();
    const errors = watchErrors(page);
    for (const p of ["/signin", "/"]) {
      await page.goto(`${h.base}${p}`);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });

  // A browser in another time zone and language than the server's is where dates and numbers
  // formatted on both sides would disagree.
  it("every page in the navigation hydrates cleanly for a user holding every role, browsing from New York in English", { timeout: 180_000 }, async () => {
    const { context, page } = await h.newPage({ locale: "en-US", timezoneId: "America/New_York" });
    const errors = watchErrors(page);
    await signIn(page, h.base, email, TEST_PASSWORD);
    const seen: string[] = [];
    for (const p of paths) {
      const res = await page.goto(`${h.base}${p}`);
      await page.waitForLoadState("networkidle");
      seen.push(`${p} ${res?.status()}`);
      if (errors.length) break;
    }
    await context.close();
    expect(errors, seen.join("\n")).toEqual([]);
  });
});
