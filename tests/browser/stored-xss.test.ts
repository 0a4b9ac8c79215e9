// Stored XSS (issue 7, security item 3): hostile text in every free-text field a user can type —
// question and contact fields, replies and 一次性告知 items, the asker's additions, 交接说明, a
// decline reason, the resolution note, a complaint, a rating, policy feedback, search queries, a QA
// comment, a revision note — arranged once through the real verbs (the question itself through the
// /ask page), then opened in every view that shows it, as each role that may see it, and in the
// notification e-mails it causes. Each view: no dialog, nothing run, the text shown literally, and a
// right-to-left override typed by a user kept from reversing the portal's own text after it.
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { policyRollup } from "@/lib/analytics/policies/rollup";
import { truncate } from "@/lib/analytics/ledger/format";
import { importPolicies } from "@/lib/content/import-policies";
import { saveCalendarOverride } from "@/lib/admin/save-calendar-override";
import { savePhrase } from "@/lib/admin/save-phrase";
import { collectDigest } from "@/lib/notify/digest/collect-digest";
import { createEmailSender, smtpTransporter } from "@/lib/notify/email";
import { shanghaiDay } from "@/lib/notify/local-day";
import { renderNotification } from "@/lib/notify/render-notification";
import { recordFeedback } from "@/lib/policies/record-feedback";
import { markPolicyRevision } from "@/lib/policies/mark-policy-revision";
import { gradeQaReview } from "@/lib/qa/grade-qa-review";
import { dateColumn, weekStartOf } from "@/lib/qa/week";
import { askerReply, fileComplaint, rateQuestion } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { logSearch } from "@/lib/search/log-search";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { startSmtpReceiver, type SmtpReceiver } from "../helpers/receivers";
import { withTempDir } from "../helpers/temp-dir";
import { hostile, hostile100, hostile50, inspectHtml, inspectPage, watchDialogs, type DialogWatch } from "../helpers/xss";
import { questionRef } from "@/lib/kernel/question-ref";

const h = useBrowser();
const RUN = randomBytes(3).toString("hex");

/** Every hostile value, by the field it was typed into (the tag at its start names the field too). */
const F = {
  body: hostile(`问题${RUN}`),
  contactName: hostile50(`姓名${RUN}`),
  contactDepartment: hostile100(`部门${RUN}`),
  contactPhone: hostile50(`电话${RUN}`),
  contactIm: hostile100(`IM${RUN}`),
  reply: hostile(`答复${RUN}`),
  checklist: hostile(`清单${RUN}`),
  askerReply: hostile(`补充${RUN}`),
  noteDone: hostile(`已做${RUN}`),
  notePending: hostile(`待办${RUN}`),
  notePromised: hostile(`承诺${RUN}`),
  declineReason: hostile(`拒绝${RUN}`),
  noteDone2: hostile(`再做${RUN}`),
  notePending2: hostile(`再待${RUN}`),
  notePromised2: hostile(`再诺${RUN}`),
  resolution: hostile(`办结${RUN}`),
  complaint: hostile(`投诉${RUN}`),
  ratingComment: hostile(`评价${RUN}`),
  ratingReason: hostile50(`原因${RUN}`),
  body2: hostile(`问题二${RUN}`),
  handoffDone2: hostile(`交做${RUN}`),
  handoffPending2: hostile(`交待${RUN}`),
  handoffPromised2: hostile(`交诺${RUN}`),
  feedback: hostile(`留言${RUN}`),
  search: hostile(`搜索${RUN}`),
  zeroQuery: hostile(`无果${RUN}`),
  revisionNote: hostile(`修订${RUN}`),
  qaComment: hostile(`评语${RUN}`),
  calendarNote: hostile100(`调休${RUN}`),
  phrase: `<svg onload=alert(9)>\u202e${RUN}`, // at most 30 characters
  phraseSuggestion: hostile(`话术${RUN}`),
  // Display names arrive from the SSO provider's name claim, which people often edit themselves.
  askerName: hostile50(`提问人${RUN}`),
  ownerName: hostile50(`首问乙${RUN}`),
  managerName: hostile50(`经理${RUN}`),
};
type Field = keyof typeof F;
const pick = (...fields: Field[]): Record<string, string> => Object.fromEntries(fields.map((f) => [f, F[f]]));

