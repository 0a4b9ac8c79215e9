// Objects addressed by id that belong to someone else (issue 7): the refusal is 403 (404 where even
// existence stays hidden) with none of the object's data, an AuditLog row `<action>.denied` names the
// id that was tried, and guessed, sequential and malformed ids answer 400/403/404, never 500. And a
// role taken away takes effect on the very next request of a session that is already open.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { usePortal } from "../helpers/browser";
import { HttpClient } from "../helpers/http";

const h = usePortal();
const tag = randomUUID().slice(0, 6);
const json = { "content-type": "application/json" };

async function signedIn(email: string, password = TEST_PASSWORD): Promise<HttpClient> {
  const c = new HttpClient(h.base);
  expect((await c.signIn(email, password)).status).toBe(200);
  return c;
}

const post = (c: HttpClient, path: string, body: unknown) => c.request("POST", path, { body: JSON.stringify(body), headers: { ...json, origin: h.base } });

/** The refusal: the expected status, no stack trace, and none of the object's data in the body. */
async function expectRefused(res: Response, status: number, secrets: string[] = []): Promise<string> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d+/);
  for (const s of secrets) expect(text, `the refusal shows "${s}"`).not.toContain(s);
  return text;
}

const denials = (action: string, target: string, actorId: string) => h.db.auditLog.count({ where: { action, target, actorId } });

/** A guessed neighbour of a real id: the same uuid with its last hex digit changed. */
const neighbour = (id: string) => id.slice(0, -1) + (id.endsWith("0") ? "1" : "0");
/** Ids nobody was given: a neighbour, a sequential number, a path escape, and not-a-uuid text. */
const guesses = (id: string) => [neighbour(id), "1", "..%2Fx", "0000", `${id}x`];

let asker: Awaited<ReturnType<typeof makeUser>>;
let owner: Awaited<ReturnType<typeof makeUser>>;
let intruder: Awaited<ReturnType<typeof makeUser>>;
let askerC: HttpClient;
let ownerC: HttpClient;
let intruderC: HttpClient;
let questionId: string;
const QUESTION = `我的体检报告异常需要调岗吗 ${tag}`;
const COMPLAINT = `首问责任人答复敷衍了事 ${tag}`;

beforeAll(async () => {
  asker = await makeUser(h.db, { password: TEST_PASSWORD });
  owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD });
  intruder = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD });
  const line = await makeLine(h.db, { ownerIds: [owner.id] });
  [askerC, ownerC, intruderC] = await Promise.all([signedIn(asker.email), signedIn(owner.email), signedIn(intruder.email)]);
  const askSessionId = (await makeSearchedAskSession(h.db, asker.id, { query: "体检报告异常" })).id;
  const filed = await post(askerC, "/api/questions", { idempotencyKey: randomUUID(), body: QUESTION, lineId: line.id, contactName: "测试", askSessionId });
  expect(filed.status).toBe(201);
  questionId = ((await filed.json()) as { id: string }).id;
  expect((await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).ownerId).toBe(owner.id);
  expect((await post(askerC, `/api/questions/${questionId}/complain`, { reason: COMPLAINT, idempotencyKey: randomUUID() })).status).toBe(200);
});

