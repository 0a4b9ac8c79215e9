// The sweep cannot starve (issue 14, item 5): 600 questions stuck at the top of the org chart (past due,
// nobody above their holder) stay open and have the earliest deadlines; a batch of 500 ordered by due
// time used to be all of them, so a newer question was never warned or escalated.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const MINUTE = 60_000;

beforeAll(async () => {
  // Working time all day, every day of this test, so shares of a window do not depend on when it runs.
  await t.db.appSetting.create({ data: { key: "calendar.hours", value: { start: 0, end: 1440 } } });
  for (let d = -40; d <= 3; d++) {
    const date = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    await t.db.calendarOverride.create({ data: { date: new Date(`${date}T00:00:00Z`), isWorkday: true } });
  }
});

describe("the time-limit sweep with 600 questions stuck at the top", () => {
  it("still warns and escalates a new question, and leaves the stuck ones alone", { timeout: 300_000 }, async () => {
    const db = t.db;
    const ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
    const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
    const hrManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
    const hr = await makeDepartment(db, { parentId: company.id, managerId: hrManager.id });
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id });
    const asker = await makeUser(db, { departmentId: hr.id });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    const now = Date.now();

    // Held by the CEO (nobody above), a month past due: the sweep can do nothing more with them.
    await db.question.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        askerId: asker.id,
        idempotencyKey: randomUUID(),
        body: `卡在最高层的问题 ${i}`,
        lineId: line.id,
        ownerId: ceo.id,
        status: "IN_PROGRESS" as const,
        contactName: asker.name,
        createdAt: new Date(now - 35 * 86_400_000 + i * MINUTE),
        resolutionDueAt: new Date(now - 30 * 86_400_000 + i * MINUTE),
      })),
    });
    // The worker has been running: these passes find nothing to do with them.
    for (let pass = 0; pass < 2; pass++) expect(await sweepEscalations(db, new Date(now))).toEqual({ warned: 0, escalated: 0, firstResponseBreached: 0, handoffsExpired: 0 });

    // Two new questions held by an owner whose manager is above them: one past due, one 60 % through.
    const file = async (filedAt: number) =>
      fileQuestion(ctxOf(db, asker, new Date(filedAt)), { askSessionId: (await makeSearchedAskSession(db, asker.id)).id, idempotencyKey: randomUUID(), body: "报销单被退回三次，没有人告诉我原因", lineId: line.id, contactName: asker.name, namedOwnerId: owner.id });
    const breached = await file(now - 120 * MINUTE);
    await db.question.update({ where: { id: breached.id }, data: { resolutionDueAt: new Date(now - 20 * MINUTE) } });
    const halfway = await file(now - 60 * MINUTE);
    await db.question.update({ where: { id: halfway.id }, data: { resolutionDueAt: new Date(now + 40 * MINUTE) } });

    const result = await sweepEscalations(db, new Date(now + MINUTE));
    const escalation = await db.escalation.findMany({ where: { questionId: breached.id } });
    const warnings = await db.questionEvent.findMany({ where: { questionId: halfway.id, type: "WARNED" } });
    console.log(`[sweep] after 600 stuck questions: ${JSON.stringify(result)}; new breached question escalated ${escalation.length}×, halfway question warned ${warnings.length}×`);
    expect(escalation.map((e) => e.toUserId)).toEqual([hrManager.id]);
    expect(warnings.map((w) => (w.data as { threshold: number }).threshold)).toEqual([50]);
    expect(result).toEqual({ warned: 1, escalated: 1, firstResponseBreached: 0, handoffsExpired: 0 });
    // The stuck ones were not touched again, and nothing happened to them.
    expect(await db.questionEvent.count({ where: { question: { ownerId: ceo.id } } })).toBe(0);
  });
});
