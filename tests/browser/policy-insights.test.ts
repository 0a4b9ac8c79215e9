// The policy-owner view in Chromium: the policy owner of one 条线 (here "HR", made by this file) sees
// their documents with a chart and its data table, acknowledges a 无制度 gap and marks a document for
// revision; the owner of another 条线 ("finance") does not see HR's documents; an employee gets the
// 403 page. The page's sections are accessible, deep-linkable tabs; document names keep their room,
// chart labels stay inside their charts, and the page fits a phone.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { policyRollup } from "@/lib/analytics/policies/rollup";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makePolicy, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { expectNoSidewaysScroll, expectTabsWork, expectTicksInside, PHONE, saveScreenshot, widthOf } from "../helpers/layout";

const h = useBrowser();
const tag = randomUUID().slice(0, 6);
const TABS = ["documents", "searches", "feedback", "gaps", "review"];
/** A document name keeps room for about ten characters a line (it was squeezed to two). */
const NAME_MIN_PX = 170;

type U = Awaited<ReturnType<typeof makeUser>>;
type Line = Awaited<ReturnType<typeof makeLine>>;
type Dept = Awaited<ReturnType<typeof makeDepartment>>;
let hrOwner: U, financeOwner: U, employee: U;
let hrLine: Line, financeLine: Line;
let hrDept: Dept, financeDept: Dept;
let longTitle: string;

const CLAUSES = "#### 第一条\n\n员工享有带薪年休假。\n\n#### 第二条\n\n年休假按工龄计算。\n\n#### 第三条\n\n外派人员另有补贴标准。\n";

beforeAll(async () => {
  hrDept = await makeDepartment(h.db, { name: `人力资源${tag}` });
  financeDept = await makeDepartment(h.db, { name: `财务${tag}` });
  hrLine = await makeLine(h.db, { name: `人力条线${tag}`, policyOwnerDeptId: hrDept.id });
  financeLine = await makeLine(h.db, { name: `财务条线${tag}`, policyOwnerDeptId: financeDept.id });
  longTitle = `关于员工因公出差期间交通住宿伙食及其他杂项费用报销标准与审批流程的管理办法${tag}`;
  for (const title of [`年休假管理办法${tag}`, `外派人员管理规定${tag}`, longTitle]) {
    await makePolicy(h.db, { lineName: hrLine.name, ownerName: hrDept.name, title, body: `# ${title}\n\n${CLAUSES}` });
  }
  await makePolicy(h.db, { lineName: financeLine.name, ownerName: financeDept.name, title: `差旅报销办法${tag}`, body: `# 差旅报销办法\n\n${CLAUSES}` });
  hrOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hrDept.id, password: TEST_PASSWORD });
  financeOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: financeDept.id, password: TEST_PASSWORD });
  employee = await makeUser(h.db, { password: TEST_PASSWORD });
  // The long-named policy answered a question the asker had seen and not opened: it is a bar of the
  // "答案已在制度中" chart, whose category axis must shorten the name rather than cut it off.
  const policy = await h.db.policy.findFirstOrThrow({ where: { title: longTitle } });
  const section = await h.db.policySection.findFirstOrThrow({ where: { policyId: policy.id } });
  const q = await h.db.question.create({
    data: { askerId: employee.id, idempotencyKey: randomUUID(), body: "出差伙食补贴标准？", lineId: hrLine.id, contactName: employee.name, status: "RESOLVED", resolvedAt: new Date(), resolutionKind: "EXISTING_POLICY", answerExposure: "IGNORED" },
  });
  await h.db.citation.create({ data: { questionId: q.id, sectionId: section.id, policyId: policy.id, forResolution: true } });
});

async function asUser(user: U): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, user.email, TEST_PASSWORD);
  return page;
}

