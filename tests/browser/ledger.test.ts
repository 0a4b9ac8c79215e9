// 登记台账 in Chromium: filters in the URL, a row linking to the question, and the CSV download
// (Chinese file name, BOM, neutralised formula) — as a department's manager; an employee is refused.
// In English the page and the CSV's header row are English. The page fits a phone (the table scrolls
// in its own box). The file makes its own department, people and line.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { LEDGER_COLUMNS } from "@/lib/analytics/ledger/format";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { expectNoSidewaysScroll, PHONE, saveScreenshot } from "../helpers/layout";

const h = useBrowser();
type U = Awaited<ReturnType<typeof makeUser>>;
let manager: U;
let asker: U;
let lineId: string;

beforeAll(async () => {
  manager = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
  const dept = await makeDepartment(h.db, { name: `台账测试部${randomUUID().slice(0, 6)}`, managerId: manager.id });
  await h.db.user.update({ where: { id: manager.id }, data: { departmentId: dept.id } });
  asker = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id });
  lineId = (await makeLine(h.db)).id;
});

/** A question of our asker whose matter starts like a spreadsheet formula, found by its token. */
async function hostileQuestion(): Promise<{ id: string; token: string }> {
  const token = `台账${randomUUID().slice(0, 8)}`;
  const q = await h.db.question.create({
    data: { askerId: asker.id, idempotencyKey: randomUUID(), body: `=cmd|' /C calc'!A0 ${token}`, lineId, contactName: "@SUM(1+1)" },
  });
  return { id: q.id, token };
}

async function asManager(locale?: "en") {
  const { context, page } = await h.newPage();
  if (locale) await context.addCookies([{ name: "locale", value: locale, url: h.base }]);
  await signIn(page, h.base, manager.email, TEST_PASSWORD);
  return page;
}

describe("登记台账", () => {
  it("filters by keyword in the URL, links to the question and exports a neutralised CSV", async () => {
    const q = await hostileQuestion();
    const page = await asManager();
    await page.goto(`${h.base}/insights/ledger`);
    await page.getByLabel("关键词（事项、联系人或编号）").fill(q.token);
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === q.token);
    await page.getByTestId("ledger-total").filter({ hasText: "共 1 条" }).waitFor();
    const rows = page.getByTestId("ledger-row");
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().getByRole("link").getAttribute("href")).toBe(`/questions/${q.id}`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^登记台账_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.slice(1).split("\r\n")[0]).toBe(LEDGER_COLUMNS.map((c) => c.header).join(","));
    expect(text).toContain(`'=cmd|' /C calc'!A0 ${q.token}`);
    expect(text).toContain("'@SUM(1+1)");
    expect(await h.db.auditLog.count({ where: { action: "ledger.export", actorId: manager.id } })).toBeGreaterThan(0);
  });

  it("reads in English, and the CSV's header row is English with the same rows", async () => {
    const q = await hostileQuestion();
    // Routed to one owner, then handed off: the chain says how in English on the page, in Chinese in the CSV.
    const [first, second] = [await makeUser(h.db, { name: `Ann ${q.token.slice(2)}` }), await makeUser(h.db, { name: `Ben ${q.token.slice(2)}` })];
    const handedOffAt = new Date();
    await h.db.questionOwnership.createMany({
      data: [
        { questionId: q.id, userId: first.id, via: "ROUTED", startedAt: new Date(handedOffAt.getTime() - 60_000), endedAt: handedOffAt },
        { questionId: q.id, userId: second.id, via: "HANDOFF", startedAt: handedOffAt },
      ],
    });
    const page = await asManager("en");
    await page.goto(`${h.base}/insights/ledger?q=${encodeURIComponent(q.token)}`);
    await page.getByRole("heading", { level: 1, name: "Question ledger", exact: true }).waitFor();
    await page.getByLabel("Keyword (matter, contact or number)").waitFor();
    await page.getByTestId("ledger-total").filter({ hasText: "Matching questions: 1" }).waitFor();
    await expect.poll(() => page.getByTestId("ledger-table").locator("thead th").first().textContent()).toBe("Number");
    await expect.poll(() => page.getByTestId("ledger-row").first().innerText()).toContain(`${first.name} → ${second.name} (handed off)`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
    const text = readFileSync((await download.path())!).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rest] = text.slice(1).split("\r\n");
    const names = header!.split(",");
    expect(names).toHaveLength(LEDGER_COLUMNS.length);
    expect(names.slice(0, 3)).toEqual(["Number", "Asked at", "Asker"]);
    expect(header).not.toMatch(/[\u3400-\u9fff]/);
    expect(rest.join("\r\n")).toContain(`'=cmd|' /C calc'!A0 ${q.token}`);
    expect(rest.join("\r\n")).toContain(`${first.name} → ${second.name}(转交)`);

    // A bad format is refused in English, naming the field.
    const res = await page.request.get(`${h.base}/api/ledger?format=xls`);
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ format: "The only export format is csv" });
  });

  it("fits a phone: the table scrolls in its own box, the page does not", async () => {
    await hostileQuestion();
    const page = await asManager();
    await page.setViewportSize(PHONE);
    await page.goto(`${h.base}/insights/ledger`);
    const table = page.getByTestId("ledger-table");
    await table.waitFor();
    await expectNoSidewaysScroll(page, "ledger at 375 px");
    const box = await table.evaluate((el) => ({ overflowX: getComputedStyle(el.parentElement!).overflowX, wider: el.parentElement!.scrollWidth > el.parentElement!.clientWidth }));
    expect(box).toEqual({ overflowX: "auto", wider: true });
    await saveScreenshot(page, "ledger-phone");
  });

  it("refuses an employee, on the page and the export", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, asker.email, TEST_PASSWORD);
    expect((await page.goto(`${h.base}/insights/ledger`))!.status()).toBe(403);
    expect((await page.request.get(`${h.base}/api/ledger?format=csv`)).status()).toBe(403);
  });
});