describe("someone else's question and its complaint", () => {
  it("every question action by someone who is neither asker nor owner is 403, without the question, and logged as question.<action>.denied", async () => {
    const version = (await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).version;
    const bodies: Record<string, unknown> = {
      reply: { body: "我来替你答复" },
      handoff: { toUserId: intruder.id, noteDone: "已查", notePending: "待办", notePromised: "承诺", expectedVersion: version },
      resolve: { kind: "NO_POLICY" },
      "asker-reply": { body: "补充材料" },
      confirm: {},
      reopen: { reason: "没有解决" },
      rate: { score: 1, idempotencyKey: randomUUID() },
      complain: { reason: "冒充提问人投诉首问责任人", idempotencyKey: randomUUID() },
    };
    for (const [action, body] of Object.entries(bodies)) {
      await expectRefused(await post(intruderC, `/api/questions/${questionId}/${action}`, body), 403, [QUESTION, COMPLAINT]);
      expect(await denials(`question.${action}.denied`, questionId, intruder.id), action).toBe(1);
    }
    const after = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { complaints: true, replies: true, handoffs: true } });
    expect([after.ownerId, after.version, after.complaints.length, after.replies.length, after.handoffs.length]).toEqual([owner.id, version, 1, 0, 0]);
  });

  it("the question page refuses with 403 and no complaint; the owner sees the question but not the unreviewed complaint", async () => {
    await expectRefused(await intruderC.get(`/questions/${questionId}`), 403, [QUESTION, COMPLAINT]);
    expect(await denials("question.view.denied", questionId, intruder.id)).toBe(1);
    const own = await ownerC.get(`/questions/${questionId}`);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain(QUESTION);
    expect(html).not.toContain(COMPLAINT);
    expect(await (await askerC.get(`/questions/${questionId}`)).text()).toContain(COMPLAINT);
  });

  it("guessed question ids answer 404, malformed ones 400 (404 for the page), never 500", async () => {
    for (const id of guesses(questionId)) {
      await expectRefused(await intruderC.get(`/questions/${id}`), 404, [QUESTION]);
      for (const action of ["complain", "reply"]) {
        await expectRefused(await post(intruderC, `/api/questions/${id}/${action}`, action === "reply" ? { body: "答复" } : { reason: "猜编号来投诉", idempotencyKey: randomUUID() }), id === neighbour(questionId) ? 404 : 400);
      }
    }
    expect(await h.db.complaint.count({ where: { questionId } })).toBe(1);
  });
});

describe("handoffs", () => {
  it("responding to a handoff addressed to someone else is 403, changes nothing and is logged as handoff.respond.denied; guessed ids are 404, malformed 400", async () => {
    const receiver = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const version = (await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).version;
    const NOTE = `交接说明 ${tag}`;
    const res = await post(ownerC, `/api/questions/${questionId}/handoff`, { toUserId: receiver.id, noteDone: NOTE, notePending: "待办事项", notePromised: "承诺内容", expectedVersion: version });
    expect(res.status).toBe(200);
    const { handoffId } = (await res.json()) as { handoffId: string };

    await expectRefused(await post(intruderC, `/api/handoffs/${handoffId}/respond`, { accept: true }), 403, [NOTE, QUESTION]);
    await expectRefused(await post(askerC, `/api/handoffs/${handoffId}/respond`, { accept: false, declineReason: "不接" }), 403, [NOTE]);
    expect(await denials("handoff.respond.denied", handoffId, intruder.id)).toBe(1);
    expect(await denials("handoff.respond.denied", handoffId, asker.id)).toBe(1);
    expect((await h.db.handoff.findUniqueOrThrow({ where: { id: handoffId } })).status).toBe("PENDING");
    expect((await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).ownerId).toBe(owner.id);

    for (const id of guesses(handoffId)) await expectRefused(await post(intruderC, `/api/handoffs/${id}/respond`, { accept: true }), id === neighbour(handoffId) ? 404 : 400, [NOTE]);
  });
});

describe("QA reviews", () => {
  it("grading a review assigned to another reviewer is 403, keeps the grade and is logged as qa.grade.denied; unknown ids 404, malformed 400", async () => {
    const [mine, other] = await Promise.all([
      makeUser(h.db, { roles: ["EMPLOYEE", "QA_REVIEWER"] }),
      makeUser(h.db, { roles: ["EMPLOYEE", "QA_REVIEWER"], password: TEST_PASSWORD }),
    ]);
    const COMMENT = `答复完整 ${tag}`;
    const review = await h.db.qaReview.create({ data: { questionId, reviewerId: mine.id, ownerId: owner.id, weekStart: new Date("2026-01-05"), grade: 4, comment: COMMENT, gradedAt: new Date() } });
    const otherC = await signedIn(other.email);

    await expectRefused(await post(otherC, "/api/qa/grade", { reviewId: review.id, grade: 1, comment: "改低" }), 403, [COMMENT, QUESTION]);
    expect(await denials("qa.grade.denied", review.id, other.id)).toBe(1);
    expect(await h.db.qaReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ grade: 4, comment: COMMENT, reviewerId: mine.id });

    await expectRefused(await post(otherC, "/api/qa/grade", { reviewId: neighbour(review.id), grade: 1 }), 404);
    for (const id of ["1", "../x", `${review.id}x`]) await expectRefused(await post(otherC, "/api/qa/grade", { reviewId: id, grade: 1 }), 400);
    // Not a reviewer at all: refused by role before the review is read.
    await expectRefused(await post(intruderC, "/api/qa/grade", { reviewId: review.id, grade: 1 }), 403, [COMMENT]);
  });
});

