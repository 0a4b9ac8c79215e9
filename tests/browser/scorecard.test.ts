// 首问责任人考核 and 质检抽查 in Chromium: an owner sees only their own card (another owner's is refused);
// the CEO sees the owners table, the chart with its data table and the ranking, and drills into one
// owner; the QA reviewer draws last week's sample, is told which field is missing, grades, and the
// grade is listed (and counted for the owner). The scorecard fits a phone (its wide tables scroll in
// their own box). The organisation is this file's own: a company root managed by its "CEO", an HR and
// a finance department with their owners, an employee and a QA reviewer.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { refreshRollups } from "@/lib/analytics/rollup/registry";
import { previousWeekStart, weekBounds } from "@/lib/qa/week";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { expectNoSidewaysScroll, expectTicksInside, PHONE, saveScreenshot } from "../helpers/layout";

const h = useBrowser();
const tag = randomUUID().slice(0, 6);

type U = Awaited<ReturnType<typeof makeUser>>;
let ceo: U, ownerHr: U, ownerHr2: U, ownerFinance: U, employee: U, qaUser: U;
let lineId: string;

beforeAll(async () => {
  ceo = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD, name: `总经理${tag}` });
  const company = await makeDepartment(h.db, { name: `考核公司${tag}`, kind: "COMPANY", managerId: ceo.id });
  await h.db.user.update({ where: { id: ceo.id }, data: { departmentId: company.id } });
  const hr = await makeDepartment(h.db, { name: `考核人力${tag}`, parentId: company.id });
  const finance = await makeDepartment(h.db, { name: `考核财务${tag}`, parentId: company.id });
  const owner = (name: string, departmentId: string) => makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId, password: TEST_PASSWORD, name });
  ownerHr = await owner(`张敏${tag}`, hr.id);
  ownerHr2 = await owner(`赵磊${tag}`, hr.id);
  ownerFinance = await owner(`钱芳${tag}`, finance.id);
  employee = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: hr.id });
  qaUser = await makeUser(h.db, { roles: ["EMPLOYEE", "QA_REVIEWER"], password: TEST_PASSWORD });
  lineId = (await makeLine(h.db, { ownerIds: [ownerHr.id, ownerHr2.id] })).id;
});

/** A question the owner answered and resolved in time, in the middle of last week. */
async function resolvedLastWeek(owner: U): Promise<string> {
  const asker = employee;
  const line = { id: lineId };
  const start = new Date(weekBounds(previousWeekStart(new Date())).start.getTime() + 2 * 86_400_000 + 2 * 3600_000); // Wednesday 10:00
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const q = await h.db.question.create({
    data: {
      askerId: asker.id, idempotencyKey: randomUUID(), body: "出差住宿超标如何报销？（考核浏览器测试）", lineId: line.id, contactName: asker.name,
      ownerId: owner.id, status: "RESOLVED", createdAt: at(0), firstResponseDueAt: at(240), firstRespondedAt: at(20), resolutionDueAt: at(960),
      resolvedAt: at(90), resolutionKind: "NO_POLICY", resolutionNote: "按惯例答复（考核浏览器测试）",
    },
  });
  await h.db.questionOwnership.create({ data: { questionId: q.id, userId: owner.id, via: "ROUTED", startedAt: at(0) } });
  await h.db.reply.create({ data: { questionId: q.id, authorId: owner.id, body: "请提供酒店发票和超标说明。", checklist: [], createdAt: at(20) } });
  return q.id;
}