type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U, ownerA: U, ownerB: U, manager: U, qa: U, admin: U, policyOwner: U;
let lineName: string;
let deptId: string;
let policyId: string;
let q1: { id: string; number: number };
let q2: { id: string; number: number };
const pages = new Map<U, { page: Page; watch: DialogWatch }>();

/** One signed-in page per role, reused for every view. */
async function as(user: U) {
  let entry = pages.get(user);
  if (!entry) {
    const { page } = await h.newPage();
    const watch = watchDialogs(page);
    await signIn(page, h.base, user.email, TEST_PASSWORD);
    entry = { page, watch };
    pages.set(user, entry);
  }
  return entry;
}

async function view(user: U, who: string, url: string, literal: Record<string, string>) {
  const { page, watch } = await as(user);
  watch.seen.length = 0; // a dialog counts against the view that opened it, not the next one
  const res = await page.goto(`${h.base}${url}`);
  expect(res?.status(), `${url} as ${who}`).toBe(200);
  await inspectPage(page, watch, `${url} as ${who}`, { literal });
}

const versionOf = async (id: string) => (await h.db.question.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

beforeAll(async () => {
  const db = h.db;
  // An organisation of our own: a department (its manager), a 条线 with one first-contact owner,
  // a policy-owner department with one policy, a QA reviewer and an admin.
  manager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD, name: F.managerName });
  const dept = await makeDepartment(db, { name: `安全测试部${RUN}`, managerId: manager.id });
  await db.user.update({ where: { id: manager.id }, data: { departmentId: dept.id } });
  deptId = dept.id;
  const policyDept = await makeDepartment(db, { name: `制度部${RUN}` });
  asker = await makeUser(db, { departmentId: dept.id, password: TEST_PASSWORD, name: F.askerName });
  ownerA = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, password: TEST_PASSWORD, name: `首问甲${RUN}` });
  ownerB = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, password: TEST_PASSWORD, name: F.ownerName });
  qa = await makeUser(db, { roles: ["EMPLOYEE", "QA_REVIEWER"], password: TEST_PASSWORD, name: `质检${RUN}` });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD, name: `管理员${RUN}` });
  policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: policyDept.id, password: TEST_PASSWORD, name: `制度人${RUN}` });
  const line = await makeLine(db, { name: `安全条线${RUN}`, policyOwnerDeptId: policyDept.id, ownerIds: [ownerA.id] });
  lineName = line.name;

  // A plain policy of that 条线 (imported, not indexed: searches filtered to the 条线 find nothing).
  await withTempDir("shouwen-stored-xss-", async (dir) => {
    policyId = `xss-stored-${RUN}`;
    writeFileSync(
      path.join(dir, `${policyId}.md`),
      `---\nid: "${policyId}"\ntitle: "安全测试制度${RUN}"\nline: "${lineName}"\nowner: "${policyDept.name}"\nsource: "测试"\neffective: "2025-01-01"\n---\n# 安全测试制度\n\n#### 第一条\n\n本制度用于测试。\n`,
    );
    expect((await importPolicies(db, dir)).failed).toEqual([]);
  });

  // Q1 is asked on the /ask page: the question, then the filing form's contact fields.
  const { page } = await as(asker);
  await page.goto(`${h.base}/ask`);
  await page.locator("#question").fill(F.body);
  await page.locator('[data-testid="suggestions"], [data-testid="no-suggestions"]').first().waitFor();
  await page.getByTestId("need-human").click();
  await page.getByTestId("filing-form").waitFor();
  await page.locator("#f-line").selectOption(line.id);
  await page.locator("#f-name").fill(F.contactName);
  await page.locator("#f-dept").fill(F.contactDepartment);
  await page.locator("#f-phone").fill(F.contactPhone);
  await page.locator("#f-im").fill(F.contactIm);
  await page.getByTestId("file-submit").click();
  await page.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
  q1 = await db.question.findUniqueOrThrow({ where: { id: page.url().split("/").pop()! }, select: { id: true, number: true } });
  const filed = await db.question.findUniqueOrThrow({ where: { id: q1.id } });
  expect(filed.ownerId).toBe(ownerA.id);
  expect({ body: filed.body, name: filed.contactName, dept: filed.contactDepartment, phone: filed.contactPhone, im: filed.contactIm }).toEqual({
    body: F.body, name: F.contactName, dept: F.contactDepartment, phone: F.contactPhone, im: F.contactIm,
  });

  // Q1's life: reply with a checklist, the asker adds, a handoff declined, a second one accepted,
  // resolved as 无制度 (a knowledge gap with the note), rated and complained about.
  const ctx = (u: U) => ctxOf(db, u);
  const tomorrow = new Date(Date.now() + 86_400_000);
  await replyToQuestion(ctx(ownerA), { questionId: q1.id, body: F.reply, checklist: [F.checklist] });
  await askerReply(ctx(asker), { questionId: q1.id, body: F.askerReply });
  const first = await requestHandoff(ctx(ownerA), { questionId: q1.id, toUserId: ownerB.id, noteDone: F.noteDone, notePending: F.notePending, notePromised: F.notePromised, promisedBy: tomorrow, expectedVersion: await versionOf(q1.id) });
  await respondToHandoff(ctx(ownerB), { handoffId: first.handoffId, accept: false, declineReason: F.declineReason });
  const second = await requestHandoff(ctx(ownerA), { questionId: q1.id, toUserId: ownerB.id, noteDone: F.noteDone2, notePending: F.notePending2, notePromised: F.notePromised2, promisedBy: tomorrow, expectedVersion: await versionOf(q1.id) });
  await respondToHandoff(ctx(ownerB), { handoffId: second.handoffId, accept: true });
  await resolveQuestion(ctx(ownerB), { questionId: q1.id, kind: "NO_POLICY", note: F.resolution });
  await rateQuestion(ctx(asker), { questionId: q1.id, idempotencyKey: randomUUID(), score: 2, reasons: [F.ratingReason], comment: F.ratingComment });
  await fileComplaint(ctx(asker), { questionId: q1.id, idempotencyKey: randomUUID(), reason: F.complaint });

  // Q2 is filed through the verb and waits for ownerB to accept a handoff.
  const filed2 = await fileQuestion(ctx(asker), { idempotencyKey: randomUUID(), body: F.body2, lineId: line.id, contactName: F.contactName, contactDepartment: F.contactDepartment, contactPhone: F.contactPhone, contactIm: F.contactIm, askSessionId: (await makeSearchedAskSession(db, asker.id)).id });
  q2 = { id: filed2.id, number: filed2.number };
  await requestHandoff(ctx(ownerA), { questionId: q2.id, toUserId: ownerB.id, noteDone: F.handoffDone2, notePending: F.handoffPending2, notePromised: F.handoffPromised2, expectedVersion: await versionOf(q2.id) });

  // QA: Q1 in this week's sample for our reviewer (as the weekly draw would put it), then graded.
  const review = await db.qaReview.create({ data: { questionId: q1.id, ownerId: ownerB.id, departmentId: dept.id, reviewerId: qa.id, weekStart: dateColumn(weekStartOf(new Date())) } });
  await gradeQaReview(ctx(qa), { reviewId: review.id, grade: 3, comment: F.qaComment });

  // Policy feedback, a revision note, and zero-result searches (one filtered to our 条线, one not).
  await recordFeedback(ctx(asker), { policyId, idempotencyKey: randomUUID(), helpful: false, reason: "OTHER", comment: F.feedback });
  await markPolicyRevision(ctx(policyOwner), { policyId, needsRevision: true, note: F.revisionNote });
  for (const [query, line] of [[F.zeroQuery, lineName], [F.zeroQuery, undefined]] as const) {
    await logSearch(db, { userId: asker.id, query, line, latencyMs: 5, result: { hits: [], deflected: false, state: "none", confidence: 0, degraded: false, terms: [] } });
  }

  // What an admin types: a calendar note far ahead and a (disabled) brush-off phrase.
  await saveCalendarOverride(ctx(admin), { date: "2099-12-31", isWorkday: false, note: F.calendarNote });
  await savePhrase(ctx(admin), { phrase: F.phrase, suggestion: F.phraseSuggestion, active: false });
  await policyRollup.refresh(db, new Date());
}, 120_000);

