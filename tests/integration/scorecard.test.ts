// The first-contact owner scorecard (/insights/owners) on hand-made data: every metric, the
// attribution rules (who held the question when the outcome was decided), the 优质服务标兵 ranking,
// and who may see which owners. Times are Asia/Shanghai; `sh("11-05 13:00")` is 2026-11-05 13:00 there.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, dayOf, parseRange } from "@/lib/analytics/shared/range";
import { OWNER_FACTS_SETTING, refreshOwnerFacts } from "@/lib/analytics/owners/facts-rollup";
import { compositeScore, MIN_RANKED_VOLUME } from "@/lib/analytics/owners/ranking";
import { getScorecardDashboard, type ScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { rateQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;

const sh = (s: string) => new Date(`2026-${s.replace(" ", "T")}:00+08:00`);
const NOW = sh("11-20 12:00"); // a Friday
const RANGE = parseRange({ from: "2026-11-01", to: "2026-11-20" }, NOW);

let company: { id: string }, deptA: { id: string }, deptA1: { id: string }, deptB: { id: string }, deptR: { id: string };
let ceo: U, managerA: U, managerB: U, admin: U, employee: U, policyOwner: U, qa: U;
let alice: U, bob: U, carol: U, dave: U, r1: U, r2: U, r3: U, r4: U;
let line: { id: string };

interface Spec {
  owner: U;
  created: string;
  frDue?: string;
  responded?: string;
  resDue?: string;
  resolved?: string;
  status?: "OPEN" | "IN_PROGRESS" | "WAITING_ASKER" | "RESOLVED" | "CLOSED";
  paused?: string;
  reopenCount?: number;
  /** later owners: [user, accepted at (handoff from the previous holder)] */
  hands?: [U, string][];
  pingPong?: string;
  rating?: number;
}

/** A question as the verbs would leave it: the row, its owner chain and its accepted handoffs. */
async function question(s: Spec): Promise<string> {
  const chain: [U, string][] = [[s.owner, s.created], ...(s.hands ?? [])];
  const finalOwner = chain[chain.length - 1]![0];
  const q = await t.db.question.create({
    data: {
      askerId: employee.id,
      idempotencyKey: randomUUID(),
      body: "测试问题",
      lineId: line.id,
      contactName: "提问人",
      ownerId: finalOwner.id,
      status: s.status ?? (s.resolved ? "RESOLVED" : s.responded ? "IN_PROGRESS" : "OPEN"),
      createdAt: sh(s.created),
      firstResponseDueAt: s.frDue ? sh(s.frDue) : null,
      firstRespondedAt: s.responded ? sh(s.responded) : null,
      resolutionDueAt: s.resDue ? sh(s.resDue) : null,
      resolvedAt: s.resolved ? sh(s.resolved) : null,
      pausedAt: s.paused ? sh(s.paused) : null,
      reopenCount: s.reopenCount ?? 0,
      handCount: chain.length,
      pingPongFlaggedAt: s.pingPong ? sh(s.pingPong) : null,
    },
  });
  for (let i = 0; i < chain.length; i++) {
    const [user, from] = chain[i]!;
    const next = chain[i + 1];
    await t.db.questionOwnership.create({ data: { questionId: q.id, userId: user.id, via: i === 0 ? "ROUTED" : "HANDOFF", startedAt: sh(from), endedAt: next ? sh(next[1]) : null } });
    if (next) {
      await t.db.handoff.create({
        data: { questionId: q.id, fromUserId: user.id, toUserId: next[0].id, noteDone: "已核实", notePending: "待审批", notePromised: "今日答复", status: "ACCEPTED", respondedById: next[0].id, respondedAt: sh(next[1]), createdAt: sh(next[1]) },
      });
    }
  }
  if (s.rating) await t.db.satisfactionRating.create({ data: { questionId: q.id, askerId: employee.id, score: s.rating, reasons: [] } });
  return q.id;
}

/** A question answered and resolved in time (or resolved late when `late`). */
const onTime = (owner: U, day: string, late = false) =>
  question({ owner, created: `${day} 09:00`, frDue: `${day} 13:00`, responded: `${day} 09:30`, resDue: `${day} 17:00`, resolved: late ? `${day} 18:00` : `${day} 10:00` });

const dash = (u: U, input: { userId?: string | null; departmentId?: string | null; range?: typeof RANGE } = {}) =>
  getScorecardDashboard(ctxOf(t.db, u, NOW), { range: input.range ?? RANGE, userId: input.userId, departmentId: input.departmentId });
const row = (d: ScorecardDashboard, u: U) => d.owners.find((o) => o.userId === u.id);

beforeAll(async () => {
  const db = t.db;
  ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  managerA = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  managerB = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id, name: "公司" });
  deptA = await makeDepartment(db, { parentId: company.id, managerId: managerA.id, name: "人力资源部" });
  deptA1 = await makeDepartment(db, { parentId: deptA.id, name: "薪酬组" });
  deptB = await makeDepartment(db, { parentId: company.id, managerId: managerB.id, name: "财务部" });
  deptR = await makeDepartment(db, { parentId: company.id, name: "行政部" });
  const owner = (departmentId: string, name: string) => makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId, name });
  alice = await owner(deptA.id, "艾丽");
  bob = await owner(deptA.id, "鲍勃");
  carol = await owner(deptA1.id, "卡萝");
  dave = await owner(deptB.id, "戴夫");
  r1 = await owner(deptR.id, "任一");
  r2 = await owner(deptR.id, "任二");
  r3 = await owner(deptR.id, "任三");
  r4 = await owner(deptR.id, "任四");
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  employee = await makeUser(db, { departmentId: deptB.id });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: deptA.id });
  qa = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  line = await makeLine(db, { ownerIds: [alice.id, bob.id] });

  // ── alice (人力资源部) ──
  // A1: answered in 60 min, resolved in 6 h, both in time; closed; rated 5.
  await question({ owner: alice, created: "11-02 09:00", frDue: "11-02 13:00", responded: "11-02 10:00", resDue: "11-03 09:00", resolved: "11-02 15:00", status: "CLOSED", rating: 5 });
  // A2: first response late (360 min) and resolution late (1620 min); reopened once; rated 3.
  await question({ owner: alice, created: "11-03 09:00", frDue: "11-03 13:00", responded: "11-03 15:00", resDue: "11-04 09:00", resolved: "11-04 12:00", reopenCount: 1, rating: 3 });
  // A3: never answered, still open, both limits passed: two misses.
  await question({ owner: alice, created: "11-05 09:00", frDue: "11-05 13:00", resDue: "11-06 09:00" });
  // A4: open, nothing due yet (first response due after NOW): excluded.
  await question({ owner: alice, created: "11-19 09:00", frDue: "11-20 13:00", resDue: "11-23 09:00" });
  // A5: answered in 30 min with a checklist; clock stopped before the resolution limit: resolution not decided.
  await question({ owner: alice, created: "11-10 09:00", frDue: "11-10 13:00", responded: "11-10 09:30", resDue: "11-11 09:00", status: "WAITING_ASKER", paused: "11-10 09:30" });
  // A6: answered in 20 min; clock stopped only after the resolution limit had passed: a resolution miss.
  await question({ owner: alice, created: "11-12 09:00", frDue: "11-12 13:00", responded: "11-12 09:20", resDue: "11-13 09:00", status: "WAITING_ASKER", paused: "11-13 10:00" });
  // Outside the range entirely (decided in October): ignored.
  await question({ owner: alice, created: "10-20 09:00", frDue: "10-20 13:00", responded: "10-20 16:00", resDue: "10-21 09:00", resolved: "10-22 09:00" });

  // ── bob → carol: handoffs ──
  // B1: bob lets the first-response limit pass, then hands to carol (accepted 16:00); carol answers
  // at 16:30 (450 min after filing) and resolves in time: the first-response miss is bob's, the resolution carol's.
  await question({ owner: bob, created: "11-06 09:00", frDue: "11-06 13:00", responded: "11-06 16:30", resDue: "11-09 09:00", resolved: "11-07 10:00", hands: [[carol, "11-06 16:00"]] });
  // B2: bob → carol → back to bob (ping-pong flagged); bob answers (150 min) and resolves in time.
  await question({ owner: bob, created: "11-08 09:00", frDue: "11-08 13:00", responded: "11-08 11:30", resDue: "11-09 09:00", resolved: "11-08 12:00", hands: [[carol, "11-08 10:00"], [bob, "11-08 11:00"]], pingPong: "11-08 11:00" });
  // B3: bob answers in 10 min but holds it past the resolution limit; carol accepts it after and resolves late:
  // the resolution miss is bob's, the resolved question (and its time) carol's.
  await question({ owner: bob, created: "11-09 09:00", frDue: "11-09 13:00", responded: "11-09 09:10", resDue: "11-10 09:00", resolved: "11-10 11:00", hands: [[carol, "11-10 10:00"]] });

  // ── dave (财务部) ──
  await question({ owner: dave, created: "11-11 09:00", frDue: "11-11 13:00", responded: "11-11 09:15", resDue: "11-12 09:00", resolved: "11-11 11:00", status: "CLOSED", rating: 4 });

  // ── conduct ──
  const someQuestion = (await t.db.question.findFirstOrThrow({ where: { ownerId: alice.id } })).id;
  const complaint = (status: "UPHELD" | "REJECTED" | "OPEN", against: U, at: string) =>
    t.db.complaint.create({ data: { questionId: someQuestion, complainantId: employee.id, againstUserId: against.id, reason: "敷衍", status, createdAt: sh(at) } });
  await complaint("UPHELD", alice, "11-04 10:00");
  await complaint("REJECTED", alice, "11-04 11:00");
  await complaint("UPHELD", alice, "10-20 10:00"); // before the range
  const block = (u: U, at: string) => t.db.brushOffBlock.create({ data: { questionId: someQuestion, userId: u.id, phrase: "不归我管", createdAt: sh(at) } });
  await block(alice, "11-03 10:00");
  await block(alice, "11-03 10:05");
  await block(alice, "10-25 10:00"); // before the range
  const review = (owner: U, weekStart: string, grade: number | null) =>
    t.db.qaReview.create({ data: { questionId: someQuestion, ownerId: owner.id, departmentId: deptA.id, reviewerId: qa.id, weekStart: new Date(`${weekStart}T00:00:00Z`), grade, gradedAt: grade ? NOW : null } });
  await review(alice, "2026-11-02", 4);
  await review(alice, "2026-11-09", 2);
  await review(alice, "2026-11-16", null); // not graded yet
  await review(alice, "2026-10-26", 1); // sample week starts before the range

  // ── 行政部: the ranking (all answered and resolved within the day) ──
  for (const day of ["11-02", "11-03", "11-04", "11-05", "11-06"]) await onTime(r1, day); // 100
  for (const day of ["11-02", "11-03", "11-04", "11-05"]) await onTime(r2, day);
  const r2Rated = await onTime(r2, "11-06", true); // one late resolution
  await t.db.satisfactionRating.create({ data: { questionId: r2Rated, askerId: employee.id, score: 3, reasons: [] } });
  for (const day of ["11-02", "11-03", "11-04", "11-05", "11-06"]) await onTime(r3, day); // 100 − 10 (complaint) = 90
  await t.db.complaint.create({ data: { questionId: r2Rated, complainantId: employee.id, againstUserId: r3.id, reason: "态度差", status: "UPHELD", createdAt: sh("11-06 12:00") } });
  for (const day of ["11-02", "11-03", "11-04", "11-05"]) await onTime(r4, day); // 4 < minimum volume

  // The time-limit and resolution figures come from the facts rollup: build it from scratch.
  await t.db.appSetting.deleteMany({ where: { key: OWNER_FACTS_SETTING } });
  await refreshOwnerFacts(t.db, NOW);
});

