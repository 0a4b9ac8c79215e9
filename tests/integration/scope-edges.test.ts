// Scope edges (issue 15 items 7 and 8): who may receive a handed-on question, who may add synonyms for
// which 条线, and superseded policy text (version fields, and citing it refused).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addSynonyms } from "@/lib/admin/add-synonyms";
import { setHandoffReceivers } from "@/lib/admin/set-handoff-receivers";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { getSection } from "@/lib/policies/get-section";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { listHandoffReceivers, RECEIVER_REFUSED } from "@/lib/questions/handoff-receivers";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U, plain: U, plain2: U, ownerA: U, ownerB: U, hrManager: U, salesManager: U, ceo: U, admin: U, disabledOwner: U, policyOwner: U;
let line: { id: string };
let otherLine: { id: string };

const note = { noteDone: "查了差旅制度第八条", notePending: "需要确认例外审批", notePromised: "周五前答复提问人" };

async function fileOne() {
  const askSessionId = (await makeSearchedAskSession(t.db, asker.id)).id;
  const q = await fileQuestion(ctxOf(t.db, asker), { idempotencyKey: randomUUID(), body: "出差住宿超标了怎么报销？", lineId: line.id, contactName: "提问人", contactPhone: "13800000000", askSessionId });
  const owner = [ownerA, ownerB].find((o) => o.id === q.ownerId)!;
  return { id: q.id, owner, other: owner.id === ownerA.id ? ownerB : ownerA };
}

const versionOf = async (id: string) => (await t.db.question.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

beforeAll(async () => {
  const db = t.db;
  ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
  hrManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  salesManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  const hr = await makeDepartment(db, { parentId: company.id, managerId: hrManager.id });
  const sales = await makeDepartment(db, { parentId: company.id, managerId: salesManager.id });
  const policyDept = await makeDepartment(db, { parentId: company.id });
  asker = await makeUser(db, { departmentId: sales.id });
  plain = await makeUser(db, { departmentId: hr.id });
  plain2 = await makeUser(db, { departmentId: sales.id });
  ownerA = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id });
  ownerB = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id });
  disabledOwner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], disabled: true });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: policyDept.id });
  line = await makeLine(db, { ownerIds: [ownerA.id, ownerB.id], policyOwnerDeptId: policyDept.id });
  otherLine = await makeLine(db, {});
});

describe("handoff receivers", () => {
  it("refuses a plain employee: the field is named, an audit row is written, nothing changes", async () => {
    const q = await fileOne();
    const err = await requestHandoff(ctxOf(t.db, q.owner), { questionId: q.id, toUserId: plain.id, ...note, expectedVersion: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ toUserId: RECEIVER_REFUSED });
    expect(await t.db.handoff.count({ where: { questionId: q.id } })).toBe(0);
    expect(await versionOf(q.id)).toBe(0);
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: "HANDOFF_REQUESTED" } })).toBe(0);
    const audit = await t.db.auditLog.findMany({ where: { action: "question.handoff.denied", target: q.id } });
    expect(audit.map((a) => [a.actorId, (a.data as { receiverId: string }).receiverId])).toEqual([[q.owner.id, plain.id]]);
  });

  it("refuses a manager outside the owner chain and a disabled owner; accepts owners and the chain's managers", async () => {
    const q = await fileOne();
    for (const who of [salesManager, disabledOwner]) {
      const err = await requestHandoff(ctxOf(t.db, q.owner), { questionId: q.id, toUserId: who.id, ...note, expectedVersion: 0 }).catch((e: unknown) => e);
      expect(err, who.name).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields)).toEqual(["toUserId"]);
    }
    // The owner's department manager and the CEO above are in the chain's management line.
    for (const who of [hrManager, ceo]) {
      const other = await fileOne();
      const { handoffId } = await requestHandoff(ctxOf(t.db, other.owner), { questionId: other.id, toUserId: who.id, ...note, expectedVersion: 0 });
      expect(await respondToHandoff(ctxOf(t.db, who), { handoffId, accept: true })).toMatchObject({ accepted: true });
    }
    const { handoffId } = await requestHandoff(ctxOf(t.db, q.owner), { questionId: q.id, toUserId: q.other.id, ...note, expectedVersion: 0 });
    expect(await respondToHandoff(ctxOf(t.db, q.other), { handoffId, accept: true })).toMatchObject({ accepted: true });
  });

  it("the picker offers exactly the eligible people", async () => {
    const q = await fileOne();
    const ids = (await listHandoffReceivers(t.db, q.id, q.owner.id)).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([q.other.id, hrManager.id, ceo.id]));
    for (const no of [q.owner, plain, plain2, salesManager, disabledOwner, admin]) expect(ids, no.name).not.toContain(no.id);
  });

  it("an admin-set list adds receivers; only admins set it, and the change is audited", async () => {
    await expect(setHandoffReceivers(ctxOf(t.db, ownerA), { userIds: [plain2.id] })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await setHandoffReceivers(ctxOf(t.db, admin), { userIds: [disabledOwner.id] }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toHaveProperty("userIds");
    await setHandoffReceivers(ctxOf(t.db, admin), { userIds: [plain2.id] });
    expect(await t.db.auditLog.count({ where: { action: "handoff.receivers", actorId: admin.id } })).toBe(1);
    const q = await fileOne();
    expect((await listHandoffReceivers(t.db, q.id, q.owner.id)).map((u) => u.id)).toContain(plain2.id);
    const { handoffId } = await requestHandoff(ctxOf(t.db, q.owner), { questionId: q.id, toUserId: plain2.id, ...note, expectedVersion: 0 });
    expect(await respondToHandoff(ctxOf(t.db, plain2), { handoffId, accept: true })).toMatchObject({ accepted: true });
    await setHandoffReceivers(ctxOf(t.db, admin), { userIds: [] });
  });

  it("a pending handoff to someone who cannot own questions cannot be accepted", async () => {
    const q = await fileOne();
    // As the old code stored it: a handoff by name to a plain employee.
    const h = await t.db.handoff.create({ data: { questionId: q.id, fromUserId: q.owner.id, toUserId: plain.id, ...note } });
    const err = await respondToHandoff(ctxOf(t.db, plain), { handoffId: h.id, accept: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).ownerId).toBe(q.owner.id);
    expect((await t.db.handoff.findUniqueOrThrow({ where: { id: h.id } })).status).toBe("PENDING");
    expect(await t.db.auditLog.count({ where: { action: "handoff.respond.denied", target: h.id, actorId: plain.id } })).toBe(1);
    // Declining stays possible, so the handoff does not hang.
    expect(await respondToHandoff(ctxOf(t.db, plain), { handoffId: h.id, accept: false, declineReason: "我不负责这类问题" })).toMatchObject({ accepted: false });
  });
});