describe("首问责任人考核", () => {
  it("an owner sees only their own card; another owner's is refused", async () => {
    await resolvedLastWeek(ownerHr);
    await refreshRollups(h.db, new Date());
    const other = ownerHr2;
    const { page } = await h.newPage();
    await signIn(page, h.base, ownerHr.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/owners`);
    await page.getByRole("heading", { level: 1, name: "我的首问考核", exact: true }).waitFor();
    await page.getByTestId("owner-first-response").waitFor();
    await page.getByTestId("chart-owner-trend").waitFor();
    // Checked once the page has drawn its own card: the company-wide tables are not on it.
    expect(await page.getByTestId("owners-table").count()).toBe(0);
    expect(await page.getByTestId("ranking-table").count()).toBe(0);
    expect((await page.goto(`${h.base}/insights/owners?user=${other.id}`))!.status()).toBe(403);
  });

  it("the CEO sees every owner, a chart with its table and the ranking, and drills into one", async () => {
    await resolvedLastWeek(ownerHr);
    await refreshRollups(h.db, new Date());
    const { page } = await h.newPage();
    await signIn(page, h.base, ceo.email, TEST_PASSWORD);
    await page.goto(`${h.base}/insights/owners`);
    await page.getByRole("heading", { level: 1, name: "首问责任人考核", exact: true }).waitFor();
    await page.getByTestId("owners-table").getByRole("link", { name: ownerHr.name }).waitFor();
    await page.getByTestId("chart-owners").locator("svg").first().waitFor();
    await page.getByRole("heading", { name: "优质服务标兵（按部门排名）" }).waitFor();
    await page.getByTestId("owners-table").getByRole("link", { name: ownerHr.name }).click();
    await page.waitForURL((url) => url.searchParams.has("user") && url.searchParams.has("from"));
    await page.getByRole("heading", { level: 2, name: ownerHr.name }).waitFor();
    await page.getByTestId("chart-owner-trend").waitFor();
  });

  it("fits a phone: the CEO's view and one owner's card, with labels inside the charts", { timeout: 120_000 }, async () => {
    await resolvedLastWeek(ownerHr);
    await refreshRollups(h.db, new Date());
    const { page } = await h.newPage();
    await signIn(page, h.base, ceo.email, TEST_PASSWORD);
    await page.setViewportSize(PHONE);
    await page.goto(`${h.base}/insights/owners`);
    await page.getByTestId("chart-owners").locator("svg.recharts-surface").first().waitFor();
    await expectNoSidewaysScroll(page, "scorecard at 375 px");
    await expectTicksInside(page.getByTestId("chart-owners"), "time limits met by owner (phone)");
    const table = page.getByTestId("owners-table");
    const box = await table.evaluate((el) => ({ overflowX: getComputedStyle(el.parentElement!).overflowX, wider: el.parentElement!.scrollWidth > el.parentElement!.clientWidth }));
    expect(box).toEqual({ overflowX: "auto", wider: true });
    await saveScreenshot(page, "owners-phone");
    await page.goto(`${h.base}/insights/owners?user=${ownerHr.id}`);
    await page.getByTestId("chart-owner-trend").locator("svg.recharts-surface").first().waitFor();
    await expectNoSidewaysScroll(page, "one owner's scorecard at 375 px");
    await expectTicksInside(page.getByTestId("chart-owner-trend"), "one owner's trend (phone)");
    await saveScreenshot(page, "owners-phone-owner");
  });

  it("refuses an employee", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, employee.email, TEST_PASSWORD);
    expect((await page.goto(`${h.base}/insights/owners`))!.status()).toBe(403);
  });
});

describe("质检抽查", () => {
  it("draws last week's sample, names the missing field, grades, and lists the grade", async () => {
    const questionId = await resolvedLastWeek(ownerFinance);
    // Large enough that every question of last week's finance department is drawn, ours included.
    await h.db.appSetting.upsert({ where: { key: "qa.sampleSize" }, create: { key: "qa.sampleSize", value: 50 }, update: { value: 50 } });
    try {
      await drawAndGrade(questionId);
    } finally {
      await h.db.appSetting.delete({ where: { key: "qa.sampleSize" } });
    }
  });

  async function drawAndGrade(questionId: string) {
    const { page } = await h.newPage();
    await signIn(page, h.base, qaUser.email, TEST_PASSWORD);
    await page.goto(`${h.base}/qa`);
    await page.getByTestId("qa-draw-form").getByRole("button").click();
    const weekStart = new Date(`${previousWeekStart(new Date())}T00:00:00Z`);
    const review = await vi.waitFor(
      async () => {
        const r = await h.db.qaReview.findUnique({ where: { questionId_weekStart: { questionId, weekStart } } });
        if (!r) throw new Error("the question was not drawn");
        return r;
      },
      { timeout: 10_000, interval: 200 },
    );
    // The draw assigns reviews round-robin over every active QA reviewer, and other test files make
    // their own: when ours went to someone else, give it to this file's reviewer and show the list again.
    const qa = qaUser;
    if (review.reviewerId !== qa.id) {
      await h.db.qaReview.update({ where: { id: review.id }, data: { reviewerId: qa.id } });
      await page.reload();
    }
    const card = page.getByTestId(`qa-review-${review.id}`);
    await card.waitFor();
    await card.getByText("按惯例答复（考核浏览器测试）").first().waitFor();
    const form = page.getByTestId(`grade-form-${review.id}`);
    await form.getByRole("button", { name: "提交评分" }).click();
    await page.getByTestId(`grade-form-${review.id}-error`).filter({ hasText: "请选择 1–5 分" }).waitFor();
    await form.getByLabel("4 良好").check();
    await form.getByLabel(/评语/).fill("一次性告知到位");
    await form.getByRole("button", { name: "提交评分" }).click();
    await expect.poll(async () => (await h.db.qaReview.findUniqueOrThrow({ where: { id: review.id } })).grade).toBe(4);
    await page.getByRole("heading", { name: /我最近的评分/ }).waitFor();
    // The list re-renders after the save: poll until the graded card shows the grade.
    await expect.poll(() => page.getByTestId(`qa-review-${review.id}`).textContent(), { timeout: 10_000 }).toContain("评分：4 分");
    expect(await h.db.auditLog.count({ where: { action: "qa.grade", target: review.id } })).toBe(1);
  }

  it("refuses the page to an owner", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, ownerHr.email, TEST_PASSWORD);
    expect((await page.goto(`${h.base}/qa`))!.status()).toBe(403);
  });
});