afterAll(async () => {
  // Our people leave routing, QA rotation and admin mail for the files after this one.
  const ids = [asker, ownerA, ownerB, manager, qa, admin, policyOwner].filter(Boolean).map((u) => u.id);
  await h.db.user.updateMany({ where: { id: { in: ids } }, data: { disabledAt: new Date() } });
  await h.db.brushOffPhrase.deleteMany({ where: { phrase: F.phrase } });
  await h.db.calendarOverride.deleteMany({ where: { date: new Date("2099-12-31T00:00:00Z") } });
});

const Q1_THREAD: Field[] = ["askerName", "ownerName", "body", "reply", "checklist", "askerReply", "noteDone", "notePending", "notePromised", "declineReason", "noteDone2", "notePending2", "notePromised2", "resolution"];
const Q2_THREAD: Field[] = ["askerName", "ownerName", "body2", "handoffDone2", "handoffPending2", "handoffPromised2"];

describe("stored XSS: the question page", () => {
  it("Q1 as the asker (own complaint included)", async () => {
    await view(asker, "the asker", `/questions/${q1.id}`, pick(...Q1_THREAD, "complaint"));
  });
  it("Q1 as the owner who resolved it (with the asker's search trail)", async () => {
    await view(ownerB, "the resolving owner", `/questions/${q1.id}`, { ...pick(...Q1_THREAD), trailQuery: F.body });
  });
  it("Q1 as the former owner", async () => {
    await view(ownerA, "the former owner", `/questions/${q1.id}`, pick(...Q1_THREAD));
  });
  it("Q1 as the manager (complaint and trail)", async () => {
    await view(manager, "the manager", `/questions/${q1.id}`, { ...pick(...Q1_THREAD, "complaint"), trailQuery: F.body });
  });
  it("/reviews as the manager, who reviews Q1's complaint (complainant and owner named)", async () => {
    expect((await h.db.complaint.findFirstOrThrow({ where: { questionId: q1.id } })).reviewerId).toBe(manager.id);
    await view(manager, "the manager", "/reviews", pick("complaint", "askerName", "ownerName"));
  });
  it("Q1 as the QA reviewer and as an admin", async () => {
    await view(qa, "the QA reviewer", `/questions/${q1.id}`, { ...pick(...Q1_THREAD), trailQuery: F.body });
    await view(admin, "an admin", `/questions/${q1.id}`, { ...pick(...Q1_THREAD, "complaint"), trailQuery: F.body });
  });
  it("Q2 as its owner, as the receiver of the pending handoff, and as the asker", async () => {
    await view(ownerA, "the owner", `/questions/${q2.id}`, pick(...Q2_THREAD));
    await view(ownerB, "the handoff receiver", `/questions/${q2.id}`, pick(...Q2_THREAD));
    await view(asker, "the asker", `/questions/${q2.id}`, pick(...Q2_THREAD));
  });
});