describe("synonym scope", () => {
  it("a policy owner adds synonyms for their own 条线 only; company-wide synonyms are admin-only", async () => {
    const own = await addSynonyms(ctxOf(t.db, policyOwner), { terms: ["差旅", "出差"], lineId: line.id });
    expect((await t.db.searchSynonym.findUniqueOrThrow({ where: { id: own.id } })).lineId).toBe(line.id);

    const before = await t.db.searchSynonym.count();
    const other = await addSynonyms(ctxOf(t.db, policyOwner), { terms: ["报销", "核销"], lineId: otherLine.id }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ForbiddenError);
    const global = await addSynonyms(ctxOf(t.db, policyOwner), { terms: ["报销", "核销"] }).catch((e: unknown) => e);
    expect(global).toBeInstanceOf(ForbiddenError);
    expect((global as ForbiddenError).message).toContain("管理员");
    expect(await t.db.searchSynonym.count()).toBe(before);
    const denied = await t.db.auditLog.findMany({ where: { action: "synonyms.add.denied", actorId: policyOwner.id }, orderBy: { id: "asc" } });
    expect(denied.map((a) => a.target)).toEqual([otherLine.id, "global"]);

    const unknown = await addSynonyms(ctxOf(t.db, admin), { terms: ["a", "b"], lineId: randomUUID() }).catch((e: unknown) => e);
    expect((unknown as ValidationError).fields).toEqual({ lineId: "条线不存在" });
    const adminGlobal = await addSynonyms(ctxOf(t.db, admin), { terms: ["报销", "核销"] });
    expect((await t.db.searchSynonym.findUniqueOrThrow({ where: { id: adminGlobal.id } })).lineId).toBeNull();
    await addSynonyms(ctxOf(t.db, admin), { terms: ["发票", "票据"], lineId: otherLine.id });
  });
});

