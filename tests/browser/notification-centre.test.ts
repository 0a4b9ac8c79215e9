// Journey (c) of issue 18 in Chromium: a manager's bell counts the unread notices of a question that
// escalated to them (a real sweep) and of a 75 % warning; the centre shows texts that carry the facts
// (number, first line of the matter, level, how late / how long left, what to do), rows link to the
// question, and marking read (one, then all) empties the badge.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileQuestion } from "@/lib/questions/file-question";
import { notifyInApp } from "@/lib/questions/events";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();

describe("notification centre", () => {
  it("the bell counts the unread; escalation and warning texts carry the facts; read marks stick", async () => {
    const db = h.db;
    const run = randomBytes(3).toString("hex");
    const head = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: `区域总${run}`, password: TEST_PASSWORD });
    const dept = await makeDepartment(db, { managerId: head.id });
    await db.user.update({ where: { id: head.id }, data: { departmentId: dept.id } });
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, name: `首问${run}` });
    const asker = await makeUser(db, { departmentId: dept.id });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 2, resolutionMinutes: 2, escalationMinutes: 600 } });
    const firstLine = `差旅补贴标准 ${run} 一直没有人答复`;
    // Filed ten days ago with a 2-minute limit: long past due, whatever the calendar says.
    const filed = await fileQuestion(ctxOf(db, asker, new Date(Date.now() - 10 * 86_400_000)), {
      idempotencyKey: randomUUID(),
      body: `${firstLine}\n出差三天，酒店超标 200 元，补贴怎么算？`,
      lineId: line.id,
      contactName: asker.name,
      askSessionId: (await makeSearchedAskSession(db, asker.id)).id,
    });
    const q = await db.question.findUniqueOrThrow({ where: { id: filed.id } });
    const qn = `Q-${String(q.number).padStart(6, "0")}`;

    // The real sweep escalates it to the owner's manager (question.escalated to them).
    await sweepEscalations(db, new Date());
    expect((await db.escalation.findMany({ where: { questionId: q.id } })).map((e) => e.toUserId)).toEqual([head.id]);
    // And the 75 % warning of the new level, as the sweep writes it for the manager.
    const due = new Date(Date.now() + 3 * 3600_000 + 30_000);
    await db.$transaction((tx) => notifyInApp(tx, head.id, "deadline.warning", q.id, `journey-c:${q.id}`, { number: q.number, threshold: 75, due: due.toISOString(), level: 1 }));
    // The sweep also told the manager that the first response was missed (issue 18 point 2).
    const unreadKinds = (await db.notification.findMany({ where: { userId: head.id, channel: "IN_APP", readAt: null }, select: { kind: true } })).map((n) => n.kind).sort();
    expect(unreadKinds).toEqual(["deadline.warning", "question.escalated", "question.first-response-breach"]);

    const { page } = await h.newPage();
    await signIn(page, h.base, head.email, TEST_PASSWORD);
    const bell = page.getByTestId("inbox-link");
    await expect.poll(() => page.getByTestId("inbox-badge").textContent()).toBe("3");
    // Named by what it shows, the count's unit for screen readers only.
    await page.getByRole("link", { name: "通知 3 条未读", exact: true }).waitFor();

    await bell.click();
    await page.waitForURL(/\/notifications$/);
    await expect.poll(() => page.getByTestId("inbox-item-unread").count()).toBe(3);
    const escalated = page.locator('[data-kind="question.escalated"]');
    const text = (await escalated.textContent()) ?? "";
    expect(text).toContain(`问题 ${qn} 已升级至第 1 级`);
    expect(text).toContain(`“${firstLine}”`);
    expect(text).not.toContain("酒店超标"); // the first line only
    expect(text).toMatch(/本级办结 \d\d-\d\d \d\d:\d\d（(还有|已超时) [^）]+）/);
    expect(text).toContain("请你：请在问题页督办：指示责任人、改派他人、延长时限（写明理由）或接手办结。");

    const warning = page.locator('[data-kind="deadline.warning"]');
    const warningText = (await warning.textContent()) ?? "";
    expect(warningText).toContain(`时限预警 75%：${qn} 尚未办结`);
    expect(warningText).toContain("已用去 75% 的第 1 级升级后的办结时限");
    // Due 3 h 30 s after the row was written: what is left rounds up to the started minute.
    expect(warningText).toMatch(/办结 \d\d-\d\d \d\d:\d\d（还有 3 小时( 1 分钟)?）/);
    expect(warningText).toContain("请你：请尽快答复提问人、索要材料或办结");

    // Mark the warning read: two left, in the list and on the bell.
    const warningId = (await db.notification.findFirstOrThrow({ where: { userId: head.id, kind: "deadline.warning", channel: "IN_APP" } })).id;
    await page.getByTestId(`inbox-mark-${warningId}`).locator("button").click();
    await expect.poll(() => page.getByTestId("inbox-item-unread").count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("inbox-badge").textContent()).toBe("2");
    expect(await db.notification.count({ where: { userId: head.id, channel: "IN_APP", readAt: null } })).toBe(2);

    // The row links to the question.
    await escalated.getByTestId("inbox-item-link").click();
    await page.waitForURL(new RegExp(`/questions/${q.id}$`));

    await page.goto(`${h.base}/notifications`);
    await page.getByTestId("inbox-mark-all").locator("button").click();
    await expect.poll(() => page.getByTestId("inbox-item-unread").count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("inbox-badge").count()).toBe(0);
    expect(await db.notification.count({ where: { userId: head.id, channel: "IN_APP", readAt: null } })).toBe(0);
  });

  it("a 钉钉 signing secret is saved from the settings form and never shown back in full", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const secret = `SEC${randomBytes(24).toString("hex")}`;
    const { page } = await h.newPage();
    await signIn(page, h.base, user.email, TEST_PASSWORD);
    await page.goto(`${h.base}/settings/notifications`);
    await expect.poll(() => page.getByTestId("dingtalk-secret-hint").textContent()).toBe("未设置密钥：消息不签名");
    await page.locator('input[name="dingtalk-enabled"]').check();
    await page.locator('input[name="dingtalk-address"]').fill("https://oapi.dingtalk.com/robot/send?access_token=abc");
    await page.getByLabel("加签密钥（可选）").first().fill(secret);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    const stored = () => h.db.notificationPreference.findFirst({ where: { userId: user.id, channel: "DINGTALK" } });
    expect((await stored())?.secret).toBe(secret);

    await page.reload();
    await expect.poll(() => page.getByTestId("dingtalk-secret-hint").textContent()).toBe(`已保存密钥：••••${secret.slice(-4)}`);
    expect(await page.locator('input[name="dingtalk-secret"]').inputValue()).toBe("");
    expect(await page.content()).not.toContain(secret.slice(0, 16));
    const api = await page.request.get(`${h.base}/api/settings/notifications`);
    expect(await api.text()).not.toContain(secret.slice(0, 16));

    // Saved again with the field empty: kept. Removed on request.
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    expect((await stored())?.secret).toBe(secret);
    await page.locator('input[name="dingtalk-clear-secret"]').check();
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(async () => (await stored())?.secret ?? null).toBeNull();
    await expect.poll(() => page.getByTestId("dingtalk-secret-hint").textContent()).toBe("未设置密钥：消息不签名");
  });
});