describe("scorecards, the management dashboard and the ledger", () => {
  let manager: Awaited<ReturnType<typeof makeUser>>;
  let managerC: HttpClient;
  let otherDept: { id: string; name: string };
  let stranger: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    manager = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
    await makeDepartment(h.db, { managerId: manager.id, name: `本部门 ${tag}` });
    otherDept = await makeDepartment(h.db, { name: `别人的部门 ${tag}` });
    stranger = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: otherDept.id, name: `别部门首问 ${tag}` });
    managerC = await signedIn(manager.email);
  });

  it("a first-contact owner asking for another owner's scorecard gets 403 without it (scorecard.view.denied); a made-up id is refused the same", async () => {
    await expectRefused(await intruderC.get(`/insights/owners?user=${stranger.id}`), 403, [stranger.name]);
    expect(await denials("scorecard.view.denied", stranger.id, intruder.id)).toBe(1);
    // Not even existence: an id nobody has is refused exactly like a real one.
    await expectRefused(await intruderC.get(`/insights/owners?user=${neighbour(stranger.id)}`), 403);
    await expectRefused(await intruderC.get(`/insights/owners?dept=${otherDept.id}`), 403, [otherDept.name]);
    expect(await denials("scorecard.view.denied", otherDept.id, intruder.id)).toBe(1);
    // Their own card by id is fine.
    expect((await intruderC.get(`/insights/owners?user=${intruder.id}`)).status).toBe(200);
  });

  it("a manager asking for an owner or a department outside their subtree gets 403 (scorecard.view.denied, management.view.denied, ledger.view.denied)", async () => {
    await expectRefused(await managerC.get(`/insights/owners?user=${stranger.id}`), 403, [stranger.name]);
    expect(await denials("scorecard.view.denied", stranger.id, manager.id)).toBe(1);
    await expectRefused(await managerC.get(`/insights/owners?dept=${otherDept.id}`), 403, [otherDept.name, stranger.name]);
    expect(await denials("scorecard.view.denied", otherDept.id, manager.id)).toBe(1);

    await expectRefused(await managerC.get(`/insights/management?dept=${otherDept.id}`), 403, [otherDept.name]);
    expect(await denials("management.view.denied", otherDept.id, manager.id)).toBe(1);

    const api = await expectRefused(await managerC.get(`/api/ledger?dept=${otherDept.id}`), 403, [otherDept.name]);
    expect(JSON.parse(api)).not.toHaveProperty("rows");
    await expectRefused(await managerC.get(`/api/ledger?dept=${otherDept.id}&format=csv`), 403);
    await expectRefused(await managerC.get(`/insights/ledger?dept=${otherDept.id}`), 403, [otherDept.name]);
    expect(await denials("ledger.view.denied", otherDept.id, manager.id)).toBe(3);
  });

  it("guessed and malformed department and owner ids answer 200 with a filter problem, 400, 403 or 404, never 500", async () => {
    // A department id nobody has is outside every manager's subtree: 403, like a real one.
    await expectRefused(await managerC.get(`/insights/management?dept=${neighbour(otherDept.id)}`), 403);
    await expectRefused(await managerC.get(`/api/ledger?dept=${neighbour(otherDept.id)}`), 403);
    // A manager may look people up, so an unknown person is a plain 404.
    await expectRefused(await managerC.get(`/insights/owners?user=${neighbour(stranger.id)}`), 404);
    for (const bad of ["1", "..%2Fx", "0000"]) {
      for (const p of [`/insights/owners?user=${bad}`, `/insights/owners?dept=${bad}`, `/insights/management?dept=${bad}`, `/insights/ledger?dept=${bad}`]) {
        const res = await managerC.get(p);
        expect(res.status, p).toBe(200);
        expect(await res.text(), p).toContain('role="alert"');
      }
      await expectRefused(await managerC.get(`/api/ledger?dept=${bad}`), 400);
    }
  });
});

