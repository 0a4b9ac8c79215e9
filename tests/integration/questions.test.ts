import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BrushOffError, ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { savePhrase } from "@/lib/admin/save-phrase";
import { confirmSolved, fileComplaint, rateQuestion, reopenQuestion } from "@/lib/questions/asker-actions";
import { confirmDeflection, recordSuggestionView, startAskSession } from "@/lib/questions/ask-session";
import { fileQuestion } from "@/lib/questions/file-question";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { DEFAULT_BRUSH_OFF } from "@/lib/seed/demo";
import { loadCalendar } from "@/lib/time/calendar";
import { addWorkingMinutes, workingMinutesBetween } from "@/lib/time/working-time";
import { toHttpError } from "@/lib/http/errors";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

type U = Awaited<ReturnType<typeof makeUser>>;
let company: { id: string };
let hrDept: { id: string };
let salesDept: { id: string };
let asker: U, otherEmployee: U, ownerA: U, ownerB: U, ownerC: U, hrManager: U, ceo: U, admin: U, salesManager: U;
let line: { id: string };
let otherLine: { id: string };

const file = async (u: U, extra: Record<string, unknown> = {}) =>
  fileQuestion(ctxOf(t.db, u), {
    idempotencyKey: randomUUID(),
    body: "出差住宿超标了怎么报销？",
    lineId: line.id,
    contactName: u.name,
    askSessionId: (await makeSearchedAskSession(t.db, u.id)).id,
    ...extra,
  });

const handoffNote = { noteDone: "查了差旅制度第八条", notePending: "需要财务确认例外审批", notePromised: "周五前答复提问人" };

beforeAll(async () => {
  const db = t.db;
  ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
  hrManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  salesManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  hrDept = await makeDepartment(db, { parentId: company.id, managerId: hrManager.id });
  salesDept = await makeDepartment(db, { parentId: company.id, managerId: salesManager.id });
  asker = await makeUser(db, { departmentId: salesDept.id });
  otherEmployee = await makeUser(db, { departmentId: salesDept.id });
  ownerA = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hrDept.id });
  ownerB = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hrDept.id });
  ownerC = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: salesDept.id });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  line = await makeLine(db, { ownerIds: [ownerA.id, ownerB.id] });
  otherLine = await makeLine(db, { ownerIds: [ownerC.id] });
  for (const b of DEFAULT_BRUSH_OFF) await db.brushOffPhrase.create({ data: b });
});

describe("routing", () => {
  it("routes by the matrix to the owner with the fewest open questions, then prefers the on-duty roster", async () => {
    const first = await file(asker);
    const second = await file(asker);
    // Two owners with no open questions: the first goes to one, the second to the other (fewest open).
    expect(new Set([first.ownerId, second.ownerId])).toEqual(new Set([ownerA.id, ownerB.id]));
    const now = new Date();
    await t.db.dutyRoster.create({ data: { lineId: line.id, userId: ownerB.id, startsAt: new Date(now.getTime() - 3600_000), endsAt: new Date(now.getTime() + 3600_000) } });
    const third = await file(asker);
    expect(third.ownerId).toBe(ownerB.id);
    await t.db.dutyRoster.deleteMany({ where: { lineId: line.id } });
  });

  it("goes straight to a person the asker names (their leader becomes the 首问责任人)", async () => {
    const q = await file(asker, { namedOwnerId: salesManager.id });
    expect(q.ownerId).toBe(salesManager.id);
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, include: { ownerships: true, events: true } });
    expect(row.ownerships.map((o) => o.via)).toEqual(["NAMED"]);
    expect(row.events.map((e) => e.type)).toEqual(["ASKED", "ROUTED"]);
  });

  it("notifies the owner in-app", async () => {
    const q = await file(asker);
    const n = await t.db.notification.findMany({ where: { questionId: q.id, userId: q.ownerId!, channel: "IN_APP" } });
    expect(n.map((x) => x.kind)).toEqual(["question.assigned"]);
  });
});

