// The management dashboard on a small hand-made company whose every expected number is worked out in
// the comments: deflection and self-service, the "answer already existed" rate, time-limit attainment
// per escalation level (holder at the decision moment, open past due, paused, not yet due), volumes and
// backlog, Asia/Shanghai day and week buckets, the incremental rollup refresh, and who may see what.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getManagementDashboard, type ManagementDashboard } from "@/lib/analytics/management/dashboard";
import { getScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { MANAGEMENT_ROLLUP_SETTING, refreshManagementRollup } from "@/lib/analytics/management/rollup";
import { piecesOf } from "@/lib/analytics/management/split";
import { parseRange, type Grain } from "@/lib/analytics/shared/range";
import { ROLLUPS } from "@/lib/analytics/rollup/registry";
import { decideComplaint } from "@/lib/complaints/decide-complaint";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { fileComplaint, reopenQuestion } from "@/lib/questions/asker-actions";
import { confirmDeflection, recordSuggestionView, startAskSession } from "@/lib/questions/ask-session";
import { fileQuestion } from "@/lib/questions/file-question";
import { markPotentialDeflections } from "@/lib/questions/potential-deflections";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

/** An instant given as Beijing wall-clock time. */
const cst = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
const N1 = cst("2026-03-20 12:00");

type U = Awaited<ReturnType<typeof makeUser>>;
let company: { id: string }, sales: { id: string }, salesEast: { id: string }, hr: { id: string };
let ceo: U, salesMgr: U, eastMgr: U, hrMgr: U, admin: U, employee: U, policyOwner: U, qa: U, ownerA: U, ownerB: U;
let askerEast: U, askerSales: U, askerHr: U, askerNoDept: U;
let lineX: { id: string }, lineY: { id: string };
let sectionX: string, sectionY: string;
const q: Record<string, string> = {};

function dash(user: U, range: { from: string; to: string; grain?: Grain }, filters: { lineId?: string | null; departmentId?: string | null } = {}, now = N1) {
  return getManagementDashboard(ctxOf(t.db, user, now), { range: parseRange(range, now), ...filters });
}
const R = { from: "2026-03-02", to: "2026-03-15" };
const row = <T extends { key: string }>(rows: T[], key: string) => {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${rows.map((x) => x.key).join(",")}`);
  return r;
};
const at = <T extends { bucket: string }>(rows: T[], bucket: string) => rows.find((x) => x.bucket === bucket)!;

async function policyWithSection(id: string, lineId: string): Promise<string> {
  await t.db.policy.create({ data: { id, title: `制度 ${id}`, lineId, ownerName: "制度负责人" } });
  const v = await t.db.policyVersion.create({ data: { policyId: id, version: 1, checksum: id, title: `制度 ${id}`, markdown: "# x" } });
  const s = await t.db.policySection.create({ data: { versionId: v.id, policyId: id, ordinal: 1, label: "第一条", heading: "第一条", text: "内容" } });
  // A current version, as an import leaves it: only current sections can be cited.
  await t.db.policy.update({ where: { id }, data: { currentVersionId: v.id } });
  return s.id;
}

/** A question row with exactly the times of the scenario (the verbs would compute working-time dues). */
async function question(
  key: string,
  d: {
    asker: U;
    line: { id: string };
    owner: U;
    created: string;
    frDue: string;
    responded?: string;
    resDue: string;
    resolved?: string;
    kind?: "EXISTING_POLICY" | "POLICY_UNCLEAR" | "NO_POLICY";
    paused?: string;
    handCount?: number;
    level?: number;
    session?: boolean;
  },
) {
  const created = cst(d.created);
  let askSessionId: string | null = null;
  if (d.session) {
    const s = await t.db.askSession.create({
      data: { userId: d.asker.id, outcome: "FILED", startedAt: new Date(created.getTime() - 5 * 60_000), lastActivityAt: created, closedAt: created },
    });
    askSessionId = s.id;
  }
  const row = await t.db.question.create({
    data: {
      askerId: d.asker.id,
      idempotencyKey: randomUUID(),
      body: `问题 ${key}`,
      lineId: d.line.id,
      ownerId: d.owner.id,
      askSessionId,
      contactName: d.asker.name,
      status: d.resolved ? "CLOSED" : d.paused ? "WAITING_ASKER" : d.responded ? "IN_PROGRESS" : "OPEN",
      createdAt: created,
      updatedAt: cst(d.resolved ?? d.paused ?? d.responded ?? d.created),
      firstResponseDueAt: cst(d.frDue),
      firstRespondedAt: d.responded ? cst(d.responded) : null,
      resolutionDueAt: cst(d.resDue),
      resolvedAt: d.resolved ? cst(d.resolved) : null,
      resolutionKind: d.kind ?? null,
      pausedAt: d.paused ? cst(d.paused) : null,
      handCount: d.handCount ?? 1,
      escalationLevel: d.level ?? 0,
    },
  });
  q[key] = row.id;
  return row.id;
}

beforeAll(async () => {
  const db = t.db;
  ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  company = await makeDepartment(db, { name: "星河", kind: "COMPANY", managerId: ceo.id });
  salesMgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  eastMgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  hrMgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  sales = await makeDepartment(db, { name: "销售中心", parentId: company.id, managerId: salesMgr.id });
  salesEast = await makeDepartment(db, { name: "华东销售部", parentId: sales.id, managerId: eastMgr.id });
  hr = await makeDepartment(db, { name: "人力资源部", parentId: company.id, managerId: hrMgr.id });
  for (const [u, d] of [[ceo, company], [salesMgr, sales], [eastMgr, salesEast], [hrMgr, hr]] as const) await db.user.update({ where: { id: u.id }, data: { departmentId: d.id } });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  employee = await makeUser(db, { departmentId: sales.id });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hr.id });
  qa = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"], departmentId: hr.id });
  ownerA = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id });
  ownerB = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: sales.id });
  askerEast = await makeUser(db, { departmentId: salesEast.id });
  askerSales = await makeUser(db, { departmentId: sales.id });
  askerHr = await makeUser(db, { departmentId: hr.id });
  askerNoDept = await makeUser(db);
  lineX = await makeLine(db, { name: "条线X", ownerIds: [ownerA.id] });
  lineY = await makeLine(db, { name: "条线Y", ownerIds: [ownerB.id] });
  sectionX = await policyWithSection("mgmt-x", lineX.id);
  sectionY = await policyWithSection("mgmt-y", lineY.id);

  // ── ask sessions that did not become questions ──
  const at_ = (u: U, s: string) => ctxOf(db, u, cst(s));
  // S1, S2 confirmed (askerEast, 华东销售部): S2 at 23:30 Beijing time still counts on 03-03.
  const s1 = await startAskSession(at_(askerEast, "2026-03-03 10:00"));
  await confirmDeflection(at_(askerEast, "2026-03-03 10:02"), s1.id, { sectionId: sectionX });
  const s2 = await startAskSession(at_(askerEast, "2026-03-03 23:30"));
  await confirmDeflection(at_(askerEast, "2026-03-03 23:40"), s2.id, { sectionId: sectionY });
  // S3 potential (askerSales), started 00:30 Beijing time on 03-04 (= 03-03 16:30 UTC): read X 60 s, Y 10 s → 条线X.
  const s3 = await startAskSession(at_(askerSales, "2026-03-04 00:30"));
  await recordSuggestionView(at_(askerSales, "2026-03-04 00:31"), s3.id, { sectionId: sectionX, durationMs: 60_000 });
  await recordSuggestionView(at_(askerSales, "2026-03-04 00:32"), s3.id, { sectionId: sectionY, durationMs: 10_000 });
  // S4 potential (askerHr): opened nothing; the last search's top result is Y (an earlier search's was X) → 条线Y.
  const s4 = await startAskSession(at_(askerHr, "2026-03-05 09:58"));
  for (const [when, top, second] of [["2026-03-05 09:59", sectionX, sectionY], ["2026-03-05 10:00", sectionY, sectionX]] as const) {
    const sq = await db.searchQuery.create({ data: { userId: askerHr.id, askSessionId: s4.id, query: "加班", resultCount: 2, latencyMs: 5, createdAt: cst(when) } });
    await db.searchImpression.createMany({
      data: [
        { searchQueryId: sq.id, sectionId: top, policyId: top === sectionX ? "mgmt-x" : "mgmt-y", rank: 1, createdAt: cst(when) },
        { searchQueryId: sq.id, sectionId: second, policyId: second === sectionX ? "mgmt-x" : "mgmt-y", rank: 2, createdAt: cst(when) },
      ],
    });
  }
  // S5 potential (askerHr): one search with no results → no 条线 ("未归属条线").
  const s5 = await startAskSession(at_(askerHr, "2026-03-05 11:00"));
  await db.searchQuery.create({ data: { userId: askerHr.id, askSessionId: s5.id, query: "火星出差", resultCount: 0, latencyMs: 5, createdAt: cst("2026-03-05 11:01") } });
  await markPotentialDeflections(db, cst("2026-03-06 00:00"), 30);
  // Not counted: a session still OPEN (nothing searched), and a confirmed one before the range.
  await startAskSession(at_(askerEast, "2026-03-06 09:00"));
  const early = await startAskSession(at_(askerEast, "2026-02-28 09:00"));
  await confirmDeflection(at_(askerEast, "2026-02-28 09:01"), early.id, { sectionId: sectionX });

  // ── questions (F1–F5 are their filed ask sessions) ──
  // Q1 east/X/ownerA: first response met, resolution met, EXISTING_POLICY.
  await question("Q1", { asker: askerEast, line: lineX, owner: ownerA, created: "2026-03-02 09:00", frDue: "2026-03-02 13:00", responded: "2026-03-02 10:00", resDue: "2026-03-03 09:00", resolved: "2026-03-02 15:00", kind: "EXISTING_POLICY", session: true });
  // Q2 east/X/ownerA: replied late (miss at 03-03 13:00), resolved late (miss at 03-04 09:00), POLICY_UNCLEAR.
  await question("Q2", { asker: askerEast, line: lineX, owner: ownerA, created: "2026-03-03 09:00", frDue: "2026-03-03 13:00", responded: "2026-03-03 14:00", resDue: "2026-03-04 09:00", resolved: "2026-03-05 10:00", kind: "POLICY_UNCLEAR", session: true });
  // Q3 sales/Y/ownerB: never answered, open past every due: first and resolution misses, level 1 open past due (miss).
  await question("Q3", { asker: askerSales, line: lineY, owner: ownerB, created: "2026-03-04 09:00", frDue: "2026-03-04 13:00", resDue: "2026-03-05 09:00", level: 1, session: true });
  await t.db.escalation.create({ data: { questionId: q.Q3!, level: 1, fromUserId: ownerB.id, toUserId: salesMgr.id, dueAt: cst("2026-03-06 09:00"), createdAt: cst("2026-03-05 09:00") } });
  // Q4 hr/Y: ownerB until 12:00, then handed to ownerA. First response 11:00 (met, held by ownerB → 销售中心);
  // resolution due 03-06 10:00 missed (held by ownerA → 人力资源部); level 1 escalated further (miss);
  // level 2 resolved 03-07 20:00 before its due 03-08 10:00 (met); NO_POLICY. Two complaints (one upheld).
  await question("Q4", { asker: askerHr, line: lineY, owner: ownerA, created: "2026-03-05 10:00", frDue: "2026-03-05 14:00", responded: "2026-03-05 11:00", resDue: "2026-03-06 10:00", resolved: "2026-03-07 20:00", kind: "NO_POLICY", handCount: 2, level: 2, session: true });
  await t.db.questionOwnership.createMany({
    data: [
      { questionId: q.Q4!, userId: ownerB.id, via: "ROUTED", startedAt: cst("2026-03-05 10:00"), endedAt: cst("2026-03-05 12:00") },
      { questionId: q.Q4!, userId: ownerA.id, via: "HANDOFF", startedAt: cst("2026-03-05 12:00") },
    ],
  });
  await t.db.escalation.createMany({
    data: [
      { questionId: q.Q4!, level: 1, fromUserId: ownerA.id, toUserId: hrMgr.id, dueAt: cst("2026-03-07 10:00"), createdAt: cst("2026-03-06 10:00") },
      { questionId: q.Q4!, level: 2, fromUserId: hrMgr.id, toUserId: ceo.id, dueAt: cst("2026-03-08 10:00"), createdAt: cst("2026-03-07 10:00") },
    ],
  });
  await t.db.complaint.createMany({
    data: [
      { questionId: q.Q4!, complainantId: askerHr.id, againstUserId: ownerA.id, reason: "拖了三天", status: "UPHELD", createdAt: cst("2026-03-08 09:00") },
      { questionId: q.Q4!, complainantId: askerHr.id, againstUserId: ownerA.id, reason: "态度不好", status: "REJECTED", createdAt: cst("2026-03-09 09:00") },
    ],
  });
  // Q5: the asker has no department (admins only), the holder ownerA is in 人力资源部. All met, EXISTING_POLICY.
  await question("Q5", { asker: askerNoDept, line: lineX, owner: ownerA, created: "2026-03-10 09:00", frDue: "2026-03-10 13:00", responded: "2026-03-10 09:30", resDue: "2026-03-11 09:00", resolved: "2026-03-10 16:00", kind: "EXISTING_POLICY", session: true });
  // Q6 east/X: answered in time; resolution due 03-21, after `now`: not yet decided.
  await question("Q6", { asker: askerEast, line: lineX, owner: ownerA, created: "2026-03-14 09:00", frDue: "2026-03-14 13:00", responded: "2026-03-14 10:00", resDue: "2026-03-21 09:00" });
  // Q7 sales/Y: filed and due before the range, resolved on 03-02 (counts as resolved, EXISTING_POLICY; open at the range start).
  await question("Q7", { asker: askerSales, line: lineY, owner: ownerB, created: "2026-02-20 09:00", frDue: "2026-02-20 13:00", responded: "2026-02-20 10:00", resDue: "2026-02-21 09:00", resolved: "2026-03-02 10:00", kind: "EXISTING_POLICY" });
  // Q8 east/X: filed after the range.
  await question("Q8", { asker: askerEast, line: lineX, owner: ownerA, created: "2026-03-16 10:00", frDue: "2026-03-16 14:00", responded: "2026-03-16 11:00", resDue: "2026-03-25 09:00" });
  // Q9 sales/Y: clock stopped (waiting for the asker) before its resolution due: not decided although due has passed.
  await question("Q9", { asker: askerSales, line: lineY, owner: ownerB, created: "2026-03-11 09:00", frDue: "2026-03-11 13:00", responded: "2026-03-11 09:10", resDue: "2026-03-12 09:00", paused: "2026-03-11 10:00" });
  // Q10 hr/X: filed 00:30 Beijing time on Monday 03-09 (Sunday 03-08 in UTC): day 03-09, week of 03-09.
  await question("Q10", { asker: askerHr, line: lineX, owner: ownerA, created: "2026-03-09 00:30", frDue: "2026-03-09 13:00", responded: "2026-03-09 09:00", resDue: "2026-03-10 09:00", resolved: "2026-03-09 10:00", kind: "EXISTING_POLICY" });
  for (const key of ["Q1", "Q2", "Q3", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10"]) {
    const r = await t.db.question.findUniqueOrThrow({ where: { id: q[key]! }, select: { ownerId: true, createdAt: true } });
    await t.db.questionOwnership.create({ data: { questionId: q[key]!, userId: r.ownerId!, via: "ROUTED", startedAt: r.createdAt } });
  }
  // Q11 through the real verbs: askerEast files from an ask session (F11), ownerA answers and resolves at once (EXISTING_POLICY).
  const s11 = await startAskSession(at_(askerEast, "2026-03-12 09:55"));
  await t.db.searchQuery.create({ data: { userId: askerEast.id, askSessionId: s11.id, query: "出差住宿超标", resultCount: 0, latencyMs: 1, createdAt: cst("2026-03-12 09:56") } });
  const filed = await fileQuestion(at_(askerEast, "2026-03-12 10:00"), { idempotencyKey: randomUUID(), body: "出差住宿超标怎么报销？", lineId: lineX.id, contactName: "华东", askSessionId: s11.id });
  q.Q11 = filed.id;
  expect(filed.ownerId).toBe(ownerA.id);
  await replyToQuestion(at_(ownerA, "2026-03-12 10:01"), { questionId: filed.id, body: "按差旅制度第一条办理。" });
  await resolveQuestion(at_(ownerA, "2026-03-12 10:02"), { questionId: filed.id, kind: "EXISTING_POLICY", citedSectionIds: [sectionX] });

  // The worker refreshes every registered rollup; this file refreshes only its own (independent of the others').
  expect(ROLLUPS.map((r) => r.name)).toContain("management");
  await refreshManagementRollup(db, N1);
});

describe("deflection and self-service", () => {
  it("counts concluded sessions by outcome, with both ratios, in total and by 条线", async () => {
    const d = await dash(admin, R);
    // S1, S2 confirmed; S3, S4, S5 potential; F1–F5 and F11 filed → 2 + 3 + 6 = 11 (OPEN and February sessions excluded).
    expect(d.deflection.total).toEqual({ confirmed: 2, potential: 3, filed: 6, concluded: 11, selfService: 5 / 11, strictSelfService: 2 / 11 });
    // 条线X: S1 (confirmed clause X), S3 (read X longest), F1, F2, F5, F11 → (1 + 1) / 6 and 1 / 6.
    expect(row(d.deflection.byLine, lineX.id)).toMatchObject({ confirmed: 1, potential: 1, filed: 4, selfService: 2 / 6, strictSelfService: 1 / 6 });
    // 条线Y: S2, S4 (last search's top result Y), F3, F4 → 2 / 4 and 1 / 4.
    expect(row(d.deflection.byLine, lineY.id)).toMatchObject({ confirmed: 1, potential: 1, filed: 2, selfService: 0.5, strictSelfService: 0.25 });
    // S5 found nothing: no 条线.
    expect(row(d.deflection.byLine, "none")).toMatchObject({ confirmed: 0, potential: 1, filed: 0, selfService: 1 });
  });

  it("splits by the asker's department below the scope root (subtrees merged into the child)", async () => {
    const d = await dash(admin, R);
    expect(d.root).toEqual({ id: company.id, name: "星河", parentId: null });
    // 销售中心 with 华东销售部 below it: S1, S2, S3, F1, F2, F3, F11 → (2 + 1) / 7.
    expect(row(d.deflection.byDepartment, sales.id)).toMatchObject({ confirmed: 2, potential: 1, filed: 4, selfService: 3 / 7, strictSelfService: 2 / 7 });
    expect(row(d.deflection.byDepartment, hr.id)).toMatchObject({ confirmed: 0, potential: 2, filed: 1, selfService: 2 / 3 });
    expect(row(d.deflection.byDepartment, company.id)).toMatchObject({ label: "星河（本部）", concluded: 0, selfService: null });
    expect(row(d.deflection.byDepartment, "none")).toMatchObject({ label: "未设部门", filed: 1, selfService: 0 });
  });

  it("puts sessions on their Asia/Shanghai day (23:30 and 00:30 Beijing time)", async () => {
    const d = await dash(admin, { ...R, grain: "day" });
    expect(d.deflection.overTime).toHaveLength(14);
    expect(at(d.deflection.overTime, "2026-03-02")).toMatchObject({ confirmed: 0, filed: 1, selfService: 0 });
    // S1 at 10:00 and S2 at 23:30 on 03-03, F2.
    expect(at(d.deflection.overTime, "2026-03-03")).toMatchObject({ confirmed: 2, potential: 0, filed: 1, selfService: 2 / 3 });
    // S3 at 00:30 on 03-04 (16:30 UTC on 03-03), F3.
    expect(at(d.deflection.overTime, "2026-03-04")).toMatchObject({ confirmed: 0, potential: 1, filed: 1, selfService: 0.5 });
    expect(at(d.deflection.overTime, "2026-03-05")).toMatchObject({ potential: 2, filed: 1, selfService: 2 / 3 });
    expect(at(d.deflection.overTime, "2026-03-07")).toMatchObject({ concluded: 0, selfService: null });
  });
});

describe("answer already existed", () => {
  it("is the share of EXISTING_POLICY among questions resolved in the range, with POLICY_UNCLEAR and NO_POLICY beside it", async () => {
    const d = await dash(admin, R);
    // Resolved in range: Q1, Q5, Q7, Q10, Q11 (existing), Q2 (unclear), Q4 (no policy). Q8 and Q6 are not resolved.
    expect(d.existed.total).toEqual({ resolved: 7, existing: 5, unclear: 1, noPolicy: 1, existingRate: 5 / 7, unclearRate: 1 / 7, noPolicyRate: 1 / 7 });
    expect(row(d.existed.byLine, lineX.id)).toMatchObject({ resolved: 5, existing: 4, unclear: 1, existingRate: 0.8 });
    expect(row(d.existed.byLine, lineY.id)).toMatchObject({ resolved: 2, existing: 1, noPolicy: 1, existingRate: 0.5 });
    // By the asker's department: 销售中心 Q1, Q2, Q7, Q11; 人力资源部 Q4, Q10; no department Q5.
    expect(row(d.existed.byDepartment, sales.id)).toMatchObject({ resolved: 4, existing: 3, existingRate: 0.75, unclearRate: 0.25 });
    expect(row(d.existed.byDepartment, hr.id)).toMatchObject({ resolved: 2, existing: 1, existingRate: 0.5, noPolicyRate: 0.5 });
    expect(row(d.existed.byDepartment, "none")).toMatchObject({ resolved: 1, existingRate: 1 });
  });

  it("goes over time by the resolution week", async () => {
    const d = await dash(admin, { ...R, grain: "week" });
    expect(d.existed.overTime.map((p) => p.bucket)).toEqual(["2026-03-02", "2026-03-09"]);
    // Week of 03-02: Q1, Q7 existing; Q2 unclear; Q4 no policy. Week of 03-09: Q5, Q10, Q11.
    expect(at(d.existed.overTime, "2026-03-02")).toMatchObject({ resolved: 4, existing: 2, existingRate: 0.5, unclearRate: 0.25 });
    expect(at(d.existed.overTime, "2026-03-09")).toMatchObject({ resolved: 3, existing: 3, existingRate: 1 });
  });
});

describe("attainment per escalation level", () => {
  it("level 0 first response and resolution, level 1 (open past due, escalated further), level 2", async () => {
    const d = await dash(admin, R);
    expect(d.attainment.stages.map((s) => s.key)).toEqual(["first", "resolve", "L1", "L2"]);
    // First response decided: Q1 ✓, Q2 ✗ (late), Q3 ✗ (none, past due), Q4 ✓, Q5 ✓, Q6 ✓, Q9 ✓, Q10 ✓, Q11 ✓ → 7 / 9.
    expect(d.attainment.total.first).toEqual({ decided: 9, met: 7, missed: 2, rate: 7 / 9 });
    // Resolution decided: Q1 ✓, Q2 ✗, Q3 ✗ (open past due), Q4 ✗, Q5 ✓, Q10 ✓, Q11 ✓ → 4 / 7.
    // Q6 (due after now) and Q9 (clock stopped before due) are undecided; Q7 was due in February.
    expect(d.attainment.total.resolve).toEqual({ decided: 7, met: 4, missed: 3, rate: 4 / 7 });
    // Level 1: Q3 still open past due ✗, Q4 escalated to level 2 ✗. Level 2: Q4 resolved before due ✓.
    expect(d.attainment.total.L1).toEqual({ decided: 2, met: 0, missed: 2, rate: 0 });
    expect(d.attainment.total.L2).toEqual({ decided: 1, met: 1, missed: 0, rate: 1 });
  });

  it("belongs to the department of the owner holding the question at the decision moment", async () => {
    const d = await dash(admin, R);
    // 销售中心 (ownerB): Q3 ✗ and Q4's first response (held by ownerB until 12:00) ✓, Q9 ✓.
    expect(row(d.attainment.byDepartment, sales.id).first).toMatchObject({ decided: 3, met: 2 });
    expect(row(d.attainment.byDepartment, sales.id).resolve).toMatchObject({ decided: 1, met: 0 });
    expect(row(d.attainment.byDepartment, sales.id).L1).toMatchObject({ decided: 1, met: 0 });
    // 人力资源部 (ownerA): Q1, Q2, Q5 (asker without department), Q6, Q10, Q11; Q4's resolution after the handoff.
    expect(row(d.attainment.byDepartment, hr.id).first).toMatchObject({ decided: 6, met: 5 });
    expect(row(d.attainment.byDepartment, hr.id).resolve).toMatchObject({ decided: 6, met: 4 });
    expect(row(d.attainment.byDepartment, hr.id).L1).toMatchObject({ decided: 1, met: 0 });
    expect(row(d.attainment.byDepartment, hr.id).L2).toMatchObject({ decided: 1, met: 1 });
    // By 条线: X first Q1, Q2, Q5, Q6, Q10, Q11 (5 ✓); Y Q3, Q4, Q9 (2 ✓). Resolution X 4 / 5, Y 0 / 2.
    expect(row(d.attainment.byLine, lineX.id).first).toMatchObject({ decided: 6, met: 5 });
    expect(row(d.attainment.byLine, lineY.id).first).toMatchObject({ decided: 3, met: 2 });
    expect(row(d.attainment.byLine, lineX.id).resolve).toMatchObject({ decided: 5, met: 4, rate: 0.8 });
    expect(row(d.attainment.byLine, lineY.id).resolve).toMatchObject({ decided: 2, met: 0, rate: 0 });
  });

  it("goes over time by the decision moment's day", async () => {
    const d = await dash(admin, { ...R, grain: "day" });
    expect(at(d.attainment.overTime, "2026-03-03").first).toMatchObject({ decided: 1, met: 0 }); // Q2 at its due 13:00
    expect(at(d.attainment.overTime, "2026-03-04").resolve).toMatchObject({ decided: 1, met: 0 }); // Q2 at its due 09:00
    expect(at(d.attainment.overTime, "2026-03-05").resolve).toMatchObject({ decided: 1, met: 0 }); // Q3 at its due
    expect(at(d.attainment.overTime, "2026-03-06").L1).toMatchObject({ decided: 1, met: 0 }); // Q3 level 1 due
    expect(at(d.attainment.overTime, "2026-03-07").L1).toMatchObject({ decided: 1, met: 0 }); // Q4 level 1 due
    expect(at(d.attainment.overTime, "2026-03-07").L2).toMatchObject({ decided: 1, met: 1 }); // Q4 resolved 20:00
    expect(at(d.attainment.overTime, "2026-03-09").first).toMatchObject({ decided: 1, met: 1, rate: 1 }); // Q10
  });
});

describe("volumes", () => {
  it("counts filed, resolved, escalated, complaints and the backlog, by 条线 and the asker's department", async () => {
    const d = await dash(admin, R);
    // Filed: Q1–Q6, Q9, Q10, Q11 (Q7 before, Q8 after). Open at the end (03-16 00:00): Q3, Q6, Q9.
    expect(d.volumes.total).toEqual({ filed: 9, resolved: 7, escalated: 2, decidedComplaints: 2, upheldComplaints: 1, awaitingComplaints: 0, backlog: 3 });
    // Open at the start: Q7 (filed 02-20, resolved 03-02) = 3 − 9 + 7.
    expect(d.volumes.backlogAtStart).toBe(1);
    expect(row(d.volumes.byLine, lineX.id)).toMatchObject({ filed: 6, resolved: 5, escalated: 0, decidedComplaints: 0, backlog: 1 });
    expect(row(d.volumes.byLine, lineY.id)).toMatchObject({ filed: 3, resolved: 2, escalated: 2, decidedComplaints: 2, upheldComplaints: 1, backlog: 2 });
    expect(row(d.volumes.byDepartment, sales.id)).toMatchObject({ filed: 6, resolved: 4, escalated: 1, decidedComplaints: 0, backlog: 3 });
    expect(row(d.volumes.byDepartment, hr.id)).toMatchObject({ filed: 2, resolved: 2, escalated: 1, decidedComplaints: 2, backlog: 0 });
    expect(row(d.volumes.byDepartment, "none")).toMatchObject({ filed: 1, resolved: 1, backlog: 0 });
  });

  it("shows the backlog at the end of each week (Q10, 00:30 Monday Beijing time, is in the second week)", async () => {
    const d = await dash(admin, { ...R, grain: "week" });
    // Week 1: Q1–Q4 filed, Q1, Q2, Q4, Q7 resolved → 1 open (Q3). Week 2: Q5, Q6, Q9, Q10, Q11 filed, Q5, Q10, Q11 resolved → 3.
    expect(d.volumes.overTime).toEqual([
      { bucket: "2026-03-02", filed: 4, resolved: 4, escalated: 2, decidedComplaints: 1, upheldComplaints: 1, awaitingComplaints: 0, backlog: 1 },
      { bucket: "2026-03-09", filed: 5, resolved: 3, escalated: 0, decidedComplaints: 1, upheldComplaints: 0, awaitingComplaints: 0, backlog: 3 },
    ]);
  });

  it("reads the same from weekly and daily rollup rows when the range starts mid-week", async () => {
    const range = { from: "2026-03-04", to: "2026-03-15" };
    expect(piecesOf(parseRange({ ...range, grain: "week" }, N1))).toEqual([
      ...["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"].map((day) => ({ day, span: 1, bucket: "2026-03-02" })),
      { day: "2026-03-09", span: 7, bucket: "2026-03-09" },
    ]);
    const [weekly, daily] = await Promise.all([dash(admin, { ...range, grain: "week" }), dash(admin, { ...range, grain: "day" })]);
    expect(weekly.volumes.total).toEqual(daily.volumes.total);
    expect(weekly.deflection.total).toEqual(daily.deflection.total);
    expect(weekly.attainment.total).toEqual(daily.attainment.total);
    // From 03-04: Q3, Q4 filed in the first (partial) week; Q2, Q4 resolved.
    expect(at(weekly.volumes.overTime, "2026-03-02")).toMatchObject({ filed: 2, resolved: 2 });
  });

  it("filters by 条线", async () => {
    const d = await dash(admin, R, { lineId: lineY.id });
    expect(d.volumes.total).toEqual({ filed: 3, resolved: 2, escalated: 2, decidedComplaints: 2, upheldComplaints: 1, awaitingComplaints: 0, backlog: 2 });
    expect(d.deflection.total).toMatchObject({ confirmed: 1, potential: 1, filed: 2 });
    expect(d.attainment.total.first).toMatchObject({ decided: 3, met: 2 });
    expect(d.volumes.byLine.map((r) => r.key)).toEqual([lineY.id]);
  });
});

describe("authorization", () => {
  it("forbids everyone but managers and admins", async () => {
    for (const u of [employee, policyOwner, qa, ownerA]) await expect(dash(u, R)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows a manager only their subtree, split by its children", async () => {
    const d = await dash(salesMgr, R);
    expect(d.root).toEqual({ id: sales.id, name: "销售中心", parentId: null });
    expect(d.departmentOptions.map((o) => [o.id, o.depth])).toEqual([[sales.id, 0], [salesEast.id, 1]]);
    expect(d.deflection.byDepartment.map((r) => r.key)).toEqual([sales.id, salesEast.id]);
    // Askers in 销售中心 itself: S3, F3; in 华东销售部: S1, S2, F1, F2, F11.
    expect(d.deflection.total).toMatchObject({ confirmed: 2, potential: 1, filed: 4 });
    expect(row(d.deflection.byDepartment, sales.id)).toMatchObject({ label: "销售中心（本部）", potential: 1, filed: 1 });
    expect(row(d.deflection.byDepartment, salesEast.id)).toMatchObject({ confirmed: 2, filed: 3 });
    expect(d.volumes.total).toMatchObject({ filed: 6, resolved: 4, backlog: 3, decidedComplaints: 0 });
    // Time limits held by ownerB (销售中心): Q3, Q4's first response, Q9.
    expect(d.attainment.total.first).toMatchObject({ decided: 3, met: 2 });
    expect(d.attainment.total.resolve).toMatchObject({ decided: 1, met: 0 });
    expect(d.attainment.stages.map((s) => s.key)).toEqual(["first", "resolve", "L1"]);
  });

  it("lets a manager drill down inside the subtree but not outside it", async () => {
    const d = await dash(salesMgr, R, { departmentId: salesEast.id });
    expect(d.root).toEqual({ id: salesEast.id, name: "华东销售部", parentId: sales.id });
    expect(d.volumes.total).toMatchObject({ filed: 4, resolved: 3 }); // Q1, Q2, Q6, Q11; Q1, Q2, Q11
    await expect(dash(salesMgr, R, { departmentId: hr.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dash(salesMgr, R, { departmentId: company.id })).rejects.toBeInstanceOf(ForbiddenError);
    // The east manager cannot go up to 销售中心.
    await expect(dash(eastMgr, R, { departmentId: sales.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await dash(eastMgr, R)).root.parentId).toBeNull();
  });

  it("gives an admin filtered to a department the same numbers as its manager", async () => {
    const [asAdmin, asManager] = await Promise.all([dash(admin, R, { departmentId: hr.id }), dash(hrMgr, R)]);
    expect(asAdmin.deflection).toEqual(asManager.deflection);
    expect(asAdmin.volumes).toEqual(asManager.volumes);
    expect(asAdmin.attainment).toEqual(asManager.attainment);
    expect(asAdmin.root.parentId).toBe(company.id);
    expect(asManager.root.parentId).toBeNull();
  });

  it("rejects malformed and unknown filters", async () => {
    await expect(dash(admin, R, { departmentId: "abc" })).rejects.toBeInstanceOf(ValidationError);
    await expect(dash(admin, R, { lineId: randomUUID() })).rejects.toBeInstanceOf(ValidationError);
    await expect(dash(admin, R, { departmentId: randomUUID() })).rejects.toBeInstanceOf(ValidationError);
    // A manager learns nothing about ids outside the subtree: forbidden, not "does not exist".
    await expect(dash(salesMgr, R, { departmentId: randomUUID() })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("rollup refresh", () => {
  const strip = (d: ManagementDashboard) => ({ ...d, refreshedAt: null });
  async function rebuilt(user: U, range: { from: string; to: string; grain?: Grain }, now: Date) {
    await t.db.appSetting.delete({ where: { key: MANAGEMENT_ROLLUP_SETTING } });
    await refreshManagementRollup(t.db, now);
    return dash(user, range, {}, now);
  }

  it("picks up changes incrementally, and equals a rebuild from scratch", async () => {
    const N2 = cst("2026-03-20 14:00");
    const R2 = { from: "2026-03-02", to: "2026-03-20", grain: "day" as const };
    const c = (u: U) => ctxOf(t.db, u, cst("2026-03-20 13:00"));
    // After the last refresh: Q1 reopened, a complaint about Q10, a new confirmed session by askerHr (条线X).
    await reopenQuestion(c(askerEast), { questionId: q.Q1, reason: "还是不清楚" });
    await fileComplaint(c(askerHr), { questionId: q.Q10, idempotencyKey: randomUUID(), reason: "回复太简单了" });
    const s = await startAskSession(c(askerHr));
    await confirmDeflection(c(askerHr), s.id, { sectionId: sectionX });
    expect((await refreshManagementRollup(t.db, N2)).days).toBeGreaterThan(0);

    const d = await dash(admin, R2, {}, N2);
    expect(d.deflection.total).toMatchObject({ confirmed: 3, potential: 3, filed: 6 });
    expect(at(d.deflection.overTime, "2026-03-20")).toMatchObject({ confirmed: 1 });
    // Q1 has no resolvedAt any more: resolved Q2, Q4, Q5, Q7, Q10, Q11; Q8 filed on 03-16 joins.
    expect(d.existed.total).toMatchObject({ resolved: 6, existing: 4 });
    // The complaint about Q10 awaits review: counted as awaiting, not as decided.
    expect(d.volumes.total).toEqual({ filed: 10, resolved: 6, escalated: 2, decidedComplaints: 2, upheldComplaints: 1, awaitingComplaints: 1, backlog: 5 });
    // Q1's resolution is now open past its due (03-03 09:00): a miss. Q8's first response (03-16) is met.
    expect(d.attainment.total.resolve).toEqual({ decided: 7, met: 3, missed: 4, rate: 3 / 7 });
    expect(d.attainment.total.first).toMatchObject({ decided: 10, met: 8 });
    expect(strip(await rebuilt(admin, R2, N2))).toEqual(strip(d));
  });

  it("counts a complaint as awaiting review until decided, and as decided (upheld) after the next refresh", async () => {
    const R4 = { from: "2026-03-02", to: "2026-03-20" };
    const at = (s: string) => cst(`2026-03-20 ${s}`);
    // Q10 is a row written with its own updatedAt, which no verb here touches (Q11's went through the verbs
    // at the wall clock, so every refresh of this file would pick it up whatever it looked for).
    const { complaintId } = await fileComplaint(ctxOf(t.db, askerHr, at("14:05")), { questionId: q.Q10, idempotencyKey: randomUUID(), reason: "没有说明住宿上限" });
    await refreshManagementRollup(t.db, at("14:20"));
    // Q4's two were decided; the previous test's complaint about Q10 (条线X) and this one await review.
    const open = await dash(admin, R4, {}, at("14:20"));
    expect(open.volumes.total).toMatchObject({ decidedComplaints: 2, upheldComplaints: 1, awaitingComplaints: 2 });
    expect(row(open.volumes.byLine, lineX.id)).toMatchObject({ decidedComplaints: 0, upheldComplaints: 0, awaitingComplaints: 2 });

    // Deciding touches neither the question nor its version (0020), and the filing is older than the
    // refresh's slack: only the complaint's reviewedAt can bring the question back into the rollup.
    await decideComplaint(ctxOf(t.db, admin, at("15:05")), { complaintId, outcome: "UPHELD", reason: "确实没有回答上限问题" });
    await refreshManagementRollup(t.db, at("15:10"));
    const decided = await dash(admin, R4, {}, at("15:10"));
    expect(decided.volumes.total).toMatchObject({ decidedComplaints: 3, upheldComplaints: 2, awaitingComplaints: 1 });
    expect(row(decided.volumes.byLine, lineX.id)).toMatchObject({ decidedComplaints: 1, upheldComplaints: 1, awaitingComplaints: 1 });
    // The owners' scorecard counts the same upheld complaints over the same range (all are against ownerA).
    const card = await getScorecardDashboard(ctxOf(t.db, admin, at("15:10")), { range: parseRange(R4, at("15:10")) });
    expect(card.total.upheldComplaints).toBe(decided.volumes.total.upheldComplaints);
  });

  it("decides an outcome when its due time passes, without any change to the question", async () => {
    const N3 = cst("2026-03-21 10:00");
    const R3 = { from: "2026-03-02", to: "2026-03-21" };
    await refreshManagementRollup(t.db, N3);
    const d = await dash(admin, R3, {}, N3);
    // Q6's resolution was due 03-21 09:00 and it is still open: one more miss.
    expect(d.attainment.total.resolve).toEqual({ decided: 8, met: 3, missed: 5, rate: 3 / 8 });
    expect(strip(await rebuilt(admin, R3, N3))).toEqual(strip(d));
  });

  it("is idempotent", async () => {
    const N3 = cst("2026-03-21 10:00");
    const before = await t.db.mgmtStat.findMany({ orderBy: [{ span: "asc" }, { day: "asc" }, { lineId: "asc" }, { departmentId: "asc" }], omit: { id: true } });
    await refreshManagementRollup(t.db, N3);
    await refreshManagementRollup(t.db, N3);
    const after = await t.db.mgmtStat.findMany({ orderBy: [{ span: "asc" }, { day: "asc" }, { lineId: "asc" }, { departmentId: "asc" }], omit: { id: true } });
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});
