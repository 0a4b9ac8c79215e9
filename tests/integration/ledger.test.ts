// 登记台账 on hand-made data: every expected row, chain and outcome is written out below.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { LEDGER_COLUMNS, type LedgerRow } from "@/lib/analytics/ledger/format";
import { listLedger, type LedgerFilters } from "@/lib/analytics/ledger/list";
import { exportLedgerCsv } from "@/lib/analytics/ledger/csv";
import { parseRange } from "@/lib/analytics/shared/range";
import type { OwnershipVia, QuestionStatus } from "@/lib/db/generated/enums";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { confirmSolved, rateQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { parseCsv } from "../helpers/csv";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";
import { questionRef } from "@/lib/kernel/question-ref";

const t = useTestDb();

type U = Awaited<ReturnType<typeof makeUser>>;
/** "2026-11-02 09:00" Shanghai time as an instant. */
const sh = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
const NOW = sh("2026-12-01 12:00");
const NOV = parseRange({ from: "2026-11-01", to: "2026-11-30" }, NOW);
const SEP = parseRange({ from: "2026-09-01", to: "2026-09-30" }, NOW);

let admin: U, qa: U, ceo: U, eastManager: U, westManager: U, idleManager: U, employee: U, policyOwner: U, plainOwner: U;
let askerEast: U, askerWest: U, zhangMin: U, zhaoLei: U, wangHai: U, liNa: U, qianDuo: U;
let east: { id: string }, eastSales: { id: string }, west: { id: string }, hr: { id: string };
let finance: { id: string }, hrLine: { id: string }, bulkLine: { id: string };
const Q: Record<"q1" | "q2" | "q3" | "q4" | "q5" | "q6", { id: string; number: number }> = {} as never;
let bulk: { id: string; createdAt: Date }[] = [];

async function makeQuestion(input: {
  asker: U;
  lineId: string;
  createdAt: Date;
  body: string;
  contact?: { name?: string; department?: string; phone?: string; im?: string };
  priority?: "NORMAL" | "URGENT";
  status?: QuestionStatus;
  owners?: [U, OwnershipVia, string][];
  extra?: Record<string, unknown>;
}) {
  const owners = input.owners ?? [];
  const q = await t.db.question.create({
    data: {
      askerId: input.asker.id,
      idempotencyKey: randomUUID(),
      body: input.body,
      lineId: input.lineId,
      priority: input.priority ?? "NORMAL",
      status: input.status ?? "OPEN",
      contactName: input.contact?.name ?? input.asker.name,
      contactDepartment: input.contact?.department ?? null,
      contactPhone: input.contact?.phone ?? null,
      contactIm: input.contact?.im ?? null,
      ownerId: owners.at(-1)?.[0].id ?? null,
      createdAt: input.createdAt,
      ...input.extra,
    },
    select: { id: true, number: true, createdAt: true },
  });
  // Inserted newest first, so only ORDER BY startedAt can produce the right chain.
  const starts = owners.map(([, , at]) => sh(at));
  for (let i = owners.length - 1; i >= 0; i--) {
    const [user, via] = owners[i]!;
    await t.db.questionOwnership.create({ data: { questionId: q.id, userId: user.id, via, startedAt: starts[i]!, endedAt: starts[i + 1] ?? null } });
  }
  return q;
}

const ids = (rows: LedgerRow[]) => rows.map((r) => r.id);
const list = (u: U, filters: LedgerFilters = {}, range = NOV, extra: { cursor?: string | null; limit?: number } = {}) =>
  listLedger(ctxOf(t.db, u, NOW), { range, filters, ...extra });

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let text = "";
  let chunks = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    text += decoder.decode(r.value, { stream: true });
    chunks++;
  }
  return { text: text + decoder.decode(), chunks };
}


const Q1_BODY = '出差住宿超标怎么报销？酒店说"含早"，发票金额超出标准 100% 的部分，\n第二行：是否需要总经理审批，还是部门经理签字就可以？';