describe("filing", () => {
  it("creates one question for a double submit, also when the submits race", async () => {
    const key = randomUUID();
    const input = { idempotencyKey: key, body: "同一个问题提交两次", lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(t.db, asker.id)).id };
    const results = await Promise.all(Array.from({ length: 5 }, () => fileQuestion(ctxOf(t.db, asker), input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await t.db.question.count({ where: { askerId: asker.id, idempotencyKey: key } })).toBe(1);
    expect(await t.db.questionEvent.count({ where: { questionId: results[0]!.id, type: "ASKED" } })).toBe(1);
  });

  it("answers bad input with field errors and stores nothing", async () => {
    const before = await t.db.question.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ body: "" }, "body"],
      [{ body: "长".repeat(5001) }, "body"],
      [{ lineId: randomUUID() }, "lineId"],
      [{ lineId: "not-a-uuid" }, "lineId"],
      [{ contactName: "" }, "contactName"],
      [{ status: "RESOLVED" }, "status"],
      [{ ownerId: ownerA.id }, "ownerId"],
    ];
    for (const [extra, field] of cases) {
      const err = await file(asker, extra).catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields).join(","), field).toContain(field);
    }
    expect(await t.db.question.count()).toBe(before);
  });

  it("files only from the asker's own ask session with a search in it (409 with the reason otherwise)", async () => {
    // A fresh asker: the flood limit counts every question of the file's shared asker.
    const me = await makeUser(t.db);
    const before = await t.db.question.count();
    const refused = async (extra: Record<string, unknown>, reason: RegExp) => {
      const err = await file(me, extra).catch((e: unknown) => e);
      expect(err, String(reason)).toBeInstanceOf(ConflictError);
      expect((err as Error).message).toMatch(reason);
      expect(toHttpError(err, "r").status).toBe(409);
    };
    await refused({ askSessionId: undefined }, /先检索制度/);
    await refused({ askSessionId: randomUUID() }, /不存在/);
    const unsearched = await startAskSession(ctxOf(t.db, me));
    await refused({ askSessionId: unsearched.id }, /还没有任何检索记录/);
    const othersSession = await makeSearchedAskSession(t.db, otherEmployee.id);
    await refused({ askSessionId: othersSession.id }, /不存在/);
    expect(await t.db.auditLog.count({ where: { action: "ask-session.file.denied", actorId: me.id, target: othersSession.id } })).toBe(1);
    const deflected = await makeSearchedAskSession(t.db, me.id);
    await t.db.askSession.update({ where: { id: deflected.id }, data: { outcome: "CONFIRMED_DEFLECTION" } });
    await refused({ askSessionId: deflected.id }, /已确认由制度条款解决/);
    expect(await t.db.question.count()).toBe(before);

    // Searched, nothing fit: the session's searches found nothing and the asker still files.
    const searched = await makeSearchedAskSession(t.db, me.id, { query: "没有答案的问题" });
    const q = await file(me, { askSessionId: searched.id });
    expect(q.created).toBe(true);
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).askSessionId).toBe(searched.id);
    await refused({ askSessionId: searched.id }, /已经提交过问题/);
  });

  it("lets one of two racing filings from the same ask session through", async () => {
    const me = await makeUser(t.db);
    const session = await makeSearchedAskSession(t.db, me.id);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => file(me, { askSessionId: session.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.question.count({ where: { askSessionId: session.id } })).toBe(1);
    for (const r of results) if (r.status === "rejected") expect(toHttpError(r.reason, "r").status).toBe(409);
  });

  it("a filing and a 这解决了我的问题 on the same session at once: one wins, 20 times out of 20", async () => {
    const policy = await t.db.policy.create({ data: { id: `p-${randomUUID().slice(0, 8)}`, title: "考勤与休假管理制度", lineId: line.id, ownerName: "人力资源部" } });
    const version = await t.db.policyVersion.create({ data: { policyId: policy.id, version: 1, checksum: "x", title: policy.title, markdown: "" } });
    const section = await t.db.policySection.create({ data: { versionId: version.id, policyId: policy.id, ordinal: 0, label: "第五条", heading: "第五条", text: "年假" } });
    const me = await makeUser(t.db);
    const inconsistent: string[] = [];
    for (let round = 0; round < 20; round++) {
      const session = await makeSearchedAskSession(t.db, me.id);
      // A question per round, so the flood limit (20 per 10 minutes) never decides: each round files at its own hour.
      const ctx = ctxOf(t.db, me, new Date(Date.now() + round * 3_600_000));
      const [filed, deflected] = await Promise.allSettled([
        fileQuestion(ctx, { idempotencyKey: randomUUID(), body: "年假可以分几次休？", lineId: line.id, contactName: me.name, askSessionId: session.id }),
        // Staggered 0–19 ms so that the confirmation lands at every point of the filing's transaction.
        new Promise((r) => setTimeout(r, round)).then(() => confirmDeflection(ctx, session.id, { sectionId: section.id })),
      ]);
      const q = await t.db.question.findUnique({ where: { askSessionId: session.id }, select: { id: true } });
      const { outcome } = await t.db.askSession.findUniqueOrThrow({ where: { id: session.id } });
      const ok = [filed, deflected].filter((r) => r.status === "fulfilled").length === 1 && (q ? outcome === "FILED" : outcome === "CONFIRMED_DEFLECTION");
      if (!ok) inconsistent.push(`round ${round}: filed ${filed.status}, deflected ${deflected.status}, question ${q ? "yes" : "no"}, outcome ${outcome}`);
    }
    expect(inconsistent).toEqual([]);
  });

  it("keeps the asker's trail: what was shown and what was opened", async () => {
    const session = await startAskSession(ctxOf(t.db, asker));
    const policy = await t.db.policy.create({ data: { id: `p-${randomUUID().slice(0, 8)}`, title: "差旅费用报销管理办法", lineId: line.id, ownerName: "财务部" } });
    const version = await t.db.policyVersion.create({ data: { policyId: policy.id, version: 1, checksum: "x", title: policy.title, markdown: "" } });
    const [s1, s2] = await Promise.all(
      [0, 1].map((i) => t.db.policySection.create({ data: { versionId: version.id, policyId: policy.id, ordinal: i, label: `第${i + 1}条`, heading: `第${i + 1}条`, text: "住宿标准" } })),
    );
    await t.db.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
    await t.db.searchQuery.create({
      data: { userId: asker.id, askSessionId: session.id, query: "住宿超标", resultCount: 2, latencyMs: 3, impressions: { create: [{ sectionId: s1!.id, policyId: policy.id, rank: 1 }, { sectionId: s2!.id, policyId: policy.id, rank: 2 }] } },
    });
    await recordSuggestionView(ctxOf(t.db, asker), session.id, { sectionId: s2!.id, durationMs: 12_000 });
    const q = await file(asker, { askSessionId: session.id });
    const suggestions = await t.db.questionSuggestion.findMany({ where: { questionId: q.id }, orderBy: { rank: "asc" } });
    expect(suggestions.map((s) => [s.sectionId, s.openedAt !== null, s.openMs])).toEqual([
      [s1!.id, false, null],
      [s2!.id, true, 12_000],
    ]);
    expect((await t.db.askSession.findUniqueOrThrow({ where: { id: session.id } })).outcome).toBe("FILED");

    // Resolution citing the clause shown but not opened → the answer existed and was ignored.
    await resolveQuestion(ctxOf(t.db, (await ownerOf(q.id))!), { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [s1!.id] });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).answerExposure).toBe("IGNORED");

    const deflectSession = await startAskSession(ctxOf(t.db, otherEmployee));
    await confirmDeflection(ctxOf(t.db, otherEmployee), deflectSession.id, { sectionId: s1!.id });
    expect(await t.db.askSession.findUniqueOrThrow({ where: { id: deflectSession.id } })).toMatchObject({ outcome: "CONFIRMED_DEFLECTION", deflectedSectionId: s1!.id });
  });
});

