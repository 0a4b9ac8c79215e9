// Company time in Chromium with the browser on UTC (a colleague abroad): a time typed in the owner
// form is company time (Asia/Shanghai), stored and shown as typed; and the admin pages warn while a
// year's holidays are only computed, until the admin enters the official notice in the browser.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { fileQuestion } from "@/lib/questions/file-question";
import { calendarData } from "@/lib/time/holidays";
import { provisionalYearToWarn } from "@/lib/time/provisional";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
let enteredYear: number | null = null;

async function utcPage() {
  return (await h.newPage({ timezoneId: "UTC", viewport: { width: 390, height: 844 } })).page;
}

afterAll(async () => {
  if (enteredYear !== null) {
    await h.db.calendarOverride.deleteMany({ where: { source: "OFFICIAL", date: { gte: new Date(`${enteredYear}-01-01T00:00:00Z`), lt: new Date(`${enteredYear + 1}-01-01T00:00:00Z`) } } });
  }
});

describe("company time, whatever the browser's zone", () => {
  it("stores and shows 17:00 typed in a UTC browser as 17:00 Beijing time", async () => {
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD });
    const asker = await makeUser(h.db);
    const line = await makeLine(h.db, { ownerIds: [owner.id] });
    const q = await fileQuestion(ctxOf(h.db, asker), { askSessionId: (await makeSearchedAskSession(h.db, asker.id)).id, idempotencyKey: randomUUID(), body: "出差补贴什么时候发放", lineId: line.id, contactName: asker.name });
    const year = new Date().getUTCFullYear() + 1;

    const page = await utcPage();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("UTC");
    await signIn(page, h.base, owner.email, TEST_PASSWORD);
    await page.goto(`${h.base}/questions/${q.id}`);
    await page.locator("#reply-body").fill("已核对差旅制度，补贴随当月工资发放，我会跟进财务确认具体日期。");
    await page.locator("#reply-expected").fill(`${year}-03-10T17:00`);
    await page.getByTestId("reply-form").locator("button[type=submit]").click();
    await page.getByText(`预计解决时间：${year}/03/10 17:00`).waitFor();

    const row = await h.db.question.findUniqueOrThrow({ where: { id: q.id }, select: { expectedResolutionAt: true } });
    expect(row.expectedResolutionAt).toEqual(new Date(`${year}-03-10T09:00:00Z`)); // 17:00 at UTC+8
  });

  it("warns on the admin pages and in /api/health while a year is provisional, until the notice is entered", async () => {
    const warn = provisionalYearToWarn(new Date(), calendarData());
    const admin = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD });
    const page = await utcPage();
    await signIn(page, h.base, admin.email, TEST_PASSWORD);
    await page.goto(`${h.base}/admin/notifications`);
    const health = (await (await page.request.get(`${h.base}/api/health`)).json()) as { calendarProvisionalYear: number | null };
    expect(health.calendarProvisionalYear).toBe(warn);
    if (warn === null) {
      expect(await page.getByTestId("calendar-banner").count()).toBe(0);
      return; // before 1 November with this year's notice known: nothing to enter
    }
    expect(await page.getByTestId("calendar-banner").innerText()).toContain(`${warn} 年的节假日安排尚未录入`);

    await page.goto(`${h.base}/admin`);
    const form = page.getByTestId("official-calendar-form");
    await form.locator("#oc-year").fill(String(warn));
    await form.locator("#oc-text").fill(`${warn}-01-01 元旦 休\n${warn}-13-01 春节 休`);
    await form.getByRole("button", { name: "预览" }).click();
    await expect.poll(() => page.getByTestId("official-calendar-error").innerText()).toContain("第 2 行");
    await form.locator("#oc-text").fill(`${warn}-01-01 元旦 休\n${warn}-02-06 春节 班`);
    await form.getByRole("button", { name: "预览" }).click();
    const preview = page.getByTestId("official-calendar-preview");
    await preview.waitFor();
    expect(await preview.locator("tbody tr").count()).toBe(2);
    expect(await h.db.calendarOverride.count({ where: { source: "OFFICIAL" } })).toBe(0); // a preview stores nothing
    enteredYear = warn;
    await form.getByRole("button", { name: "确认保存" }).click();
    await page.getByText(`已保存 ${warn} 年的官方安排`).waitFor();
    expect(await h.db.calendarOverride.count({ where: { source: "OFFICIAL" } })).toBe(2);
    expect(await h.db.auditLog.count({ where: { action: "calendar.official", actorId: admin.id } })).toBe(1);
    await page.goto(`${h.base}/admin`);
    expect(await page.getByTestId("calendar-banner").count()).toBe(0);
  });
});
