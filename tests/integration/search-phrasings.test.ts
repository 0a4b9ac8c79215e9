// 常见问法 (issue 20 point 3): a resolution teaches search the asker's wording for the cited unit; clicks
// and confirmed deflections strengthen a pairing once per person; owners add and remove wordings. On the
// real PostgreSQL and Meilisearch, through the same searchClauses the portal uses.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { confirmDeflection } from "@/lib/questions/ask-session";
import { fileQuestion } from "@/lib/questions/file-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { meiliClient } from "@/lib/search/client";
import { corpusSettled, getCorpus } from "@/lib/search/corpus";
import { logClick } from "@/lib/search/log-search";
import { sectionsIndexUid } from "@/lib/search/meili-index";
import { addUnitPhrasing, removeUnitPhrasing } from "@/lib/search/phrasings/manage-unit-phrasings";
import { MAX_PHRASING_CHARS } from "@/lib/search/phrasings/phrasing-text";
import { recentPhrasings } from "@/lib/search/phrasings/recent-phrasings";
import { searchClauses } from "@/lib/search/search-clauses";
import { syncIndex } from "@/lib/search/sync-index";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const meiliOpts = () => ({ prefix: t.indexPrefix, config: t.meili });

type User = Awaited<ReturnType<typeof makeUser>>;
let hrDept: { id: string };
let lineId: string;
let policyOwner: User;
let otherOwner: User;
let admin: User;
let firstContact: User;
let employee: User;

// getCorpus re-reads PostgreSQL at most every 3 s; each search here first forces that check.
let clock = 4_000_000_000_000;
async function search(q: string) {
  await getCorpus(t.db, (clock += 10_000));
  // A change is built off the request path; wait for it so this search answers from the new index.
  await corpusSettled(t.db);
  const r = await searchClauses({ db: t.db, meili: meiliOpts() }, { q, limit: 5 });
  return r.hits;
}
/** 1-based rank among the relevance model's hits (Meilisearch only fills places the model leaves empty); 0 = not found. */
const rankOf = (hits: { policyId: string; label: string; source: string }[], policyId: string, label: string) =>
  hits.filter((h) => h.source === "model").findIndex((h) => h.policyId === policyId && h.label === label) + 1;

async function makePolicy(title: string, units: [string, string][]) {
  const id = `ph-${randomUUID().slice(0, 8)}`;
  await t.db.policy.create({ data: { id, title, lineId, ownerName: "行政部", ownerDeptId: null } });
  const version = await t.db.policyVersion.create({ data: { policyId: id, version: 1, checksum: id, title, markdown: "" } });
  for (const [i, [label, text]] of units.entries()) {
    await t.db.policySection.create({ data: { versionId: version.id, policyId: id, ordinal: i, label, heading: label, text } });
  }
  await t.db.policy.update({ where: { id }, data: { currentVersionId: version.id } });
  return id;
}

async function sectionId(policyId: string, label: string) {
  const p = await t.db.policy.findUniqueOrThrow({ where: { id: policyId }, select: { currentVersionId: true } });
  return (await t.db.policySection.findFirstOrThrow({ where: { versionId: p.currentVersionId!, label }, select: { id: true } })).id;
}

/** An employee asks `body`; the first-contact owner resolves it citing `label` of `policyId`. */
async function resolvedQuestion(body: string, policyId: string, label: string, asker?: User) {
  const who = asker ?? (await makeUser(t.db));
  const askSessionId = (await makeSearchedAskSession(t.db, who.id, { query: body })).id;
  const q = await fileQuestion(ctxOf(t.db, who), { idempotencyKey: randomUUID(), body, lineId, contactName: who.name, askSessionId });
  await resolveQuestion(ctxOf(t.db, firstContact), { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [await sectionId(policyId, label)] });
  return q.id;
}

let access: string;
let canteen: string;
let assets: string;