async function ownerOf(questionId: string): Promise<U | null> {
  const q = await t.db.question.findUniqueOrThrow({ where: { id: questionId }, select: { ownerId: true } });
  return [ownerA, ownerB, ownerC, salesManager, hrManager].find((u) => u.id === q.ownerId) ?? null;
}

describe("replies", () => {
  it("blocks 服务忌语, explains and proposes wording, and records the block", async () => {
    const q = await file(asker);
    const owner = (await ownerOf(q.id))!;
    const err = await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "这个不 歸 我管！" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrushOffError);
    expect((err as BrushOffError).found[0]!.phrase).toBe("不归我管");
    expect((err as BrushOffError).found[0]!.suggestion.length).toBeGreaterThan(5);
    expect(await t.db.reply.count({ where: { questionId: q.id } })).toBe(0);
    expect(await t.db.brushOffBlock.count({ where: { questionId: q.id, userId: owner.id } })).toBe(1);

    await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "请一次性准备以下材料", checklist: ["酒店发票", "超标说明"], expectedResolutionAt: new Date(Date.now() + 86_400_000).toISOString() });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row.status).toBe("WAITING_ASKER");
    expect(row.firstRespondedAt).not.toBeNull();
    expect(row.expectedResolutionAt).not.toBeNull();
  });

  it("blocks a 服务忌语 the admin configured (the grammar does not know it), until the admin turns it off", async () => {
    const q = await file(await makeUser(t.db));
    const owner = (await ownerOf(q.id))!;
    const phrase = { phrase: "等领导回来再议", suggestion: "我先联系领导的代理人，今天内给您答复。", active: true };
    await savePhrase(ctxOf(t.db, admin), phrase);
    const err = await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "这个要等领导回来再议" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrushOffError);
    expect((err as BrushOffError).found).toEqual([expect.objectContaining({ phrase: phrase.phrase, suggestion: phrase.suggestion })]);
    await savePhrase(ctxOf(t.db, admin), { ...phrase, active: false });
    await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "这个要等领导回来再议" });
    expect(await t.db.reply.count({ where: { questionId: q.id } })).toBe(1);
  });

  it("resolving while waiting for the asker restarts the clock first: the deadline moves by the paused working time", async () => {
    const q = await file(asker);
    const owner = (await ownerOf(q.id))!;
    await replyToQuestion(ctxOf(t.db, owner), { questionId: q.id, body: "请一次性准备以下材料", checklist: ["酒店发票"] });
    const paused = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(paused.pausedAt).not.toBeNull();
    const at = new Date(paused.pausedAt!.getTime() + 3 * 86_400_000);
    await resolveQuestion(ctxOf(t.db, owner, at), { questionId: q.id, kind: "NO_POLICY", note: "制度未覆盖" });
    const calendar = await loadCalendar(t.db);
    const minutes = workingMinutesBetween(paused.pausedAt!, at, calendar);
    expect(minutes).toBeGreaterThan(0);
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row.pausedAt).toBeNull();
    expect(row.pausedMinutes).toBe(minutes);
    expect(row.resolutionDueAt).toEqual(addWorkingMinutes(paused.resolutionDueAt!, minutes, calendar));
    const types = (await t.db.questionEvent.findMany({ where: { questionId: q.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["RESUMED", "RESOLVED"]);
  });

  it("refuses replies from anyone but the current owner", async () => {
    const q = await file(asker);
    await expect(replyToQuestion(ctxOf(t.db, otherEmployee), { questionId: q.id, body: "我来答" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("handoff", () => {
  it("needs a 交接说明; the giver owns it until the receiver accepts; the chain is kept", async () => {
    const q = await file(asker);
    const giver = (await ownerOf(q.id))!;
    const bad = await requestHandoff(ctxOf(t.db, giver), { questionId: q.id, toUserId: ownerC.id, noteDone: "", notePending: "", notePromised: "", expectedVersion: 0 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fields)).toEqual(expect.arrayContaining(["noteDone", "notePending", "notePromised"]));
    expect(await t.db.handoff.count({ where: { questionId: q.id } })).toBe(0);

    const { handoffId } = await requestHandoff(ctxOf(t.db, giver), { questionId: q.id, toUserId: ownerC.id, ...handoffNote, expectedVersion: 0 });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).ownerId).toBe(giver.id);
    await respondToHandoff(ctxOf(t.db, ownerC), { handoffId, accept: true });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, include: { ownerships: { orderBy: { startedAt: "asc" } } } });
    expect(row.ownerId).toBe(ownerC.id);
    expect(row.ownerships.map((o) => o.userId)).toEqual([giver.id, ownerC.id]);
  });

  it("decline keeps ownership with the giver", async () => {
    const q = await file(asker);
    const giver = (await ownerOf(q.id))!;
    const { handoffId } = await requestHandoff(ctxOf(t.db, giver), { questionId: q.id, toUserId: ownerC.id, ...handoffNote, expectedVersion: 0 });
    await expect(respondToHandoff(ctxOf(t.db, ownerC), { handoffId, accept: false })).rejects.toBeInstanceOf(ValidationError);
    await respondToHandoff(ctxOf(t.db, ownerC), { handoffId, accept: false, declineReason: "不属于销售条线，建议找财务" });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, include: { events: true } });
    expect(row.ownerId).toBe(giver.id);
    expect(row.events.map((e) => e.type)).toContain("HANDOFF_DECLINED");
  });

  it("twenty concurrent accepts: exactly one wins, the rest conflict, one transition in the history", async () => {
    const q = await file(asker);
    const giver = (await ownerOf(q.id))!;
    const { handoffId } = await requestHandoff(ctxOf(t.db, giver), { questionId: q.id, toLineId: otherLine.id, ...handoffNote, expectedVersion: 0 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => respondToHandoff(ctxOf(t.db, ownerC), { handoffId, accept: true })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(19);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: "HANDOFF_ACCEPTED" } })).toBe(1);
  });

  it("twenty concurrent handoff requests: exactly one is created", async () => {
    const q = await file(asker);
    const giver = (await ownerOf(q.id))!;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => requestHandoff(ctxOf(t.db, giver), { questionId: q.id, toUserId: i % 2 ? ownerC.id : hrManager.id, ...handoffNote, expectedVersion: 0 })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await t.db.handoff.count({ where: { questionId: q.id } })).toBe(1);
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: "HANDOFF_REQUESTED" } })).toBe(1);
  });

  it("flags ping-pong to the lowest common manager when a question comes back", async () => {
    const q = await file(asker);
    const a = (await ownerOf(q.id))!;
    const b = a.id === ownerA.id ? ownerB : ownerA;
    let version = 0;
    const pass = async (from: U, to: U) => {
      const { handoffId } = await requestHandoff(ctxOf(t.db, from), { questionId: q.id, toUserId: to.id, ...handoffNote, expectedVersion: version });
      const r = await respondToHandoff(ctxOf(t.db, to), { handoffId, accept: true });
      version = (await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).version;
      return r;
    };
    expect((await pass(a, b)).pingPong).toBe(false);
    expect((await pass(b, a)).pingPong).toBe(true);
    const flagged = await t.db.questionEvent.findFirstOrThrow({ where: { questionId: q.id, type: "PING_PONG_FLAGGED" } });
    // Both owners sit in the HR department: its manager is the lowest common manager.
    expect((flagged.data as { managerId: string }).managerId).toBe(hrManager.id);
    expect(await t.db.notification.count({ where: { questionId: q.id, userId: hrManager.id, kind: "question.ping-pong", channel: "IN_APP" } })).toBe(1);
  });
});

