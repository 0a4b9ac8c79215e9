// The asker's own question page, in Chromium, shows who an overdue question was escalated to
// (issue 5: "the asker's page shows the escalation"), after a real sweep over the portal's database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();

describe("escalation as the asker sees it", () => {
  it("an overdue question shows 已升级至 <manager> on the asker's page", async () => {
    const db = h.db;
    const head = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: `升级接收人${randomUUID().slice(0, 4)}` });
    const dept = await makeDepartment(db, { managerId: head.id });
    await db.user.update({ where: { id: head.id }, data: { departmentId: dept.id } });
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
    const asker = await makeUser(db, { departmentId: dept.id, password: TEST_PASSWORD });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 2, resolutionMinutes: 2, escalationMinutes: 2 } });
    // Filed ten days ago with a 2-minute limit: long past due, whatever the calendar says.
    const filed = await fileQuestion(ctxOf(db, asker, new Date(Date.now() - 10 * 86_400_000)), {
      idempotencyKey: randomUUID(),
      body: "差旅补贴标准一直没有人答复",
      lineId: line.id,
      contactName: asker.name,
      askSessionId: (await makeSearchedAskSession(db, asker.id)).id,
    });

    const { page } = await h.newPage();
    await signIn(page, h.base, asker.email, TEST_PASSWORD);
    await page.goto(`${h.base}/questions/${filed.id}`);
    await expect(page.getByText(/已升级至/).count()).resolves.toBe(0);

    await sweepEscalations(db, new Date());
    expect((await db.escalation.findMany({ where: { questionId: filed.id } })).map((e) => e.toUserId)).toEqual([head.id]);
    await page.reload();
    await page.getByText(`已升级至 ${head.name}`).waitFor({ state: "visible" });
  });
});
