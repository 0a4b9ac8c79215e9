// Issue 18 "Done when" journey (b), in Chromium: a question with short limits escalates (a real sweep
// over the portal's database) to a manager, who finds it under 升级给我 on /queue, sees the current
// level with its own deadline, and reassigns it with a note; the new owner resolves it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileQuestion } from "@/lib/questions/file-question";
import { fmt } from "@/lib/questions/labels";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
// A refresh after a submit re-renders on the server; on a busy machine that takes more than a second.
const WAIT = { timeout: 15_000 };

describe("journey (b): escalated manager reassigns, the new owner resolves", () => {
  it("escalates, is reassigned with a note from the question page, and is resolved by the new owner", { timeout: 180_000 }, async () => {
    const db = h.db;
    const tag = randomUUID().slice(0, 4);
    const head = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: `采购经理${tag}`, password: TEST_PASSWORD });
    const dept = await makeDepartment(db, { managerId: head.id });
    await db.user.update({ where: { id: head.id }, data: { departmentId: dept.id } });
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, name: `原责任人${tag}` });
    const newOwner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, name: `新责任人${tag}`, password: TEST_PASSWORD });
    const asker = await makeUser(db, { departmentId: dept.id });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 2, resolutionMinutes: 2, escalationMinutes: 2 } });
    // Filed ten days ago with 2-minute limits: long past due, whatever the calendar says.
    const filed = await fileQuestion(ctxOf(db, asker, new Date(Date.now() - 10 * 86_400_000)), {
      idempotencyKey: randomUUID(),
      body: `供应商付款审批卡住了，谁来处理 ${tag}`,
      lineId: line.id,
      contactName: asker.name,
      namedOwnerId: owner.id,
      askSessionId: (await makeSearchedAskSession(db, asker.id)).id,
    });
    await sweepEscalations(db, new Date());
    const level1 = await db.escalation.findUniqueOrThrow({ where: { questionId_level: { questionId: filed.id, level: 1 } } });
    expect(level1.toUserId).toBe(head.id);

    // The manager: 升级给我 on /queue, then the question page.
    const { page } = await h.newPage();
    await signIn(page, h.base, head.email, TEST_PASSWORD);
    await page.goto(`${h.base}/queue`);
    const item = page.getByTestId("escalated-to-me").getByRole("link", { name: new RegExp(`Q-${String(filed.number).padStart(6, "0")}`) });
    await item.click();
    await page.waitForURL(`**/questions/${filed.id}`);
    const panel = page.getByTestId("escalation-panel");
    await expect.poll(() => panel.getByTestId("escalation-level").textContent(), WAIT).toContain(`当前第 1 级：${head.name}`);
    // The current level's own deadline, not the level-0 one.
    await expect.poll(() => panel.getByTestId("escalation-due").textContent(), WAIT).toContain(fmt(level1.dueAt));
    // The action forms are one component: an empty instruction sent from the keyboard is refused with
    // the field's reason, announced to screen readers, and nothing is recorded.
    const instruct = page.getByTestId("escalation-instruct");
    await instruct.getByLabel(/督办意见/).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => instruct.getByRole("alert").textContent(), WAIT).toContain("请写明督办意见");
    expect(await db.questionEvent.count({ where: { questionId: filed.id, type: "INSTRUCTED" } })).toBe(0);
    await panel.locator("summary", { hasText: "改派" }).click();
    const form = page.getByTestId("escalation-reassign");
    await form.getByLabel("新的首问责任人").selectOption(newOwner.id);
    await form.getByLabel(/改派说明/).fill("他负责这家供应商的合同，请今天联系提问人");
    const answered = page.waitForResponse((r) => r.url().endsWith("/reassign"));
    await form.getByRole("button", { name: "改派" }).click();
    expect((await answered).status()).toBe(200);
    // The owner shown changes (a refusal would show its reason in the form instead).
    await expect.poll(async () => (await page.getByTestId("escalation-reassign-error").count()) ? await page.getByTestId("escalation-reassign-error").textContent() : await page.getByTestId("question-owner").textContent(), WAIT).toBe(newOwner.name);
    const reassigned = await db.questionEvent.findFirstOrThrow({ where: { questionId: filed.id, type: "REASSIGNED" } });
    expect(reassigned).toMatchObject({ actorId: head.id, data: { toUserId: newOwner.id, note: "他负责这家供应商的合同，请今天联系提问人" } });

    // The new owner resolves it from the same page.
    const second = await h.newPage();
    await signIn(second.page, h.base, newOwner.email, TEST_PASSWORD);
    await second.page.goto(`${h.base}/questions/${filed.id}`);
    // The workspace composer: choose its 办结 action first.
    await second.page.getByTestId("tab-resolve").click();
    const resolve = second.page.getByTestId("resolve-form");
    await resolve.getByLabel("无制度").check();
    await resolve.getByLabel(/说明/).fill("制度没有覆盖供应商提前付款，已按特批流程处理");
    await resolve.getByRole("button", { name: "办结" }).click();
    await expect.poll(() => second.page.getByTestId("question-status").textContent(), WAIT).toBe("已办结");
    const done = await db.question.findUniqueOrThrow({ where: { id: filed.id } });
    expect(done).toMatchObject({ status: "RESOLVED", ownerId: newOwner.id });
  });
});