describe("stored XSS: lists, search and asking", () => {
  it("/my/questions as the asker", async () => {
    await view(asker, "the asker", "/my/questions", { body: F.body.slice(0, 60), body2: F.body2.slice(0, 60), ...pick("ownerName") });
  });
  it("/queue as the owner (held) and as the receiver (handed to me)", async () => {
    await view(ownerA, "the owner", "/queue", { body2: F.body2.slice(0, 60), ...pick("askerName") });
    await view(ownerB, "the receiver", "/queue", { body2: F.body2.slice(0, 60) });
  });
  it("/search with a hostile query as the asker (no results: the query is echoed)", async () => {
    // Filtered to a 条线 that has no policy, so nothing is found and the page repeats the query.
    await view(asker, "the asker", `/search?q=${encodeURIComponent(F.search)}&line=${encodeURIComponent(`无此条线${RUN}`)}`, pick("search"));
    const { page } = await as(asker);
    expect(await page.locator("#q").inputValue(), "/search: the search box").toBe(F.search);
    await expect.poll(() => h.db.searchQuery.count({ where: { query: F.search, userId: asker.id, resultCount: 0 } }), { timeout: 10_000 }).toBe(1);
  });
  it("/ask with a hostile question as the asker: suggestions, the filing form", async () => {
    const { page, watch } = await as(asker);
    await page.goto(`${h.base}/ask?q=${encodeURIComponent(F.body2)}`);
    await page.locator('[data-testid="suggestions"], [data-testid="no-suggestions"]').first().waitFor();
    await page.getByTestId("need-human").click();
    await page.getByTestId("filing-form").waitFor();
    await inspectPage(page, watch, "/ask as the asker", { literal: {} });
    expect(await page.locator("#question").inputValue(), "/ask: the question box").toBe(F.body2);
    expect(await page.locator("#f-body").inputValue(), "/ask: the filing form's question").toBe(F.body2);
  });
});