describe("scorecard metrics", () => {
  it("computes alice's outcomes: in-time rates, medians, reopen, trips, satisfaction, conduct, QA", async () => {
    const a = row(await dash(admin), alice)!;
    // First response: A1 ok, A2 late, A3 missed, A5 ok, A6 ok (A4 not due) → 3 / 5 = 60 %.
    expect(a.firstResponse).toEqual({ decided: 5, onTime: 3, rate: 0.6, medianMinutes: 45 }); // 20, 30, 60, 360 → 45
    // Resolution: A1 ok, A2 late, A3 open past due, A6 paused after its due → 1 / 4 = 25 %; A5 paused in time: not decided.
    expect(a.resolution).toEqual({ decided: 4, onTime: 1, rate: 0.25, resolved: 2, medianMinutes: 990 }); // 360 and 1620 → 990
    expect(a.reopened).toBe(1);
    expect(a.reopenRate).toBe(0.5); // A2 of A1, A2
    expect(a.tripsPerQuestion).toBe(1.5); // (1 + 2) / 2
    expect(a.handsPerQuestion).toBe(1);
    expect(a.satisfaction).toEqual({ mean: 4, n: 2 }); // 5 and 3
    expect(a.upheldComplaints).toBe(1); // the rejected one and the October one do not count
    expect(a.brushOffBlocks).toBe(2);
    expect(a.qa).toEqual({ mean: 3, n: 2 }); // 4 and 2; the ungraded and the October week do not count
    expect([a.handoffsGiven, a.handoffsReceived, a.pingPongFlags]).toEqual([0, 0, 0]);
    expect(a.departmentName).toBe("人力资源部");
  });

  it("credits a time-limit outcome to whoever held the question when it was decided", async () => {
    const d = await dash(admin);
    const b = row(d, bob)!;
    const c = row(d, carol)!;
    // bob: B1 missed (he held it at 13:00), B2 ok, B3 ok → 2 / 3; response times 450, 150, 10 → median 150.
    expect(b.firstResponse).toEqual({ decided: 3, onTime: 2, rate: 2 / 3, medianMinutes: 150 });
    // bob: B2 resolved in time by him; B3's limit passed while he held it → 1 / 2.
    expect(b.resolution).toMatchObject({ decided: 2, onTime: 1, rate: 0.5, resolved: 1, medianMinutes: 180 });
    expect(b.handsPerQuestion).toBe(3);
    // carol: B1 resolved in time → 1 / 1; she resolved B1 (1500 min) and B3 (1560 min) → median 1530.
    expect(c.firstResponse).toMatchObject({ decided: 0, rate: null, medianMinutes: null });
    expect(c.resolution).toEqual({ decided: 1, onTime: 1, rate: 1, resolved: 2, medianMinutes: 1530 });
    expect(c.handsPerQuestion).toBe(2);
    expect(c.reopenRate).toBe(0);
    // Handoffs: bob gave B1, B2, B3 and received B2 back; carol received all three and gave B2 back.
    expect([b.handoffsGiven, b.handoffsReceived, c.handoffsGiven, c.handoffsReceived]).toEqual([3, 1, 1, 3]);
    // B2 was flagged; both had handed it on before the flag.
    expect([b.pingPongFlags, c.pingPongFlags]).toEqual([1, 1]);
  });

  it("totals the owners in view (medians over all their outcomes, not of medians)", async () => {
    const d = await dash(managerA);
    // alice 5 decided / 3 ok, bob 3 / 2, carol 0 → 8 / 5.
    expect(d.total.firstResponse).toMatchObject({ decided: 8, onTime: 5, rate: 0.625 });
    // alice 4 / 1, bob 2 / 1, carol 1 / 1 → 7 / 3; resolved: alice 2, bob 1, carol 2.
    expect(d.total.resolution).toMatchObject({ decided: 7, onTime: 3, resolved: 5 });
    // 20, 30, 60, 360 (alice) + 450, 150, 10 (bob) → median 60
    expect(d.total.firstResponse.medianMinutes).toBe(60);
    expect(d.total.upheldComplaints).toBe(1);
  });

  it("buckets one owner's in-time rates by week of the decision", async () => {
    const d = await dash(admin, { userId: alice.id, range: { ...RANGE, grain: "week" } });
    expect(d.selected!.owner.userId).toBe(alice.id);
    expect(d.selected!.trend).toEqual([
      // A1 ok, A2 late, A3 missed / A1 ok, A2 late, A3 missed
      { period: "2026-11-02", firstResponseDecided: 3, firstResponseRate: 1 / 3, resolutionDecided: 3, resolutionRate: 1 / 3 },
      // A5 ok, A6 ok / A6 missed
      { period: "2026-11-09", firstResponseDecided: 2, firstResponseRate: 1, resolutionDecided: 1, resolutionRate: 0 },
    ]);
  });

  it("counts what the real verbs record once the worker's refresh has seen it (incremental)", async () => {
    // Real clock here: the refresh finds changes by Question.updatedAt and the rating's createdAt.
    await refreshOwnerFacts(t.db, new Date());
    const base = new Date(Date.now() - 2 * 3600_000);
    const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
    const deptE = await makeDepartment(t.db, { parentId: company.id, name: "法务部" });
    const eve = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: deptE.id, name: "伊芙" });
    const evesLine = await makeLine(t.db, { ownerIds: [eve.id] });
    const q = await fileQuestion(ctxOf(t.db, employee, base), { idempotencyKey: randomUUID(), body: "年假可以跨年使用吗？", lineId: evesLine.id, contactName: "提问人", askSessionId: (await makeSearchedAskSession(t.db, employee.id, { at: base })).id });
    expect(q.ownerId).toBe(eve.id);
    // Answered after 5 minutes and resolved after 15: within any limit of at least 15 working minutes.
    await replyToQuestion(ctxOf(t.db, eve, at(5)), { questionId: q.id, body: "可以，次年一季度内休完。" });
    await resolveQuestion(ctxOf(t.db, eve, at(15)), { questionId: q.id, kind: "NO_POLICY", note: "制度未规定，已按惯例答复" });
    await rateQuestion(ctxOf(t.db, employee, at(60)), { questionId: q.id, idempotencyKey: randomUUID(), score: 5, reasons: [] });
    const now = new Date();
    const range = parseRange({ from: addDays(dayOf(base), -1), to: dayOf(now) }, now);
    const eveRow = async () => (await getScorecardDashboard(ctxOf(t.db, admin, now), { range })).owners.find((o) => o.userId === eve.id);
    expect(await eveRow()).toBeUndefined(); // not refreshed yet
    await refreshOwnerFacts(t.db, now);
    const e = (await eveRow())!;
    expect(e.firstResponse).toEqual({ decided: 1, onTime: 1, rate: 1, medianMinutes: 5 });
    expect(e.resolution).toEqual({ decided: 1, onTime: 1, rate: 1, resolved: 1, medianMinutes: 15 });
    expect(e.satisfaction).toEqual({ mean: 5, n: 1 });
    expect(await t.db.ownerQuestionFact.count()).toBe(await t.db.question.count());
  });
});

