// The policy-owner view (/insights/policies): every figure on small hand-made data with the expected
// numbers written out, the rollup's refresh (idempotent, late rows, reopened questions), query-to-条线
// attribution, and who may see and do what.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPolicyClauses } from "@/lib/analytics/policies/clauses";
import { getPolicyDashboard, type PolicyDashboard } from "@/lib/analytics/policies/dashboard";
import { POLICY_ROLLUP_NAME, policyRollup, readPolicyRollupMark, weekSplit } from "@/lib/analytics/policies/rollup";
import { medianFromHistogram } from "@/lib/analytics/policies/usage";
import { parseRange } from "@/lib/analytics/shared/range";
import { ROLLUPS } from "@/lib/analytics/rollup/registry";
import { ForbiddenError, PreconditionError, ValidationError } from "@/lib/errors";
import { acknowledgeGap } from "@/lib/policies/acknowledge-gap";
import { markPolicyRevision } from "@/lib/policies/mark-policy-revision";
import { reopenQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

/** An instant given as Asia/Shanghai wall time. */
const sh = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
// D0 = 2026-11-17 (Tue, before the range), D1..D3 = 2026-11-18..20 (Wed..Fri, the range).
const NOW = sh("2026-11-20 20:00");
const RANGE = parseRange({ from: "2026-11-18", to: "2026-11-20" }, NOW);

type U = Awaited<ReturnType<typeof makeUser>>;
let hrOwner: U, finOwner: U, employee: U, manager: U, admin: U, firstContact: U;
let hr: { id: string; name: string }, fin: { id: string; name: string }, other: { id: string; name: string };
const P1 = "pi-leave", P2 = "pi-overtime", P3 = "pi-expense", P4 = "pi-badge";
const sec: Record<string, string> = {}; // A1, A2 (P1 第一条/第二条), B1 (P2), C1 (P3), D1 (P4)
const q: Record<string, string> = {};
const gap: Record<string, string> = {};
const search: Record<string, string> = {};

async function makePolicy(id: string, title: string, lineId: string, labels: [string, string][], extra: { ownerDeptId?: string; reviewDueAt?: string } = {}) {
  const db = t.db;
  await db.policy.create({ data: { id, title, lineId, ownerName: "测试部", ownerDeptId: extra.ownerDeptId ?? null, reviewDueAt: extra.reviewDueAt ? new Date(`${extra.reviewDueAt}T00:00:00Z`) : null } });
  const version = await db.policyVersion.create({ data: { policyId: id, version: 1, checksum: id, title, markdown: `# ${title}` } });
  for (const [i, [key, label]] of labels.entries()) {
    const s = await db.policySection.create({ data: { versionId: version.id, policyId: id, ordinal: i, label, heading: `${label} 规定`, text: `${title}${label}的内容` } });
    sec[key] = s.id;
  }
  await db.policy.update({ where: { id }, data: { currentVersionId: version.id } });
}

const policyOf = (key: string) => ({ A: P1, B: P2, C: P3, D: P4 })[key[0] as "A" | "B" | "C" | "D"];

/** A logged search: the sections it showed in rank order (none: zero results). */
async function logSearch(name: string, at: string, query: string, hits: string[], lineFilter: string | null = null) {
  const row = await t.db.searchQuery.create({
    data: {
      userId: employee.id, query, lineFilter, resultCount: hits.length, latencyMs: 5, createdAt: sh(at),
      impressions: { create: hits.map((h, i) => ({ sectionId: sec[h]!, policyId: policyOf(h)!, rank: i + 1, createdAt: sh(at) })) },
    },
  });
  search[name] = row.id;
}

const click = (searchName: string, at: string, key: string) =>
  t.db.searchClick.create({ data: { searchQueryId: search[searchName]!, userId: employee.id, sectionId: sec[key]!, policyId: policyOf(key)!, rank: 1, createdAt: sh(at) } });

const view = (at: string, policyId: string, key: string | null, durationMs: number | null) =>
  t.db.policyView.create({ data: { userId: employee.id, policyId, sectionId: key ? sec[key]! : null, durationMs, source: "search", createdAt: sh(at) } });

const vote = (at: string, policyId: string, key: string | null, helpful: boolean, reason: "OUTDATED" | "HARD_TO_UNDERSTAND" | "ANSWER_NOT_FOUND" | "OTHER" | null = null, comment: string | null = null) =>
  t.db.articleFeedback.create({ data: { userId: employee.id, policyId, sectionId: key ? sec[key]! : null, helpful, reason, comment, createdAt: sh(at) } });

/** A question written directly (resolution as the resolve verb leaves it), with its citations. */
async function question(name: string, lineId: string, opts: { resolvedAt?: string; kind?: "EXISTING_POLICY" | "POLICY_UNCLEAR"; exposure?: "IGNORED" | "OPENED" | "SEARCH_MISS"; reopened?: boolean; cites?: { key: string; forResolution?: boolean }[] }) {
  const resolvedAt = opts.resolvedAt ? sh(opts.resolvedAt) : null;
  const row = await t.db.question.create({
    data: {
      askerId: employee.id, idempotencyKey: randomUUID(), body: `测试问题 ${name}`, lineId, contactName: "张三",
      status: opts.reopened ? "IN_PROGRESS" : "RESOLVED", resolvedAt: opts.reopened ? null : resolvedAt,
      resolutionKind: opts.kind ?? "EXISTING_POLICY", answerExposure: opts.exposure ?? null, createdAt: sh("2026-11-01 09:00"),
    },
  });
  for (const c of opts.cites ?? []) {
    await t.db.citation.create({ data: { questionId: row.id, sectionId: sec[c.key]!, policyId: policyOf(c.key)!, forResolution: c.forResolution ?? true, createdAt: resolvedAt ?? sh("2026-11-10 09:00") } });
  }
  q[name] = row.id;
}

const dashboard = (user: U, input: { lineId?: string | null; range?: typeof RANGE } = {}, now = NOW) => getPolicyDashboard(ctxOf(t.db, user, now), { range: input.range ?? RANGE, lineId: input.lineId });
const doc = (d: PolicyDashboard, id: string) => d.documents.find((x) => x.policyId === id)!;
const usage = (d: PolicyDashboard, id: string) => {
  const x = doc(d, id);
  return { impressions: x.impressions, searches: x.searches, searchesClicked: x.searchesClicked, openRate: x.openRate, clicks: x.clicks, views: x.views, viewsTimed: x.viewsTimed, viewMsTotal: x.viewMsTotal, meanViewMs: x.meanViewMs, medianViewMs: x.medianViewMs };
};

beforeAll(async () => {
  const db = t.db;
  const hrDept = await makeDepartment(db);
  const finDept = await makeDepartment(db);
  hrOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hrDept.id, name: "人力制度负责人" });
  finOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: finDept.id, name: "财务制度负责人" });
  employee = await makeUser(db, { departmentId: finDept.id });
  manager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], departmentId: hrDept.id });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  firstContact = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hrDept.id });
  hr = await makeLine(db, { name: `人力测试-${randomUUID().slice(0, 6)}`, policyOwnerDeptId: hrDept.id, ownerIds: [firstContact.id] });
  fin = await makeLine(db, { name: `财务测试-${randomUUID().slice(0, 6)}`, policyOwnerDeptId: finDept.id });
  other = await makeLine(db, { name: `行政测试-${randomUUID().slice(0, 6)}` });
  await makePolicy(P1, "休假管理办法", hr.id, [["A1", "第一条"], ["A2", "第二条"]], { reviewDueAt: "2026-11-30" });
  await makePolicy(P2, "加班管理办法", hr.id, [["B1", "第一条"]], { reviewDueAt: "2027-03-01" });
  await makePolicy(P3, "费用报销办法", fin.id, [["C1", "第一条"]], { reviewDueAt: "2026-12-15" });
  // In another 条线 but owned by the HR department: the HR policy owner is responsible for it too.
  await makePolicy(P4, "工牌管理规定", other.id, [["D1", "第一条"]], { ownerDeptId: hrDept.id, reviewDueAt: "2026-11-10" });

  // ── searches ──
  await logSearch("s1", "2026-11-18 10:00", "年假 怎么算", ["A1", "A2", "B1"]);
  await click("s1", "2026-11-18 10:01", "A1");
  await logSearch("s2", "2026-11-18 11:00", "年假怎么算", ["B1", "A1"]);
  await logSearch("s2b", "2026-11-19 00:30", "  年假怎么算 ", ["A1"]); // 16:30 UTC on the 18th: a Shanghai day of its own
  await logSearch("s3", "2026-11-19 09:00", "ＶＰＮ 密码", ["C1"]);
  await logSearch("s4", "2026-11-19 10:00", "vpn  密码", ["C1"]);
  await click("s4", "2026-11-19 10:01", "C1");
  await logSearch("s5", "2026-11-19 11:00", "宠物补贴", []);
  await logSearch("s6", "2026-11-20 09:00", "宠物补贴 ", []);
  await logSearch("s7", "2026-11-20 10:00", "婚假", [], hr.name);
  await logSearch("s8", "2026-11-17 10:00", "年假怎么算", ["A1"]); // before the range
  await logSearch("s9", "2026-11-20 11:00", "报销 标准", ["A2"], fin.name); // filtered to 财务: belongs there whatever it showed
  await logSearch("s9b", "2026-11-20 12:00", "报销 标准", ["A2"], fin.name);
  await logSearch("s10", "2026-11-19 12:00", "班车", [], "不存在的条线");

  // ── views (ms) and votes ──
  await view("2026-11-18 10:01", P1, "A1", 30_000);
  await view("2026-11-18 12:00", P1, null, null); // reader, not timed
  await view("2026-11-19 08:00", P1, "A2", 90_000);
  await view("2026-11-20 08:00", P1, "A1", 60_000);
  await view("2026-11-20 08:30", P1, "A1", 0); // opened, no time measured
  await view("2026-11-19 10:01", P3, "C1", 20_000);
  await view("2026-11-17 12:00", P1, "A1", 999_000); // before the range
  await vote("2026-11-18 13:00", P1, "A1", true);
  await vote("2026-11-19 14:00", P1, "A2", false, "OUTDATED", "第二条的标准已经调整了");
  await vote("2026-11-20 09:00", P1, null, false, "OUTDATED");
  await vote("2026-11-20 10:00", P1, "A2", false, "HARD_TO_UNDERSTAND");
  await vote("2026-11-19 09:00", P2, "B1", true);
  await vote("2026-11-19 15:00", P3, "C1", false, "ANSWER_NOT_FOUND", "没写加班打车");
  await vote("2026-11-17 09:00", P1, null, false, "OTHER", "旧的意见");

  // ── resolved questions ──
  await question("q1", hr.id, { resolvedAt: "2026-11-18 15:00", exposure: "IGNORED", cites: [{ key: "A1" }] });
  await question("q2", hr.id, { resolvedAt: "2026-11-19 15:00", exposure: "OPENED", cites: [{ key: "A2" }, { key: "B1" }] });
  await question("q5", hr.id, { resolvedAt: "2026-11-17 15:00", exposure: "IGNORED", cites: [{ key: "A1" }] }); // before the range
  await question("q6", fin.id, { resolvedAt: "2026-11-19 16:00", exposure: "IGNORED", cites: [{ key: "C1" }] });
  await question("q7", hr.id, { resolvedAt: "2026-11-19 16:00", exposure: "IGNORED", reopened: true, cites: [{ key: "A1" }] }); // reopened: no longer resolved
  await question("q8", hr.id, { resolvedAt: "2026-11-19 17:00", exposure: "IGNORED", cites: [{ key: "A1", forResolution: false }, { key: "B1" }] });
  await question("qOther", other.id, { resolvedAt: "2026-11-19 12:00", kind: "POLICY_UNCLEAR", exposure: "OPENED", cites: [] });
  // Through the real verbs: 无制度 and 制度不清 become knowledge gaps; no ask trail → SEARCH_MISS.
  const file = async (at: string, body: string) =>
    fileQuestion(ctxOf(db, employee, sh(at)), { idempotencyKey: randomUUID(), body, lineId: hr.id, contactName: employee.name, askSessionId: (await makeSearchedAskSession(db, employee.id, { at: sh(at), query: body })).id });
  const q4 = await file("2026-11-19 09:00", "能不能报销宠物寄养费用？");
  await resolveQuestion(ctxOf(db, firstContact, sh("2026-11-19 10:00")), { questionId: q4.id, kind: "NO_POLICY", note: "公司没有宠物补贴制度" });
  const q3 = await file("2026-11-20 09:00", "调休的加班时长怎么折算？");
  const resolved = await resolveQuestion(ctxOf(db, firstContact, sh("2026-11-20 10:00")), { questionId: q3.id, kind: "POLICY_UNCLEAR", note: "第一条没写清楚加班如何折算", citedSectionIds: [sec.A1!] });
  expect(resolved.exposure).toBe("SEARCH_MISS");
  q.q3 = q3.id;
  q.q4 = q4.id;
  const gaps = await db.knowledgeGap.findMany({ where: { questionId: { in: [q3.id, q4.id] } } });
  gap.noPolicy = gaps.find((g) => g.questionId === q4.id)!.id;
  gap.unclear = gaps.find((g) => g.questionId === q3.id)!.id;
  const g = (questionId: string, lineId: string, createdAt: string, extra: { policyId?: string; status?: "ACKNOWLEDGED" } = {}) =>
    db.knowledgeGap.create({ data: { questionId, lineId, createdAt: sh(createdAt), policyId: extra.policyId ?? null, status: extra.status ?? "OPEN", acknowledgedAt: extra.status ? sh(createdAt) : null } });
  gap.fin = (await g(q.q6!, fin.id, "2026-11-19 16:00")).id;
  gap.old = (await g(q.q5!, hr.id, "2026-11-17 15:00")).id; // before the range, still open: listed
  gap.oldAck = (await g(q.q5!, hr.id, "2026-11-17 16:00", { status: "ACKNOWLEDGED" })).id; // before the range, done: not listed
  gap.other = (await g(q.qOther!, other.id, "2026-11-19 12:00", { policyId: P2 })).id; // another 条线, but about an HR document

  expect(await policyRollup.refresh(t.db, NOW)).toEqual({ days: 4 }); // first refresh: from the first row's day (D0) through today
});