describe("ask sessions", () => {
  it("another user's ask session answers 404 like a missing one, and the attempt is logged (ask-session.view.denied / .deflect.denied)", async () => {
    const start = await post(askerC, "/api/ask/sessions", {});
    expect(start.status).toBe(200);
    const { id } = (await start.json()) as { id: string };
    const sectionId = randomUUID();
    const missing = await expectRefused(await post(intruderC, `/api/ask/sessions/${neighbour(id)}/view`, { sectionId }), 404);
    const foreign = await expectRefused(await post(intruderC, `/api/ask/sessions/${id}/view`, { sectionId }), 404);
    expect(JSON.parse(foreign).error).toEqual(JSON.parse(missing).error);
    await expectRefused(await post(intruderC, `/api/ask/sessions/${id}/deflect`, { sectionId }), 404);
    expect(await denials("ask-session.view.denied", id, intruder.id)).toBe(1);
    expect(await denials("ask-session.deflect.denied", id, intruder.id)).toBe(1);
    expect((await h.db.askSession.findUniqueOrThrow({ where: { id } })).outcome).toBe("OPEN");
    expect(await h.db.policyView.count({ where: { askSessionId: id } })).toBe(0);
    for (const bad of ["1", "..%2Fx", "0000", `${id}x`]) {
      await expectRefused(await post(intruderC, `/api/ask/sessions/${bad}/view`, { sectionId }), 404);
      await expectRefused(await post(intruderC, `/api/ask/sessions/${bad}/deflect`, { sectionId }), 404);
    }
  });

  it("policy sections are everyone's to read; malformed section ids are 400 and unknown ones 404", async () => {
    await expectRefused(await intruderC.get(`/api/sections/${randomUUID()}`), 404);
    for (const bad of ["1", "..%2Fx", "0000"]) await expectRefused(await intruderC.get(`/api/sections/${bad}`), 400);
  });
});

describe("admin and policy-owner objects", () => {
  it("retrying a notification by id is for admins only: anyone else gets 403 (notify.retry.denied) and the row is untouched", async () => {
    const ERROR = `SMTP 550 mailbox of ${tag}`;
    const n = await h.db.notification.create({ data: { userId: asker.id, channel: "EMAIL", kind: "question.replied", dedupeKey: `security-access:${tag}`, payload: {}, status: "FAILED", attempts: 5, lastError: ERROR } });
    await expectRefused(await post(intruderC, `/api/admin/notifications/${n.id}/retry`, {}), 403, [ERROR]);
    expect(await denials("notify.retry.denied", n.id, intruder.id)).toBe(1);
    expect(await h.db.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ status: "FAILED", attempts: 5 });
    const admin = await signedIn((await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD })).email);
    await expectRefused(await post(admin, `/api/admin/notifications/${neighbour(n.id)}/retry`, {}), 404);
    for (const bad of ["1", "..%2Fx", "0000"]) await expectRefused(await post(admin, `/api/admin/notifications/${bad}/retry`, {}), 400);
  });

  it("a policy owner acknowledging another 条线's gap or marking another's policy gets 403 (gap.acknowledge.denied, policy.revision.denied)", async () => {
    const policyOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: (await makeDepartment(h.db)).id, password: TEST_PASSWORD });
    const theirLine = await makeLine(h.db, { policyOwnerDeptId: (await makeDepartment(h.db)).id });
    const NOTE = `缺口说明 ${tag}`;
    const gap = await h.db.knowledgeGap.create({ data: { questionId, lineId: theirLine.id, note: NOTE } });
    const policy = await h.db.policy.create({ data: { id: `p-access-${tag}`, title: `别人的制度 ${tag}`, lineId: theirLine.id, ownerName: "别的部门" } });
    const c = await signedIn(policyOwner.email);
    await expectRefused(await post(c, "/api/insights/acknowledge-gap", { gapId: gap.id }), 403, [NOTE]);
    await expectRefused(await post(c, "/api/insights/mark-revision", { policyId: policy.id, needsRevision: true, note: "我要改别人的制度" }), 403, [policy.title]);
    expect(await denials("gap.acknowledge.denied", gap.id, policyOwner.id)).toBe(1);
    expect(await denials("policy.revision.denied", policy.id, policyOwner.id)).toBe(1);
    expect((await h.db.knowledgeGap.findUniqueOrThrow({ where: { id: gap.id } })).status).toBe("OPEN");
    expect((await h.db.policy.findUniqueOrThrow({ where: { id: policy.id } })).needsRevision).toBe(false);
    await expectRefused(await post(c, "/api/insights/acknowledge-gap", { gapId: neighbour(gap.id) }), 404);
    await expectRefused(await post(c, "/api/insights/acknowledge-gap", { gapId: "1" }), 400);
    await expectRefused(await post(c, "/api/insights/mark-revision", { policyId: "../x", needsRevision: false }), 404);
  });
});

