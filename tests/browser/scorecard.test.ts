// 首问责任人考核 and 质检抽查 in Chromium: an owner sees only their own card (another owner's is refused);
// the CEO sees the owners table, the chart with its data table and the ranking, and drills into one
// owner; the QA reviewer draws last week's sample, is told which field is missing, grades, and the
// grade is listed (and counted for the owner).
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { refreshRollups } from "@/lib/analytics/rollups";
import { previousWeekStart, weekBounds } from "@/lib/qa/week";
import { DEMO_PASSWORD, demoEmail } from "@/lib/seed/demo";
import { signIn, useBrowser } from "../helpers/browser";

const h = useBrowser();

/** A question the owner answered and resolved in time, in the middle of last week. */
async function resolvedLastWeek(ownerEmail: string): Promise<string> {
  const owner = await h.db.user.findUniqueOrThrow({ where: { email: ownerEmail } });
  const asker = await h.db.user.findUniqueOrThrow({ where: { email: demoEmail("employee") } });
  const line = await h.db.businessLine.findFirstOrThrow({ orderBy: { name: "asc" } });
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
    await resolvedLastWeek(demoEmail("owner.hr"));
    await refreshRollups(h.db, new Date());
    const other = await h.db.user.findUniqueOrThrow({ where: { email: demoEmail("owner.hr2") } });
    const { page } = await h.newPage();
    await signIn(page, h.base, demoEmail("owner.hr"), DEMO_PASSWORD);
    await page.goto(`${h.base}/insights/owners`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("我的首问考核");
    await page.getByTestId("owner-first-response").waitFor();
    expect(await page.getByTestId("owners-table").count()).toBe(0);
    expect(await page.getByTestId("ranking-table").count()).toBe(0);
    await page.getByTestId("chart-owner-trend").waitFor();
    expect((await page.goto(`${h.base}/insights/owners?user=${other.id}`))!.status()).toBe(403);
  });

  it("the CEO sees every owner, a chart with its table and the ranking, and drills into one", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, demoEmail("ceo"), DEMO_PASSWORD);
    await page.goto(`${h.base}/insights/owners`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("首问责任人考核");
    await expect(page.getByTestId("owners-table").textContent()).resolves.toContain("张敏");
    await page.getByTestId("chart-owners").locator("svg").first().waitFor();
    await page.getByRole("heading", { name: "优质服务标兵（按部门排名）" }).waitFor();
    await page.getByTestId("owners-table").getByRole("link", { name: "张敏" }).click();
    await page.waitForURL((url) => url.searchParams.has("user") && url.searchParams.has("from"));
    await expect(page.getByRole("heading", { level: 2 }).first().textContent()).resolves.toContain("张敏");
    await page.getByTestId("chart-owner-trend").waitFor();
  });

  it("refuses an employee", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, demoEmail("employee"), DEMO_PASSWORD);
    expect((await page.goto(`${h.base}/insights/owners`))!.status()).toBe(403);
  });
});

describe("质检抽查", () => {
  it("draws last week's sample, names the missing field, grades, and lists the grade", async () => {
    const questionId = await resolvedLastWeek(demoEmail("owner.finance"));
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
    await signIn(page, h.base, demoEmail("qa"), DEMO_PASSWORD);
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
    // their own: when ours went to someone else, give it to the demo reviewer and show the list again.
    const qa = await h.db.user.findUniqueOrThrow({ where: { email: demoEmail("qa") } });
    if (review.reviewerId !== qa.id) {
      await h.db.qaReview.update({ where: { id: review.id }, data: { reviewerId: qa.id } });
      await page.reload();
    }
    const card = page.getByTestId(`qa-review-${review.id}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain("按惯例答复（考核浏览器测试）");
    const form = page.getByTestId(`grade-form-${review.id}`);
    await form.getByRole("button", { name: "提交评分" }).click();
    await expect(page.getByTestId(`grade-form-${review.id}-error`).textContent()).resolves.toContain("请选择 1–5 分");
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
    await signIn(page, h.base, demoEmail("owner.hr"), DEMO_PASSWORD);
    expect((await page.goto(`${h.base}/qa`))!.status()).toBe(403);
  });
});
