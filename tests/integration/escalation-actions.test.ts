// Issue 18 point 2: whoever a question escalated to acts on it (instruct, reassign, extend, take over),
// authorized on the server for the current level's target and those above only, each a version-claimed
// transition with its event and notifications; the sweep warns on a missed first response and lets an
// unanswered handoff lapse and escalate, with the payload fields of kinds.md. Real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveEscalationSettings } from "@/lib/admin/save-escalation-settings";
import { createDb, type Db } from "@/lib/db/client";
import { extendDeadline } from "@/lib/escalation/extend-deadline";
import { acknowledgeInstruction, instructOwner } from "@/lib/escalation/instruct-owner";
import { getEscalationView } from "@/lib/escalation/get-escalation-view";
import { listEscalatedToMe } from "@/lib/escalation/list-escalated-to-me";
import { reassignQuestion } from "@/lib/escalation/reassign-question";
import { FIRST_RESPONSE_NOTIFY_MANAGER, sweepEscalations } from "@/lib/escalation/sweep";
import { takeOverQuestion } from "@/lib/escalation/take-over-question";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { fileQuestion } from "@/lib/questions/file-question";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const MINUTE = 60_000;
/** Now, on a whole minute: the working-time arithmetic works in minutes, so expected instants are exact. */
const minuteNow = () => new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
type U = Awaited<ReturnType<typeof makeUser>>;
let wide: Db;

beforeAll(async () => {
  wide = createDb(t.url, 16);
  // Working time all day, every day around this test, so minutes are minutes whenever it runs.
  await t.db.appSetting.create({ data: { key: "calendar.hours", value: { start: 0, end: 1440 } } });
  for (let d = -3; d <= 5; d++) {
    const date = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    await t.db.calendarOverride.create({ data: { date: new Date(`${date}T00:00:00Z`), isWorkday: true } });
  }
});
afterAll(async () => {
  await wide?.$disconnect();
});

/** CEO → region head → department head; an owner, a colleague who could take it, an asker, an outsider manager. */
async function org() {
  const db = t.db;
  const mgr = { roles: ["EMPLOYEE", "MANAGER"] as U["roles"] };
  const ceo = await makeUser(db, { ...mgr, name: `CEO${randomUUID().slice(0, 4)}` });
  const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
  await db.user.update({ where: { id: ceo.id }, data: { departmentId: company.id } });
  const regionHead = await makeUser(db, { ...mgr, name: `区域总${randomUUID().slice(0, 4)}` });
  const region = await makeDepartment(db, { kind: "REGION", parentId: company.id, managerId: regionHead.id });
  const deptHead = await makeUser(db, { ...mgr, departmentId: region.id, name: `部门经理${randomUUID().slice(0, 4)}` });
  const dept = await makeDepartment(db, { parentId: region.id, managerId: deptHead.id });
  await db.user.update({ where: { id: regionHead.id }, data: { departmentId: region.id } });
  const outsider = await makeUser(db, mgr);
  await makeDepartment(db, { parentId: company.id, managerId: outsider.id });
  const fco = { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] as U["roles"], departmentId: dept.id };
  const owner = await makeUser(db, { ...fco, name: `原责任人${randomUUID().slice(0, 4)}` });
  const colleague = await makeUser(db, { ...fco, name: `新责任人${randomUUID().slice(0, 4)}` });
  const plain = await makeUser(db, { departmentId: dept.id });
  const asker = await makeUser(db, { departmentId: dept.id });
  const line = await makeLine(db, { ownerIds: [owner.id] });
  return { ceo, regionHead, deptHead, outsider, owner, colleague, plain, asker, line };
}
type Org = Awaited<ReturnType<typeof org>>;

async function limits(o: Org, m: { first: number; resolution: number; escalation: number }, priority: "NORMAL" | "URGENT" = "NORMAL") {
  await t.db.timeLimitPolicy.create({ data: { lineId: o.line.id, priority, firstResponseMinutes: m.first, resolutionMinutes: m.resolution, escalationMinutes: m.escalation } });
}

