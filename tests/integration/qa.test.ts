// 质检抽查: the weekly draw (per department of the resolving owner, only that week's resolved
// questions, idempotent, round-robin), grading (rights, validation, regrade window, audit) and the
// grades reaching the scorecard. Weeks are Monday-based in Asia/Shanghai.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRange } from "@/lib/analytics/shared/range";
import { getScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { ForbiddenError, NotFoundError, PreconditionError, ValidationError } from "@/lib/errors";
import { assignRoundRobin, drawPreviousWeekIfDue, drawQaSample } from "@/lib/qa/draw-qa-sample";
import { drawQaNow } from "@/lib/qa/draw-qa-now";
import { gradeQaReview } from "@/lib/qa/grade-qa-review";
import { listQaReviews } from "@/lib/qa/list-qa-reviews";
import { previousWeekStart, weekStartOf } from "@/lib/qa/week";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;

const sh = (s: string) => new Date(`2026-${s.replace(" ", "T")}:00+08:00`);
const WEEK = "2026-11-09"; // Monday
const NOW = sh("11-18 10:00"); // Wednesday of the following week
const weekOf = (day: string) => new Date(`${day}T00:00:00Z`);

let d1: { id: string }, d2: { id: string }, d3: { id: string };
let o1: U, o2: U, o3: U, o4: U, qa1: U, qa2: U, admin: U, employee: U;
let line: { id: string };
const eligible = { d1: [] as string[], d2: [] as string[] };
const ineligible: string[] = [];

async function question(owner: U, s: { resolved?: string; status?: "OPEN" | "IN_PROGRESS" | "RESOLVED" | "CLOSED"; created?: string }) {
  const q = await t.db.question.create({
    data: {
      askerId: employee.id,
      idempotencyKey: randomUUID(),
      body: "报销需要哪些发票？",
      lineId: line.id,
      contactName: "提问人",
      ownerId: owner.id,
      status: s.status ?? (s.resolved ? "RESOLVED" : "OPEN"),
      createdAt: sh(s.created ?? "11-09 08:00"),
      resolvedAt: s.resolved ? sh(s.resolved) : null,
      resolutionKind: s.resolved ? "EXISTING_POLICY" : null,
      resolutionNote: s.resolved ? "按差旅制度第八条办理" : null,
    },
  });
  await t.db.questionOwnership.create({ data: { questionId: q.id, userId: owner.id, via: "ROUTED", startedAt: q.createdAt } });
  return q.id;
}

beforeAll(async () => {
  const db = t.db;
  d1 = await makeDepartment(db, { name: "人力资源部" });
  d2 = await makeDepartment(db, { name: "财务部" });
  d3 = await makeDepartment(db, { name: "法务部" });
  const owner = (departmentId: string) => makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId });
  o1 = await owner(d1.id);
  o2 = await owner(d1.id);
  o3 = await owner(d2.id);
  o4 = await owner(d3.id);
  qa1 = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  qa2 = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"] });
  await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"], disabled: true }); // never assigned
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  employee = await makeUser(db);
  line = await makeLine(db);

  // 人力资源部: five questions resolved in the week (Monday 00:30 … Sunday 23:30), three by o1, two by o2.
  for (const at of ["11-09 00:30", "11-10 10:00", "11-12 15:00"]) eligible.d1.push(await question(o1, { resolved: at }));
  for (const at of ["11-13 09:00", "11-15 23:30"]) eligible.d1.push(await question(o2, { resolved: at, status: "CLOSED" }));
  // 财务部: two.
  for (const at of ["11-11 11:00", "11-14 16:00"]) eligible.d2.push(await question(o3, { resolved: at }));
  // Not eligible: resolved the week before (Sunday 23:59) and the week after (Monday 00:00), still open,
  // and resolved in the week but reopened since (no resolvedAt, in progress).
  ineligible.push(await question(o1, { resolved: "11-08 23:59", created: "11-08 08:00" }));
  ineligible.push(await question(o1, { resolved: "11-16 00:00" }));
  ineligible.push(await question(o1, { created: "11-10 08:00" }));
  ineligible.push(await question(o4, { status: "IN_PROGRESS" }));
});

