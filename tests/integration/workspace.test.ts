// Issue 18 points 4 and 6 against real PostgreSQL (+ Meilisearch for the clause search): the deadline
// preview, the stored routing reason, who sees the asker's contact, the owner's clause search and
// citing from it, and who may keep which saved reply.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { fileQuestion } from "@/lib/questions/file-question";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { ownerChanges } from "@/lib/questions/owner-standing";
import { previewDeadlines } from "@/lib/questions/preview-deadlines";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { searchClausesForQuestion } from "@/lib/questions/search-clauses-for-question";
import { listSavedReplies } from "@/lib/saved-replies/list-saved-replies";
import { createSavedReply, deleteSavedReply, updateSavedReply } from "@/lib/saved-replies/save-saved-reply";
import { syncIndex } from "@/lib/search/sync-index";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;

let askerDept: { id: string }, policyDept: { id: string }, otherPolicyDept: { id: string };
let asker: U, ownerA: U, ownerB: U, lineMate: U, qa: U, manager: U, otherManager: U, admin: U, policyOwner: U, otherPolicyOwner: U, plain: U;
let line: { id: string; name: string };

const file = async (u: U, lineId: string, extra: Record<string, unknown> = {}, now = new Date()) =>
  fileQuestion(ctxOf(t.db, u, now), { idempotencyKey: randomUUID(), body: "年假没休完可以留到明年吗？", lineId, contactName: u.name, askSessionId: (await makeSearchedAskSession(t.db, u.id)).id, ...extra });

const routedReason = async (questionId: string) => {
  const e = await t.db.questionEvent.findFirstOrThrow({ where: { questionId, type: "ROUTED" } });
  return (e.data as { reason?: string }).reason;
};

beforeAll(async () => {
  const db = t.db;
  manager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  otherManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  askerDept = await makeDepartment(db, { managerId: manager.id });
  await makeDepartment(db, { managerId: otherManager.id });
  policyDept = await makeDepartment(db);
  otherPolicyDept = await makeDepartment(db);
  asker = await makeUser(db, { departmentId: askerDept.id });
  await db.user.update({ where: { id: asker.id }, data: { phone: "13800000042", im: "liming-wx", title: "销售代表" } });
  ownerA = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  ownerB = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  lineMate = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  qa = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: policyDept.id });
  otherPolicyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: otherPolicyDept.id });
  plain = await makeUser(db);
  line = await makeLine(db, { ownerIds: [ownerA.id], policyOwnerDeptId: policyDept.id });
});

describe("deadline preview", () => {
  it("promises before filing exactly the deadlines filing then gives, on the line's calendar and limits", async () => {
    await t.db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 90, resolutionMinutes: 960, escalationMinutes: 480 } });
    await t.db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "URGENT", firstResponseMinutes: 30, resolutionMinutes: 240, escalationMinutes: 60 } });
    const now = new Date("2026-12-04T09:30:00Z"); // Friday 17:30 in Shanghai: the working calendar carries over the weekend
    const preview = await previewDeadlines(ctxOf(t.db, asker, now), { line: line.id });
    const filed = await file(asker, line.id, {}, now);
    const row = await t.db.question.findUniqueOrThrow({ where: { id: filed.id } });
    expect(preview).toMatchObject({ priority: "NORMAL", firstResponseDueAt: row.firstResponseDueAt, resolutionDueAt: row.resolutionDueAt });
    expect(preview.firstResponseDueAt.getTime() - now.getTime()).toBeGreaterThan(2 * 86_400_000); // not Friday 19:00: Monday
    const urgent = await previewDeadlines(ctxOf(t.db, asker, now), { line: line.id, urgent: "1" });
    expect(urgent.priority).toBe("URGENT");
    expect(urgent.firstResponseDueAt.getTime()).toBeLessThan(preview.firstResponseDueAt.getTime());
    expect(urgent.resolutionDueAt.getTime()).toBeLessThan(preview.resolutionDueAt.getTime());
    await t.db.timeLimitPolicy.deleteMany({ where: { lineId: line.id } });
  });

  it("names the field when the line is unknown or the urgency is not a flag", async () => {
    await expect(previewDeadlines(ctxOf(t.db, asker), { line: randomUUID() })).rejects.toMatchObject({ fields: { line: "条线不存在" } });
    await expect(previewDeadlines(ctxOf(t.db, asker), { line: "x" })).rejects.toBeInstanceOf(ValidationError);
    await expect(previewDeadlines(ctxOf(t.db, asker), { line: line.id, urgent: "maybe" })).rejects.toMatchObject({ fields: { urgent: expect.stringMatching(/urgent/) } });
  });
});