async function file(o: Org, at: Date, extra: Record<string, unknown> = {}) {
  const askSessionId = (await makeSearchedAskSession(t.db, o.asker.id, { at })).id;
  return fileQuestion(ctxOf(t.db, o.asker, at), { idempotencyKey: randomUUID(), body: "差旅住宿超标的部分能不能报销？", lineId: o.line.id, contactName: o.asker.name, namedOwnerId: o.owner.id, askSessionId, ...extra });
}

/** A question 10 minutes overdue under 5-minute limits, swept once: escalated to the department head. */
async function escalatedOnce(o: Org) {
  await limits(o, { first: 5, resolution: 5, escalation: 5 });
  const now = minuteNow();
  const filedAt = new Date(now.getTime() - 15 * MINUTE);
  const q = await file(o, filedAt);
  await replyToQuestion(ctxOf(t.db, o.owner, new Date(filedAt.getTime() + MINUTE)), { questionId: q.id, body: "收到，正在核实。" });
  await sweepEscalations(t.db, now);
  const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
  expect(row.escalationLevel).toBe(1);
  return row;
}

const version = async (id: string) => (await t.db.question.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const notices = (questionId: string, kind: string) => t.db.notification.findMany({ where: { questionId, kind, channel: "IN_APP" } });
const events = (questionId: string, type: "INSTRUCTED" | "INSTRUCTION_ACKNOWLEDGED" | "REASSIGNED" | "DEADLINE_EXTENDED" | "TAKEN_OVER" | "ESCALATED" | "FIRST_RESPONSE_BREACHED" | "HANDOFF_EXPIRED") =>
  t.db.questionEvent.findMany({ where: { questionId, type }, orderBy: { id: "asc" } });

describe("who may act on an escalated question", () => {
  it("the level's target and those above may; the owner, the asker, an outsider and a passed-over level may not (audited)", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    const v = q.version;
    const note = { questionId: q.id, expectedVersion: v, note: "今天下班前给提问人一个明确答复" };
    for (const who of [o.owner, o.asker, o.outsider, o.colleague, o.plain]) {
      await expect(instructOwner(ctxOf(t.db, who), note)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(reassignQuestion(ctxOf(t.db, who), { questionId: q.id, expectedVersion: v, toUserId: o.colleague.id, note: "改派" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(extendDeadline(ctxOf(t.db, who), { questionId: q.id, expectedVersion: v, dueAt: new Date(Date.now() + 3600_000), reason: "需要财务确认" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(takeOverQuestion(ctxOf(t.db, who), { questionId: q.id, expectedVersion: v })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.auditLog.count({ where: { target: q.id, action: { in: ["question.instruct.denied", "question.reassign.denied", "question.extend.denied", "question.take-over.denied"] } } })).toBe(20);
    expect(await version(q.id)).toBe(v);

    // Level 2: the region head. The department head was passed over and can no longer act; the CEO above can.
    await sweepEscalations(t.db, new Date(Date.now() + 10 * MINUTE));
    const level2 = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(level2.escalationLevel).toBe(2);
    await expect(instructOwner(ctxOf(t.db, o.deptHead), { ...note, expectedVersion: level2.version })).rejects.toBeInstanceOf(ForbiddenError);
    await instructOwner(ctxOf(t.db, o.ceo), { ...note, expectedVersion: level2.version });
    await instructOwner(ctxOf(t.db, o.regionHead), { ...note, expectedVersion: level2.version + 1, note: "区域总再次督办" });
    expect((await events(q.id, "INSTRUCTED")).map((e) => e.actorId)).toEqual([o.ceo.id, o.regionHead.id]);

    // 升级给我: the region head holds it now; the department head sees it moved on; the owner sees nothing there.
    const mine = async (u: U) => (await listEscalatedToMe(ctxOf(t.db, u))).filter((x) => x.id === q.id).map((x) => ({ level: x.level, myLevel: x.myLevel, isCurrent: x.isCurrent, holderName: x.holderName, instructionPending: x.instructionPending }));
    expect(await mine(o.regionHead)).toEqual([{ level: 2, myLevel: 2, isCurrent: true, holderName: o.regionHead.name, instructionPending: true }]);
    expect(await mine(o.deptHead)).toEqual([{ level: 2, myLevel: 1, isCurrent: false, holderName: o.regionHead.name, instructionPending: true }]);
    expect(await mine(o.owner)).toEqual([]);
  });
});

describe("a department head without the MANAGER role", () => {
  it("sees the question escalated to them and may act on it", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    const plainHead = { ...o.deptHead, roles: ["EMPLOYEE"] as U["roles"] };
    await t.db.user.update({ where: { id: o.deptHead.id }, data: { roles: ["EMPLOYEE"] } });
    const detail = await getQuestionDetail(ctxOf(t.db, plainHead), q.id);
    expect(detail.q.id).toBe(q.id);
    await instructOwner(ctxOf(t.db, plainHead), { questionId: q.id, expectedVersion: q.version, note: "请今天答复" });
    // Someone else without the role and without the escalation still may not look.
    await expect(getQuestionDetail(ctxOf(t.db, { ...o.outsider, roles: ["EMPLOYEE"] }), q.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the escalation panel's data", () => {
  it("shows the current level with its own deadline, who holds it and who is next; controls only for those who may act", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    const level1 = await t.db.escalation.findUniqueOrThrow({ where: { questionId_level: { questionId: q.id, level: 1 } } });
    const asHead = await getEscalationView(ctxOf(t.db, o.deptHead), q.id);
    expect(asHead).toMatchObject({ level: 1, holderName: o.deptHead.name, due: level1.dueAt, next: { name: o.regionHead.name }, canAct: true });
    expect(asHead.due?.getTime()).not.toBe(q.resolutionDueAt?.getTime());
    expect(asHead.receivers.map((r) => r.id)).toContain(o.colleague.id);
    // Name and title apart: the page puts them together in the reader's language (“Name (Title)” / 姓名（职务）).
    const colleague = await t.db.user.findUniqueOrThrow({ where: { id: o.colleague.id }, select: { id: true, name: true, title: true } });
    expect(asHead.receivers.find((r) => r.id === o.colleague.id)).toEqual(colleague);
    expect(asHead.receivers.map((r) => r.id)).not.toContain(o.owner.id);
    const asOwner = await getEscalationView(ctxOf(t.db, o.owner), q.id);
    expect(asOwner).toMatchObject({ canAct: false, receivers: [], canAcknowledge: false });
    await instructOwner(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, note: "今天答复" });
    expect(await getEscalationView(ctxOf(t.db, o.owner), q.id)).toMatchObject({ canAcknowledge: true, instruction: { note: "今天答复", byName: o.deptHead.name } });
    expect(await getEscalationView(ctxOf(t.db, o.asker), q.id)).toMatchObject({ canAct: false, canAcknowledge: false, urgency: { canReview: false, canRequest: true } });
    await expect(getEscalationView(ctxOf(t.db, { ...o.plain, roles: ["EMPLOYEE"] }), q.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the four actions", () => {
  it("instruct: the owner is told and must acknowledge; the acknowledgement is an event and reaches the manager", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    await instructOwner(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, note: "先电话联系提问人，今天给书面答复" });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row).toMatchObject({ instructionNote: "先电话联系提问人，今天给书面答复", instructedById: o.deptHead.id });
    const [told] = await notices(q.id, "question.instructed");
    expect(told).toMatchObject({ userId: o.owner.id, payload: { number: q.number, byName: o.deptHead.name, note: "先电话联系提问人，今天给书面答复" } });
    // Only the owner acknowledges, on the version they saw.
    await expect(acknowledgeInstruction(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: row.version })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeInstruction(ctxOf(t.db, o.owner), { questionId: q.id, expectedVersion: row.version - 1 })).rejects.toBeInstanceOf(ConflictError);
    await acknowledgeInstruction(ctxOf(t.db, o.owner), { questionId: q.id, expectedVersion: row.version });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).instructedAt).toBeNull();
    expect((await events(q.id, "INSTRUCTION_ACKNOWLEDGED")).map((e) => [e.actorId, (e.data as { instructedById: string }).instructedById])).toEqual([[o.owner.id, o.deptHead.id]]);
    expect((await notices(q.id, "question.instruction-acknowledged")).map((n) => [n.userId, n.payload])).toEqual([[o.deptHead.id, { number: q.number, ownerName: o.owner.name }]]);
  });

  it("reassign: ownership moves with the note and fresh deadlines; an ineligible person is refused", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    await expect(reassignQuestion(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, toUserId: o.plain.id, note: "交给他" })).rejects.toMatchObject({ fields: { toUserId: expect.any(String) } });
    await expect(reassignQuestion(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, toUserId: o.colleague.id, note: "" })).rejects.toMatchObject({ fields: { note: "请写明改派说明" } });
    expect(await version(q.id)).toBe(q.version);
    const now = minuteNow();
    const r = await reassignQuestion(ctxOf(t.db, o.deptHead, now), { questionId: q.id, expectedVersion: q.version, toUserId: o.colleague.id, note: "他熟悉差旅例外审批" });
    const after = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, include: { ownerships: { orderBy: { startedAt: "asc" } }, escalations: true } });
    expect(after.ownerId).toBe(o.colleague.id);
    expect(after.ownerships.map((w) => [w.userId, w.via, w.endedAt === null])).toEqual([[o.owner.id, "NAMED", false], [o.colleague.id, "REASSIGNED", true]]);
    // 5 working minutes from now on an all-day calendar.
    expect(after.resolutionDueAt?.toISOString()).toBe(new Date(now.getTime() + 5 * MINUTE).toISOString());
    expect(r.dueAt).toBe(after.resolutionDueAt?.toISOString());
    expect(after.escalations[0]!.dueAt.getTime()).toBeGreaterThanOrEqual(after.resolutionDueAt!.getTime());
    const [ev] = await events(q.id, "REASSIGNED");
    expect(ev).toMatchObject({ actorId: o.deptHead.id, data: { fromUserId: o.owner.id, toUserId: o.colleague.id, note: "他熟悉差旅例外审批" } });
    const sent = await notices(q.id, "question.reassigned");
    expect(sent.map((n) => n.userId).sort()).toEqual([o.colleague.id, o.owner.id, o.asker.id].sort());
    expect(sent[0]!.payload).toMatchObject({ number: q.number, fromName: o.owner.name, toName: o.colleague.name, byName: o.deptHead.name, note: "他熟悉差旅例外审批", dueAt: r.dueAt });
    expect((await notices(q.id, "question.owner-changed")).map((n) => [n.userId, n.payload])).toEqual([[o.asker.id, { number: q.number, toName: o.colleague.name, why: "reassigned" }]]);
    // The former owner can no longer act; the new one resolves.
    await expect(resolveQuestion(ctxOf(t.db, o.owner), { questionId: q.id, kind: "NO_POLICY", note: "x" })).rejects.toBeInstanceOf(ConflictError);
    await resolveQuestion(ctxOf(t.db, o.colleague), { questionId: q.id, kind: "NO_POLICY", note: "制度未覆盖，已提交补充" });
  });

  it("extend: a later deadline with a reason for the current level; the sweep then waits for it", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    const level1 = await t.db.escalation.findUniqueOrThrow({ where: { questionId_level: { questionId: q.id, level: 1 } } });
    await expect(extendDeadline(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, dueAt: new Date(level1.dueAt.getTime() - MINUTE), reason: "需要财务确认" })).rejects.toBeInstanceOf(ValidationError);
    await expect(extendDeadline(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, dueAt: new Date(Date.now() + 3600_000), reason: "" })).rejects.toMatchObject({ fields: { reason: "请写明延期理由" } });
    const dueAt = new Date(Date.now() + 3 * 3600_000);
    await extendDeadline(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, dueAt, reason: "需要财务总监签字，周三回来" });
    expect((await t.db.escalation.findUniqueOrThrow({ where: { id: level1.id } })).dueAt.toISOString()).toBe(dueAt.toISOString());
    expect((await events(q.id, "DEADLINE_EXTENDED"))[0]!.data).toMatchObject({ level: 1, from: level1.dueAt.toISOString(), to: dueAt.toISOString(), reason: "需要财务总监签字，周三回来" });
    expect((await notices(q.id, "question.deadline-extended")).map((n) => n.userId).sort()).toEqual([o.owner.id, o.asker.id].sort());
    // Past the old level deadline but before the extended one: no escalation.
    await sweepEscalations(t.db, new Date(level1.dueAt.getTime() + 10 * MINUTE));
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).escalationLevel).toBe(1);
    await sweepEscalations(t.db, new Date(dueAt.getTime() + MINUTE));
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).escalationLevel).toBe(2);
  });

  it("take over: the manager becomes the owner and resolves it", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    await takeOverQuestion(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, note: "我来处理" });
    const after = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(after.ownerId).toBe(o.deptHead.id);
    expect((await notices(q.id, "question.taken-over")).map((n) => n.userId).sort()).toEqual([o.owner.id, o.asker.id].sort());
    await resolveQuestion(ctxOf(t.db, o.deptHead), { questionId: q.id, kind: "NO_POLICY", note: "已特批" });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).status).toBe("RESOLVED");
    expect((await events(q.id, "TAKEN_OVER")).map((e) => e.actorId)).toEqual([o.deptHead.id]);
  });
});