describe("优质服务标兵 ranking", () => {
  it("ranks by the documented composite score, with a minimum volume", async () => {
    const d = await dash(admin);
    const admin行政 = d.rankings.find((g) => g.departmentId === deptR.id)!;
    // r1: all in time, nothing else → 100. r3: the same less 10 for an upheld complaint → 90.
    // r2: first response 1 (w20), resolution 4/5 (w30), satisfaction (3−1)/4 = 0.5 (w20), not reopened 1 (w15)
    //     → 100 × (20 + 24 + 10 + 15) / 85 = 81.18 → 81.2.
    expect(admin行政.ranked.map((r) => [r.rank, r.owner.name, r.score])).toEqual([
      [1, "任一", 100],
      [2, "任三", 90],
      [3, "任二", 81.2],
    ]);
    expect(admin行政.ranked[2]!.components).toEqual({ firstResponse: 1, resolution: 0.8, satisfaction: 0.5, notReopened: 1, qa: null, penalty: 0 });
    expect(admin行政.ranked[1]!.components.penalty).toBe(10);
    // r4 resolved only 4 (< MIN_RANKED_VOLUME = 5): listed, not ranked.
    expect(MIN_RANKED_VOLUME).toBe(5);
    expect(admin行政.unranked.map((o) => o.name)).toEqual(["任四"]);
    expect(row(d, r4)!.score).toBe(100);
  });

  it("scores alice from all five components and her penalties", () => {
    // fr 0.6×20 + res 0.25×30 + satisfaction 0.75×20 + not reopened 0.5×15 + QA 0.5×15 = 12 + 7.5 + 15 + 7.5 + 7.5 = 49.5
    // less 10 (one upheld complaint) and 2 × 2 (brush-off blocks) → 35.5
    return dash(admin).then((d) => expect(compositeScore(row(d, alice)!)).toBe(35.5));
  });
});

