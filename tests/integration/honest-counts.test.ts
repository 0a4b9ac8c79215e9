// Counts that add up (issue 14, item 8), each case through the real verbs on real PostgreSQL and read
// back from the dashboards after the worker's refresh. Definitions: docs/metrics.md.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listLedger } from "@/lib/analytics/ledger/list";
import { getManagementDashboard } from "@/lib/analytics/management/dashboard";
import { refreshManagementRollup } from "@/lib/analytics/management/rollup";
import { refreshOwnerFacts } from "@/lib/analytics/owners/facts-rollup";
import { parseRange } from "@/lib/analytics/shared/range";
import { getScorecardDashboard } from "@/lib/analytics/owners/dashboard";
import { BrushOffError } from "@/lib/errors";
import { renderNotification } from "@/lib/notify/render-notification";
import { rateQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { DEFAULT_BRUSH_OFF } from "@/lib/seed/demo";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;

// A Monday in Asia/Shanghai; every verb runs on this fixed clock.
const sh = (s: string) => new Date(`2026-11-16T${s}:00+08:00`);
const NOW = sh("17:00");
const RANGE = parseRange({ from: "2026-11-16", to: "2026-11-16" }, NOW);

let manager: U, admin: U, asker: U;
let dept: { id: string };

beforeAll(async () => {
  const db = t.db;
  manager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
  dept = await makeDepartment(db, { managerId: manager.id });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"] });
  asker = await makeUser(db, { departmentId: dept.id });
  for (const b of DEFAULT_BRUSH_OFF) await db.brushOffPhrase.upsert({ where: { phrase: b.phrase }, create: b, update: {} });
});

/** A fresh owner with a 条线 of their own (first response within 60 working minutes), and a question filed at 09:00. */
async function ownedQuestion() {
  const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
  const line = await makeLine(t.db, { ownerIds: [owner.id] });
  await t.db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 60, resolutionMinutes: 480, escalationMinutes: 480 } });
  const askSessionId = (await makeSearchedAskSession(t.db, asker.id, { at: sh("08:55") })).id;
  const q = await fileQuestion(ctxOf(t.db, asker, sh("09:00")), { idempotencyKey: randomUUID(), body: "出差住宿超标怎么报销？", lineId: line.id, contactName: asker.name, askSessionId });
  expect(q.ownerId).toBe(owner.id);
  return { owner, line, q };
}

async function scorecardOf(owner: U) {
  await refreshOwnerFacts(t.db, new Date());
  const d = await getScorecardDashboard(ctxOf(t.db, admin, NOW), { range: RANGE });
  return d.owners.find((o) => o.userId === owner.id)!;
}

describe("a ping-pong between two people", () => {
  it("says 2 people, in the manager's notification and in the scorecard's people per question", async () => {
    const { owner: a, q } = await ownedQuestion();
    const b = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
    const pass = async (from: U, to: U, at: string) => {
      const expectedVersion = (await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).version;
      const note = { noteDone: "查了差旅制度第八条", notePending: "需要确认例外审批", notePromised: "今天答复提问人" };
      const { handoffId } = await requestHandoff(ctxOf(t.db, from, sh(at)), { questionId: q.id, toUserId: to.id, ...note, expectedVersion });
      return respondToHandoff(ctxOf(t.db, to, sh(at)), { handoffId, accept: true });
    };
    await pass(a, b, "09:10");
    expect((await pass(b, a, "09:20")).pingPong).toBe(true);

    const n = await t.db.notification.findFirstOrThrow({ where: { questionId: q.id, userId: manager.id, kind: "question.ping-pong", channel: "IN_APP" } });
    const text = renderNotification({ kind: n.kind, payload: n.payload, question: { id: q.id, number: q.number, lineName: "差旅" } }).sections.flatMap((s) => s.lines).join("\n");
    expect(text).toContain("2 人");
    expect(text).not.toContain("3 人");

    await resolveQuestion(ctxOf(t.db, a, sh("10:00")), { questionId: q.id, kind: "NO_POLICY", note: "制度未涉及，已按惯例答复" });
    const card = await scorecardOf(a);
    expect(card.handsPerQuestion).toBe(3);
    expect(card.peoplePerQuestion).toBe(2);
  });
});

