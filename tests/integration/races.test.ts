// Lost updates (issue 14, item 4): racing requests on one question, each in its own transaction on its
// own connection of a real PostgreSQL. Every pair runs 20 times; a run is wrong when the question's
// trail does not replay to its row (status, resolvedAt, reopen count, owner, hand count), when a request
// that answered 200 left no event (or a refused one left one), when the notifications do not match the
// events one for one, or when a loser got anything but a 409. Each test prints how many runs went wrong.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import type { QuestionEventType } from "@/lib/db/generated/enums";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { ConflictError, RateLimitedError } from "@/lib/errors";
import { recordFeedback } from "@/lib/policies/record-feedback";
import { confirmSolved, fileComplaint, rateQuestion, reopenQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const RUNS = 20;

type U = Awaited<ReturnType<typeof makeUser>>;
let wide: Db; // enough connections for every racer to hold its own transaction
let sales: { id: string };
let owner: U, ownerB: U, ownerC: U, ownerD: U;
let line: { id: string };
let queue: { id: string };

beforeAll(async () => {
  const db = t.db;
  wide = createDb(t.url, 24);
  const ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
  const hrManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  const hr = await makeDepartment(db, { parentId: company.id, managerId: hrManager.id });
  sales = await makeDepartment(db, { parentId: company.id });
  const fco = { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] as U["roles"], departmentId: hr.id };
  [owner, ownerB, ownerC, ownerD] = [await makeUser(db, fco), await makeUser(db, fco), await makeUser(db, fco), await makeUser(db, fco)];
  line = await makeLine(db, { ownerIds: [owner.id] });
  queue = await makeLine(db, { ownerIds: [ownerB.id, ownerC.id] });
});

afterAll(async () => {
  await wide?.$disconnect();
});

/** A question filed by a new employee (so no flood limit applies) and held by `owner`. */
async function openQuestion(): Promise<{ id: string; asker: U }> {
  const asker = await makeUser(t.db, { departmentId: sales.id });
  const askSessionId = (await makeSearchedAskSession(t.db, asker.id)).id;
  const q = await fileQuestion(ctxOf(wide, asker), { idempotencyKey: randomUUID(), body: "出差住宿超标了怎么报销？", lineId: line.id, contactName: asker.name, namedOwnerId: owner.id, askSessionId });
  return { id: q.id, asker };
}