describe("authorization", () => {
  it("refuses employees and managers who are not policy owners", async () => {
    await expect(dashboard(employee)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dashboard(manager)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPolicyClauses(ctxOf(t.db, employee, NOW), { range: RANGE, policyId: P1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows a policy owner only their 条线' documents and the documents their department owns", async () => {
    const h = await dashboard(hrOwner);
    expect(h.isAdmin).toBe(false);
    expect(h.documents.map((d) => d.policyId)).toEqual([P1, P2, P4]); // by impressions: 6, 2, 0
    expect(h.lines.map((l) => l.id).sort()).toEqual([hr.id, other.id].sort());
    const f = await dashboard(finOwner);
    expect(f.documents.map((d) => d.policyId)).toEqual([P3]);
    expect(f.lines.map((l) => l.id)).toEqual([fin.id]);
    const a = await dashboard(admin);
    expect(a.isAdmin).toBe(true);
    expect(a.documents.map((d) => d.policyId).sort()).toEqual([P1, P2, P3, P4].sort());
    expect(a.lines).toHaveLength(3);
  });

  it("refuses a 条线 filter outside the owner's scope, and drill-downs into other owners' documents", async () => {
    await expect(dashboard(hrOwner, { lineId: fin.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPolicyClauses(ctxOf(t.db, finOwner, NOW), { range: RANGE, policyId: P1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets no other 条线's owner (nor an employee) acknowledge a gap or mark a document", async () => {
    await expect(acknowledgeGap(ctxOf(t.db, finOwner, NOW), { gapId: gap.unclear })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeGap(ctxOf(t.db, finOwner, NOW), { gapId: gap.noPolicy })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acknowledgeGap(ctxOf(t.db, employee, NOW), { gapId: gap.noPolicy })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markPolicyRevision(ctxOf(t.db, finOwner, NOW), { policyId: P1, needsRevision: true, note: "不归我管" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markPolicyRevision(ctxOf(t.db, hrOwner, NOW), { policyId: P3, needsRevision: true, note: "不归我管" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markPolicyRevision(ctxOf(t.db, employee, NOW), { policyId: P1, needsRevision: true, note: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    // Nothing changed.
    expect((await t.db.knowledgeGap.findUniqueOrThrow({ where: { id: gap.noPolicy } })).status).toBe("OPEN");
    expect((await t.db.policy.findUniqueOrThrow({ where: { id: P1 } })).needsRevision).toBe(false);
    expect(await t.db.auditLog.count({ where: { action: { in: ["gap.acknowledge", "policy.revision"] } } })).toBe(0);
  });
});

describe("search and reading, per document (rollup)", () => {
  it("counts impressions, searches, clicks, views and reading time per document in the range", async () => {
    const h = await dashboard(hrOwner);
    // P1: s1 shows 第一条+第二条 (2), s2, s2b, s9, s9b one each → 6 impressions in 5 searches; only s1 clicked → 1/5.
    // Views 5 (one untimed reader view, one 0 ms): timed 30 s + 90 s + 60 s = 180 s, mean 60 s, median 60 s.
    expect(usage(h, P1)).toEqual({ impressions: 6, searches: 5, searchesClicked: 1, openRate: 0.2, clicks: 1, views: 5, viewsTimed: 3, viewMsTotal: 180_000, meanViewMs: 60_000, medianViewMs: 60_000 });
    expect(usage(h, P2)).toEqual({ impressions: 2, searches: 2, searchesClicked: 0, openRate: 0, clicks: 0, views: 0, viewsTimed: 0, viewMsTotal: 0, meanViewMs: null, medianViewMs: null });
    expect(usage(h, P4)).toEqual({ impressions: 0, searches: 0, searchesClicked: 0, openRate: null, clicks: 0, views: 0, viewsTimed: 0, viewMsTotal: 0, meanViewMs: null, medianViewMs: null });
    const f = await dashboard(finOwner);
    // P3: s3 and s4, s4 clicked → 50 %; one 20 s view.
    expect(usage(f, P3)).toEqual({ impressions: 2, searches: 2, searchesClicked: 1, openRate: 0.5, clicks: 1, views: 1, viewsTimed: 1, viewMsTotal: 20_000, meanViewMs: 20_000, medianViewMs: 20_000 });
  });

  it("totals the owner's documents, with the median over all their timed views", async () => {
    const h = await dashboard(hrOwner);
    expect(h.totals).toMatchObject({ documents: 3, impressions: 8, clicks: 1, views: 5, viewsTimed: 3, viewMsTotal: 180_000, medianViewMs: 60_000 });
    // Admin: 20 s, 30 s, 60 s, 90 s → (30 + 60) / 2 = 45 s.
    expect((await dashboard(admin)).totals).toMatchObject({ documents: 4, impressions: 10, clicks: 2, views: 6, medianViewMs: 45_000 });
  });

  it("charts surfaced vs opened per Shanghai day, every day present", async () => {
    const h = await dashboard(hrOwner);
    expect(h.trend).toEqual([
      { bucket: "2026-11-18", impressions: 5, clicks: 1, views: 2 }, // s1 (3) + s2 (2)
      { bucket: "2026-11-19", impressions: 1, clicks: 0, views: 1 }, // s2b at 00:30 Shanghai (still the 18th in UTC)
      { bucket: "2026-11-20", impressions: 2, clicks: 0, views: 2 },
    ]);
  });

  it("reads whole weeks from the weekly rows and the edge days from the daily ones", async () => {
    expect(weekSplit("2026-11-18", "2026-11-20")).toEqual({ w1: "2026-11-21", w2: "2026-11-21", end: "2026-11-21" }); // no whole week
    expect(weekSplit("2026-11-01", "2026-11-30")).toEqual({ w1: "2026-11-02", w2: "2026-11-30", end: "2026-12-01" });
    const month = parseRange({ from: "2026-11-01", to: "2026-11-30", grain: "week" }, NOW);
    const h = await dashboard(hrOwner, { range: month });
    // Weeks from Monday; the week of the 16th also holds D0 (s8, the 999 s view).
    expect(h.trend.map((p) => [p.bucket, p.impressions, p.views])).toEqual([
      ["2026-10-26", 0, 0], ["2026-11-02", 0, 0], ["2026-11-09", 0, 0], ["2026-11-16", 9, 6], ["2026-11-23", 0, 0], ["2026-11-30", 0, 0],
    ]);
    // P1 timed views 30, 60, 90, 999 s → (60 + 90) / 2 = 75 s; "年假怎么算" unclicked 3 times with s8.
    expect(doc(h, P1).medianViewMs).toBe(75_000);
    expect(h.noClickQueries).toEqual([{ query: "年假怎么算", lineId: hr.id, lineName: hr.name, searches: 3, zeroResults: 0, noClicks: 3 }]);
  });

  it("approximates a median from the histogram by each bucket's mean (exact when values sit alone)", () => {
    expect(medianFromHistogram([])).toBeNull();
    expect(medianFromHistogram([{ bucket: 41, n: 1, ms: 60_000 }, { bucket: 34, n: 1, ms: 30_000 }, { bucket: 45, n: 1, ms: 90_000 }])).toBe(60_000);
    expect(medianFromHistogram([{ bucket: 34, n: 2, ms: 62_000 }, { bucket: 45, n: 2, ms: 180_000 }])).toBe((31_000 + 90_000) / 2);
  });

  it("drills down to clauses: 第一条, 第二条, and the document as a whole", async () => {
    const c = await getPolicyClauses(ctxOf(t.db, hrOwner, NOW), { range: RANGE, policyId: P1 });
    expect(c.title).toBe("休假管理办法");
    expect(c.rows.map((r) => ({ label: r.label, impressions: r.impressions, clicks: r.clicks, views: r.views, viewsTimed: r.viewsTimed, meanViewMs: r.meanViewMs, helpful: r.helpful, notHelpful: r.notHelpful, resolutions: r.resolutions }))).toEqual([
      { label: "", impressions: 0, clicks: 0, views: 1, viewsTimed: 0, meanViewMs: null, helpful: 0, notHelpful: 1, resolutions: { ignored: 0, unclear: 0, searchMiss: 0, total: 0 } },
      { label: "第一条", impressions: 3, clicks: 1, views: 3, viewsTimed: 2, meanViewMs: 45_000, helpful: 1, notHelpful: 0, resolutions: { ignored: 1, unclear: 0, searchMiss: 1, total: 2 } },
      { label: "第二条", impressions: 3, clicks: 0, views: 1, viewsTimed: 1, meanViewMs: 90_000, helpful: 0, notHelpful: 2, resolutions: { ignored: 0, unclear: 1, searchMiss: 0, total: 1 } },
    ]);
  });
});

describe("questions resolved citing a document (the answer already existed)", () => {
  it("splits them into ignored, unclear and search miss, counting only resolution citations of questions still resolved in the range", async () => {
    const h = await dashboard(hrOwner);
    // P1: q1 ignored, q2 unclear (opened), q3 search miss (via the verbs); q5 before the range, q7 reopened, q8 cites it only in a reply.
    expect(doc(h, P1).resolutions).toEqual({ ignored: 1, unclear: 1, searchMiss: 1, total: 3 });
    // P2: q2 (cites both documents) unclear, q8 ignored.
    expect(doc(h, P2).resolutions).toEqual({ ignored: 1, unclear: 1, searchMiss: 0, total: 2 });
    expect(doc(h, P4).resolutions).toEqual({ ignored: 0, unclear: 0, searchMiss: 0, total: 0 });
    // Summed over documents: q2 counts for P1 and for P2.
    expect(h.totals.resolutions).toEqual({ ignored: 2, unclear: 2, searchMiss: 1, total: 5 });
    expect(doc(await dashboard(finOwner), P3).resolutions).toEqual({ ignored: 1, unclear: 0, searchMiss: 0, total: 1 });
  });
});

describe("helpful votes", () => {
  it("counts helpful / not helpful with reasons, and lists the latest comments without the voter", async () => {
    const h = await dashboard(hrOwner);
    expect([doc(h, P1).helpful, doc(h, P1).notHelpful, doc(h, P2).helpful, doc(h, P2).notHelpful]).toEqual([1, 3, 1, 0]);
    expect(doc(h, P1).reasons).toEqual({ OUTDATED: 2, HARD_TO_UNDERSTAND: 1, DIFFERS_FROM_PRACTICE: 0, ANSWER_NOT_FOUND: 0, OTHER: 0 });
    expect(h.totals).toMatchObject({ helpful: 2, notHelpful: 3, helpfulRate: 0.4 });
    expect(h.totals.reasons).toEqual({ OUTDATED: 2, HARD_TO_UNDERSTAND: 1, DIFFERS_FROM_PRACTICE: 0, ANSWER_NOT_FOUND: 0, OTHER: 0 });
    expect(h.comments.map((c) => [c.policyId, c.label, c.helpful, c.reason, c.comment])).toEqual([[P1, "第二条", false, "OUTDATED", "第二条的标准已经调整了"]]);
    expect(Object.keys(h.comments[0]!).sort()).toEqual(["comment", "createdAt", "helpful", "label", "policyId", "reason", "title"]);
    expect((await dashboard(admin)).comments.map((c) => c.comment)).toEqual(["没写加班打车", "第二条的标准已经调整了"]);
  });
});

describe("zero-result and unclicked queries", () => {
  it("attributes a query to its filter's 条线, else to its top result's 条线, and groups normalised texts", async () => {
    const h = await dashboard(hrOwner);
    // s7 filtered to 人力 found nothing; s2 ("年假怎么算", top result in P2) and s2b ("  年假怎么算 ") unclicked; s1 clicked.
    expect(h.zeroResultQueries).toEqual([{ query: "婚假", lineId: hr.id, lineName: hr.name, searches: 1, zeroResults: 1, noClicks: 0 }]);
    expect(h.noClickQueries).toEqual([{ query: "年假怎么算", lineId: hr.id, lineName: hr.name, searches: 2, zeroResults: 0, noClicks: 2 }]);
    // 财务: s9/s9b showed an HR document but were filtered to 财务; "ＶＰＮ 密码" and "vpn  密码" are one text, one of two clicked.
    const f = await dashboard(finOwner);
    expect(f.zeroResultQueries).toEqual([]);
    expect(f.noClickQueries).toEqual([
      { query: "报销 标准", lineId: fin.id, lineName: fin.name, searches: 2, zeroResults: 0, noClicks: 2 },
      { query: "vpn 密码", lineId: fin.id, lineName: fin.name, searches: 2, zeroResults: 0, noClicks: 1 },
    ]);
  });

  it("shows every policy owner the zero-result searches of no 条线, as texts only", async () => {
    // The last two: the searches the asker ran before filing q4 and q3 (a question is filed only after a search).
    const expected = [
      { query: "宠物补贴", zeroResults: 2 },
      { query: "班车", zeroResults: 1 },
      { query: "能不能报销宠物寄养费用?", zeroResults: 1 },
      { query: "调休的加班时长怎么折算?", zeroResults: 1 },
    ];
    expect((await dashboard(hrOwner)).unattributedZeroResultQueries).toEqual(expected);
    expect((await dashboard(finOwner)).unattributedZeroResultQueries).toEqual(expected);
  });

  it("keeps the lists to the filtered 条线 (none for a 条线 the owner only holds a document in)", async () => {
    const o = await dashboard(hrOwner, { lineId: other.id });
    expect(o.documents.map((d) => d.policyId)).toEqual([P4]);
    expect([o.zeroResultQueries, o.noClickQueries]).toEqual([[], []]);
    expect(o.gaps.map((g) => g.id)).toEqual([gap.other]);
  });
});

describe("knowledge gaps and review dates", () => {
  it("lists open gaps (any date) and gaps raised in the range, with the question behind each", async () => {
    const h = await dashboard(hrOwner);
    expect(h.gaps.map((g) => g.id)).toEqual([gap.unclear, gap.other, gap.noPolicy, gap.old]);
    const noPolicy = h.gaps.find((g) => g.id === gap.noPolicy)!;
    expect(noPolicy).toMatchObject({ kind: "NO_POLICY", status: "OPEN", questionId: q.q4, questionBody: "能不能报销宠物寄养费用？", lineName: hr.name, policyId: null, note: "公司没有宠物补贴制度" });
    expect(noPolicy.questionNumber).toBe((await t.db.question.findUniqueOrThrow({ where: { id: q.q4! } })).number);
    expect(h.gaps.find((g) => g.id === gap.unclear)).toMatchObject({ kind: "POLICY_UNCLEAR", policyId: P1, policyTitle: "休假管理办法", questionId: q.q3 });
    expect(h.gapSummary).toEqual({ openNoPolicy: 2, openUnclear: 2, createdInRange: 3, acknowledgedInRange: 0, listed: 4 });
    expect(doc(h, P1).unclearGaps).toEqual({ open: 1, inRange: 1 });
    expect(doc(h, P2).unclearGaps).toEqual({ open: 1, inRange: 1 });
    const f = await dashboard(finOwner);
    expect(f.gaps.map((g) => g.id)).toEqual([gap.fin]);
    expect(f.gapSummary).toEqual({ openNoPolicy: 1, openUnclear: 0, createdInRange: 1, acknowledgedInRange: 0, listed: 1 });
  });

  it("lists documents whose review is due within 30 days or past", async () => {
    const h = await dashboard(hrOwner);
    expect(h.reviewDue.map((r) => [r.policyId, r.reviewDueAt, r.daysLeft, r.needsRevision])).toEqual([
      [P4, "2026-11-10", -10, false],
      [P1, "2026-11-30", 10, false],
    ]);
    expect((await dashboard(finOwner)).reviewDue.map((r) => [r.policyId, r.daysLeft])).toEqual([[P3, 25]]);
  });
});

describe("actions", () => {
  it("acknowledges a gap once, with an audit row", async () => {
    const ctx = ctxOf(t.db, hrOwner, NOW);
    await expect(acknowledgeGap(ctx, {})).rejects.toBeInstanceOf(ValidationError);
    await acknowledgeGap(ctx, { gapId: gap.noPolicy, note: "下季度补充宠物补贴制度" });
    await expect(acknowledgeGap(ctx, { gapId: gap.noPolicy })).rejects.toBeInstanceOf(PreconditionError);
    const row = await t.db.knowledgeGap.findUniqueOrThrow({ where: { id: gap.noPolicy } });
    expect([row.status, row.acknowledgedById, row.acknowledgedAt?.toISOString()]).toEqual(["ACKNOWLEDGED", hrOwner.id, NOW.toISOString()]);
    const audit = await t.db.auditLog.findMany({ where: { action: "gap.acknowledge" } });
    expect(audit.map((a) => [a.actorId, a.target, (a.data as { note: string }).note])).toEqual([[hrOwner.id, gap.noPolicy, "下季度补充宠物补贴制度"]]);
    // A gap in another 条线 about the owner's own document is theirs to acknowledge too.
    await acknowledgeGap(ctx, { gapId: gap.other });
    const h = await dashboard(hrOwner);
    expect(h.gapSummary).toEqual({ openNoPolicy: 1, openUnclear: 1, createdInRange: 3, acknowledgedInRange: 2, listed: 4 });
    expect(h.gaps.find((g) => g.id === gap.noPolicy)).toMatchObject({ status: "ACKNOWLEDGED", acknowledgedBy: "人力制度负责人" });
  });

  it("marks a document for revision with a note, and clears the mark", async () => {
    const ctx = ctxOf(t.db, hrOwner, NOW);
    await expect(markPolicyRevision(ctx, { policyId: P2, needsRevision: true })).rejects.toMatchObject({ fields: { note: expect.any(String) } });
    await markPolicyRevision(ctx, { policyId: P2, needsRevision: true, note: "第一条与新考勤系统不符" });
    let h = await dashboard(hrOwner);
    expect(doc(h, P2).needsRevision).toBe(true);
    expect(h.reviewDue.map((r) => [r.policyId, r.needsRevision, r.lastNote, r.lastNoteBy])).toEqual([
      [P4, false, null, null],
      [P1, false, null, null],
      [P2, true, "第一条与新考勤系统不符", "人力制度负责人"],
    ]);
    await markPolicyRevision(ctxOf(t.db, hrOwner, new Date(NOW.getTime() + 60_000)), { policyId: P2, needsRevision: false });
    h = await dashboard(hrOwner);
    expect(doc(h, P2).needsRevision).toBe(false);
    expect(h.reviewDue.map((r) => r.policyId)).toEqual([P4, P1]);
    const audit = await t.db.auditLog.findMany({ where: { action: "policy.revision", target: P2 }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.data)).toEqual([{ needsRevision: true, was: false, note: "第一条与新考勤系统不符" }, { needsRevision: false, was: true, note: null }]);
  });
});

describe("rollup refresh", () => {
  const snapshot = async () => ({
    policy: await t.db.policyDailyStat.findMany({ orderBy: [{ day: "asc" }, { policyId: "asc" }] }),
    clause: await t.db.policyClauseDailyStat.findMany({ orderBy: [{ day: "asc" }, { policyId: "asc" }, { label: "asc" }] }),
    time: await t.db.policyViewTimeStat.findMany({ orderBy: [{ grain: "asc" }, { day: "asc" }, { policyId: "asc" }, { bucket: "asc" }] }),
    resolution: await t.db.policyResolutionDailyStat.findMany({ orderBy: [{ day: "asc" }, { policyId: "asc" }] }),
    query: (await t.db.queryStat.findMany({ orderBy: [{ grain: "asc" }, { day: "asc" }, { lineId: "asc" }, { query: "asc" }] })).map(({ id: _id, ...r }) => r),
  });

  it("is registered with the worker's rollups", () => {
    expect(ROLLUPS.map((r) => r.name)).toContain(POLICY_ROLLUP_NAME);
  });

  it("gives the same rows when run twice", async () => {
    const before = await snapshot();
    expect(before.policy.length).toBeGreaterThan(0);
    expect(await policyRollup.refresh(t.db, NOW)).toEqual({ days: 2 }); // the day before the last refresh, and today
    expect(await snapshot()).toEqual(before);
    expect(await readPolicyRollupMark(t.db)).toMatchObject({ refreshedAt: NOW.toISOString(), from: "2026-11-19", through: "2026-11-20" });
  });

  it("picks up rows that arrive late for an already-rolled day", async () => {
    await click("s3", "2026-11-19 09:05", "C1"); // the ＶＰＮ search got its click after all
    await view("2026-11-19 15:00", P2, "B1", 45_000);
    const later = new Date(NOW.getTime() + 3600_000);
    await policyRollup.refresh(t.db, later);
    const f = await dashboard(finOwner, {}, later);
    expect(usage(f, P3)).toMatchObject({ searchesClicked: 2, openRate: 1, clicks: 2 });
    expect(f.noClickQueries.map((r) => [r.query, r.noClicks])).toEqual([["报销 标准", 2]]);
    const h = await dashboard(hrOwner, {}, later);
    expect(usage(h, P2)).toMatchObject({ views: 1, viewsTimed: 1, medianViewMs: 45_000 });
    expect(h.totals.medianViewMs).toBe((45_000 + 60_000) / 2); // 30, 45, 60, 90 s
    const before = await snapshot();
    await policyRollup.refresh(t.db, later);
    expect(await snapshot()).toEqual(before);
  });

  it("on the next day, recomputes yesterday (a view written late at night) and today", async () => {
    await view("2026-11-20 23:50", P1, "A1", 120_000);
    const nextDay = sh("2026-11-21 00:30");
    expect(await policyRollup.refresh(t.db, nextDay)).toEqual({ days: 3 }); // the 19th (day before the last refresh) through the 21st
    const h = await dashboard(hrOwner, {}, nextDay);
    expect(usage(h, P1)).toMatchObject({ views: 6, viewsTimed: 4, viewMsTotal: 300_000, medianViewMs: 75_000 }); // 30, 60, 90, 120 s
  });

  it("takes a reopened question out of the day it was resolved, even before the refresh window", async () => {
    const at = sh("2026-11-21 01:00");
    await reopenQuestion(ctxOf(t.db, employee, at), { questionId: q.q1, reason: "还是不知道年假怎么折算" }); // resolved on the 18th
    await policyRollup.refresh(t.db, at); // window: the 20th and 21st
    const h = await dashboard(hrOwner, {}, at);
    expect(doc(h, P1).resolutions).toEqual({ ignored: 0, unclear: 1, searchMiss: 1, total: 2 });
  });
});