beforeAll(async () => {
  const db = t.db;
  ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "总经理" });
  const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id, name: "公司" });
  eastManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "华东经理" });
  westManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "华西经理" });
  idleManager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "无部门经理" });
  east = await makeDepartment(db, { kind: "REGION", parentId: company.id, managerId: eastManager.id, name: "华东区域" });
  eastSales = await makeDepartment(db, { parentId: east.id, name: "华东销售部" });
  west = await makeDepartment(db, { kind: "REGION", parentId: company.id, managerId: westManager.id, name: "华西区域" });
  hr = await makeDepartment(db, { parentId: company.id, name: "人力资源部" });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"], name: "管理员" });
  qa = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"], name: "质检员" });
  employee = await makeUser(db, { departmentId: eastSales.id, name: "普通员工" });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hr.id, name: "制度负责人" });
  askerEast = await makeUser(db, { departmentId: eastSales.id, name: "李雷" });
  askerWest = await makeUser(db, { departmentId: west.id, name: "韩梅梅" });
  const fco = ["EMPLOYEE", "FIRST_CONTACT_OWNER"] as const;
  zhangMin = await makeUser(db, { roles: [...fco], departmentId: hr.id, name: "张敏" });
  zhaoLei = await makeUser(db, { roles: [...fco], departmentId: hr.id, name: "赵磊" });
  wangHai = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], departmentId: hr.id, name: "王海" });
  liNa = await makeUser(db, { roles: [...fco], departmentId: west.id, name: "李娜" });
  qianDuo = await makeUser(db, { roles: [...fco], departmentId: eastSales.id, name: "钱多" });
  plainOwner = await makeUser(db, { roles: [...fco], departmentId: hr.id, name: "首问责任人" });
  finance = await makeLine(db, { name: "财务" });
  hrLine = await makeLine(db, { name: "人事" });
  bulkLine = await makeLine(db, { name: "批量" });

  // Q1: east asker; routed → handed off → escalated; closed late with a rejected complaint.
  Q.q1 = await makeQuestion({
    asker: askerEast, lineId: finance.id, createdAt: sh("2026-11-02 09:00"), body: Q1_BODY, priority: "URGENT", status: "CLOSED",
    contact: { name: "李雷", department: "华东销售", phone: "13800000001", im: "lilei" },
    owners: [[zhangMin, "ROUTED", "2026-11-02 09:00"], [zhaoLei, "HANDOFF", "2026-11-02 11:00"], [wangHai, "ESCALATION", "2026-11-03 09:00"]],
    extra: {
      firstResponseDueAt: sh("2026-11-02 13:00"), firstRespondedAt: sh("2026-11-02 10:00"),
      resolutionDueAt: sh("2026-11-03 09:00"), resolvedAt: sh("2026-11-03 15:00"),
      resolutionKind: "EXISTING_POLICY", answerExposure: "IGNORED",
    },
  });
  // Q2: west asker, named owner, resolved in time as 无制度; upheld complaint; a stale confirmation (reopened since).
  Q.q2 = await makeQuestion({
    asker: askerWest, lineId: hrLine.id, createdAt: sh("2026-11-03 14:00"), body: "无制度的问题：异地社保怎么转？", status: "RESOLVED",
    owners: [[liNa, "NAMED", "2026-11-03 14:00"]],
    extra: {
      firstResponseDueAt: sh("2026-11-03 18:00"), firstRespondedAt: sh("2026-11-03 15:00"),
      resolutionDueAt: sh("2026-11-05 14:00"), resolvedAt: sh("2026-11-04 10:00"), resolutionKind: "NO_POLICY",
    },
  });
  // Q3: west asker, hostile body and contact, open and past both limits.
  Q.q3 = await makeQuestion({
    asker: askerWest, lineId: finance.id, createdAt: sh("2026-11-05 10:00"), body: "=cmd|' /C calc'!A0",
    contact: { name: "@SUM(1+1)*cmd|' /C calc'!A0", phone: "+86 139 0000 0000", department: "-2+3" },
    owners: [[zhangMin, "ROUTED", "2026-11-05 10:00"]],
    extra: { firstResponseDueAt: sh("2026-11-05 14:00"), resolutionDueAt: sh("2026-11-06 10:00") },
  });
  // Q4: east asker, not yet routed, limits still ahead.
  Q.q4 = await makeQuestion({
    asker: askerEast, lineId: hrLine.id, createdAt: sh("2026-11-20 16:00"), body: "年假怎么算？",
    extra: { firstResponseDueAt: sh("2026-12-02 10:00"), resolutionDueAt: sh("2026-12-03 10:00") },
  });
  // Q5: west asker handed to an east owner; clock paused (waiting for the asker) before the deadline.
  Q.q5 = await makeQuestion({
    asker: askerWest, lineId: hrLine.id, createdAt: sh("2026-11-10 09:30"), body: "出差补贴 100% 发放吗", status: "WAITING_ASKER",
    owners: [[zhaoLei, "ROUTED", "2026-11-10 09:30"], [qianDuo, "HANDOFF", "2026-11-10 11:00"]],
    extra: {
      firstResponseDueAt: sh("2026-11-10 13:30"), firstRespondedAt: sh("2026-11-10 10:00"),
      resolutionDueAt: sh("2026-11-12 09:30"), pausedAt: sh("2026-11-11 09:00"), pauseReason: "等待提问人提供材料",
    },
  });
  // Q6: outside the range.
  Q.q6 = await makeQuestion({ asker: askerEast, lineId: finance.id, createdAt: sh("2026-10-15 09:00"), body: "十月的问题", owners: [[zhangMin, "ROUTED", "2026-10-15 09:00"]] });

  await db.satisfactionRating.create({ data: { questionId: Q.q1.id, askerId: askerEast.id, score: 4, createdAt: sh("2026-11-04 10:05") } });
  await db.complaint.create({ data: { questionId: Q.q1.id, complainantId: askerEast.id, againstUserId: wangHai.id, reason: "处理太慢了", status: "REJECTED" } });
  await db.complaint.create({ data: { questionId: Q.q2.id, complainantId: askerWest.id, againstUserId: liNa.id, reason: "答复敷衍了事", status: "UPHELD" } });
  await db.questionEvent.createMany({
    data: [
      { questionId: Q.q1.id, type: "RESOLVED", createdAt: sh("2026-11-03 15:00") },
      { questionId: Q.q1.id, type: "CONFIRMED", actorId: askerEast.id, createdAt: sh("2026-11-04 10:00") },
      { questionId: Q.q2.id, type: "CONFIRMED", actorId: askerWest.id, createdAt: sh("2026-11-03 20:00") },
      { questionId: Q.q2.id, type: "REOPENED", actorId: askerWest.id, createdAt: sh("2026-11-03 21:00") },
    ],
  });

  // September: 123 questions in 41 groups of 3 sharing one createdAt, so the keyset must break ties on id.
  bulk = [];
  for (let i = 0; i < 123; i++) {
    const createdAt = new Date(sh("2026-09-01 08:00").getTime() + Math.floor(i / 3) * 3600_000 * 12);
    const q = await makeQuestion({ asker: askerEast, lineId: bulkLine.id, createdAt, body: `批量问题 ${i}` });
    bulk.push({ id: q.id, createdAt });
  }
  bulk.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
}, 120_000);

