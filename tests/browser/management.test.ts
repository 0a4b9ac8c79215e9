// 管理看板 in Chromium as the east-region manager (王海): charts render with their data tables, the
// line and department filters go into the URL with the range, a department row drills down, and a
// department outside the manager's subtree is refused; an employee is refused the page.
import { describe, expect, it } from "vitest";
import { refreshRollups } from "@/lib/analytics/rollups";
import { DEMO_PASSWORD, demoEmail } from "@/lib/seed/demo";
import { signIn, useBrowser } from "../helpers/browser";

const h = useBrowser();

describe("管理看板", () => {
  it("shows the manager's subtree with charts, keeps the filters in the URL and drills down", async () => {
    await refreshRollups(h.db, new Date());
    const east = await h.db.department.findUniqueOrThrow({ where: { code: "east-region" } });
    const eastSales = await h.db.department.findUniqueOrThrow({ where: { code: "east-sales" } });
    const line = await h.db.businessLine.findFirstOrThrow({ orderBy: { name: "asc" } });

    const { page } = await h.newPage();
    await signIn(page, h.base, demoEmail("manager"), DEMO_PASSWORD);
    await page.goto(`${h.base}/insights/management`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("管理看板");
    await expect(page.locator("main").textContent()).resolves.toContain("华东区域及其下属部门");
    for (const id of ["kpi-self-service", "kpi-existed", "kpi-first-response", "kpi-backlog"]) await page.getByTestId(id).waitFor();
    // A chart is drawn (SVG) and its numbers are in the table under it.
    await page.getByTestId("chart-self-service").locator("svg").first().waitFor();
    await expect(page.getByTestId("attainment-levels").textContent()).resolves.toContain("首次响应（第 0 级）");

    // Only the manager's departments can be chosen; line and department go into the URL with the range.
    const options = await page.getByLabel("部门（含下级）").locator("option").allTextContents();
    expect(options.map((o) => o.trim())).toEqual(["全部", "华东区域", "华东销售部", "客户服务部"]);
    await page.getByLabel("条线").selectOption(line.id);
    await page.getByLabel("部门（含下级）").selectOption(eastSales.id);
    await page.getByRole("button", { name: "应用" }).click();
    await page.waitForURL((url) => url.searchParams.get("line") === line.id && url.searchParams.get("dept") === eastSales.id && url.searchParams.has("from"));
    await expect(page.locator("main").textContent()).resolves.toContain(`华东销售部及其下属部门 · 条线：${line.name}`);
    // Up one level goes back to the region (still the same line).
    await page.getByRole("link", { name: "↑ 上一级部门" }).click();
    await page.waitForURL((url) => url.searchParams.get("dept") === east.id && url.searchParams.get("line") === line.id);

    // The department rows link to their drill-down.
    await page.goto(`${h.base}/insights/management`);
    const drill = page.getByTestId("volumes-by-department").getByRole("link", { name: "华东销售部" });
    expect(await drill.getAttribute("href")).toContain(`dept=${eastSales.id}`);
  });

  it("refuses a department outside the subtree, and an employee", async () => {
    const south = await h.db.department.findUniqueOrThrow({ where: { code: "south-region" } });
    const { page } = await h.newPage();
    await signIn(page, h.base, demoEmail("manager"), DEMO_PASSWORD);
    expect((await page.goto(`${h.base}/insights/management?dept=${south.id}`))!.status()).toBe(403);
    const other = await h.newPage();
    await signIn(other.page, h.base, demoEmail("employee"), DEMO_PASSWORD);
    expect((await other.page.goto(`${h.base}/insights/management`))!.status()).toBe(403);
  });
});
