// 投诉复核 (issue 18): who reviews a complaint, the time limit, the decision race, and who sees what
// before and after the decision, in every view: question detail and events, notifications, the
// ledger (page and CSV), the manager's digest and the scorecard.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listLedger } from "@/lib/analytics/ledger/list";
import { exportLedgerCsv } from "@/lib/analytics/ledger/csv";
import { dayOf, addDays, parseRange } from "@/lib/analytics/shared/range";
import { queryOwnerScorecards } from "@/lib/analytics/owners/scorecard";
import { decideComplaint } from "@/lib/complaints/decide-complaint";
import { giveStatement } from "@/lib/complaints/give-statement";
import { listReviews } from "@/lib/complaints/list-reviews";
import { requestStatement } from "@/lib/complaints/request-statement";
import { DEFAULT_REVIEW_MINUTES } from "@/lib/complaints/review-settings";
import { saveReviewSetting } from "@/lib/complaints/save-review-setting";
import { sweepOverdueReviews } from "@/lib/complaints/sweep-reviews";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { collectDigest } from "@/lib/notify/digest/collect-digest";
import { shanghaiDay } from "@/lib/notify/local-day";
import { fileComplaint } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { loadCalendar } from "@/lib/time/calendar";
import { addWorkingMinutes } from "@/lib/time/working-time";
import { ctxOf } from "../helpers/actors";
import { parseCsv } from "../helpers/csv";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;
let manager: U, owner: U, asker: U, bystander: U, qa: U, admin: U, ownerAlone: U, namedReviewer: U;
let line: { id: string }, loneLine: { id: string };

const COMPLAINT_KINDS = ["complaint.filed", "complaint.statement-requested", "complaint.statement-given", "complaint.decided", "complaint.review-overdue"];

/** Each question has an asker of its own (the flood limit allows 5 complaints an hour per asker). */
async function file(lineId: string) {
  const u = await makeUser(t.db, { departmentId: asker.departmentId });
  const askSessionId = (await makeSearchedAskSession(t.db, u.id)).id;
  const q = await fileQuestion(ctxOf(t.db, u), { askSessionId, idempotencyKey: randomUUID(), body: "出差住宿超标怎么报销？\n第二行细节", lineId, contactName: u.name });
  return { ...q, asker: u };
}
const complain = (q: { id: string; asker: U }, reason = "三天没有答复，态度敷衍", now = new Date()) =>
  fileComplaint(ctxOf(t.db, q.asker, now), { questionId: q.id, idempotencyKey: randomUUID(), reason });

beforeAll(async () => {
  manager = await makeUser(t.db, { roles: ["EMPLOYEE", "MANAGER"] });
  const dept = await makeDepartment(t.db, { managerId: manager.id });
  // The owner manages a team of their own and may look at the ledger of it: the complaint must still stay hidden from them.
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "MANAGER"], departmentId: dept.id });
  const team = await makeDepartment(t.db, { parentId: dept.id, managerId: owner.id });
  await t.db.user.update({ where: { id: owner.id }, data: { departmentId: team.id } });
  owner = { ...owner, departmentId: team.id };
  asker = await makeUser(t.db, { departmentId: team.id });
  bystander = await makeUser(t.db);
  qa = await makeUser(t.db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
  ownerAlone = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  namedReviewer = await makeUser(t.db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  line = await makeLine(t.db, { ownerIds: [owner.id] });
  loneLine = await makeLine(t.db, { ownerIds: [ownerAlone.id] });
});