const versionOf = async (id: string) => (await t.db.question.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

const reply = (u: U, id: string) => replyToQuestion(ctxOf(wide, u), { questionId: id, body: "已核实，按差旅制度第八条走例外审批即可。" });
const resolve = (u: U, id: string) => resolveQuestion(ctxOf(wide, u), { questionId: id, kind: "NO_POLICY", note: "制度没有写到这种情况，已请财务补充" });
const reopen = (asker: U, id: string) => reopenQuestion(ctxOf(wide, asker), { questionId: id, reason: "按答复操作后还是被退回" });
const confirm = (asker: U, id: string) => confirmSolved(ctxOf(wide, asker), { questionId: id });
const handoffNote = { noteDone: "查了差旅制度第八条", notePending: "需要财务确认例外审批", notePromised: "周五前答复提问人" };
const handoff = (u: U, id: string, expectedVersion: number, to: { toUserId?: string; toLineId?: string }) =>
  requestHandoff(ctxOf(wide, u), { questionId: id, ...to, ...handoffNote, expectedVersion });
const respond = (u: U, handoffId: string, accept: boolean) => respondToHandoff(ctxOf(wide, u), accept ? { handoffId, accept } : { handoffId, accept, declineReason: "不归我们组处理" });

const OPEN = new Set(["OPEN", "IN_PROGRESS", "WAITING_ASKER"]);
const DONE = new Set(["RESOLVED", "CLOSED"]);

/** The in-app notice each transition sends to one person, when it sends one. */
const NOTICE: Partial<Record<QuestionEventType, string>> = {
  RESOLVED: "question.resolved",
  REOPENED: "question.reopened",
  HANDOFF_ACCEPTED: "handoff.accepted",
  HANDOFF_DECLINED: "handoff.declined",
};

/** What is wrong with the question's stored state, replaying its trail. Empty when consistent. */
async function inconsistencies(id: string): Promise<string[]> {
  const q = await t.db.question.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } }, handoffs: true, ownerships: true, gaps: true } });
  const problems: string[] = [];
  let state = "OPEN";
  let owner = q.ownerships.find((o) => o.via !== "HANDOFF")?.userId ?? null;
  let hands = 1;
  for (const e of q.events) {
    const data = e.data as Record<string, unknown>;
    const must = (ok: boolean) => ok || problems.push(`${e.type} while ${state}`);
    switch (e.type) {
      case "REPLIED":
        if (data.byAsker) {
          must(state !== "CLOSED");
          if (state === "WAITING_ASKER") state = "IN_PROGRESS";
        } else {
          must(OPEN.has(state));
          state = Number(data.checklistItems) > 0 ? "WAITING_ASKER" : "IN_PROGRESS";
        }
        break;
      case "RESOLVED":
        must(OPEN.has(state));
        state = "RESOLVED";
        break;
      case "REOPENED":
        must(DONE.has(state));
        state = "IN_PROGRESS";
        break;
      case "CONFIRMED":
        must(state === "RESOLVED");
        state = "CLOSED";
        break;
      case "HANDOFF_ACCEPTED":
        must(OPEN.has(state));
        owner = e.actorId;
        hands++;
        break;
      case "HANDOFF_REQUESTED":
      case "HANDOFF_DECLINED":
      case "ESCALATED":
        must(OPEN.has(state));
        break;
      case "RATED":
        must(DONE.has(state));
        break;
      default:
    }
  }
  const count = (type: QuestionEventType) => q.events.filter((e) => e.type === type).length;
  if (state !== q.status) problems.push(`trail says ${state}, row says ${q.status}`);
  if (DONE.has(q.status) !== (q.resolvedAt !== null)) problems.push(`status ${q.status} with resolvedAt ${q.resolvedAt?.toISOString() ?? "null"}`);
  if (q.reopenCount !== count("REOPENED")) problems.push(`reopenCount ${q.reopenCount}, ${count("REOPENED")} REOPENED events`);
  if (q.gaps.length !== count("RESOLVED")) problems.push(`${q.gaps.length} knowledge gaps for ${count("RESOLVED")} 无制度 resolutions`);
  if (q.ownerId !== owner) problems.push(`owner ${q.ownerId}, trail says ${owner}`);
  if (q.handCount !== hands) problems.push(`handCount ${q.handCount}, trail says ${hands}`);
  const current = q.ownerships.filter((o) => o.endedAt === null);
  if (current.length !== 1 || current[0]!.userId !== q.ownerId) problems.push(`${current.length} current ownerships`);
  const byStatus = (s: string) => q.handoffs.filter((h) => h.status === s).length;
  if (DONE.has(q.status) && byStatus("PENDING") > 0) problems.push(`${q.status} with a pending handoff`);
  if (byStatus("ACCEPTED") !== count("HANDOFF_ACCEPTED") || byStatus("DECLINED") !== count("HANDOFF_DECLINED") || byStatus("CANCELLED") !== count("HANDOFF_CANCELLED")) {
    problems.push("handoff rows and handoff events differ");
  }
  const notices = await t.db.notification.groupBy({ by: ["kind"], where: { questionId: id, channel: "IN_APP" }, _count: true });
  for (const [type, kind] of Object.entries(NOTICE)) {
    const sent = notices.find((n) => n.kind === kind)?._count ?? 0;
    if (sent !== count(type as QuestionEventType)) problems.push(`${sent} × ${kind} for ${count(type as QuestionEventType)} ${type} events`);
  }
  return problems;
}