beforeAll(async () => {
  hrDept = await makeDepartment(t.db);
  const otherDept = await makeDepartment(t.db);
  policyOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: hrDept.id });
  otherOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: otherDept.id });
  admin = await makeUser(t.db, { roles: ["ADMIN"] });
  firstContact = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  employee = await makeUser(t.db);
  lineId = (await makeLine(t.db, { policyOwnerDeptId: hrDept.id, ownerIds: [firstContact.id] })).id;
  await makeLine(t.db, { policyOwnerDeptId: otherDept.id });
  access = await makePolicy("门禁与出入管理规定", [
    ["第一条", "员工进出办公区域应当刷卡，不得尾随他人进入。"],
    ["第二条", "访客应当在前台登记身份信息，由接待人员全程陪同。"],
    ["第三条", "员工胸卡遗失的，应当及时向安保部门挂失并申请补办，补办工本费二十元。"],
    ["第四条", "夜间及节假日进出办公区域的，应当提前向安保部门报备。"],
  ]);
  canteen = await makePolicy("员工食堂管理办法", [
    ["第一条", "员工就餐凭饭卡消费，饭卡余额可在自助机充值。"],
    ["第二条", "饭卡不得转借他人使用。"],
  ]);
  assets = await makePolicy("固定资产管理办法", [
    ["第一条", "员工领用笔记本电脑等资产，应当填写资产领用单，经部门负责人审批。"],
    ["第二条", "资产遗失或者损坏的，使用人应当在三个工作日内报告行政部，按照资产净值的百分之二十赔偿。"],
  ]);
  await syncIndex(t.db, meiliOpts());
});

describe("a resolution teaches search the asker's wording", () => {
  it("finds the cited unit for the question re-asked in other words that share its everyday terms, and did not before", async () => {
    // Only the slang is shared: no general lexicon maps it to 胸卡, so nothing but the learned wording can.
    const reAsked = "小蓝卡咋整";
    expect(rankOf(await search(reAsked), access, "第三条")).toBe(0);

    const qid = await resolvedQuestion("我的小蓝卡弄丢了，门都进不去，怎么办？", access, "第三条");

    const rows = await t.db.unitPhrasing.findMany({ where: { policyId: access, label: "第三条" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "RESOLUTION", users: 1, text: "我的小蓝卡弄丢了，门都进不去，怎么办？", removedAt: null, createdById: firstContact.id });
    // Learned in the resolution's transaction, and the audit trail says what was learned.
    const event = await t.db.questionEvent.findFirstOrThrow({ where: { questionId: qid, type: "RESOLVED" } });
    expect((event.data as { phrasings?: string[] }).phrasings).toEqual([rows[0]!.id]);

    const hits = await search(reAsked);
    expect(rankOf(hits, access, "第三条")).toBe(1);
    expect(hits[0]!.source).toBe("model");
    expect(rankOf(await search("小蓝卡不见了去哪补"), access, "第三条")).toBe(1);
    // A question that shares nothing with the learned wording is not pulled towards the unit.
    expect(rankOf(await search("饭卡怎么充值"), canteen, "第一条")).toBe(1);
  });

  it("removal by the policy owner removes the effect, and a later resolution in the same words does not bring it back", async () => {
    const reAsked = "绿色通行证咋办";
    expect(rankOf(await search(reAsked), access, "第三条")).toBe(0);
    await resolvedQuestion("绿色通行证丢了怎么办", access, "第三条");
    expect(rankOf(await search(reAsked), access, "第三条")).toBe(1);

    const row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: access, text: "绿色通行证丢了怎么办" } });
    expect(await removeUnitPhrasing(ctxOf(t.db, policyOwner), { phrasingId: row.id })).toEqual({ ok: true, removed: true });
    expect(rankOf(await search(reAsked), access, "第三条")).toBe(0);
    const audit = await t.db.auditLog.findMany({ where: { action: "phrasing.remove", target: access } });
    expect(audit.map((a) => (a.data as { phrasingId: string }).phrasingId)).toContain(row.id);

    // Removal is a tombstone: the same wording resolved again is neither revived nor counted.
    await resolvedQuestion("绿色通行证丢了怎么办", access, "第三条");
    const after = await t.db.unitPhrasing.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.removedAt).not.toBeNull();
    expect(after.users).toBe(1);
    expect(rankOf(await search(reAsked), access, "第三条")).toBe(0);
    // A second removal changes nothing and records nothing.
    expect(await removeUnitPhrasing(ctxOf(t.db, admin), { phrasingId: row.id })).toEqual({ ok: true, removed: false });
    expect(await t.db.auditLog.count({ where: { action: "phrasing.remove", target: access } })).toBe(1);
  });

  it("follows the unit to a new version by its label", async () => {
    await resolvedQuestion("紫色临时卡坏了能换吗", access, "第三条");
    expect(rankOf(await search("紫色临时卡"), access, "第三条")).toBe(1);
    const v2 = await t.db.policyVersion.create({ data: { policyId: access, version: 2, checksum: `${access}-2`, title: "门禁与出入管理规定", markdown: "" } });
    const v1 = await t.db.policySection.findMany({ where: { policyId: access, versionId: { not: v2.id } }, orderBy: { ordinal: "asc" } });
    for (const s of v1) {
      const text = s.label === "第三条" ? "员工胸卡遗失或者损坏的，向安保部门申请补办。" : s.text;
      await t.db.policySection.create({ data: { versionId: v2.id, policyId: access, ordinal: s.ordinal, label: s.label, heading: s.heading, text } });
    }
    await t.db.policy.update({ where: { id: access }, data: { currentVersionId: v2.id } });
    const hits = await search("紫色临时卡");
    expect(rankOf(hits, access, "第三条")).toBe(1);
    expect(hits[0]!.sectionId).toBe(await sectionId(access, "第三条"));
  });
});