describe("assigning the reviewer", () => {
  it("goes to the owner's manager with a due time in working time; only the reviewer is told", async () => {
    const q = await file(line.id);
    const now = new Date();
    const { complaintId } = await complain(q, undefined, now);
    const c = await t.db.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(c.reviewerId).toBe(manager.id);
    expect(c.reviewDueAt).toEqual(addWorkingMinutes(now, DEFAULT_REVIEW_MINUTES, await loadCalendar(t.db, line.id)));
    const notices = await t.db.notification.findMany({ where: { questionId: q.id, kind: "complaint.filed" } });
    expect(new Set(notices.map((n) => n.userId))).toEqual(new Set([manager.id]));
    expect(notices[0]!.payload).toMatchObject({ complaintId, number: expect.any(Number), reviewDueAt: c.reviewDueAt!.toISOString() });
    const event = await t.db.questionEvent.findFirstOrThrow({ where: { questionId: q.id, type: "COMPLAINED" } });
    expect(event.data).toMatchObject({ complaintId, reviewerId: manager.id, via: "manager" });
    expect((await listReviews(ctxOf(t.db, manager))).map((r) => r.id)).toContain(complaintId);
    expect((await listReviews(ctxOf(t.db, owner))).map((r) => r.id)).not.toContain(complaintId);
  });

  it("falls back to a QA reviewer when the owner has no manager; the 条线 setting is validated and can name a reviewer", async () => {
    const q = await file(loneLine.id);
    const first = await complain(q);
    const c = await t.db.complaint.findUniqueOrThrow({ where: { id: first.complaintId } });
    expect([qa.id, namedReviewer.id]).toContain(c.reviewerId);

    const save = (u: U, input: unknown) => saveReviewSetting(ctxOf(t.db, u), input);
    await expect(save(manager, { lineId: loneLine.id, setting: { mode: "QA", reviewMinutes: 480 } })).rejects.toBeInstanceOf(ForbiddenError);
    const fieldOf = async (input: unknown) => ((await save(admin, input).catch((e: unknown) => e)) as ValidationError).fields;
    expect(await fieldOf({ lineId: loneLine.id, setting: { mode: "USER", reviewMinutes: 480 } })).toHaveProperty(["setting.reviewerId"]);
    expect(await fieldOf({ lineId: loneLine.id, setting: { mode: "QA", reviewMinutes: 5 } })).toHaveProperty(["setting.reviewMinutes"]);
    expect(await fieldOf({ lineId: loneLine.id, setting: { mode: "BOSS", reviewMinutes: 480 } })).toHaveProperty(["setting.mode"]);
    expect(await fieldOf({ lineId: loneLine.id, setting: { mode: "USER", reviewerId: bystander.id, reviewMinutes: 480 } })).toEqual({ "setting.reviewerId": "指定复核人须是质检员或管理员（能查看所有问题）" });
    expect(await fieldOf({ lineId: loneLine.id, setting: { mode: "USER", reviewerId: manager.id, reviewMinutes: 480 } })).toHaveProperty(["setting.reviewerId"]);
    expect(await fieldOf({ lineId: randomUUID(), setting: { mode: "QA", reviewMinutes: 480 } })).toEqual({ lineId: "条线不存在" });

    await save(admin, { lineId: loneLine.id, setting: { mode: "USER", reviewerId: namedReviewer.id, reviewMinutes: 120 } });
    expect(await t.db.auditLog.count({ where: { action: "complaint.review-setting", target: loneLine.id } })).toBe(1);
    const now = new Date();
    const second = await complain(q, "第二次投诉：还是没有答复", now);
    const c2 = await t.db.complaint.findUniqueOrThrow({ where: { id: second.complaintId } });
    expect(c2.reviewerId).toBe(namedReviewer.id);
    expect(c2.reviewDueAt).toEqual(addWorkingMinutes(now, 120, await loadCalendar(t.db, loneLine.id)));
    // Other 条线 keep the default rule.
    const other = await file(line.id);
    expect((await t.db.complaint.findUniqueOrThrow({ where: { id: (await complain(other)).complaintId } })).reviewerId).toBe(manager.id);
    await save(admin, { lineId: loneLine.id, reset: true });
    expect(await t.db.appSetting.count({ where: { key: `complaint.review:${loneLine.id}` } })).toBe(0);
  });
});