describe("races", () => {
  it("parallel actions by the target and the CEO on one version: exactly one wins, the rest get 409 and leave nothing", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    const v = q.version;
    const tries = [
      () => reassignQuestion(ctxOf(wide, o.deptHead), { questionId: q.id, expectedVersion: v, toUserId: o.colleague.id, note: "改派给熟悉的人" }),
      () => reassignQuestion(ctxOf(wide, o.ceo), { questionId: q.id, expectedVersion: v, toUserId: o.colleague.id, note: "CEO 改派" }),
      () => takeOverQuestion(ctxOf(wide, o.deptHead), { questionId: q.id, expectedVersion: v }),
      () => takeOverQuestion(ctxOf(wide, o.ceo), { questionId: q.id, expectedVersion: v }),
      () => extendDeadline(ctxOf(wide, o.regionHead), { questionId: q.id, expectedVersion: v, dueAt: new Date(Date.now() + 3600_000), reason: "等材料" }),
      () => instructOwner(ctxOf(wide, o.deptHead), { questionId: q.id, expectedVersion: v, note: "今天答复" }),
    ];
    const results = await Promise.allSettled([...tries, ...tries].map((f) => f()));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.filter((r) => !(r.reason instanceof ConflictError)).map((r) => String(r.reason).slice(0, 300))).toEqual([]);
    expect(await version(q.id)).toBe(v + 1);
    const kinds = await t.db.questionEvent.count({ where: { questionId: q.id, type: { in: ["REASSIGNED", "TAKEN_OVER", "DEADLINE_EXTENDED", "INSTRUCTED"] } } });
    expect(kinds).toBe(1);
    expect(await t.db.questionOwnership.count({ where: { questionId: q.id, endedAt: null } })).toBe(1);
  });

  it("the owner acknowledging twice at once records one acknowledgement", async () => {
    const o = await org();
    const q = await escalatedOnce(o);
    await instructOwner(ctxOf(t.db, o.deptHead), { questionId: q.id, expectedVersion: q.version, note: "今天答复" });
    const v = await version(q.id);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => acknowledgeInstruction(ctxOf(wide, o.owner), { questionId: q.id, expectedVersion: v })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await events(q.id, "INSTRUCTION_ACKNOWLEDGED")).length).toBe(1);
    expect((await notices(q.id, "question.instruction-acknowledged")).length).toBe(1);
  });
});

