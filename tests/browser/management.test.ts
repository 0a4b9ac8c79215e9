// 管理看板 in Chromium as the manager of a region this file makes (a region with two departments
// under it): charts render with their data tables, the line and department filters go into the URL
// with the range, a department row drills down, and a department outside the manager's subtree is
// refused; an employee is refused the page.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { refreshRollups } from "@/lib/analytics/rollup/registry";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const tag = randomBytes(3).toString("hex");

type Dept = Awaited<ReturnType<typeof makeDepartment>>;
let manager: Awaited<ReturnType<typeof makeUser>>;
let employee: Awaited<ReturnType<typeof makeUser>>;
let region: Dept, sales: Dept, service: Dept, elsewhere: Dept;
let line: Awaited<ReturnType<typeof makeLine>>;

beforeAll(async () => {
  // Names sort as the page lists them (tree order, siblings by name): region, then A, then B.
  manager = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
  region = await makeDepartment(h.db, { name: `看板区域${tag}`, kind: "REGION", managerId: manager.id });
  await h.db.user.update({ where: { id: manager.id }, data: { departmentId: region.id } });
  sales = await makeDepartment(h.db, { name: `看板区域${tag} A 销售部`, parentId: region.id });
  service = await makeDepartment(h.db, { name: `看板区域${tag} B 客户服务部`, parentId: region.id });
  elsewhere = await makeDepartment(h.db, { name: `别的区域${tag}`, kind: "REGION" });
  employee = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: sales.id });
  line = await makeLine(h.db);
});

describe("管理看板", () => {
  it("shows the manager's subtree with charts, keeps the filters in the URL and drills down", async () => {
    await refreshRollups(h.db, new Date());
    const east = region;
    const eastSales = sales;

    const { page } = await h.newPage();
    await signIn(page, h.base, manager.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/management`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("管理看板");
    await expect(page.locator("main").textContent()).resolves.toContain(`${region.name}及其下属部门`);
    for (const id of ["kpi-self-service", "kpi-existed", "kpi-first-response", "kpi-backlog"]) await page.getByTestId(id).waitFor();
    // A chart is drawn (SVG) and its numbers are in the table under it.
    await page.getByTestId("chart-self-service").locator("svg").first().waitFor();
    await expect(page.getByTestId("attainment-levels").textContent()).resolves.toContain("首次响应（第 0 级）");

    // Only the manager's departments can be chosen; line and department go into the URL with the range.
    const options = await page.getByLabel("部门（含下级）").locator("option").allTextContents();
    expect(options.map((o) => o.trim())).toEqual(["全部", region.name, sales.name, service.name]);
    await page.getByLabel("条线").selectOption(line.id);
    await page.getByLabel("部门（含下级）").selectOption(eastSales.id);
    await page.getByRole("button", { name: "应用" }).click();
    await page.waitForURL((url) => url.searchParams.get("line") === line.id && url.searchParams.get("dept") === eastSales.id && url.searchParams.has("from"));
    await expect(page.locator("main").textContent()).resolves.toContain(`${sales.name}及其下属部门 · 条线：${line.name}`);
    // Up one level goes back to the region (still the same line).
    await page.getByRole("link", { name: "↑ 上一级部门" }).click();
    await page.waitForURL((url) => url.searchParams.get("dept") === east.id && url.searchParams.get("line") === line.id);

    // The department rows link to their drill-down (on the 工作量 tab, which goes into the URL).
    await page.goto(`${h.base}/insights/management`);
    await page.getByTestId("tab-volumes").click();
    await page.waitForURL((url) => url.searchParams.get("view") === "volumes");
    const drill = page.getByTestId("volumes-by-department").getByRole("link", { name: sales.name });
    expect(await drill.getAttribute("href")).toContain(`dept=${eastSales.id}`);
  });

  it("shows one section at a time, fits a phone, and keeps labels readable", { timeout: 120_000 }, async () => {
    await refreshRollups(h.db, new Date());
    const shots = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(shots, { recursive: true });
    const { page } = await h.newPage();
    await signIn(page, h.base, manager.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/management`);
    await page.getByTestId("chart-self-service").locator("svg").first().waitFor();
    // Desktop: the KPIs and one section, not ~20 charts in one scroll (it was 5,900 px).
    const desktopHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(desktopHeight).toBeLessThan(3_200);
    await page.screenshot({ path: path.join(shots, "management-desktop.png"), fullPage: true });
    // The tabs are keyboard-operable and each opens its own panel.
    await page.getByTestId("tab-deflection").focus();
    await page.keyboard.press("ArrowRight");
    await page.getByTestId("panel-existed").waitFor({ state: "visible" });
    await expect(page.getByTestId("panel-deflection").isHidden()).resolves.toBe(true);
    await page.keyboard.press("End");
    await page.getByTestId("panel-volumes").waitFor({ state: "visible" });
    // A department's name is not clipped on the category axis: the axis is as wide as its longest label.
    const ticks = page.getByTestId("chart-volumes-departments").locator(".recharts-yAxis-tick-labels text");
    // A chart in a panel that was hidden draws once the panel has a size.
    await ticks.first().waitFor({ state: "visible" });
    const widest = await ticks.evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? "", x: (el as SVGGraphicsElement).getBBox().x })),
    );
    expect(widest.length).toBeGreaterThan(0);
    for (const t of widest) expect(t.x, `label ${t.text} starts inside the chart`).toBeGreaterThanOrEqual(0);

    // Phone: nothing wider than the screen except tables, which scroll inside their own box.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.base}/insights/management?view=attainment`);
    await page.getByTestId("panel-attainment").waitFor({ state: "visible" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, "management-phone.png"), fullPage: true });
  });

  it("refuses a department outside the subtree, and an employee", async () => {
    const south = elsewhere;
    const { page } = await h.newPage();
    await signIn(page, h.base, manager.email, TEST_PASSWORD);
    expect((await page.goto(`${h.base}/insights/management?dept=${south.id}`))!.status()).toBe(403);
    const other = await h.newPage();
    await signIn(other.page, h.base, employee.email, TEST_PASSWORD);
    expect((await other.page.goto(`${h.base}/insights/management`))!.status()).toBe(403);
  });
});
