// 站内通知 in Chromium: a first-contact owner with unread notices sees the badge, opens the inbox and marks all read.
import { describe, expect, it } from "vitest";
import { signIn, useBrowser } from "../helpers/browser";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();

describe("in-app notifications", () => {
  it("shows the unread badge, lists the notices, and marks them all read", async () => {
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD });
    // An unread notice of the owner's own, as the outbox writes it.
    await h.db.notification.create({
      data: { userId: owner.id, channel: "IN_APP", kind: "handoff.declined", dedupeKey: `inbox-test:${Date.now()}`, payload: {}, status: "SENT", sentAt: new Date() },
    });
    const { page } = await h.newPage();
    await signIn(page, h.base, owner.email, TEST_PASSWORD);
    await page.getByTestId("inbox-badge").waitFor();
    await page.getByTestId("inbox-link").click();
    await page.waitForURL(/\/notifications$/);
    await page.getByTestId("inbox-item-unread").first().waitFor();
    await expect.poll(() => page.getByTestId("inbox").textContent()).toContain("转交被拒绝");
    await page.getByTestId("inbox-mark-all").locator("button").click();
    await expect.poll(() => page.getByTestId("inbox-item-unread").count(), { timeout: 10_000 }).toBe(0);
    expect(await h.db.notification.count({ where: { userId: owner.id, channel: "IN_APP", readAt: null } })).toBe(0);
    await page.getByTestId("inbox-badge").waitFor({ state: "detached" });
  });
});