describe("listLedger rows", () => {
  it("lists every question of the range, newest first, with asker, contact, owner chain, outcome and dates", async () => {
    const { rows, total, nextCursor } = await list(admin);
    expect(total).toBe(5);
    expect(nextCursor).toBeNull();
    expect(ids(rows)).toEqual([Q.q4.id, Q.q5.id, Q.q3.id, Q.q2.id, Q.q1.id]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(Q.q1.id)).toEqual({
      id: Q.q1.id, number: Q.q1.number, createdAt: sh("2026-11-02 09:00"),
      askerName: "李雷", askerDepartment: "华东销售部",
      contactName: "李雷", contactDepartment: "华东销售", contactPhone: "13800000001", contactIm: "lilei",
      body: Q1_BODY, lineName: "财务", priority: "URGENT",
      ownerChain: [{ name: "张敏", via: "ROUTED" }, { name: "赵磊", via: "HANDOFF" }, { name: "王海", via: "ESCALATION" }],
      status: "CLOSED", resolutionKind: "EXISTING_POLICY", answerExposure: "IGNORED", satisfaction: 4, complaint: true, complaintUpheld: false,
      firstRespondedAt: sh("2026-11-02 10:00"), resolvedAt: sh("2026-11-03 15:00"), closedAt: sh("2026-11-04 10:00"),
      firstResponseDueAt: sh("2026-11-02 13:00"), firstResponseMet: true, resolutionDueAt: sh("2026-11-03 09:00"), resolutionMet: false,
    } satisfies LedgerRow);
    expect(byId.get(Q.q2.id)).toMatchObject({
      askerName: "韩梅梅", askerDepartment: "华西区域", contactName: "韩梅梅", contactDepartment: null, contactPhone: null, contactIm: null,
      lineName: "人事", priority: "NORMAL", ownerChain: [{ name: "李娜", via: "NAMED" }], status: "RESOLVED", resolutionKind: "NO_POLICY", answerExposure: null,
      satisfaction: null, complaint: true, complaintUpheld: true,
      // confirmed once, then reopened and resolved again: no confirmation date while it is RESOLVED
      closedAt: null, firstResponseMet: true, resolutionMet: true,
    });
    expect(byId.get(Q.q3.id)).toMatchObject({
      body: "=cmd|' /C calc'!A0", ownerChain: [{ name: "张敏", via: "ROUTED" }], status: "OPEN", resolutionKind: null, satisfaction: null, complaint: false, complaintUpheld: false,
      firstRespondedAt: null, resolvedAt: null, closedAt: null, firstResponseMet: false, resolutionMet: false,
    });
    expect(byId.get(Q.q4.id)).toMatchObject({ ownerChain: [], status: "OPEN", firstResponseMet: null, resolutionMet: null });
    // paused at 11-11 09:00, before the 11-12 09:30 deadline: the clock stands still, not missed
    expect(byId.get(Q.q5.id)).toMatchObject({ ownerChain: [{ name: "赵磊", via: "ROUTED" }, { name: "钱多", via: "HANDOFF" }], status: "WAITING_ASKER", firstResponseMet: true, resolutionMet: null });
  });

  it("builds the owner chain from the real verbs (route → reply → hand off → accept → resolve → confirm → rate)", async () => {
    const a = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id, name: "周一" });
    const b = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: hr.id, name: "吴二" });
    const line = await makeLine(t.db, { name: "流程", ownerIds: [a.id] });
    const t0 = sh("2026-12-07 10:00");
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const q = await fileQuestion(ctxOf(t.db, askerEast, t0), { idempotencyKey: randomUUID(), body: "异地就医怎么备案？", lineId: line.id, contactName: "李雷", contactPhone: "13800000001", askSessionId: (await makeSearchedAskSession(t.db, askerEast.id, { at: t0 })).id });
    await replyToQuestion(ctxOf(t.db, a, at(10)), { questionId: q.id, body: "收到，正在核实" });
    const { version } = await t.db.question.findUniqueOrThrow({ where: { id: q.id }, select: { version: true } });
    const { handoffId } = await requestHandoff(ctxOf(t.db, a, at(20)), { questionId: q.id, toUserId: b.id, noteDone: "查了医保制度", notePending: "需要医保专员确认", notePromised: "今天内答复", expectedVersion: version });
    await respondToHandoff(ctxOf(t.db, b, at(30)), { handoffId, accept: true });
    await resolveQuestion(ctxOf(t.db, b, at(60)), { questionId: q.id, kind: "NO_POLICY", note: "制度没有写" });
    await confirmSolved(ctxOf(t.db, askerEast, at(90)), { questionId: q.id });
    await rateQuestion(ctxOf(t.db, askerEast, at(100)), { questionId: q.id, idempotencyKey: randomUUID(), score: 5 });

    const dec7 = parseRange({ from: "2026-12-07", to: "2026-12-07" }, at(120));
    const { rows, total } = await listLedger(ctxOf(t.db, admin, at(120)), { range: dec7, filters: { lineId: line.id } });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      id: q.id, ownerChain: [{ name: "周一", via: "ROUTED" }, { name: "吴二", via: "HANDOFF" }], status: "CLOSED", resolutionKind: "NO_POLICY", satisfaction: 5, complaint: false,
      contactPhone: "13800000001", firstRespondedAt: at(10), resolvedAt: at(60), closedAt: at(90), firstResponseMet: true, resolutionMet: true,
    });
  });
});