describe("asker side and audit", () => {
  it("resolve → reopen counts a trip → resolve → confirm → rate; complaints stay hidden from the owner", async () => {
    const q = await file(asker);
    const owner = (await ownerOf(q.id))!;
    await resolveQuestion(ctxOf(t.db, owner), { questionId: q.id, kind: "NO_POLICY", note: "公司没有超标住宿的例外规定" });
    expect(await t.db.knowledgeGap.count({ where: { questionId: q.id } })).toBe(1);
    await reopenQuestion(ctxOf(t.db, asker), { questionId: q.id, reason: "还是不知道怎么办" });
    await resolveQuestion(ctxOf(t.db, owner), { questionId: q.id, kind: "NO_POLICY", note: "已请财务出具例外审批" });
    await confirmSolved(ctxOf(t.db, asker), { questionId: q.id });
    await rateQuestion(ctxOf(t.db, asker), { questionId: q.id, idempotencyKey: randomUUID(), score: 4, policyClear: false, reasons: ["一次讲清楚"] });
    await expect(rateQuestion(ctxOf(t.db, asker), { questionId: q.id, idempotencyKey: randomUUID(), score: 5 })).rejects.toBeInstanceOf(ConflictError);
    await fileComplaint(ctxOf(t.db, asker), { questionId: q.id, idempotencyKey: randomUUID(), reason: "第一次办结时没有给出办法" });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(row.reopenCount).toBe(1);
    expect(row.status).toBe("CLOSED");
    expect(row.events.map((e) => e.type)).toEqual(["ASKED", "ROUTED", "RESOLVED", "REOPENED", "RESOLVED", "CONFIRMED", "RATED", "COMPLAINED"]);
    expect((await getQuestionDetail(ctxOf(t.db, owner), q.id)).complaints).toHaveLength(0);
    expect((await getQuestionDetail(ctxOf(t.db, asker), q.id)).complaints).toHaveLength(1);
    expect((await getQuestionDetail(ctxOf(t.db, admin), q.id)).complaints).toHaveLength(1);
  });

  it("never updates or deletes events", async () => {
    const q = await file(asker);
    await expect(t.db.questionEvent.updateMany({ where: { questionId: q.id }, data: { type: "CLOSED" } })).rejects.toThrow(/append-only|permission denied/);
    await expect(t.db.questionEvent.deleteMany({ where: { questionId: q.id } })).rejects.toThrow(/append-only|permission denied/);
  });
});