describe("brush-off blocks", () => {
  it("count one per refused reply, the same number as the BRUSH_OFF_BLOCKED events in the trail", async () => {
    const { owner, q } = await ownedQuestion();
    const refused = await replyToQuestion(ctxOf(t.db, owner, sh("09:05")), { questionId: q.id, body: "我不知道，这不归我管" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BrushOffError);
    expect((refused as BrushOffError).found.length).toBeGreaterThanOrEqual(2);
    const events = await t.db.questionEvent.count({ where: { questionId: q.id, type: "BRUSH_OFF_BLOCKED" } });
    expect(events).toBe(1);
    expect(await t.db.brushOffBlock.count({ where: { questionId: q.id } })).toBe(events);
    expect((await scorecardOf(owner)).brushOffBlocks).toBe(events);
  });
});

describe("first response", () => {
  it("is not given by a brush-off, nor by a reply the guard refused: the limit passes as a miss", async () => {
    const { owner, q } = await ownedQuestion();
    // "不是我们部门的事" is a brush-off the old word list let through, answering "in time".
    await expect(replyToQuestion(ctxOf(t.db, owner, sh("09:10")), { questionId: q.id, body: "不是我们部门的事" })).rejects.toBeInstanceOf(BrushOffError);
    await expect(replyToQuestion(ctxOf(t.db, owner, sh("09:20")), { questionId: q.id, body: "我不知道" })).rejects.toBeInstanceOf(BrushOffError);
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).firstRespondedAt).toBeNull();
    const card = await scorecardOf(owner);
    expect(card.firstResponse).toMatchObject({ decided: 1, onTime: 0, rate: 0 });
  });

  it("is given by a reply that passed, with an honest reply of the same words and an action", async () => {
    const { owner, q } = await ownedQuestion();
    await replyToQuestion(ctxOf(t.db, owner, sh("09:10")), { questionId: q.id, body: "制度写得不清楚，我去确认，今天下班前答复您" });
    const card = await scorecardOf(owner);
    expect(card.firstResponse).toMatchObject({ decided: 1, onTime: 1, rate: 1 });
  });
});

describe("the ledger and the scorecard", () => {
  it("agree that a resolution without a reply, within the first-response limit, is a first response in time", async () => {
    const { owner, line, q } = await ownedQuestion();
    await resolveQuestion(ctxOf(t.db, owner, sh("09:30")), { questionId: q.id, kind: "NO_POLICY", note: "公司没有这项制度，按惯例可以报销" });
    expect((await scorecardOf(owner)).firstResponse).toMatchObject({ decided: 1, onTime: 1 });
    const { rows } = await listLedger(ctxOf(t.db, admin, NOW), { range: RANGE, filters: { lineId: line.id } });
    expect(rows.map((r) => [r.id, r.firstResponseMet])).toEqual([[q.id, true]]);
  });
});

describe("answer already existed", () => {
  it("does not count a question whose asker rated the policy unclear, also when the rating comes after a refresh", async () => {
    const { owner, line, q } = await ownedQuestion();
    const policy = await t.db.policy.create({ data: { id: `p-${randomUUID().slice(0, 8)}`, title: "差旅费用报销管理办法", lineId: line.id, ownerName: "财务部" } });
    const version = await t.db.policyVersion.create({ data: { policyId: policy.id, version: 1, checksum: "x", title: policy.title, markdown: "" } });
    const section = await t.db.policySection.create({ data: { versionId: version.id, policyId: policy.id, ordinal: 0, label: "第八条", heading: "第八条", text: "住宿标准" } });
    await t.db.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
    await resolveQuestion(ctxOf(t.db, owner, sh("10:00")), { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [section.id] });
    const existed = async () => {
      await refreshManagementRollup(t.db, new Date());
      const d = await getManagementDashboard(ctxOf(t.db, admin, NOW), { range: RANGE, lineId: line.id });
      return d.existed.total;
    };
    expect(await existed()).toMatchObject({ resolved: 1, existing: 1, unclear: 0, existingRate: 1 });

    await rateQuestion(ctxOf(t.db, asker, sh("11:00")), { questionId: q.id, score: 2, policyClear: false, reasons: [], idempotencyKey: randomUUID() });
    expect(await existed()).toMatchObject({ resolved: 1, existing: 0, unclear: 1, existingRate: 0, unclearRate: 1 });
  });
});