describe("routing reason", () => {
  it("stores on the ROUTED event and in the owner's notice which rule chose the owner", async () => {
    const single = await makeLine(t.db, { ownerIds: [ownerB.id] });
    const q1 = await file(asker, single.id);
    expect(await routedReason(q1.id)).toBe("only-in-matrix");
    const notice = await t.db.notification.findFirstOrThrow({ where: { questionId: q1.id, userId: ownerB.id, kind: "question.assigned", channel: "IN_APP" } });
    expect(notice.payload).toMatchObject({ number: q1.number, reason: "only-in-matrix", firstResponseDueAt: expect.any(String), dueAt: expect.any(String) });

    // Two owners, ownerB already holds q1: ownerC has fewer open questions.
    const ownerC = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    await t.db.responsibilityAssignment.create({ data: { lineId: single.id, userId: ownerC.id } });
    const q2 = await file(asker, single.id);
    expect(q2.ownerId).toBe(ownerC.id);
    expect(await routedReason(q2.id)).toBe("least-loaded");

    const now = new Date();
    await t.db.dutyRoster.create({ data: { lineId: single.id, userId: ownerB.id, startsAt: new Date(now.getTime() - 3600_000), endsAt: new Date(now.getTime() + 3600_000) } });
    const q3 = await file(asker, single.id);
    expect(q3.ownerId).toBe(ownerB.id);
    expect(await routedReason(q3.id)).toBe("roster");

    const named = await file(asker, single.id, { namedOwnerId: manager.id });
    expect(await routedReason(named.id)).toBe("named");

    const empty = await makeLine(t.db, { policyOwnerDeptId: askerDept.id });
    const fallback = await file(asker, empty.id);
    expect(fallback.ownerId).toBe(manager.id);
    expect(await routedReason(fallback.id)).toBe("fallback-manager");
  });

  it("shows why on the page data, and each change of owner, and tells the asker when the owner changes", async () => {
    const q = await file(asker, line.id);
    expect(q.ownerId).toBe(ownerA.id);
    const { handoffId } = await requestHandoff(ctxOf(t.db, ownerA), { questionId: q.id, toUserId: ownerB.id, noteDone: "查了年假制度", notePending: "确认结转口径", notePromised: "今天内答复", expectedVersion: 0 });
    await respondToHandoff(ctxOf(t.db, ownerB), { handoffId, accept: true });
    const detail = await getQuestionDetail(ctxOf(t.db, asker), q.id);
    expect(ownerChanges(detail.q.ownerships, detail.q.events).map((c) => [c.fromName, c.toName, c.reason])).toEqual([
      [null, ownerA.name, "only-in-matrix"],
      [ownerA.name, ownerB.name, "handoff"],
    ]);
    const told = await t.db.notification.findMany({ where: { questionId: q.id, userId: asker.id, kind: "question.owner-changed", channel: "IN_APP" } });
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toEqual({ number: q.number, toName: ownerB.name, why: "handoff" });
  });
});