describe("authorization", () => {
  it("askers see their own, owners what they hold or their 条线 queue, managers their subtree, admins all", async () => {
    const q = await file(asker);
    const owner = (await ownerOf(q.id))!;
    const sameLineOwner = owner.id === ownerA.id ? ownerB : ownerA;
    const can = async (u: U) => getQuestionDetail(ctxOf(t.db, u), q.id).then(() => true, (e: unknown) => (e instanceof ForbiddenError ? false : Promise.reject(e)));
    expect(await can(asker)).toBe(true);
    expect(await can(owner)).toBe(true);
    expect(await can(sameLineOwner)).toBe(true);
    expect(await can(ownerC)).toBe(false); // another 条线
    expect(await can(otherEmployee)).toBe(false);
    expect(await can(salesManager)).toBe(true); // the asker's department
    expect(await can(hrManager)).toBe(true); // the owner's department
    expect(await can(ceo)).toBe(true); // the whole company subtree
    expect(await can(admin)).toBe(true);
    // A guessed id is refused as well, and the refusal is logged.
    await expect(getQuestionDetail(ctxOf(t.db, otherEmployee), randomUUID())).rejects.toThrow();
    expect(await t.db.auditLog.count({ where: { action: "question.view.denied", actorId: otherEmployee.id } })).toBeGreaterThan(0);
  });
});