describe("who sees what, before and after the decision", () => {
  const range = () => {
    const today = dayOf(new Date());
    return parseRange({ from: addDays(today, -1), to: addDays(today, 1) }, new Date());
  };
  async function ledgerFlag(u: U, questionId: string) {
    const { rows } = await listLedger(ctxOf(t.db, u), { range: range(), filters: {} });
    return rows.find((r) => r.id === questionId)?.complaint;
  }
  async function csvCell(u: U, number: number) {
    const file = await exportLedgerCsv(ctxOf(t.db, u), { range: range(), filters: {} });
    const text = await new Response(file.stream).text();
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
    const row = rows.find((r) => r[0] === `Q-${String(number).padStart(6, "0")}`)!;
    return row[header!.indexOf("投诉")];
  }

  it("the owner sees nothing of an open complaint in any view; after the decision, the outcome and the reason", async () => {
    const q = await file(line.id);
    const plain = await file(line.id); // the same owner, no complaint: what "nothing" looks like
    const { number } = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, select: { number: true } });
    const { number: plainNumber } = await t.db.question.findUniqueOrThrow({ where: { id: plain.id }, select: { number: true } });
    const reason = `答复敷衍，一直没人理 ${randomUUID().slice(0, 6)}`;
    const { complaintId } = await complain(q, reason);

    // The owner can still act without a 409 hinting at it.
    await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "已收到，正在核实住宿标准" });

    const ownerView = await getQuestionDetail(ctxOf(t.db, owner), q.id);
    expect(ownerView.complaints).toEqual([]);
    expect(ownerView.statementRequests).toEqual([]);
    expect(ownerView.q.events.map((e) => e.type)).not.toContain("COMPLAINED");
    const ownerJson = JSON.stringify(ownerView, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(ownerJson).not.toContain(reason);
    expect(ownerJson).not.toContain(complaintId);
    for (const u of [q.asker, manager, admin]) {
      const view = await getQuestionDetail(ctxOf(t.db, u), q.id);
      expect(view.complaints.map((c) => c.id), u.name).toEqual([complaintId]);
      expect(view.q.events.map((e) => e.type), u.name).toContain("COMPLAINED");
    }
    await expect(getQuestionDetail(ctxOf(t.db, bystander), q.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.notification.count({ where: { userId: owner.id, kind: { in: COMPLAINT_KINDS } } })).toBe(0);
    // Ledger page and CSV: the owner (a manager of their team) sees no flag; their manager does.
    expect(await ledgerFlag(owner, q.id)).toBe(false);
    expect(await ledgerFlag(manager, q.id)).toBe(true);
    const noComplaint = await csvCell(owner, plainNumber);
    expect(await csvCell(owner, number)).toBe(noComplaint);
    expect(await csvCell(manager, number)).not.toBe(noComplaint);
    // The digest of the owner's team leaves it out; the reviewer's digest has it.
    const now = new Date();
    expect((await collectDigest(t.db, { id: owner.id, name: owner.name }, shanghaiDay(now), now)).complaints.map((c) => c.questionId)).not.toContain(q.id);
    expect((await collectDigest(t.db, { id: manager.id, name: manager.name }, shanghaiDay(now), now)).complaints.map((c) => c.questionId)).toContain(q.id);
    // Deciding it themselves: 404, as for a complaint that does not exist.
    await expect(decideComplaint(ctxOf(t.db, owner), { complaintId, outcome: "REJECTED", reason: "我觉得没问题" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideComplaint(ctxOf(t.db, bystander), { complaintId, outcome: "UPHELD", reason: "路过看看这条投诉" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideComplaint(ctxOf(t.db, manager), { complaintId, outcome: "UPHELD", reason: "短" })).rejects.toBeInstanceOf(ValidationError);

    await decideComplaint(ctxOf(t.db, manager), { complaintId, outcome: "UPHELD", reason: "三个工作日未首次答复，违反首问时限" });
    const after = await getQuestionDetail(ctxOf(t.db, owner), q.id);
    expect(after.complaints).toEqual([expect.objectContaining({ id: complaintId, status: "UPHELD", reviewNote: "三个工作日未首次答复，违反首问时限" })]);
    expect(after.q.events.map((e) => e.type)).toEqual(expect.arrayContaining(["COMPLAINED", "COMPLAINT_REVIEWED"]));
    const decided = await t.db.notification.findMany({ where: { questionId: q.id, kind: "complaint.decided", channel: "IN_APP" } });
    expect(new Set(decided.map((n) => n.userId))).toEqual(new Set([q.asker.id, owner.id]));
    for (const n of decided) expect(n.payload).toEqual({ number, complaintId, outcome: "UPHELD", reason: "三个工作日未首次答复，违反首问时限" });
    expect(await ledgerFlag(owner, q.id)).toBe(true);
    expect(await csvCell(owner, number)).not.toBe(noComplaint);
    const event = await t.db.questionEvent.findFirstOrThrow({ where: { questionId: q.id, type: "COMPLAINT_REVIEWED" } });
    expect(event).toMatchObject({ actorId: manager.id, data: { complaintId, outcome: "UPHELD" } });
    expect(await listReviews(ctxOf(t.db, manager))).not.toContainEqual(expect.objectContaining({ id: complaintId }));
  });

  it("an owner who is an admin still sees nothing before the decision", async () => {
    const adminOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "ADMIN"] });
    const adminLine = await makeLine(t.db, { ownerIds: [adminOwner.id] });
    const q = await file(adminLine.id);
    const { complaintId } = await complain(q);
    const view = await getQuestionDetail(ctxOf(t.db, adminOwner), q.id);
    expect(view.complaints).toEqual([]);
    expect(view.q.events.map((e) => e.type)).not.toContain("COMPLAINED");
    expect(await listReviews(ctxOf(t.db, adminOwner))).not.toContainEqual(expect.objectContaining({ id: complaintId }));
    expect(await t.db.notification.count({ where: { userId: adminOwner.id, kind: { in: COMPLAINT_KINDS } } })).toBe(0);
    await expect(decideComplaint(ctxOf(t.db, adminOwner), { complaintId, outcome: "REJECTED", reason: "我是管理员" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a statement request shows the owner the request and the note, never the complaint or the complainant", async () => {
    const q = await file(line.id);
    const reason = `投诉原文 ${randomUUID().slice(0, 6)}`;
    const { complaintId } = await complain(q, reason);
    await expect(requestStatement(ctxOf(t.db, owner), { complaintId, note: "请说明首次答复为何超时" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(giveStatement(ctxOf(t.db, owner), { complaintId, statement: "我先说明一下情况" })).rejects.toBeInstanceOf(NotFoundError);
    const { dueAt } = await requestStatement(ctxOf(t.db, manager), { complaintId, note: "请说明首次答复为何超时" });
    await expect(requestStatement(ctxOf(t.db, manager), { complaintId, note: "再说明一次吧" })).rejects.toBeInstanceOf(ConflictError);

    const view = await getQuestionDetail(ctxOf(t.db, owner), q.id);
    expect(view.statementRequests).toEqual([{ complaintId, note: "请说明首次答复为何超时", dueAt, answered: false, answeredAt: null }]);
    expect(view.complaints).toEqual([]);
    expect(view.q.events.map((e) => e.type)).not.toContain("COMPLAINT_STATEMENT_REQUESTED");
    const [notice, ...more] = await t.db.notification.findMany({ where: { userId: owner.id, questionId: q.id, kind: { in: COMPLAINT_KINDS }, channel: "IN_APP" } });
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: "complaint.statement-requested", payload: { complaintId, note: "请说明首次答复为何超时", dueAt: dueAt.toISOString(), number: expect.any(Number) } });
    expect(JSON.stringify(notice!.payload)).not.toContain(reason);
    expect(JSON.stringify(notice!.payload)).not.toContain(q.asker.id);

    await giveStatement(ctxOf(t.db, owner), { complaintId, statement: "当天系统故障，次日已答复" });
    await expect(giveStatement(ctxOf(t.db, owner), { complaintId, statement: "补充一句说明" })).rejects.toBeInstanceOf(ConflictError);
    expect(await t.db.notification.count({ where: { userId: manager.id, kind: "complaint.statement-given", questionId: q.id, channel: "IN_APP" } })).toBe(1);
    const [item] = (await listReviews(ctxOf(t.db, manager))).filter((r) => r.id === complaintId);
    expect(item).toMatchObject({ statement: "当天系统故障，次日已答复", statementNote: "请说明首次答复为何超时" });
    await decideComplaint(ctxOf(t.db, manager), { complaintId, outcome: "REJECTED", reason: "系统故障有记录，不属责任人原因" });
    const types = (await t.db.questionEvent.findMany({ where: { questionId: q.id }, orderBy: { id: "asc" } })).map((e) => e.type).filter((x) => x.startsWith("COMPLAIN"));
    expect(types).toEqual(["COMPLAINED", "COMPLAINT_STATEMENT_REQUESTED", "COMPLAINT_STATEMENT_GIVEN", "COMPLAINT_REVIEWED"]);
    expect((await getQuestionDetail(ctxOf(t.db, owner), q.id)).complaints).toEqual([expect.objectContaining({ status: "REJECTED", reviewNote: "系统故障有记录，不属责任人原因" })]);
  });
});

describe("deciding and the time limit", () => {
  it("two reviewers deciding at once: one wins, the other gets a 409 and stores nothing", { timeout: 60_000 }, async () => {
    let wrong = 0;
    for (let run = 0; run < 8; run++) {
      const q = await file(line.id);
      const { complaintId } = await complain(q);
      const results = await Promise.allSettled([
        decideComplaint(ctxOf(t.db, manager), { complaintId, outcome: "UPHELD", reason: "经核实属实，计入考核" }),
        decideComplaint(ctxOf(t.db, admin), { complaintId, outcome: "REJECTED", reason: "经核实不属实，不予支持" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      const events = await t.db.questionEvent.count({ where: { questionId: q.id, type: "COMPLAINT_REVIEWED" } });
      const notices = await t.db.notification.count({ where: { questionId: q.id, kind: "complaint.decided", channel: "IN_APP" } });
      if (won.length !== 1 || lost.length !== 1 || !(lost[0]!.reason instanceof ConflictError) || events !== 1 || notices !== 2) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("an overdue review notifies the reviewer and the admins once, even with two sweeps at once", async () => {
    const q = await file(line.id);
    const { complaintId } = await complain(q);
    const c = await t.db.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    // Not yet due: this complaint is left alone (other files' complaints may be swept meanwhile).
    await sweepOverdueReviews(t.db, new Date(c.reviewDueAt!.getTime() - 60_000));
    expect(await t.db.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ overdueNotifiedAt: null });
    const late = new Date(c.reviewDueAt!.getTime() + 3 * 24 * 3600_000);
    const [a, b] = await Promise.all([sweepOverdueReviews(t.db, late), sweepOverdueReviews(t.db, late)]);
    expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(1);
    const notices = await t.db.notification.findMany({ where: { questionId: q.id, kind: "complaint.review-overdue", channel: "IN_APP" } });
    const admins = (await t.db.user.findMany({ where: { roles: { has: "ADMIN" } }, select: { id: true } })).map((u) => u.id);
    expect(admins).toContain(admin.id);
    expect(new Set(notices.map((n) => n.userId))).toEqual(new Set([manager.id, ...admins]));
    expect(notices.filter((n) => n.userId === manager.id)).toHaveLength(1);
    expect(notices.map((n) => n.userId)).not.toContain(owner.id);
    expect(notices[0]!.payload).toMatchObject({ complaintId, dueAt: c.reviewDueAt!.toISOString(), lateMinutes: expect.any(Number) });
    expect((notices[0]!.payload as { lateMinutes: number }).lateMinutes).toBeGreaterThan(0);
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: "COMPLAINT_REVIEW_OVERDUE" } })).toBe(1);
    expect(await sweepOverdueReviews(t.db, late)).toEqual({ overdue: 0 });
    // The reviewer's queue marks it overdue; a decided complaint is never swept.
    expect((await listReviews(ctxOf(t.db, manager, late))).find((r) => r.id === complaintId)?.overdue).toBe(true);
  });

  it("upheld complaints count on the owner's scorecard, rejected and open ones do not", async () => {
    const scoreOf = async () => {
      const now = new Date();
      const today = dayOf(now);
      const r = parseRange({ from: addDays(today, -1), to: addDays(today, 1) }, now);
      const { owners } = await queryOwnerScorecards(t.db, { range: r, now }, { kind: "users", userIds: [ownerAlone.id] });
      return owners.find((o) => o.userId === ownerAlone.id)?.upheldComplaints ?? 0;
    };
    const before = await scoreOf();
    const q = await file(loneLine.id);
    const upheld = await complain(q, "答复与制度不符，误导提问人");
    const rejected = await complain(q, "我不满意这个答复的语气");
    await complain(q, "还没有复核的投诉一条");
    expect(await scoreOf()).toBe(before);
    const reviewerOf = async (id: string) => (await t.db.complaint.findUniqueOrThrow({ where: { id } })).reviewerId!;
    const asReviewer = async (id: string) => ctxOf(t.db, (await t.db.user.findUniqueOrThrow({ where: { id: await reviewerOf(id) } })) as U);
    await decideComplaint(await asReviewer(upheld.complaintId), { complaintId: upheld.complaintId, outcome: "UPHELD", reason: "答复引用了已废止的条款" });
    await decideComplaint(await asReviewer(rejected.complaintId), { complaintId: rejected.complaintId, outcome: "REJECTED", reason: "答复内容正确，语气正常" });
    expect(await scoreOf()).toBe(before + 1);
  });
});