describe("who sees which scorecards", () => {
  it("a first-contact owner sees only their own card, no ranking", async () => {
    const d = await dash(alice);
    expect(d.view).toBe("self");
    expect(d.owners.map((o) => o.userId)).toEqual([alice.id]);
    expect(d.rankings).toEqual([]);
    expect(d.selected!.owner.firstResponse.rate).toBe(0.6);
    await expect(dash(alice, { userId: bob.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dash(alice, { departmentId: deptA.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await dash(alice, { userId: alice.id })).owners).toHaveLength(1);
  });

  it("an owner with nothing in the range gets an empty card, not an error", async () => {
    const d = await dash(r1, { range: parseRange({ from: "2026-09-01", to: "2026-09-30" }, NOW) });
    expect(d.owners).toHaveLength(1);
    expect(d.owners[0]).toMatchObject({ userId: r1.id, name: "任一", firstResponse: { decided: 0, rate: null }, score: null });
  });

  it("a manager sees the owners of their department subtree, ranked per department", async () => {
    const d = await dash(managerA);
    expect(d.view).toBe("manager");
    expect(new Set(d.owners.map((o) => o.name))).toEqual(new Set(["艾丽", "鲍勃", "卡萝"]));
    expect(d.rankings.map((g) => g.departmentName).sort()).toEqual(["人力资源部", "薪酬组"].sort());
    expect(d.departments.map((x) => x.id).sort()).toEqual([deptA.id, deptA1.id].sort());
    expect((await dash(managerA, { departmentId: deptA1.id })).owners.map((o) => o.name)).toEqual(["卡萝"]);
    expect((await dash(managerA, { userId: carol.id })).selected!.owner.resolution.resolved).toBe(2);
    await expect(dash(managerA, { userId: dave.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dash(managerA, { departmentId: deptB.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await dash(managerB)).owners.map((o) => o.name)).toEqual(["戴夫"]);
  });

  it("a company manager sees the same as an admin, however their scope is written into the query", async () => {
    const strip = (d: ScorecardDashboard) => ({ owners: d.owners.map((o) => [o.userId, o.firstResponse, o.resolution, o.qa, o.handoffsGiven]), total: d.total });
    const all = strip(await dash(admin));
    // > 100 people in the subtree, few outside it: "everyone except these".
    for (let i = 0; i < 101; i++) await makeUser(t.db, { departmentId: deptR.id });
    expect(strip(await dash(ceo))).toEqual(all);
    // > 100 outside too: a hashed list of the people inside.
    for (let i = 0; i < 101; i++) await makeUser(t.db);
    expect(strip(await dash(ceo))).toEqual(all);
  });

  it("an admin sees everyone; other roles are refused; bad ids are field errors", async () => {
    const d = await dash(admin);
    expect(d.view).toBe("admin");
    for (const u of [alice, bob, carol, dave, r1, r2, r3, r4]) expect(row(d, u), u.name).toBeDefined();
    for (const u of [employee, policyOwner, qa]) await expect(dash(u)).rejects.toBeInstanceOf(ForbiddenError);
    const err = await dash(admin, { userId: "not-a-uuid" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields)).toEqual(["userId"]);
  });
});
