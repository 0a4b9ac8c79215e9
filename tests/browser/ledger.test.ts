// 登记台账 in Chromium: filters in the URL, a row linking to the question, and the CSV download
// (Chinese file name, BOM, neutralised formula) — as a department's manager; an employee is refused.
// The file makes its own department, people and line.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
type U = Awaited<ReturnType<typeof makeUser>>;
let manager: U;
let asker: U;
let lineId: string;

beforeAll(async () => {
  manager = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
  const dept = await makeDepartment(h.db, { name: "台账测试部", managerId: manager.id });
  await h.db.user.update({ where: { id: manager.id }, data: { departmentId: dept.id } });
  asker = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id });
  lineId = (await makeLine(h.db)).id;
});

describe("登记台账", () => {
  it("filters by keyword in the URL, links to the question and exports a neutralised CSV", async () => {
    const token = `台账${randomUUID().slice(0, 8)}`;
    const q = await h.db.question.create({
      data: { askerId: asker.id, idempotencyKey: randomUUID(), body: `=cmd|' /C calc'!A0 ${token}`, lineId, contactName: "@SUM(1+1)" },
    });

    const { page } = await h.newPage();
    await signIn(page, h.base, manager.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/ledger`);
    await page.getByLabel("关键词（事项、联系人或编号）").fill(token);
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === token);
    await expect(page.getByTestId("ledger-total").textContent()).resolves.toContain("共 1 条");
    const rows = page.getByTestId("ledger-row");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByRole("link").getAttribute("href")).toBe(`/questions/${q.id}`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^登记台账_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain(`'=cmd|' /C calc'!A0 ${token}`);
    expect(text).toContain("'@SUM(1+1)");
    expect(await h.db.auditLog.count({ where: { action: "ledger.export", actorId: manager.id } })).toBeGreaterThan(0);
  });

  it("refuses an employee, on the page and the export", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, asker.email, TEST_PASSWORD);
    expect((await page.goto(`${h.base}/insights/ledger`))!.status()).toBe(403);
    expect((await page.request.get(`${h.base}/api/ledger?format=csv`)).status()).toBe(403);
  });
});