describe("filters", () => {
  const cases: [string, () => LedgerFilters, () => string[]][] = [
    ["条线 财务", () => ({ lineId: finance.id }), () => [Q.q3.id, Q.q1.id]],
    ["status CLOSED", () => ({ status: "CLOSED" }), () => [Q.q1.id]],
    ["status OPEN", () => ({ status: "OPEN" }), () => [Q.q4.id, Q.q3.id]],
    ["办结类型 无制度", () => ({ resolutionKind: "NO_POLICY" }), () => [Q.q2.id]],
    ["办结类型 已有制度", () => ({ resolutionKind: "EXISTING_POLICY" }), () => [Q.q1.id]],
    ["department 华东区域 (asker or owner, with sub-departments)", () => ({ departmentId: east.id }), () => [Q.q4.id, Q.q5.id, Q.q1.id]],
    ["department 人力资源部 (owners)", () => ({ departmentId: hr.id }), () => [Q.q5.id, Q.q3.id, Q.q1.id]],
    ["owner 张敏 (anywhere in the chain)", () => ({ ownerId: zhangMin.id }), () => [Q.q3.id, Q.q1.id]],
    ["owner 赵磊 (also when handed on)", () => ({ ownerId: zhaoLei.id }), () => [Q.q5.id, Q.q1.id]],
    ["text in the matter", () => ({ text: "住宿" }), () => [Q.q1.id]],
    ["text in the contact name", () => ({ text: "韩梅梅" }), () => [Q.q5.id, Q.q2.id]],
    ["text % is literal, not a wildcard", () => ({ text: "0%" }), () => [Q.q5.id, Q.q1.id]],
    ["text _ is literal", () => ({ text: "_" }), () => []],
    ["text as a question number", () => ({ text: questionRef(Q.q2.number) }), () => [Q.q2.id]],
    ["overdue only (late, or past the limit now; not while paused)", () => ({ overdueOnly: true }), () => [Q.q3.id, Q.q1.id]],
    ["combined: 人事 and overdue", () => ({ lineId: hrLine.id, overdueOnly: true }), () => []],
    ["combined: 财务, OPEN, owner 张敏", () => ({ lineId: finance.id, status: "OPEN", ownerId: zhangMin.id }), () => [Q.q3.id]],
  ];
  it.each(cases)("%s", async (_name, filters, expected) => {
    const { rows, total } = await list(admin, filters());
    expect(ids(rows)).toEqual(expected());
    expect(total).toBe(expected().length);
  });

  it("keeps filters inside the manager's scope", async () => {
    expect(ids((await list(eastManager, { ownerId: zhangMin.id })).rows)).toEqual([Q.q1.id]);
    expect(ids((await list(eastManager, { overdueOnly: true })).rows)).toEqual([Q.q1.id]);
    expect(ids((await list(eastManager, { departmentId: eastSales.id })).rows)).toEqual([Q.q4.id, Q.q5.id, Q.q1.id]);
    // Another department is a denial (403), recorded like every refused id.
    const err = await list(eastManager, { departmentId: west.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    await expect(t.db.auditLog.count({ where: { action: "ledger.view.denied", target: west.id, actorId: eastManager.id } })).resolves.toBe(1);
  });

  it("refuses malformed filters, cursors and limits with field errors", async () => {
    for (const [input, field] of [
      [{ filters: { lineId: "nope" } }, "lineId"],
      [{ filters: { status: "DONE" } }, "status"],
      [{ filters: { text: "长".repeat(101) } }, "text"],
      [{ filters: { unknown: 1 } }, "unknown"],
      [{ cursor: "not-a-cursor!" }, "cursor"],
      [{ limit: 0 }, "limit"],
      [{ limit: 5000 }, "limit"],
    ] as const) {
      const err = await listLedger(ctxOf(t.db, admin, NOW), { range: NOV, filters: {}, ...(input as object) } as never).catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields).join(","), field).toContain(field);
    }
  });
});