describe("the asker's contact", () => {
  it("is shown to the owner and the managers above the asker, not to the asker's page, QA, other owners of the line or a past owner", async () => {
    await t.db.responsibilityAssignment.create({ data: { lineId: line.id, userId: lineMate.id } });
    const q = await fileQuestion(ctxOf(t.db, asker), { idempotencyKey: randomUUID(), body: "报销单据丢了怎么办？", lineId: line.id, contactName: asker.name, namedOwnerId: ownerA.id, askSessionId: (await makeSearchedAskSession(t.db, asker.id)).id });
    const contactFor = async (u: U) => (await getQuestionDetail(ctxOf(t.db, u), q.id)).askerContact;
    expect(await contactFor(ownerA)).toEqual({ name: asker.name, email: asker.email, phone: "13800000042", im: "liming-wx", title: "销售代表", department: expect.any(String) });
    expect(await contactFor(manager)).toMatchObject({ email: asker.email });
    expect(await contactFor(admin)).toMatchObject({ email: asker.email });
    for (const u of [asker, qa, lineMate]) expect(await contactFor(u), u.name).toBeNull();
    await expect(contactFor(otherManager)).rejects.toBeInstanceOf(ForbiddenError);

    const { handoffId } = await requestHandoff(ctxOf(t.db, ownerA), { questionId: q.id, toUserId: ownerB.id, noteDone: "核对了报销制度", notePending: "补开发票的流程", notePromised: "明天答复", expectedVersion: 0 });
    await respondToHandoff(ctxOf(t.db, ownerB), { handoffId, accept: true });
    expect(await contactFor(ownerA)).toBeNull();
    expect(await contactFor(ownerB)).toMatchObject({ email: asker.email });
  });
});

describe("the owner's clause search", () => {
  it("finds current clauses beyond the asker's suggestions, and a reply may cite one of them", async () => {
    const report = await importPolicies(t.db, path.resolve("tests/fixtures/corpus/docs"));
    expect(report.failed).toEqual([]);
    await syncIndex(t.db, { prefix: t.indexPrefix, config: t.meili });
    const q = await file(asker, line.id);
    const owner = [ownerA, ownerB, lineMate].find((u) => u.id === q.ownerId)!;
    const deps = { db: t.db, meili: { prefix: t.indexPrefix, config: t.meili } };
    const r = await searchClausesForQuestion(ctxOf(t.db, owner), { questionId: q.id, q: "年休假" }, deps);
    expect(r.hits.length).toBeGreaterThan(0);
    expect(await t.db.questionSuggestion.count({ where: { questionId: q.id } })).toBe(0); // nothing was shown to the asker
    const hit = r.hits[0]!;
    const current = await t.db.policySection.findUniqueOrThrow({ where: { id: hit.sectionId }, select: { versionId: true, policy: { select: { currentVersionId: true } } } });
    expect(current.versionId).toBe(current.policy.currentVersionId);
    // The search is not logged as an employee's search (it would distort what people look for).
    expect(await t.db.searchQuery.count({ where: { userId: owner.id } })).toBe(0);

    await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "按制度可以申请结转，详见所引条款。", citedSectionIds: [hit.sectionId] });
    expect((await t.db.citation.findMany({ where: { questionId: q.id } })).map((c) => c.sectionId)).toEqual([hit.sectionId]);

    await expect(searchClausesForQuestion(ctxOf(t.db, plain), { questionId: q.id, q: "年休假" }, deps)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchClausesForQuestion(ctxOf(t.db, owner), { questionId: q.id, q: "" }, deps)).rejects.toMatchObject({ fields: { q: expect.any(String) } });
  });
});