/** A 无制度 question of the HR 条线, resolved now, and its gap (as resolveQuestion leaves them). */
async function hrGap(body: string): Promise<string> {
  const line = hrLine;
  const asker = employee;
  const now = new Date();
  const q = await h.db.question.create({
    data: { askerId: asker.id, idempotencyKey: randomUUID(), body, lineId: line.id, contactName: asker.name, status: "RESOLVED", resolvedAt: now, resolutionKind: "NO_POLICY" },
  });
  return (await h.db.knowledgeGap.create({ data: { questionId: q.id, lineId: line.id, note: "公司没有相关制度", createdAt: now } })).id;
}

const hrPolicyCount = async () => (await h.db.policy.findMany({ where: { OR: [{ lineId: hrLine.id }, { ownerDepartment: { id: hrDept.id } }] }, select: { id: true } })).length;

describe("policy insights", () => {
  it("the HR policy owner reads the dashboard, acknowledges a gap and marks a document for revision", { timeout: 120_000 }, async () => {
    const gapId = await hrGap(`外派人员的子女教育补贴怎么申请？${randomUUID().slice(0, 4)}`);
    await policyRollup.refresh(h.db, new Date());
    const page = await asUser(hrOwner);
    await page.goto(`${h.base}/insights/policies`);
    await page.getByRole("heading", { name: "制度洞察" }).waitFor();
    await page.getByTestId("range-form").waitFor({ state: "visible" });
    const docs = page.getByTestId("policy-documents");
    await docs.waitFor();
    // Only 人力资源 documents (and those the HR department owns) are listed.
    const expected = await hrPolicyCount();
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => docs.locator("tbody tr").count()).toBe(expected);
    await expect.poll(async () => new Set(await docs.locator("tbody tr td:nth-child(2)").allTextContents())).toEqual(new Set([hrLine.name]));
    // The trend chart carries its numbers as a table too.
    const trend = page.getByTestId("chart-trend");
    await trend.locator("summary").click();
    await expect.poll(() => trend.locator("table tbody tr").count()).toBe(30);

    // Acknowledge the gap (on the 知识缺口 tab).
    await page.getByTestId("tab-gaps").click();
    const row = page.getByTestId(`gap-${gapId}`);
    await row.locator("summary").click();
    await row.getByTestId(`ack-gap-${gapId}`).locator("textarea").fill("下季度补充外派补贴制度");
    await row.getByTestId(`ack-gap-${gapId}`).getByRole("button").click();
    await expect.poll(async () => (await h.db.knowledgeGap.findUniqueOrThrow({ where: { id: gapId } })).status, { timeout: 10_000 }).toBe("ACKNOWLEDGED");
    await page.getByTestId(`gap-${gapId}`).getByText("已确认").waitFor();

    // Drill into the first document and mark it for revision (a note is required).
    await page.goto(`${h.base}/insights/policies`);
    const first = docs.locator("tbody tr th a").first();
    await first.waitFor();
    const href = (await first.getAttribute("href"))!;
    const drillUrl = new URL(href, h.base);
    expect(drillUrl.searchParams.get("tab")).toBe("documents");
    const policyId = drillUrl.searchParams.get("policy")!;
    await page.goto(`${h.base}${href}`);
    await page.getByTestId("policy-clauses").waitFor();
    const form = page.getByTestId(`revision-${policyId}`);
    await page.locator("#clauses details summary").last().click();
    await form.getByRole("button").click(); // empty note: refused by the browser (required) or the server
    expect((await h.db.policy.findUniqueOrThrow({ where: { id: policyId } })).needsRevision).toBe(false);
    await form.locator("textarea").fill("第三条的标准与新规定不一致");
    await form.getByRole("button").click();
    await expect.poll(async () => (await h.db.policy.findUniqueOrThrow({ where: { id: policyId } })).needsRevision, { timeout: 10_000 }).toBe(true);
    // The note is listed on the 复审与变更 tab.
    await page.getByTestId("tab-review").click();
    await page.getByTestId(`review-${policyId}`).getByText("第三条的标准与新规定不一致", { exact: false }).waitFor();
  });

  it("shows its sections as accessible, deep-linkable tabs with names that fit and labels inside the charts", { timeout: 120_000 }, async () => {
    await policyRollup.refresh(h.db, new Date());
    const page = await asUser(hrOwner);
    await page.goto(`${h.base}/insights/policies`);
    await page.getByTestId("policy-documents").waitFor();
    await saveScreenshot(page, "policy-insights-desktop");
    // Desktop: the name column is wide enough for about ten characters a line.
    expect(await widthOf(page.getByTestId("policy-documents").locator("tbody tr th").first())).toBeGreaterThanOrEqual(NAME_MIN_PX);
    await expectTicksInside(page.getByTestId("chart-trend"), "shown and opened over time");
    const exposure = page.getByTestId("chart-exposure");
    await expectTicksInside(exposure, "answer was in a policy");
    // The long name is shortened on the axis; its full text is the label's tooltip and in the data table.
    await expect.poll(() => exposure.locator(".recharts-yAxis-tick-labels text title").allTextContents()).toContain(longTitle);
    await exposure.locator("summary").click();
    await exposure.locator("table").getByText(longTitle, { exact: true }).waitFor();

    await expectTabsWork(page, TABS);
    // A deep link opens its tab (here with the range kept); an unknown value opens the first.
    await page.goto(`${h.base}/insights/policies?tab=gaps&grain=week`);
    await page.getByTestId("panel-gaps").waitFor({ state: "visible" });
    await page.getByTestId("panel-documents").waitFor({ state: "hidden" });
    await page.goto(`${h.base}/insights/policies?tab=nope`);
    await page.getByTestId("panel-documents").waitFor({ state: "visible" });
  });

  it("fits a phone: no sideways scroll on any tab, and document names keep their width", { timeout: 120_000 }, async () => {
    await policyRollup.refresh(h.db, new Date());
    const page = await asUser(hrOwner);
    await page.setViewportSize(PHONE);
    for (const tab of TABS) {
      await page.goto(`${h.base}/insights/policies?tab=${tab}`);
      await page.getByTestId(`panel-${tab}`).getByRole("heading", { level: 2 }).first().waitFor({ state: "visible" });
      await expectNoSidewaysScroll(page, `policy insights ${tab} at 375 px`);
      await saveScreenshot(page, `policy-insights-phone-${tab}`);
    }
    await page.goto(`${h.base}/insights/policies?tab=documents`);
    expect(await widthOf(page.getByTestId("policy-documents").locator("tbody tr th").first())).toBeGreaterThanOrEqual(NAME_MIN_PX);
    await expectNoSidewaysScroll(page, "policy insights documents at 375 px");
    await expectTicksInside(page.getByTestId("chart-exposure"), "answer was in a policy (phone)");
    await expectTicksInside(page.getByTestId("chart-trend"), "shown and opened over time (phone)");
  });

  it("reads in English when the reader chose English", async () => {
    const { context, page } = await h.newPage();
    await context.addCookies([{ name: "locale", value: "en", url: h.base }]);
    await signIn(page, h.base, hrOwner.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/policies`);
    await page.getByRole("heading", { level: 1, name: "Policy insights", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("tab").allTextContents()).toEqual(["Policies", "Searches and phrasings", "Feedback", "Knowledge gaps", "Reviews and changes"]);
    await expect.poll(() => page.getByTestId("policy-documents").locator("thead th").first().textContent()).toBe("Policy");
  });

  it("the finance policy owner sees no HR document; an employee gets 403", async () => {
    const fin = await asUser(financeOwner);
    await fin.goto(`${h.base}/insights/policies`);
    await fin.getByTestId("policy-documents").waitFor();
    const finPolicies = await h.db.policy.findMany({ where: { OR: [{ lineId: financeLine.id }, { ownerDepartment: { id: financeDept.id } }] }, select: { id: true } });
    expect(finPolicies.length).toBeGreaterThan(0);
    await expect.poll(() => fin.getByTestId("policy-documents").locator("tbody tr").count()).toBe(finPolicies.length);
    const employeePage = await asUser(employee);
    const res = await employeePage.goto(`${h.base}/insights/policies`);
    expect(res?.status()).toBe(403);
  });
});