describe("pagination", () => {
  it("walks 123 rows in pages of 50 without duplicates or gaps, total on every page", async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listLedger>> = await list(admin, {}, SEP, { cursor });
      expect(page.total).toBe(123);
      sizes.push(page.rows.length);
      seen.push(...ids(page.rows));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 23]);
    expect(new Set(seen).size).toBe(123);
    expect(seen).toEqual(bulk.map((b) => b.id));
  });

  it("a page of exactly the remaining rows has no next cursor", async () => {
    const first = await list(admin, {}, SEP, { limit: 100 });
    const last = await list(admin, {}, SEP, { limit: 23, cursor: first.nextCursor });
    expect(last.rows).toHaveLength(23);
    expect(last.nextCursor).toBeNull();
    expect([...ids(first.rows), ...ids(last.rows)]).toEqual(bulk.map((b) => b.id));
  });
});

describe("authorization", () => {
  it("a manager sees questions whose asker or any owner is in their subtree, never another region's", async () => {
    const eastView = await list(eastManager);
    expect(ids(eastView.rows)).toEqual([Q.q4.id, Q.q5.id, Q.q1.id]); // Q5 through its east owner 钱多
    expect(eastView.total).toBe(3);
    expect(ids(eastView.rows)).not.toContain(Q.q2.id);
    expect(ids(eastView.rows)).not.toContain(Q.q3.id);
    expect(ids((await list(westManager)).rows)).toEqual([Q.q5.id, Q.q3.id, Q.q2.id]);
    expect((await list(ceo)).total).toBe(5);
    expect(await list(idleManager)).toEqual({ rows: [], nextCursor: null, total: 0 });
  });

  it("QA reviewers and admins see all", async () => {
    expect(ids((await list(qa)).rows)).toEqual([Q.q4.id, Q.q5.id, Q.q3.id, Q.q2.id, Q.q1.id]);
    expect((await list(admin)).total).toBe(5);
  });

  it("employees, policy owners and first-contact owners are refused, for the page and the export", async () => {
    const before = await t.db.auditLog.count({ where: { action: "ledger.export" } });
    for (const u of [employee, policyOwner, plainOwner, askerEast]) {
      await expect(list(u), u.name).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportLedgerCsv(ctxOf(t.db, u, NOW), { range: NOV, filters: {} }), u.name).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.auditLog.count({ where: { action: "ledger.export" } })).toBe(before);
  });
});