describe("the weekly draw", () => {
  it("knows Monday-based weeks in Shanghai", () => {
    expect(weekStartOf(sh("11-15 23:59"))).toBe("2026-11-09"); // Sunday night
    expect(weekStartOf(sh("11-16 00:00"))).toBe("2026-11-16");
    expect(weekStartOf(new Date("2026-11-15T16:30:00Z"))).toBe("2026-11-16"); // Monday 00:30 in Shanghai, still Sunday in UTC
    expect(previousWeekStart(NOW)).toBe(WEEK);
  });

  it("samples resolved questions of that week per department of the resolver (default 3), idempotently", async () => {
    const first = await drawPreviousWeekIfDue(t.db, NOW);
    expect(first).toEqual({ weekStart: WEEK, sampleSize: 3, added: 5, total: 5 });
    const rows = await t.db.qaReview.findMany({ where: { weekStart: weekOf(WEEK) }, include: { question: { select: { ownerId: true } } } });
    const perDept = (id: string) => rows.filter((r) => r.departmentId === id);
    expect(perDept(d1.id)).toHaveLength(3); // 3 of 5
    expect(perDept(d2.id)).toHaveLength(2); // all there were
    expect(perDept(d3.id)).toHaveLength(0);
    for (const r of perDept(d1.id)) expect(eligible.d1).toContain(r.questionId);
    for (const r of perDept(d2.id)) expect(eligible.d2).toContain(r.questionId);
    for (const r of rows) {
      expect(ineligible).not.toContain(r.questionId);
      expect(r.ownerId).toBe(r.question.ownerId); // the resolver, snapshotted
      expect(r.grade).toBeNull();
    }
    // Round-robin over the two active reviewers: 3 and 2.
    const counts = [qa1, qa2].map((q) => rows.filter((r) => r.reviewerId === q.id).length).sort();
    expect(counts).toEqual([2, 3]);

    // Drawing the same week again — by the worker or by hand — adds nothing.
    expect(await drawPreviousWeekIfDue(t.db, NOW)).toBeNull();
    expect(await drawQaSample(t.db, { weekStart: WEEK, now: NOW })).toMatchObject({ added: 0, total: 5 });
    expect(await t.db.qaReview.count({ where: { weekStart: weekOf(WEEK) } })).toBe(5);
    expect(await t.db.qaDraw.findUnique({ where: { weekStart: weekOf(WEEK) } })).toMatchObject({ sampleSize: 3, drawn: 5 });
  });

  it("tops up when the sample size is raised, continuing the rotation", async () => {
    await t.db.appSetting.create({ data: { key: "qa.sampleSize", value: 4 } });
    try {
      const r = await drawQaSample(t.db, { weekStart: WEEK, now: NOW });
      expect(r).toMatchObject({ sampleSize: 4, added: 1, total: 6 }); // 人力资源部 4 of 5; 财务部 has no more
      const rows = await t.db.qaReview.findMany({ where: { weekStart: weekOf(WEEK) } });
      expect(rows.filter((x) => x.departmentId === d1.id)).toHaveLength(4);
      expect(new Set(rows.map((x) => x.questionId)).size).toBe(6);
      expect([qa1, qa2].map((q) => rows.filter((x) => x.reviewerId === q.id).length)).toEqual([3, 3]);
    } finally {
      await t.db.appSetting.delete({ where: { key: "qa.sampleSize" } });
    }
  });

  it("assigns round-robin from an offset, never to the resolver themselves", () => {
    const items = [{ ownerId: "a" }, { ownerId: "b" }, { ownerId: "x" }, { ownerId: "b" }];
    expect(assignRoundRobin(items, ["a", "b", "c"], 0).map((i) => i.reviewerId)).toEqual(["b", "c", "a", "c"]);
    expect(assignRoundRobin([{ ownerId: "x" }, { ownerId: "x" }], ["a", "b"], 5).map((i) => i.reviewerId)).toEqual(["b", "a"]);
    expect(assignRoundRobin([{ ownerId: "a" }], ["a"], 0).map((i) => i.reviewerId)).toEqual([null]);
    expect(assignRoundRobin([{ ownerId: "a" }], [], 0).map((i) => i.reviewerId)).toEqual([null]);
  });

  it("'draw now' is for QA reviewers and admins, for finished weeks only, and is audited", async () => {
    await expect(drawQaNow(ctxOf(t.db, employee, NOW), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(drawQaNow(ctxOf(t.db, o1, NOW), {})).rejects.toBeInstanceOf(ForbiddenError);
    const notMonday = await drawQaNow(ctxOf(t.db, qa1, NOW), { weekStart: "2026-11-10" }).catch((e: unknown) => e);
    expect((notMonday as ValidationError).fields).toHaveProperty("weekStart");
    const running = await drawQaNow(ctxOf(t.db, qa1, NOW), { weekStart: "2026-11-16" }).catch((e: unknown) => e);
    expect((running as ValidationError).fields).toHaveProperty("weekStart");
    // The week before: only the question resolved on Sunday 11-08 23:59 (人力资源部).
    const r = await drawQaNow(ctxOf(t.db, qa1, NOW), { weekStart: "2026-11-02" });
    expect(r).toMatchObject({ weekStart: "2026-11-02", added: 1, total: 1 });
    expect((await t.db.qaReview.findFirstOrThrow({ where: { weekStart: weekOf("2026-11-02") } })).questionId).toBe(ineligible[0]);
    expect(await t.db.auditLog.count({ where: { action: "qa.draw", actorId: qa1.id, target: "2026-11-02" } })).toBe(1);
  });
});

describe("grading", () => {
  const mine = (u: U) => t.db.qaReview.findFirstOrThrow({ where: { weekStart: weekOf(WEEK), reviewerId: u.id, gradedAt: null } });

  it("lists a reviewer's pending reviews with question, replies, resolution and owner", async () => {
    const review = await mine(qa1);
    await t.db.reply.create({ data: { questionId: review.questionId, authorId: review.ownerId!, body: "请提供酒店发票和审批单。", checklist: ["酒店发票"] } });
    const list = await listQaReviews(ctxOf(t.db, qa1, NOW));
    expect(list.pending.length).toBeGreaterThan(0);
    expect(list.pending.every((p) => p.reviewer?.id === qa1.id || p.reviewer === null)).toBe(true);
    const item = list.pending.find((p) => p.id === review.id)!;
    expect(item.question.resolutionNote).toBe("按差旅制度第八条办理");
    expect(item.question.replies.map((r) => r.body)).toEqual(["请提供酒店发票和审批单。"]);
    expect(item.owner?.id).toBe(review.ownerId);
    expect(list.sampleSize).toBe(3);
    const all = await listQaReviews(ctxOf(t.db, admin, NOW));
    expect(all.pending.length).toBe(await t.db.qaReview.count({ where: { gradedAt: null } }));
    await expect(listQaReviews(ctxOf(t.db, employee, NOW))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("answers bad grades with the field at fault", async () => {
    const review = await mine(qa1);
    const cases: [unknown, string][] = [
      [{ reviewId: review.id, grade: 6 }, "grade"],
      [{ reviewId: review.id, grade: 0 }, "grade"],
      [{ reviewId: review.id, grade: 3.5 }, "grade"],
      [{ reviewId: review.id }, "grade"],
      [{ reviewId: review.id, grade: 4, comment: "长".repeat(2001) }, "comment"],
      [{ grade: 4 }, "reviewId"],
      [{ reviewId: "nope", grade: 4 }, "reviewId"],
      [{ reviewId: review.id, grade: 4, reviewerId: qa2.id }, "reviewerId"],
    ];
    for (const [input, field] of cases) {
      const err = await gradeQaReview(ctxOf(t.db, qa1, NOW), input).catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields), field).toContain(field);
    }
    await expect(gradeQaReview(ctxOf(t.db, qa1, NOW), { reviewId: randomUUID(), grade: 4 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.qaReview.findUniqueOrThrow({ where: { id: review.id } })).grade).toBeNull();
  });

  it("grades, audits, allows a change for 7 days, then only an admin", async () => {
    const review = await mine(qa1);
    await gradeQaReview(ctxOf(t.db, qa1, NOW), { reviewId: review.id, grade: 4, comment: "答复清楚，一次性告知到位" });
    let row = await t.db.qaReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(row).toMatchObject({ grade: 4, comment: "答复清楚，一次性告知到位", gradedAt: NOW, reviewerId: qa1.id });

    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    await gradeQaReview(ctxOf(t.db, qa1, later), { reviewId: review.id, grade: 3 });
    row = await t.db.qaReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(row).toMatchObject({ grade: 3, gradedAt: NOW }); // gradedAt stays the first grading
    const audits = await t.db.auditLog.findMany({ where: { action: "qa.grade", target: review.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.actorId, (a.data as { grade: number }).grade, (a.data as { previousGrade: number | null }).previousGrade])).toEqual([
      [qa1.id, 4, null],
      [qa1.id, 3, 4],
    ]);

    const tooLate = new Date(NOW.getTime() + 8 * 86_400_000);
    await expect(gradeQaReview(ctxOf(t.db, qa1, tooLate), { reviewId: review.id, grade: 5 })).rejects.toBeInstanceOf(PreconditionError);
    await gradeQaReview(ctxOf(t.db, admin, tooLate), { reviewId: review.id, grade: 5 });
    expect((await t.db.qaReview.findUniqueOrThrow({ where: { id: review.id } })).grade).toBe(5);
  });

  it("refuses someone else's review to a QA reviewer (not to an admin), and anyone without a QA role", async () => {
    const theirs = await mine(qa2);
    await expect(gradeQaReview(ctxOf(t.db, qa1, NOW), { reviewId: theirs.id, grade: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    for (const u of [employee, o1]) await expect(gradeQaReview(ctxOf(t.db, u, NOW), { reviewId: theirs.id, grade: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await t.db.qaReview.findUniqueOrThrow({ where: { id: theirs.id } })).grade).toBeNull();
    await gradeQaReview(ctxOf(t.db, admin, NOW), { reviewId: theirs.id, grade: 2 });
    expect(await t.db.qaReview.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ grade: 2, reviewerId: qa2.id });
  });

  it("lets any QA reviewer take an unassigned review, but not their own resolution", async () => {
    const qid = await question(o3, { resolved: "11-05 10:00", created: "11-05 09:00" });
    const review = await t.db.qaReview.create({ data: { questionId: qid, ownerId: o3.id, departmentId: d2.id, reviewerId: null, weekStart: weekOf("2026-10-26") } });
    await gradeQaReview(ctxOf(t.db, qa2, NOW), { reviewId: review.id, grade: 5 });
    expect((await t.db.qaReview.findUniqueOrThrow({ where: { id: review.id } })).reviewerId).toBe(qa2.id);

    const reviewerOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "QA_REVIEWER"], departmentId: d2.id });
    const own = await t.db.qaReview.create({ data: { questionId: qid, ownerId: reviewerOwner.id, departmentId: d2.id, reviewerId: null, weekStart: weekOf("2026-10-19") } });
    await expect(gradeQaReview(ctxOf(t.db, reviewerOwner, NOW), { reviewId: own.id, grade: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listQaReviews(ctxOf(t.db, reviewerOwner, NOW))).pending.map((p) => p.id)).not.toContain(own.id);
  });

  it("feeds the grades into the resolving owner's scorecard", async () => {
    // Grade every remaining review of the week: o1's and o2's get known grades.
    const rows = await t.db.qaReview.findMany({ where: { weekStart: weekOf(WEEK) } });
    for (const r of rows) await gradeQaReview(ctxOf(t.db, admin, NOW), { reviewId: r.id, grade: r.ownerId === o3.id ? 5 : r.ownerId === o1.id ? 2 : 4 });
    const range = parseRange({ from: "2026-11-09", to: "2026-11-15" }, NOW);
    const d = await getScorecardDashboard(ctxOf(t.db, admin, NOW), { range });
    const qaOf = (u: U) => d.owners.find((o) => o.userId === u.id)?.qa;
    const n = (u: U) => rows.filter((r) => r.ownerId === u.id).length;
    expect(qaOf(o1)).toEqual({ mean: 2, n: n(o1) });
    expect(qaOf(o3)).toEqual({ mean: 5, n: 2 });
    expect(qaOf(o2)).toEqual({ mean: 4, n: n(o2) });
    expect(n(o1) + n(o2)).toBe(4);
  });
});