interface Racer {
  /** the event a success appends (checked one for one against the trail), if any */
  event?: QuestionEventType;
  run: () => Promise<unknown>;
}

/**
 * Runs the racers of each run at once and returns the wrong runs with what was wrong. `setup` makes a
 * fresh question per run.
 */
async function race<S extends { id: string }>(label: string, setup: () => Promise<S>, racers: (s: S) => Racer[]): Promise<string[]> {
  const wrong: string[] = [];
  const outcomes = new Map<string, number>();
  for (let run = 0; run < RUNS; run++) {
    const s = await setup();
    const before = await t.db.questionEvent.groupBy({ by: ["type"], where: { questionId: s.id }, _count: true });
    const rs = racers(s);
    const results = await Promise.allSettled(rs.map((r) => r.run()));
    const problems = await inconsistencies(s.id);
    for (const [i, r] of results.entries()) {
      if (r.status === "rejected" && !(r.reason instanceof ConflictError)) problems.push(`racer ${i} refused with ${(r.reason as Error)?.constructor?.name}: ${(r.reason as Error)?.message}`);
    }
    const after = await t.db.questionEvent.groupBy({ by: ["type"], where: { questionId: s.id }, _count: true });
    const added = (type: string) => (after.find((a) => a.type === type)?._count ?? 0) - (before.find((b) => b.type === type)?._count ?? 0);
    for (const type of new Set(rs.map((r) => r.event).filter((e): e is QuestionEventType => !!e))) {
      const won = rs.filter((r, i) => r.event === type && results[i]!.status === "fulfilled").length;
      if (added(type) !== won) problems.push(`${won} successful ${type} requests, ${added(type)} ${type} events`);
    }
    const outcome = results.map((r) => (r.status === "fulfilled" ? "ok" : "409")).join("/");
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (problems.length) wrong.push(`run ${run + 1}: ${problems.join("; ")}`);
  }
  console.log(`[races] ${label}: ${wrong.length} of ${RUNS} runs wrong; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
  return wrong;
}

describe("racing transitions on one question: one consistent outcome, one event and one notice per change", () => {
  it("reply / resolve (发送答复 and 办结 clicked in quick succession)", { timeout: 120_000 }, async () => {
    const wrong = await race("reply/resolve", openQuestion, (q) => [
      { event: "REPLIED", run: () => reply(owner, q.id) },
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
    ]);
    expect(wrong).toEqual([]);
  });

  it("resolve × 5 (five clicks on 办结): one resolution, one gap, one notice", { timeout: 120_000 }, async () => {
    const wrong = await race("resolve x5", openQuestion, (q) => Array.from({ length: 5 }, () => ({ event: "RESOLVED" as const, run: () => resolve(owner, q.id) })));
    expect(wrong).toEqual([]);
  });

  it("reply × 2 / resolve (a double click on 发送答复 next to 办结)", { timeout: 120_000 }, async () => {
    const wrong = await race("reply x2 + resolve", openQuestion, (q) => [
      { event: "REPLIED", run: () => reply(owner, q.id) },
      { event: "REPLIED", run: () => reply(owner, q.id) },
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
    ]);
    expect(wrong).toEqual([]);
  });

  it("resolve / handoff request (on the version the owner's page showed)", { timeout: 120_000 }, async () => {
    const setup = async () => {
      const q = await openQuestion();
      return { ...q, version: await versionOf(q.id) };
    };
    const wrong = await race("resolve/handoff", setup, (q) => [
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
      { event: "HANDOFF_REQUESTED", run: () => handoff(owner, q.id, q.version, { toUserId: ownerD.id }) },
    ]);
    expect(wrong).toEqual([]);
  });

  it("handoff accept / decline / reassign / resolve on a pending handoff to a 条线 queue", { timeout: 120_000 }, async () => {
    const setup = async () => {
      const q = await openQuestion();
      const { handoffId } = await handoff(owner, q.id, await versionOf(q.id), { toLineId: queue.id });
      return { ...q, handoffId, version: await versionOf(q.id) };
    };
    const wrong = await race("accept/decline/reassign/resolve", setup, (q) => [
      { event: "HANDOFF_ACCEPTED", run: () => respond(ownerB, q.handoffId, true) },
      { event: "HANDOFF_ACCEPTED", run: () => respond(ownerC, q.handoffId, true) },
      { event: "HANDOFF_DECLINED", run: () => respond(ownerC, q.handoffId, false) },
      { event: "HANDOFF_REQUESTED", run: () => handoff(owner, q.id, q.version, { toUserId: ownerD.id }) },
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
    ]);
    expect(wrong).toEqual([]);
  });

  it("reopen / resolve / confirm, and reopen with itself", { timeout: 120_000 }, async () => {
    const setup = async () => {
      const q = await openQuestion();
      await resolve(owner, q.id);
      return q;
    };
    const wrong = await race("reopen x2/confirm/resolve", setup, (q) => [
      { event: "REOPENED", run: () => reopen(q.asker, q.id) },
      { event: "REOPENED", run: () => reopen(q.asker, q.id) },
      { event: "CONFIRMED", run: () => confirm(q.asker, q.id) },
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
    ]);
    expect(wrong).toEqual([]);
  });

  it("the loser's 409 says what changed", async () => {
    const q = await openQuestion();
    const stale = await versionOf(q.id);
    await resolve(owner, q.id);
    await expect(reply(owner, q.id)).rejects.toThrow("问题刚刚已被办结，你的操作未保存");
    await expect(handoff(owner, q.id, stale, { toUserId: ownerD.id })).rejects.toThrow("问题刚刚已被办结");
    await reopen(q.asker, q.id);
    await expect(confirm(q.asker, q.id)).rejects.toThrow("问题刚刚被提问人重新打开");
    expect(await t.db.questionEvent.count({ where: { questionId: q.id, type: { in: ["REPLIED", "HANDOFF_REQUESTED", "CONFIRMED"] } } })).toBe(0);
  });

  it("escalation by the sweep / resolve", { timeout: 180_000 }, async () => {
    const setup = async () => {
      const q = await openQuestion();
      // Past its limit: the sweep escalates it to the owner's manager.
      await t.db.question.update({ where: { id: q.id }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000), resolutionDueAt: new Date(Date.now() - 3600_000) } });
      return q;
    };
    const wrong = await race("escalation/resolve", setup, (q) => [
      { event: "ESCALATED", run: () => sweepOnce(q.id) },
      { event: "RESOLVED", run: () => resolve(owner, q.id) },
    ]);
    expect(wrong).toEqual([]);
  });
});

/** One sweep pass; it "succeeds" when it escalated this question (a sweep that finds it resolved does nothing). */
async function sweepOnce(questionId: string) {
  await sweepEscalations(wide, new Date());
  const escalated = await t.db.questionEvent.count({ where: { questionId, type: "ESCALATED" } });
  if (escalated === 0) throw new ConflictError(); // the sweep found nothing to escalate
}

describe("creates a double click repeats take an idempotency key", () => {
  it("complaint × 3 with one key: one complaint, one trail entry, the same answer", { timeout: 120_000 }, async () => {
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const q = await openQuestion();
      const input = { questionId: q.id, idempotencyKey: randomUUID(), reason: "三天没有任何答复，电话也不接" };
      const results = await Promise.allSettled(Array.from({ length: 3 }, () => fileComplaint(ctxOf(wide, q.asker), input)));
      const ids = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.complaintId : "refused")));
      const rows = await t.db.complaint.count({ where: { questionId: q.id } });
      const events = await t.db.questionEvent.count({ where: { questionId: q.id, type: "COMPLAINED" } });
      if (rows !== 1 || events !== 1 || ids.size !== 1 || ids.has("refused")) wrong++;
    }
    console.log(`[races] complaint x3 same key: ${wrong} of ${RUNS} runs wrong`);
    expect(wrong).toBe(0);
  });

  it("rating × 3 with one key: one rating and the same answer; another key is a conflict", { timeout: 120_000 }, async () => {
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const q = await openQuestion();
      await resolve(owner, q.id);
      const input = { questionId: q.id, idempotencyKey: randomUUID(), score: 4, reasons: ["一次讲清楚"] };
      const results = await Promise.allSettled(Array.from({ length: 3 }, () => rateQuestion(ctxOf(wide, q.asker), input)));
      const ok = results.every((r) => r.status === "fulfilled");
      const rows = await t.db.satisfactionRating.count({ where: { questionId: q.id } });
      const events = await t.db.questionEvent.count({ where: { questionId: q.id, type: "RATED" } });
      if (!ok || rows !== 1 || events !== 1) wrong++;
    }
    console.log(`[races] rating x3 same key: ${wrong} of ${RUNS} runs wrong`);
    expect(wrong).toBe(0);
    const q = await openQuestion();
    await resolve(owner, q.id);
    await rateQuestion(ctxOf(wide, q.asker), { questionId: q.id, idempotencyKey: randomUUID(), score: 5 });
    await expect(rateQuestion(ctxOf(wide, q.asker), { questionId: q.id, idempotencyKey: randomUUID(), score: 1 })).rejects.toBeInstanceOf(ConflictError);
  });

  it("policy feedback vote × 3 with one key: one vote", { timeout: 60_000 }, async () => {
    const policy = await t.db.policy.create({ data: { id: `race-${randomUUID()}`, title: "差旅管理制度", lineId: line.id, ownerName: "财务部" } });
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const voter = await makeUser(t.db);
      const input = { policyId: policy.id, idempotencyKey: randomUUID(), helpful: false, reason: "HARD_TO_UNDERSTAND" };
      const results = await Promise.allSettled(Array.from({ length: 3 }, () => recordFeedback(ctxOf(wide, voter), input)));
      const rows = await t.db.articleFeedback.count({ where: { userId: voter.id } });
      if (rows !== 1 || results.some((r) => r.status === "rejected")) wrong++;
    }
    console.log(`[races] feedback x3 same key: ${wrong} of ${RUNS} runs wrong`);
    expect(wrong).toBe(0);
  });
});

describe("flood limits hold under parallel filing", () => {
  it("26 questions filed at once where 20 are allowed: exactly 20 stored, 6 refused with 429", { timeout: 120_000 }, async () => {
    const flooder = await makeUser(t.db, { departmentId: sales.id });
    // Each filing comes from its own searched ask session (search-first), so only the flood limit decides.
    const sessions = await Promise.all(Array.from({ length: 26 }, () => makeSearchedAskSession(t.db, flooder.id)));
    const results = await Promise.allSettled(
      sessions.map((s) => fileQuestion(ctxOf(wide, flooder), { idempotencyKey: randomUUID(), body: "门禁卡丢了怎么补办？", lineId: line.id, contactName: flooder.name, namedOwnerId: owner.id, askSessionId: s.id })),
    );
    const stored = await t.db.question.count({ where: { askerId: flooder.id } });
    console.log(`[races] 26 parallel questions (limit 20): ${stored} stored`);
    expect(stored).toBe(20);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
  });

  it("10 complaints filed at once where 5 an hour are allowed: exactly 5 stored", { timeout: 60_000 }, async () => {
    const q = await openQuestion();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => fileComplaint(ctxOf(wide, q.asker), { questionId: q.id, idempotencyKey: randomUUID(), reason: `第 ${i + 1} 次投诉：一直没有答复` })),
    );
    const stored = await t.db.complaint.count({ where: { questionId: q.id } });
    console.log(`[races] 10 parallel complaints (limit 5): ${stored} stored`);
    expect(stored).toBe(5);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
  });
});