describe("CSV export", () => {
  it("streams UTF-8 with BOM, every column, the matter in full, and neutralised formulas; audited", async () => {
    const file = await exportLedgerCsv(ctxOf(t.db, admin, NOW), { range: NOV, filters: {} });
    expect(file.filename).toBe("登记台账_2026-11-01_2026-11-30.csv");
    expect(file.asciiFilename).toBe("ledger_2026-11-01_2026-11-30.csv");
    expect(file.expectedRows).toBe(5);
    const { text } = await readCsv(file.stream);
    expect(text.startsWith("\uFEFF编号,提问时间,")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => r[0])).toEqual([Q.q4, Q.q5, Q.q3, Q.q2, Q.q1].map((q) => questionRef(q.number)));
    const col = (name: string) => header!.indexOf(name);
    const q3 = rows[2]!;
    expect(q3[col("事项")]).toBe("'=cmd|' /C calc'!A0");
    expect(q3[col("联系人")]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(q3[col("联系电话")]).toBe("'+86 139 0000 0000");
    expect(q3[col("联系人部门")]).toBe("'-2+3");
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[4]).toEqual([
      questionRef(Q.q1.number), "2026-11-02 09:00", "李雷", "华东销售部", "李雷", "华东销售", "13800000001", "lilei", Q1_BODY, "财务", "紧急",
      "张敏 → 赵磊(转交) → 王海(升级)", "已确认解决", "已有制度", "看到未打开", "4", "是", "否", "2026-11-02 10:00", "2026-11-03 15:00",
      "2026-11-04 10:00", "2026-11-02 13:00", "是", "2026-11-03 09:00", "否",
    ]);
    expect(rows[3]!.slice(col("办结类型"), col("投诉成立") + 1)).toEqual(["无制度", "", "", "是", "是"]);
    expect(rows[0]!.slice(col("首次响应达标"))).toEqual(["未到期", "2026-12-03 10:00", "未到期"]);

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "ledger.export", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(audit.data).toEqual({ from: "2026-11-01", to: "2026-11-30", filters: {}, expectedRows: 5 });
    const end = await t.db.auditLog.findFirstOrThrow({ where: { action: "ledger.export.end", target: String(audit.id) } });
    expect(end.data).toEqual({ from: "2026-11-01", to: "2026-11-30", filters: {}, expectedRows: 5, rowCount: 5, completed: true });
  });

  it("exports with the same filters and scope as the page, and records the filters", async () => {
    const file = await exportLedgerCsv(ctxOf(t.db, eastManager, NOW), { range: NOV, filters: { overdueOnly: true } });
    const [, ...rows] = parseCsv((await readCsv(file.stream)).text.slice(1));
    expect(rows.map((r) => r[0])).toEqual([questionRef(Q.q1.number)]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "ledger.export.end", actorId: eastManager.id }, orderBy: { id: "desc" } });
    expect(audit.data).toEqual({ from: "2026-11-01", to: "2026-11-30", filters: { overdueOnly: true }, expectedRows: 1, rowCount: 1, completed: true });
  });

  it("fetches keyset pages one at a time: 123 rows in pages of 50 arrive as header + 3 chunks, in ledger order", async () => {
    const file = await exportLedgerCsv(ctxOf(t.db, admin, NOW), { range: SEP, filters: {} }, { pageSize: 50 });
    const { text, chunks } = await readCsv(file.stream);
    expect(chunks).toBe(4);
    const [, ...rows] = parseCsv(text.slice(1));
    const numbers = new Map((await t.db.question.findMany({ where: { lineId: bulkLine.id }, select: { id: true, number: true } })).map((q) => [q.id, q.number]));
    expect(rows.map((r) => r[0])).toEqual(bulk.map((b) => questionRef(numbers.get(b.id)!)));
  });

  it("records an export cancelled half-way as incomplete, with the rows sent so far", async () => {
    const file = await exportLedgerCsv(ctxOf(t.db, qa, NOW), { range: SEP, filters: {} }, { pageSize: 50 });
    const reader = file.stream.getReader();
    await reader.read(); // header
    await reader.read(); // first 50 rows
    await reader.cancel();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "ledger.export.end", actorId: qa.id }, orderBy: { id: "desc" } });
    const data = audit.data as { rowCount: number; completed: boolean; expectedRows: number };
    expect(data.completed).toBe(false);
    expect(data.expectedRows).toBe(123);
    expect(data.rowCount).toBeGreaterThanOrEqual(50);
    expect(data.rowCount).toBeLessThan(123);
  });
});