describe("the sweep: first-response breach, handoff expiry, payloads", () => {
  it("a missed first response warns the owner and their manager once, with how late", async () => {
    const o = await org();
    await limits(o, { first: 5, resolution: 600, escalation: 60 });
    const now = minuteNow();
    const filedAt = new Date(now.getTime() - 20 * MINUTE);
    const q = await file(o, filedAt);
    const r = await sweepEscalations(t.db, now);
    expect(r.firstResponseBreached).toBe(1);
    await sweepEscalations(t.db, new Date(now.getTime() + MINUTE));
    const [ev, ...more] = await events(q.id, "FIRST_RESPONSE_BREACHED");
    expect(more).toHaveLength(0);
    const due = new Date(filedAt.getTime() + 5 * MINUTE);
    expect(ev!.data).toMatchObject({ due: due.toISOString(), lateMinutes: 15 });
    const sent = await notices(q.id, "question.first-response-breach");
    expect(sent.map((n) => n.userId).sort()).toEqual([o.owner.id, o.deptHead.id].sort());
    for (const n of sent) expect(n.payload).toEqual({ number: q.number, due: due.toISOString(), lateMinutes: 15 });
    // Not escalated: that is the resolution limit's business.
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).escalationLevel).toBe(0);
  });

  it("a first response in time warns nobody; the manager's copy can be switched off", async () => {
    const o = await org();
    await limits(o, { first: 5, resolution: 600, escalation: 60 });
    const filedAt = new Date(minuteNow().getTime() - 20 * MINUTE);
    const answered = await file(o, filedAt);
    await replyToQuestion(ctxOf(t.db, o.owner, new Date(filedAt.getTime() + 2 * MINUTE)), { questionId: answered.id, body: "收到，正在核实。" });
    // The admin setting: only an admin may change it, and the change is audited.
    await expect(saveEscalationSettings(ctxOf(t.db, o.deptHead), { notifyManagerOnFirstResponseBreach: false })).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    await saveEscalationSettings(ctxOf(t.db, admin), { notifyManagerOnFirstResponseBreach: false });
    expect(await t.db.auditLog.count({ where: { actorId: admin.id, action: "escalation.settings" } })).toBe(1);
    try {
      const late = await file(o, filedAt);
      await sweepEscalations(t.db, new Date(filedAt.getTime() + 20 * MINUTE));
      expect(await events(answered.id, "FIRST_RESPONSE_BREACHED")).toHaveLength(0);
      expect((await notices(late.id, "question.first-response-breach")).map((n) => n.userId)).toEqual([o.owner.id]);
    } finally {
      await t.db.appSetting.delete({ where: { key: FIRST_RESPONSE_NOTIFY_MANAGER } });
    }
  });

  it("a handoff not answered in time lapses and escalates; the late accept gets a 409", async () => {
    const o = await org();
    await limits(o, { first: 5, resolution: 600, escalation: 60 });
    const now = minuteNow();
    const filedAt = new Date(now.getTime() - 30 * MINUTE);
    const q = await file(o, filedAt);
    await replyToQuestion(ctxOf(t.db, o.owner, new Date(filedAt.getTime() + MINUTE)), { questionId: q.id, body: "收到。" });
    const askedAt = new Date(filedAt.getTime() + 2 * MINUTE);
    const { handoffId } = await requestHandoff(ctxOf(t.db, o.owner, askedAt), { questionId: q.id, toUserId: o.colleague.id, noteDone: "查了差旅制度", notePending: "需要例外审批", notePromised: "今天答复", expectedVersion: await version(q.id) });
    const respondBy = new Date(askedAt.getTime() + 5 * MINUTE);
    const r = await sweepEscalations(t.db, now);
    expect(r).toMatchObject({ handoffsExpired: 1, escalated: 1 });
    expect((await t.db.handoff.findUniqueOrThrow({ where: { id: handoffId } })).status).toBe("EXPIRED");
    expect((await events(q.id, "HANDOFF_EXPIRED"))[0]!.data).toMatchObject({ handoffId, toUserId: o.colleague.id, respondBy: respondBy.toISOString() });
    const expired = await notices(q.id, "handoff.expired");
    expect(expired.map((n) => n.userId).sort()).toEqual([o.owner.id, o.deptHead.id].sort());
    expect(expired[0]!.payload).toEqual({ number: q.number, toName: o.colleague.name, respondBy: respondBy.toISOString() });
    const esc = await t.db.escalation.findMany({ where: { questionId: q.id } });
    expect(esc.map((e) => [e.level, e.toUserId])).toEqual([[1, o.deptHead.id]]);
    const escalated = await notices(q.id, "question.escalated");
    expect(escalated.map((n) => n.userId).sort()).toEqual([o.deptHead.id, o.owner.id, o.asker.id].sort());
    expect(escalated[0]!.payload).toEqual({
      number: q.number,
      level: 1,
      fromLevel: 0,
      toName: o.deptHead.name,
      due: respondBy.toISOString(),
      newDue: new Date(now.getTime() + 60 * MINUTE).toISOString(),
      lateMinutes: 23,
      nextName: o.regionHead.name,
      reason: "handoff-expired",
    });
    await expect(respondToHandoff(ctxOf(t.db, o.colleague), { handoffId, accept: true })).rejects.toBeInstanceOf(ConflictError);
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).ownerId).toBe(o.owner.id);
  });

  it("warnings and breach escalations carry level, due, how late and who is next", async () => {
    const o = await org();
    await limits(o, { first: 600, resolution: 20, escalation: 20 });
    const filedAt = new Date(minuteNow().getTime() - 16 * MINUTE);
    const q = await file(o, filedAt);
    await sweepEscalations(t.db, new Date(filedAt.getTime() + 16 * MINUTE));
    const due = new Date(filedAt.getTime() + 20 * MINUTE).toISOString();
    const warnings = await notices(q.id, "deadline.warning");
    const key = (n: { userId: string; payload: unknown }) => `${n.userId}:${(n.payload as { threshold: number }).threshold}`;
    expect([...warnings].sort((a, b) => key(a).localeCompare(key(b))).map((n) => [n.userId, n.payload])).toEqual(
      [
        [o.owner.id, { number: q.number, threshold: 50, due, level: 0 }],
        [o.owner.id, { number: q.number, threshold: 75, due, level: 0 }],
        [o.deptHead.id, { number: q.number, threshold: 75, due, level: 0 }],
      ].sort((a, b) => `${a[0]}:${(a[1] as { threshold: number }).threshold}`.localeCompare(`${b[0]}:${(b[1] as { threshold: number }).threshold}`)),
    );
    const at = new Date(filedAt.getTime() + 27 * MINUTE);
    await sweepEscalations(t.db, at);
    const [target] = (await notices(q.id, "question.escalated")).filter((n) => n.userId === o.deptHead.id);
    expect(target!.payload).toEqual({ number: q.number, level: 1, fromLevel: 0, toName: o.deptHead.name, due, newDue: new Date(at.getTime() + 20 * MINUTE).toISOString(), lateMinutes: 7, nextName: o.regionHead.name, reason: "breach" });
  });
});