describe("superseded sections", () => {
  /** A policy with v1 (第一条, 第二条, 第三条) superseded by v2 (第一条, 第二条 changed; 第三条 removed). */
  async function versionedPolicy() {
    const id = `p-${randomUUID().slice(0, 8)}`;
    await t.db.policy.create({ data: { id, title: "差旅费用报销管理办法", lineId: line.id, ownerName: "财务部" } });
    const make = async (version: number, texts: string[]) => {
      const v = await t.db.policyVersion.create({ data: { policyId: id, version, checksum: `${id}-${version}`, title: "差旅费用报销管理办法", markdown: "" } });
      const labels = ["第一条", "第二条", "第三条"];
      const sections = await Promise.all(texts.map((text, i) => t.db.policySection.create({ data: { versionId: v.id, policyId: id, ordinal: i, label: labels[i]!, heading: labels[i]!, text } })));
      return { id: v.id, sections };
    };
    const v1 = await make(1, ["适用范围", "住宿标准每晚 400 元", "已删除的条款"]);
    const v2 = await make(2, ["适用范围", "住宿标准每晚 500 元"]);
    await t.db.policy.update({ where: { id }, data: { currentVersionId: v2.id } });
    return { id, v1, v2 };
  }

  it("every section answer carries its version, whether it is current, and the current section replacing it", async () => {
    const p = await versionedPolicy();
    const old = await getSection({ db: t.db }, { id: p.v1.sections[1]!.id });
    expect(old).toMatchObject({ text: "住宿标准每晚 400 元", version: 1, isCurrent: false, currentVersion: 2, currentSectionId: p.v2.sections[1]!.id, policyId: p.id, label: "第二条" });
    const removed = await getSection({ db: t.db }, { id: p.v1.sections[2]!.id });
    expect(removed).toMatchObject({ version: 1, isCurrent: false, currentVersion: 2, currentSectionId: null });
    const current = await getSection({ db: t.db }, { id: p.v2.sections[1]!.id });
    expect(current).toMatchObject({ text: "住宿标准每晚 500 元", version: 2, isCurrent: true, currentVersion: 2, currentSectionId: p.v2.sections[1]!.id });
  });

  it("citing a superseded section in a reply or a resolution is a conflict; nothing is stored", async () => {
    const p = await versionedPolicy();
    const q = await fileOne();
    const owner = ctxOf(t.db, q.owner);
    const reply = await replyToQuestion(owner, { questionId: q.id, body: "请看第二条", citedSectionIds: [p.v2.sections[0]!.id, p.v1.sections[1]!.id] }).catch((e: unknown) => e);
    expect(reply).toBeInstanceOf(ConflictError);
    expect((reply as ConflictError).message).toMatch(/第二条是旧版本，已被 v2 取代/);
    expect(await t.db.reply.count({ where: { questionId: q.id } })).toBe(0);
    expect(await t.db.citation.count({ where: { questionId: q.id } })).toBe(0);

    const resolve = await resolveQuestion(owner, { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [p.v1.sections[1]!.id] }).catch((e: unknown) => e);
    expect(resolve).toBeInstanceOf(ConflictError);
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).status).not.toBe("RESOLVED");
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: { in: ["REPLIED", "RESOLVED"] } } })).toBe(0);

    await replyToQuestion(owner, { questionId: q.id, body: "请看第二条", citedSectionIds: [p.v2.sections[1]!.id] });
    await resolveQuestion(owner, { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [p.v2.sections[1]!.id] });
    expect(await t.db.citation.count({ where: { questionId: q.id, sectionId: p.v2.sections[1]!.id } })).toBe(2);
  });

  it("a new version committed while a reply is citing the old one: the reply waits for it and is refused", async () => {
    const id = `p-${randomUUID().slice(0, 8)}`;
    await t.db.policy.create({ data: { id, title: "会议费管理办法", lineId: line.id, ownerName: "财务部" } });
    const v1 = await t.db.policyVersion.create({ data: { policyId: id, version: 1, checksum: "a", title: "会议费管理办法", markdown: "" } });
    const s1 = await t.db.policySection.create({ data: { versionId: v1.id, policyId: id, ordinal: 0, label: "第一条", heading: "第一条", text: "旧标准" } });
    await t.db.policy.update({ where: { id }, data: { currentVersionId: v1.id } });
    const q = await fileOne();
    let reply: Promise<unknown> = Promise.resolve();
    // The import's transaction, as lib/content/import-policies.ts writes it: the policy row first, the
    // new version, then the pointer. The reply starts while it is open and must see its outcome.
    await t.db.$transaction(async (tx) => {
      await tx.policy.update({ where: { id }, data: { title: "会议费管理办法" } });
      const v2 = await tx.policyVersion.create({ data: { policyId: id, version: 2, checksum: "b", title: "会议费管理办法", markdown: "" } });
      await tx.policySection.create({ data: { versionId: v2.id, policyId: id, ordinal: 0, label: "第一条", heading: "第一条", text: "新标准" } });
      reply = replyToQuestion(ctxOf(t.db, q.owner), { questionId: q.id, body: "按第一条办理", citedSectionIds: [s1.id] }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 500));
      await tx.policy.update({ where: { id }, data: { currentVersionId: v2.id } });
    });
    expect(await reply).toBeInstanceOf(ConflictError);
    expect(await t.db.citation.count({ where: { questionId: q.id } })).toBe(0);
  });
});
