// Issue 18 point 5: the asker marks a question 紧急 with a reason, or a needed-by date sooner than the
// normal limit forces it; the owner or their manager confirms or lowers it (audited, notified), and the
// urgent limits then apply to the deadlines and the escalation. Real PostgreSQL.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { changeUrgency } from "@/lib/questions/change-urgency";
import { fileQuestion, NEEDED_BY_FORCES_URGENT } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const MINUTE = 60_000;
const minuteNow = () => new Date(Math.floor(Date.now() / MINUTE) * MINUTE);

beforeAll(async () => {
  await t.db.appSetting.create({ data: { key: "calendar.hours", value: { start: 0, end: 1440 } } });
  for (let d = -3; d <= 40; d++) {
    const date = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    await t.db.calendarOverride.create({ data: { date: new Date(`${date}T00:00:00Z`), isWorkday: true } });
  }
});

async function setup() {
  const db = t.db;
  const head = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  const dept = await makeDepartment(db, { managerId: head.id });
  await db.user.update({ where: { id: head.id }, data: { departmentId: dept.id } });
  const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
  const other = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
  const asker = await makeUser(db, { departmentId: dept.id });
  const line = await makeLine(db, { ownerIds: [owner.id] });
  await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 240, resolutionMinutes: 14_400, escalationMinutes: 480 } });
  await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "URGENT", firstResponseMinutes: 30, resolutionMinutes: 120, escalationMinutes: 60 } });
  const file = async (at: Date, extra: Record<string, unknown> = {}) =>
    fileQuestion(ctxOf(db, asker, at), { idempotencyKey: randomUUID(), body: "供应商明天要求付款，合同审批还没走完怎么办？", lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(db, asker.id, { at })).id, ...extra });
  return { head, owner, other, asker, line, file };
}
const row = (id: string) => t.db.question.findUniqueOrThrow({ where: { id } });

describe("urgency at filing", () => {
  it("the asker's 紧急 with a reason gets the urgent limits; without a reason it is refused, naming the field", async () => {
    const s = await setup();
    const at = minuteNow();
    await expect(s.file(at, { urgent: true })).rejects.toMatchObject({ fields: { urgentReason: "标记紧急时请写明理由" } });
    const q = await row((await s.file(at, { urgent: true, urgentReason: "供应商明天停止供货" })).id);
    expect(q).toMatchObject({ priority: "URGENT", urgentReason: "供应商明天停止供货" });
    expect(q.firstResponseDueAt?.toISOString()).toBe(new Date(at.getTime() + 30 * MINUTE).toISOString());
    expect(q.resolutionDueAt?.toISOString()).toBe(new Date(at.getTime() + 120 * MINUTE).toISOString());
  });

  it("a needed-by date sooner than the normal limit forces urgency; a later one does not", async () => {
    const s = await setup();
    const at = minuteNow();
    const day = (d: number) => new Date(at.getTime() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    const soon = await row((await s.file(at, { neededBy: day(2) })).id);
    expect(soon).toMatchObject({ priority: "URGENT", urgentReason: NEEDED_BY_FORCES_URGENT });
    const later = await row((await s.file(at, { neededBy: day(30) })).id);
    expect(later).toMatchObject({ priority: "NORMAL", urgentReason: null });
    expect(later.resolutionDueAt?.toISOString()).toBe(new Date(at.getTime() + 14_400 * MINUTE).toISOString());
  });
});

describe("confirming or lowering urgency", () => {
  it("the owner lowers it: normal deadlines from the filing time, an event, the asker told", async () => {
    const s = await setup();
    const at = new Date(minuteNow().getTime() - 10 * MINUTE);
    const q = await row((await s.file(at, { urgent: true, urgentReason: "明天付款" })).id);
    await changeUrgency(ctxOf(t.db, s.owner), { questionId: q.id, expectedVersion: q.version, urgent: false, reason: "合同可延期一周，不算紧急" });
    const after = await row(q.id);
    expect(after).toMatchObject({ priority: "NORMAL", urgentReason: null, version: q.version + 1 });
    expect(after.resolutionDueAt?.toISOString()).toBe(new Date(at.getTime() + 14_400 * MINUTE).toISOString());
    const ev = await t.db.questionEvent.findFirstOrThrow({ where: { questionId: q.id, type: "URGENCY_CHANGED" } });
    expect(ev).toMatchObject({ actorId: s.owner.id, data: { urgent: false, from: "URGENT", confirmed: false, reason: "合同可延期一周，不算紧急" } });
    const sent = await t.db.notification.findMany({ where: { questionId: q.id, kind: "question.urgency-changed", channel: "IN_APP" } });
    expect(sent.map((n) => [n.userId, n.payload])).toEqual([[s.asker.id, { number: q.number, urgent: false, byName: s.owner.name, reason: "合同可延期一周，不算紧急" }]]);
  });

  it("the asker may ask for urgency but not lower it; another owner may do neither; the manager confirms", async () => {
    const s = await setup();
    const at = new Date(minuteNow().getTime() - 10 * MINUTE);
    const q = await row((await s.file(at)).id);
    await expect(changeUrgency(ctxOf(t.db, s.other), { questionId: q.id, expectedVersion: q.version, urgent: true, reason: "我觉得急" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeUrgency(ctxOf(t.db, s.asker), { questionId: q.id, expectedVersion: q.version, urgent: true, reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await changeUrgency(ctxOf(t.db, s.asker), { questionId: q.id, expectedVersion: q.version, urgent: true, reason: "审计明天来" });
    const urgent = await row(q.id);
    expect(urgent.priority).toBe("URGENT");
    expect(urgent.resolutionDueAt?.toISOString()).toBe(new Date(at.getTime() + 120 * MINUTE).toISOString());
    expect(urgent.urgencyReviewedAt).toBeNull();
    await expect(changeUrgency(ctxOf(t.db, s.asker), { questionId: q.id, expectedVersion: urgent.version, urgent: false, reason: "算了" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.auditLog.count({ where: { target: q.id, action: "question.urgency.denied" } })).toBe(2);
    // The manager confirms: no deadline change, but it is recorded as reviewed.
    await changeUrgency(ctxOf(t.db, s.head), { questionId: q.id, expectedVersion: urgent.version, urgent: true, reason: "确实紧急" });
    const confirmed = await row(q.id);
    expect(confirmed.resolutionDueAt?.toISOString()).toBe(urgent.resolutionDueAt?.toISOString());
    expect(confirmed.urgencyReviewedAt).not.toBeNull();
    // A stale page loses.
    await expect(changeUrgency(ctxOf(t.db, s.owner), { questionId: q.id, expectedVersion: urgent.version, urgent: false, reason: "不急" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("urgent limits drive the escalation: an urgent question escalates after the urgent limit, a normal one not", async () => {
    const s = await setup();
    const at = new Date(minuteNow().getTime() - 200 * MINUTE);
    const urgent = await s.file(at, { urgent: true, urgentReason: "停产风险" });
    const normal = await s.file(at);
    await sweepEscalations(t.db, minuteNow());
    const esc = await t.db.escalation.findMany({ where: { questionId: { in: [urgent.id, normal.id] } } });
    expect(esc.map((e) => [e.questionId, e.toUserId])).toEqual([[urgent.id, s.head.id]]);
    // The new level's own limit is the urgent escalation limit (60 minutes).
    expect(esc[0]!.dueAt.getTime() - minuteNow().getTime()).toBeLessThanOrEqual(60 * MINUTE);
  });
});