describe("a role taken away", () => {
  it("demoting a manager through the admin API ends their open session at the next request; signed in again they get 403 with no data; promoted back, 200 again", async () => {
    const m = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
    const DEPT = `降级测试部 ${tag}`;
    await makeDepartment(h.db, { managerId: m.id, name: DEPT });
    const admin = await signedIn((await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD })).email);
    const setRoles = async (roles: string[]) => expect((await post(admin, "/api/admin/user", { userId: m.id, roles })).status).toBe(200);
    const reads = async (c: HttpClient) => [await c.get("/insights/management"), await c.get("/api/ledger")];

    const session = await signedIn(m.email);
    const [page, api] = await reads(session);
    expect([page!.status, api!.status]).toEqual([200, 200]);
    expect(await page!.text()).toContain(DEPT);
    expect(await api!.json()).toHaveProperty("rows");

    await setRoles(["EMPLOYEE"]);
    // The role change moves the user's session version on: the open session is over, not just narrowed.
    for (const res of await reads(session)) await expectRefused(res, 401, [DEPT, '"rows"']);
    expect((await session.get("/api/me")).status).toBe(401);
    const demoted = await signedIn(m.email);
    for (const res of await reads(demoted)) await expectRefused(res, 403, [DEPT, '"rows"']);

    await setRoles(["EMPLOYEE", "MANAGER"]);
    for (const res of await reads(demoted)) await expectRefused(res, 401, [DEPT]);
    const promoted = await signedIn(m.email);
    expect((await reads(promoted)).map((r) => r.status)).toEqual([200, 200]);
  });

  it("roles are read from the database on every request, not from the cookie: a role removed without a new session version is refused on the same cookie", async () => {
    const m = await makeUser(h.db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD });
    const DEPT = `角色即时生效部 ${tag}`;
    await makeDepartment(h.db, { managerId: m.id, name: DEPT });
    const session = await signedIn(m.email);
    expect((await session.get("/insights/management")).status).toBe(200);
    expect((await session.get("/api/ledger")).status).toBe(200);

    // As a directory sync or a hand-run SQL fix would: roles only, the session version untouched.
    await h.db.user.update({ where: { id: m.id }, data: { roles: ["EMPLOYEE"] } });
    await expectRefused(await session.get("/insights/management"), 403, [DEPT]);
    await expectRefused(await session.get("/api/ledger"), 403, ['"rows"']);
    expect(((await (await session.get("/api/me")).json()) as { roles: string[] }).roles).toEqual(["EMPLOYEE"]);

    await h.db.user.update({ where: { id: m.id }, data: { roles: ["EMPLOYEE", "MANAGER"] } });
    const back = await session.get("/insights/management");
    expect(back.status).toBe(200);
    expect(await back.text()).toContain(DEPT);
    expect((await session.get("/api/ledger")).status).toBe(200);
  });
});
