// The policy-owner view in Chromium: the policy owner of one 条线 (here "HR", made by this file) sees
// their documents with a chart and its data table, acknowledges a 无制度 gap and marks a document for
// revision; the owner of another 条线 ("finance") does not see HR's documents; an employee gets the
// 403 page.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { policyRollup } from "@/lib/analytics/policies/rollup";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makePolicy, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const tag = randomUUID().slice(0, 6);

type U = Awaited<ReturnType<typeof makeUser>>;
type Line = Awaited<ReturnType<typeof makeLine>>;
type Dept = Awaited<ReturnType<typeof makeDepartment>>;
let hrOwner: U, financeOwner: U, employee: U;
let hrLine: Line, financeLine: Line;
let hrDept: Dept, financeDept: Dept;

const CLAUSES = "#### 第一条\n\n员工享有带薪年休假。\n\n#### 第二条\n\n年休假按工龄计算。\n\n#### 第三条\n\n外派人员另有补贴标准。\n";

beforeAll(async () => {
  hrDept = await makeDepartment(h.db, { name: `人力资源${tag}` });
  financeDept = await makeDepartment(h.db, { name: `财务${tag}` });
  hrLine = await makeLine(h.db, { name: `人力条线${tag}`, policyOwnerDeptId: hrDept.id });
  financeLine = await makeLine(h.db, { name: `财务条线${tag}`, policyOwnerDeptId: financeDept.id });
  for (const title of [`年休假管理办法${tag}`, `外派人员管理规定${tag}`]) {
    await makePolicy(h.db, { lineName: hrLine.name, ownerName: hrDept.name, title, body: `# ${title}\n\n${CLAUSES}` });
  }
  await makePolicy(h.db, { lineName: financeLine.name, ownerName: financeDept.name, title: `差旅报销办法${tag}`, body: `# 差旅报销办法\n\n${CLAUSES}` });
  hrOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hrDept.id, password: TEST_PASSWORD });
  financeOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: financeDept.id, password: TEST_PASSWORD });
  employee = await makeUser(h.db, { password: TEST_PASSWORD });
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
    const lines = await docs.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    const hrPolicies = await h.db.policy.findMany({ where: { OR: [{ lineId: hrLine.id }, { ownerDepartment: { id: hrDept.id } }] }, select: { id: true } });
    expect(hrPolicies.length).toBeGreaterThan(0);
    await expect.poll(() => docs.locator("tbody tr").count()).toBe(hrPolicies.length);
    // A document's name keeps room for about ten characters a line (it was squeezed to two).
    const nameWidth = await docs.locator("tbody tr th").first().evaluate((el) => el.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThanOrEqual(170);
    // The trend chart carries its numbers as a table too.
    const trend = page.getByTestId("chart-trend");
    await trend.locator("summary").click();
    await expect.poll(() => trend.locator("table tbody tr").count()).toBe(30);

    // Acknowledge the gap.
    const row = page.getByTestId(`gap-${gapId}`);
    await row.locator("summary").click();
    await row.getByTestId(`ack-gap-${gapId}`).locator("textarea").fill("下季度补充外派补贴制度");
    await row.getByTestId(`ack-gap-${gapId}`).getByRole("button").click();
    await expect.poll(async () => (await h.db.knowledgeGap.findUniqueOrThrow({ where: { id: gapId } })).status, { timeout: 10_000 }).toBe("ACKNOWLEDGED");
    await page.getByTestId(`gap-${gapId}`).getByText("已确认").waitFor();

    // Drill into the first document and mark it for revision (a note is required).
    const first = docs.locator("tbody tr th a").first();
    const href = (await first.getAttribute("href"))!;
    const policyId = new URL(href, h.base).searchParams.get("policy")!;
    await page.goto(`${h.base}${href}`);
    await page.getByTestId("policy-clauses").waitFor();
    const form = page.getByTestId(`revision-${policyId}`);
    await page.locator("#clauses details summary").last().click();
    await form.getByRole("button").click(); // empty note: refused by the browser (required) or the server
    expect((await h.db.policy.findUniqueOrThrow({ where: { id: policyId } })).needsRevision).toBe(false);
    await form.locator("textarea").fill("第三条的标准与新规定不一致");
    await form.getByRole("button").click();
    await expect.poll(async () => (await h.db.policy.findUniqueOrThrow({ where: { id: policyId } })).needsRevision, { timeout: 10_000 }).toBe(true);
    await page.getByTestId(`review-${policyId}`).getByText("第三条的标准与新规定不一致", { exact: false }).waitFor();
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