/** The text of the page that is rendered and visible (not in a hidden tab panel, a closed <details>…). */
function visibleText(): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let out = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el && !el.closest("script, style, noscript, template") && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) out += (n as Text).data;
  }
  return out;
}

/** view(), and every value must also be on screen: a page must not pass by holding it hidden. */
async function viewOnScreen(user: U, who: string, url: string, literal: Record<string, string>) {
  await view(user, who, url, literal);
  const { page } = await as(user);
  const shown = await page.evaluate(visibleText);
  for (const [field, value] of Object.entries(literal)) expect(shown, `${url} as ${who}: the ${field} is on screen`).toContain(value);
}

/**
 * A dashboard with tabs, tab by tab: `byTab` names every tab the page has (checked against its
 * tablist) and what each shows. Each tab is opened by its deep link and must be the panel on screen;
 * then viewOnScreen's checks run on it.
 */
async function viewTabs(user: U, who: string, url: string, byTab: Record<string, Record<string, string>>) {
  const { page } = await as(user);
  for (const [tab, literal] of Object.entries(byTab)) {
    const at = `${url}${url.includes("?") ? "&" : "?"}tab=${tab}`;
    await viewOnScreen(user, who, at, literal);
    await page.getByTestId(`panel-${tab}`).waitFor({ state: "visible" });
    expect(await page.getByRole("tab").evaluateAll((tabs) => tabs.map((t) => t.getAttribute("data-testid"))), `${at}: the tabs checked are all the tabs`).toEqual(Object.keys(byTab).map((t) => `tab-${t}`));
  }
}

describe("stored XSS: insights, QA and admin", () => {
  const ledgerFields = () => ({ body: truncate(F.body, 40), body2: truncate(F.body2, 40), ...pick("askerName", "ownerName", "contactName", "contactDepartment", "contactPhone", "contactIm") });
  it("/insights/ledger as the manager, the QA reviewer and an admin", async () => {
    const url = `/insights/ledger?q=${encodeURIComponent(RUN)}`;
    await viewOnScreen(manager, "the manager", url, ledgerFields());
    await viewOnScreen(qa, "the QA reviewer", url, ledgerFields());
    await viewOnScreen(admin, "an admin", url, ledgerFields());
  });
  it("/insights/policies as the policy owner and an admin, every tab: queries, comment, gap, revision note", async () => {
    // Where each value is shown: the queries on 搜索, the comment on 评价, the gap (its question and
    // the resolution note it carries) on 知识缺口, the revision note on 复审与变更.
    const byTab = {
      documents: {},
      searches: pick("zeroQuery"),
      feedback: pick("feedback"),
      gaps: { ...pick("resolution"), gapQuestion: F.body },
      review: pick("revisionNote"),
    };
    await viewTabs(policyOwner, "the policy owner", "/insights/policies", byTab);
    await viewTabs(policyOwner, "the policy owner (clause drill-down)", `/insights/policies?policy=${encodeURIComponent(policyId)}`, byTab);
    await viewTabs(admin, "an admin", `/insights/policies?line=${encodeURIComponent((await h.db.businessLine.findUniqueOrThrow({ where: { name: lineName } })).id)}`, byTab);
  });
  it("/insights/owners (list and one owner) and /insights/management (every tab) as the manager and an admin", async () => {
    for (const [u, who] of [[manager, "the manager"], [admin, "an admin"]] as const) {
      await viewOnScreen(u, who, `/insights/owners?dept=${deptId}`, pick("ownerName"));
      await viewOnScreen(u, who, `/insights/owners?dept=${deptId}&user=${ownerB.id}`, pick("ownerName"));
      await viewTabs(u, who, `/insights/management?dept=${deptId}`, { deflection: {}, existed: {}, attainment: {}, volumes: {} });
    }
  });
  it("/qa as the QA reviewer and an admin", async () => {
    const fields = pick("ownerName", "body", "reply", "checklist", "resolution", "qaComment");
    await view(qa, "the QA reviewer", "/qa", fields);
    await view(admin, "an admin", "/qa", fields);
  });
  it("/admin and /admin/notifications as an admin", async () => {
    // In the responsibility matrix the hostile name comes first, followed by the line's other owner.
    const lineId = (await h.db.question.findUniqueOrThrow({ where: { id: q1.id } })).lineId;
    const assignment = await h.db.responsibilityAssignment.create({ data: { lineId, userId: ownerB.id, createdAt: new Date("2020-01-01T00:00:00Z") } });
    try {
      await view(admin, "an admin", "/admin", pick("askerName", "ownerName", "managerName", "calendarNote", "phrase", "phraseSuggestion"));
    } finally {
      await h.db.responsibilityAssignment.delete({ where: { id: assignment.id } });
    }
    await view(admin, "an admin", "/admin/notifications", {});
  });
});

