// The policy-owner view in Chromium: the HR policy owner sees their documents with a chart and its data
// table, acknowledges a 无制度 gap and marks a document for revision; the finance owner does not see HR's
// documents; an employee gets the 403 page.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { policyRollup } from "@/lib/analytics/policy-rollup";
import { DEMO_PASSWORD, demoEmail } from "@/lib/seed/demo";
import { signIn, useBrowser } from "../helpers/browser";

const h = useBrowser();

async function asUser(key: string): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, demoEmail(key), DEMO_PASSWORD);
  return page;
}

/** A 无制度 question of the HR 条线, resolved now, and its gap (as resolveQuestion leaves them). */
async function hrGap(body: string): Promise<string> {
  const line = await h.db.businessLine.findUniqueOrThrow({ where: { code: "hr" } });
  const asker = await h.db.user.findUniqueOrThrow({ where: { email: demoEmail("employee") } });
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
    const page = await asUser("policy.hr");
    await page.goto(`${h.base}/insights/policies`);
    await page.getByRole("heading", { name: "制度洞察" }).waitFor();
    await page.getByTestId("range-form").waitFor({ state: "visible" });
    const docs = page.getByTestId("policy-documents");
    await docs.waitFor();
    // Only 人力资源 documents (and those the HR department owns) are listed.
    const lines = await docs.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    const hrPolicies = await h.db.policy.findMany({ where: { OR: [{ line: { code: "hr" } }, { ownerDepartment: { code: "hr" } }] }, select: { id: true } });
    expect(await docs.locator("tbody tr").count()).toBe(hrPolicies.length);
    // A document's name keeps room for about ten characters a line (it was squeezed to two).
    const nameWidth = await docs.locator("tbody tr th").first().evaluate((el) => el.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThanOrEqual(170);
    // The trend chart carries its numbers as a table too.
    const trend = page.getByTestId("chart-trend");
    await trend.locator("summary").click();
    expect(await trend.locator("table tbody tr").count()).toBe(30);

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
    // Leave the demo data as it was.
    await h.db.policy.update({ where: { id: policyId }, data: { needsRevision: false } });
  });

  it("the finance policy owner sees no HR document; an employee gets 403", async () => {
    const fin = await asUser("policy.finance");
    await fin.goto(`${h.base}/insights/policies`);
    await fin.getByTestId("policy-documents").waitFor();
    const finPolicies = await h.db.policy.findMany({ where: { OR: [{ line: { code: "finance" } }, { ownerDepartment: { code: "finance" } }] }, select: { id: true } });
    expect(await fin.getByTestId("policy-documents").locator("tbody tr").count()).toBe(finPolicies.length);
    const employee = await asUser("employee");
    const res = await employee.goto(`${h.base}/insights/policies`);
    expect(res?.status()).toBe(403);
  });
});