describe("clicks and confirmed deflections strengthen a pairing, once per person", () => {
  async function clickFrom(user: User, query: string, policyId: string, label: string) {
    const sq = await t.db.searchQuery.create({ data: { userId: user.id, query, resultCount: 1, latencyMs: 1 } });
    await logClick(t.db, { searchQueryId: sq.id, userId: user.id, sectionId: await sectionId(policyId, label), rank: 3 });
  }

  it("a wording seen only in clicks counts once three different people chose the unit by it; one person cannot pump it", async () => {
    const wording = "黑武士咋整";
    const probe = "黑武士";
    const before = rankOf(await search(probe), assets, "第二条");
    const clicker = await makeUser(t.db);
    for (let i = 0; i < 5; i++) await clickFrom(clicker, wording, assets, "第二条");
    let row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: assets, label: "第二条" } });
    expect(row).toMatchObject({ source: "CLICK", users: 1 });
    expect(await t.db.unitPhrasingSignal.count({ where: { phrasingId: row.id } })).toBe(1);
    expect(rankOf(await search(probe), assets, "第二条")).toBe(before);

    await clickFrom(await makeUser(t.db), wording, assets, "第二条");
    expect(rankOf(await search(probe), assets, "第二条")).toBe(before);
    await clickFrom(await makeUser(t.db), `  ${wording}\u0007\u202e `, assets, "第二条"); // same wording, hostile padding
    row = await t.db.unitPhrasing.findUniqueOrThrow({ where: { id: row.id } });
    expect(row.users).toBe(3);
    expect(row.text).toBe(wording);
    expect(rankOf(await search(probe), assets, "第二条")).toBe(1);
    expect(before === 0 || before > 1).toBe(true);
  });

  it("a click strengthens a resolution's pairing: more people, more weight, higher score", async () => {
    const body = "门禁卡被消磁了刷不开门";
    await resolvedQuestion(body, access, "第一条");
    const score = async () => (await search("门禁卡消磁")).find((h) => h.policyId === access && h.label === "第一条")?.score ?? 0;
    const raw = async () => {
      await getCorpus(t.db, (clock += 10_000));
      const corpus = (await corpusSettled(t.db))!;
      return corpus.sections.find((s) => s.policyId === access && s.section === "第一条")!.askedAs!.find((a) => a.text === body)!.weight;
    };
    const w1 = await raw();
    const s1 = await score();
    await clickFrom(await makeUser(t.db), body, access, "第一条");
    const row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: access, text: body } });
    expect(row).toMatchObject({ source: "RESOLUTION", users: 2 });
    expect(await raw()).toBeGreaterThan(w1);
    expect(await score()).toBeGreaterThanOrEqual(s1);
  });

  it("a confirmed deflection counts the session's last search for the confirmed clause", async () => {
    const user = await makeUser(t.db);
    const session = await makeSearchedAskSession(t.db, user.id, { query: "访客来了要不要登记" });
    await confirmDeflection(ctxOf(t.db, user), session.id, { sectionId: await sectionId(access, "第二条") });
    await confirmDeflection(ctxOf(t.db, user), session.id, { sectionId: await sectionId(access, "第二条") });
    const row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: access, label: "第二条", text: "访客来了要不要登记" } });
    expect(row).toMatchObject({ source: "DEFLECTION", users: 1 });
  });

  it("parallel identical signals count once per person", async () => {
    const same = await makeUser(t.db);
    const sq = await t.db.searchQuery.create({ data: { userId: same.id, query: "食堂卡能借给同事用吗", resultCount: 1, latencyMs: 1 } });
    const target = await sectionId(canteen, "第二条");
    await Promise.all(Array.from({ length: 8 }, () => logClick(t.db, { searchQueryId: sq.id, userId: same.id, sectionId: target, rank: 1 })));
    let row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: canteen, label: "第二条" } });
    expect(row.users).toBe(1);
    expect(await t.db.unitPhrasingSignal.count({ where: { phrasingId: row.id } })).toBe(1);
    expect(await t.db.searchClick.count({ where: { searchQueryId: sq.id } })).toBe(8);

    const others = await Promise.all(Array.from({ length: 4 }, () => makeUser(t.db)));
    await Promise.all(
      others.map(async (u) => {
        const q = await t.db.searchQuery.create({ data: { userId: u.id, query: "食堂卡能借给同事用吗", resultCount: 1, latencyMs: 1 } });
        await logClick(t.db, { searchQueryId: q.id, userId: u.id, sectionId: target, rank: 1 });
      }),
    );
    row = await t.db.unitPhrasing.findUniqueOrThrow({ where: { id: row.id } });
    expect(row.users).toBe(5);
    expect(await t.db.unitPhrasing.count({ where: { policyId: canteen, label: "第二条" } })).toBe(1);
  });
});