describe("stored XSS: notification e-mails", () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("every mail the hostile questions caused, and the manager's digest, runs nothing in Chromium and carries no question text", async () => {
    // The worker's delivery step for our rows only (deliverDue would also send other files' mail).
    const sender = createEmailSender({ transporter: smtpTransporter(smtp.url, 3_000), from: "首问 Shouwen <noreply@shouwen.local>" });
    const rows = await h.db.notification.findMany({
      where: { channel: "EMAIL", questionId: { in: [q1.id, q2.id] }, userId: { in: [asker.id, ownerA.id, ownerB.id, manager.id, admin.id] } },
      include: { user: { select: { email: true } }, question: { select: { id: true, number: true, line: { select: { name: true } } } } },
    });
    const kinds = [...new Set(rows.map((r) => r.kind))].sort();
    expect(kinds).toEqual(["complaint.filed", "handoff.accepted", "handoff.declined", "handoff.requested", "question.asker-replied", "question.assigned", "question.owner-changed", "question.replied", "question.resolved"]);
    const now = new Date();
    const digest = await collectDigest(h.db, { id: manager.id, name: manager.name }, shanghaiDay(now), now);
    expect(digest.complaints.map((c) => c.number)).toContain(q1.number);
    const sends = [
      ...rows.map((r) => ({
        id: r.id,
        to: r.user.email,
        kind: r.kind,
        literal: { number: questionRef(r.question!.number), line: lineName },
        message: renderNotification({ kind: r.kind, payload: r.payload, question: { id: r.question!.id, number: r.question!.number, lineName: r.question!.line.name }, portalUrl: h.base }),
      })),
      {
        id: randomUUID(),
        to: manager.email,
        kind: "digest.daily",
        literal: { number: questionRef(q1.number), manager: manager.name, owner: ownerB.name },
        message: renderNotification({ kind: "digest.daily", payload: digest, question: null, portalUrl: h.base }),
      },
    ];
    for (const s of sends) await sender.send(s.to, s.message, s.id);
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(sends.length);

    const { page } = await h.newPage();
    const watch = watchDialogs(page);
    for (const s of sends) {
      const mail = smtp.mails.find((m) => m.messageId === `<${s.id}@shouwen>`);
      expect(mail, `mail ${s.kind}`).toBeDefined();
      await inspectHtml(page, watch, `the ${s.kind} mail (HTML part)`, mail!.html as string, { literal: s.literal });
      for (const [field, value] of Object.entries(s.literal)) expect(mail!.text, `the ${s.kind} mail (text part) shows the ${field}`).toContain(value);
      // Mails name the question by number only (IM group bots post into shared chats); names may appear.
      for (const [field, value] of Object.entries(F).filter(([f]) => !f.endsWith("Name"))) {
        const marker = value.slice(0, 12);
        expect(`${mail!.subject}\n${mail!.text}\n${mail!.html}`.includes(marker), `the ${s.kind} mail carries the ${field}`).toBe(false);
      }
    }
  });
});
