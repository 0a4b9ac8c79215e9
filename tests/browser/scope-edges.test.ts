// Scope edges on the running portal (issue 15 items 7 and 8): a question handed to someone who cannot
// own questions is refused with the field named and audited; the picker offers only eligible people; a
// policy owner's synonyms stop at their own 条线; an old section id answers its version and that it is
// superseded, the question page labels a superseded citation, and citing one is a 409.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { usePortal } from "../helpers/browser";
import { HttpClient } from "../helpers/http";

const h = usePortal();
const json = { "content-type": "application/json" };

async function signedIn(email: string): Promise<HttpClient> {
  const c = new HttpClient(h.base);
  expect((await c.signIn(email, TEST_PASSWORD)).status).toBe(200);
  return c;
}

const post = (c: HttpClient, path: string, body: unknown) => c.request("POST", path, { body: JSON.stringify(body), headers: { ...json, origin: h.base } });
const note = { noteDone: "查了差旅制度", notePending: "需要确认例外审批", notePromised: "周五前答复" };

type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U, owner: U, colleague: U, plain: U, policyOwner: U, ownerBoss: U, strangerManager: U;
let line: { id: string }, otherLine: { id: string };
let askerC: HttpClient, ownerC: HttpClient, policyC: HttpClient;
let questionId: string;

beforeAll(async () => {
  const policyDept = await makeDepartment(h.db);
  ownerBoss = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"] });
  strangerManager = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"] });
  const ownerDept = await makeDepartment(h.db, { managerId: ownerBoss.id });
  asker = await makeUser(h.db, { password: TEST_PASSWORD });
  owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD, departmentId: ownerDept.id });
  colleague = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  plain = await makeUser(h.db, {});
  policyOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: policyDept.id, password: TEST_PASSWORD });
  line = await makeLine(h.db, { ownerIds: [owner.id], policyOwnerDeptId: policyDept.id });
  otherLine = await makeLine(h.db, {});
  [askerC, ownerC, policyC] = await Promise.all([signedIn(asker.email), signedIn(owner.email), signedIn(policyOwner.email)]);
  const askSessionId = (await makeSearchedAskSession(h.db, asker.id)).id;
  const filed = await post(askerC, "/api/questions", { idempotencyKey: randomUUID(), body: "出差住宿超标怎么报销？", lineId: line.id, contactName: "测试", contactPhone: "13800000000", askSessionId });
  expect(filed.status).toBe(201);
  questionId = ((await filed.json()) as { id: string }).id;
});

describe("handoff receivers", () => {
  it("handing a question to a plain employee is 400 naming toUserId, audited, and nothing changes", async () => {
    const { version } = await h.db.question.findUniqueOrThrow({ where: { id: questionId } });
    const res = await post(ownerC, `/api/questions/${questionId}/handoff`, { toUserId: plain.id, ...note, expectedVersion: version });
    const body = (await res.json()) as { error: { fields?: Record<string, string> } };
    expect(res.status).toBe(400);
    expect(body.error.fields?.toUserId).toMatch(/首问责任人/);
    expect(await h.db.handoff.count({ where: { questionId } })).toBe(0);
    expect((await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).version).toBe(version);
    expect(await h.db.auditLog.count({ where: { action: "question.handoff.denied", target: questionId, actorId: owner.id } })).toBe(1);
  });

  it("the owner's receiver picker lists first-contact owners and the owner's manager, not plain employees or other managers", async () => {
    const filed = await post(askerC, "/api/questions", { idempotencyKey: randomUUID(), body: "年假可以跨年使用吗？", lineId: line.id, contactName: "测试", askSessionId: (await makeSearchedAskSession(h.db, asker.id)).id });
    const { id } = (await filed.json()) as { id: string };
    const html = await (await ownerC.get(`/questions/${id}`)).text();
    expect(html).toContain('data-testid="handoff-form"');
    for (const yes of [colleague, ownerBoss]) expect(html, yes.name).toContain(`value="u:${yes.id}"`);
    for (const no of [plain, owner, strangerManager]) expect(html, no.name).not.toContain(`value="u:${no.id}"`);
  });
});

describe("synonym scope", () => {
  it("a policy owner adds synonyms for their own 条线; another 条线 or everyone is 403", async () => {
    expect((await post(policyC, "/api/admin/synonyms", { terms: ["差旅", "出差"], lineId: line.id })).status).toBe(200);
    const before = await h.db.searchSynonym.count();
    expect((await post(policyC, "/api/admin/synonyms", { terms: ["报销", "核销"], lineId: otherLine.id })).status).toBe(403);
    expect((await post(policyC, "/api/admin/synonyms", { terms: ["报销", "核销"] })).status).toBe(403);
    expect(await h.db.searchSynonym.count()).toBe(before);
  });
});

describe("superseded sections", () => {
  let policyId: string;
  let oldId: string;
  let newId: string;

  beforeAll(async () => {
    policyId = `scope-${randomUUID().slice(0, 8)}`;
    await h.db.policy.create({ data: { id: policyId, title: "差旅住宿标准", lineId: line.id, ownerName: "财务部" } });
    const section = async (version: number, text: string) => {
      const v = await h.db.policyVersion.create({ data: { policyId, version, checksum: `${policyId}-${version}`, title: "差旅住宿标准", markdown: "" } });
      const s = await h.db.policySection.create({ data: { versionId: v.id, policyId, ordinal: 0, label: "第八条", heading: "第八条 住宿标准", text } });
      return { versionId: v.id, sectionId: s.id };
    };
    const v1 = await section(1, "住宿标准每晚 400 元");
    const v2 = await section(2, "住宿标准每晚 500 元");
    await h.db.policy.update({ where: { id: policyId }, data: { currentVersionId: v2.versionId } });
    oldId = v1.sectionId;
    newId = v2.sectionId;
  });

  it("an old section id answers its text with version 1, not current, and the current section's id", async () => {
    const res = await askerC.get(`/api/sections/${oldId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: oldId, text: "住宿标准每晚 400 元", version: 1, isCurrent: false, currentVersion: 2, currentSectionId: newId });
    expect(await (await askerC.get(`/api/sections/${newId}`)).json()).toMatchObject({ version: 2, isCurrent: true, currentSectionId: newId });
  });

  it("citing the old section in a reply or a resolution is 409 with a sentence; the current one is accepted", async () => {
    const reply = await post(ownerC, `/api/questions/${questionId}/reply`, { body: "请看第八条", citedSectionIds: [oldId] });
    expect(reply.status).toBe(409);
    expect(((await reply.json()) as { error: { message: string } }).error.message).toMatch(/旧版本.*v2/);
    const resolve = await post(ownerC, `/api/questions/${questionId}/resolve`, { kind: "EXISTING_POLICY", citedSectionIds: [oldId] });
    expect(resolve.status).toBe(409);
    expect(await h.db.citation.count({ where: { questionId } })).toBe(0);
    expect((await post(ownerC, `/api/questions/${questionId}/reply`, { body: "请看第八条", citedSectionIds: [newId] })).status).toBe(200);
  });

  it("the question page labels a citation whose section was superseded since", async () => {
    // A reply that cited 第八条 while v1 was current (stored before v2 arrived).
    const reply = await h.db.reply.create({ data: { questionId, authorId: owner.id, body: "按旧标准" } });
    await h.db.citation.create({ data: { questionId, replyId: reply.id, sectionId: oldId, policyId } });
    const html = await (await askerC.get(`/questions/${questionId}`)).text();
    expect(html).toContain('data-testid="citation-superseded"');
    expect(html).toMatch(/旧版本 v<!-- -->1|旧版本 v1/);
  });
});