describe("racing resolutions", () => {
  it("two questions in the same words, resolved at once citing one unit: one phrasing, two people", async () => {
    const body = "灰色访客条过期了还能用吗";
    const target = await sectionId(access, "第二条");
    const askers = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    const qs = [];
    for (const a of askers) {
      const askSessionId = (await makeSearchedAskSession(t.db, a.id, { query: body })).id;
      qs.push(await fileQuestion(ctxOf(t.db, a), { idempotencyKey: randomUUID(), body, lineId, contactName: a.name, askSessionId }));
    }
    await Promise.all(qs.map((q) => resolveQuestion(ctxOf(t.db, firstContact), { questionId: q.id, kind: "EXISTING_POLICY", citedSectionIds: [target] })));
    const rows = await t.db.unitPhrasing.findMany({ where: { policyId: access, label: "第二条", text: body } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.users).toBe(2);
    expect(await t.db.unitPhrasingSignal.count({ where: { phrasingId: rows[0]!.id } })).toBe(2);
  });
});

describe("owners add 常见问法", () => {
  it("an owner's wording finds the unit in the model and in Meilisearch after the sync; removal takes it out of both", async () => {
    const probe = "橙色工作证";
    expect(rankOf(await search(probe), access, "第四条")).toBe(0);
    const added = await addUnitPhrasing(ctxOf(t.db, policyOwner), { policyId: access, label: "第四条", text: "周末加班要进楼，橙色工作证能刷吗" });
    expect((await t.db.policy.findUniqueOrThrow({ where: { id: access } })).indexedVersionId).toBeNull();
    expect(rankOf(await search(probe), access, "第四条")).toBe(1);

    const meiliIds = async () => {
      const r = await meiliClient(t.meili).index(sectionsIndexUid(t.indexPrefix)).search<{ id: string }>("橙色工作证", { limit: 5, matchingStrategy: "all" });
      return r.hits.map((h) => h.id);
    };
    expect(await meiliIds()).not.toContain(await sectionId(access, "第四条"));
    await syncIndex(t.db, meiliOpts());
    expect(await meiliIds()).toContain(await sectionId(access, "第四条"));

    await removeUnitPhrasing(ctxOf(t.db, policyOwner), { phrasingId: added.id });
    expect(rankOf(await search(probe), access, "第四条")).toBe(0);
    await syncIndex(t.db, meiliOpts());
    expect(await meiliIds()).not.toContain(await sectionId(access, "第四条"));
    // The owner can put it back: an owner's add revives a removed wording.
    await addUnitPhrasing(ctxOf(t.db, admin), { policyId: access, label: "第四条", text: "周末加班要进楼，橙色工作证能刷吗" });
    expect(rankOf(await search(probe), access, "第四条")).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "phrasing.add", target: access } })).toBe(2);
  });

  it("refuses other 条线' owners, employees and first-contact owners, and audits the attempt", async () => {
    const input = { policyId: access, label: "第一条", text: "刷卡进门" };
    await expect(addUnitPhrasing(ctxOf(t.db, otherOwner), input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addUnitPhrasing(ctxOf(t.db, employee), input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addUnitPhrasing(ctxOf(t.db, firstContact), input)).rejects.toBeInstanceOf(ForbiddenError);
    const row = await t.db.unitPhrasing.findFirstOrThrow({ where: { policyId: access, removedAt: null } });
    await expect(removeUnitPhrasing(ctxOf(t.db, otherOwner), { phrasingId: row.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeUnitPhrasing(ctxOf(t.db, employee), { phrasingId: row.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await t.db.unitPhrasing.findUniqueOrThrow({ where: { id: row.id } })).removedAt).toBeNull();
    expect(await t.db.unitPhrasing.count({ where: { policyId: access, text: "刷卡进门" } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "phrasing.add.denied", actorId: otherOwner.id, target: access } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "phrasing.remove.denied", actorId: otherOwner.id, target: row.id } })).toBe(1);
    await expect(removeUnitPhrasing(ctxOf(t.db, policyOwner), { phrasingId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the insights list shows an owner the wordings of their policies only", async () => {
    const mine = await recentPhrasings(ctxOf(t.db, policyOwner), { lineId: null, limit: 1000 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => [access, canteen, assets].includes(p.policyId))).toBe(true);
    expect(await recentPhrasings(ctxOf(t.db, otherOwner), { lineId: null })).toEqual([]);
    expect((await recentPhrasings(ctxOf(t.db, admin), { lineId: null, limit: 1000 })).length).toBe(mine.length);
    await expect(recentPhrasings(ctxOf(t.db, employee), { lineId: null })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("says which field is wrong and why", async () => {
    const fields = async (input: unknown) => {
      const e = await addUnitPhrasing(ctxOf(t.db, policyOwner), input).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).fields;
    };
    expect(await fields({ policyId: access, label: "第一条", text: "x".repeat(MAX_PHRASING_CHARS + 1) })).toHaveProperty("text");
    expect(await fields({ policyId: access, label: "第一条", text: " \u200b\u202e。" })).toHaveProperty("text");
    expect(await fields({ policyId: access, label: "第九十九条", text: "有效的问法" })).toHaveProperty("label");
    expect(await fields({ policyId: access, label: "第一条", text: "问法", users: 99 })).toHaveProperty("users");
    await expect(addUnitPhrasing(ctxOf(t.db, policyOwner), { policyId: "no-such-policy", label: "第一条", text: "有效的问法" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