describe("saved replies", () => {
  it("keeps personal ones private to their owner", async () => {
    const mine = await createSavedReply(ctxOf(t.db, ownerA), { scope: "mine", title: "年假结转", body: "{提问人}您好，{问题编号}：年假可结转至次年 3 月底。" });
    expect((await listSavedReplies(ctxOf(t.db, ownerA), {})).map((r) => r.id)).toContain(mine.id);
    expect((await listSavedReplies(ctxOf(t.db, ownerB), {})).map((r) => r.id)).not.toContain(mine.id);
    await expect(updateSavedReply(ctxOf(t.db, ownerB), { id: mine.id, title: "改掉" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSavedReply(ctxOf(t.db, admin), { id: mine.id })).rejects.toBeInstanceOf(NotFoundError);
    await updateSavedReply(ctxOf(t.db, ownerA), { id: mine.id, title: "年假结转（新）" });
    expect((await t.db.savedReply.findUniqueOrThrow({ where: { id: mine.id } })).title).toBe("年假结转（新）");
    await deleteSavedReply(ctxOf(t.db, ownerA), { id: mine.id });
    expect(await t.db.savedReply.count({ where: { id: mine.id } })).toBe(0);
    await expect(createSavedReply(ctxOf(t.db, plain), { scope: "mine", title: "x", body: "y" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets only the line's policy owners and admins keep a line's shared ones; the line's owners use them", async () => {
    const input = { scope: "line", lineId: line.id, title: "报销时限", body: "{提问人}您好：{条线}的报销须在 30 日内提交。" };
    for (const u of [ownerA, otherPolicyOwner, manager]) await expect(createSavedReply(ctxOf(t.db, u), input), u.name).rejects.toBeInstanceOf(ForbiddenError);
    const shared = await createSavedReply(ctxOf(t.db, policyOwner), input);
    const byAdmin = await createSavedReply(ctxOf(t.db, admin), { ...input, title: "管理员的" });
    const seen = await listSavedReplies(ctxOf(t.db, ownerA), { line: line.id });
    expect(seen.filter((r) => r.scope === "line").map((r) => [r.id, r.editable])).toEqual(expect.arrayContaining([[shared.id, false], [byAdmin.id, false]]));
    await expect(listSavedReplies(ctxOf(t.db, plain), { line: line.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSavedReply(ctxOf(t.db, ownerA), { id: shared.id, body: "改" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteSavedReply(ctxOf(t.db, otherPolicyOwner), { id: shared.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listSavedReplies(ctxOf(t.db, policyOwner), { line: line.id })).find((r) => r.id === shared.id)?.editable).toBe(true);
    await deleteSavedReply(ctxOf(t.db, admin), { id: shared.id });
    expect(await t.db.auditLog.count({ where: { actorId: policyOwner.id, action: "saved-reply.create", target: line.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { actorId: admin.id, action: "saved-reply.delete", target: shared.id } })).toBe(1);
  });

  it("refuses bad input naming the field, and an owner id never comes from input", async () => {
    await expect(createSavedReply(ctxOf(t.db, ownerA), { scope: "mine", title: "", body: "x" })).rejects.toMatchObject({ fields: { title: "请填写标题" } });
    await expect(createSavedReply(ctxOf(t.db, ownerA), { scope: "mine", title: "t", body: "{提问者}您好" })).rejects.toMatchObject({ fields: { body: expect.stringContaining("{提问者}") } });
    await expect(createSavedReply(ctxOf(t.db, ownerA), { scope: "line", title: "t", body: "x" })).rejects.toMatchObject({ fields: { lineId: expect.any(String) } });
    await expect(createSavedReply(ctxOf(t.db, ownerA), { scope: "mine", title: "t", body: "x", ownerId: ownerB.id })).rejects.toBeInstanceOf(ValidationError);
    await expect(t.db.savedReply.create({ data: { title: "t", body: "x", authorId: ownerA.id } })).rejects.toThrow(/SavedReply_one_scope/);
  });

  it("cannot pass the cap with parallel saves", async () => {
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    await t.db.savedReply.createMany({ data: Array.from({ length: 198 }, (_, i) => ({ ownerId: owner.id, title: `t${i}`, body: "x", authorId: owner.id })) });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createSavedReply(ctxOf(t.db, owner), { scope: "mine", title: `race ${i}`, body: "x" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await t.db.savedReply.count({ where: { ownerId: owner.id } })).toBe(200);
  });
});
