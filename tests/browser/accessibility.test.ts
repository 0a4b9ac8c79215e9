// The accessibility audit (docs/decisions/0022): each role of the demo company signs in once and every
// page it can reach is audited by axe-core (WCAG 2.1 A/AA, tests/helpers/accessibility.ts) in zh-CN;
// a subset again in English and at phone width. The question pages (asker, owner, the manager an
// overdue question was escalated to, with a complaint waiting for review) use this file's own people.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileComplaint } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { ctxOf } from "../helpers/actors";
import { expectAccessible } from "../helpers/accessibility";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { PHONE, saveScreenshot } from "../helpers/layout";

const h = useBrowser();
const RUN = randomUUID().slice(0, 6);
/** The demo accounts' password (README "Demo accounts"); the browser tier seeds the demo company. */
const DEMO_PASSWORD = "Shouwen#2026";

type Session = { context: BrowserContext; page: Page };
const sessions = new Map<string, Session>();

/** One signed-in page per account for the whole file. */
async function as(email: string, password = DEMO_PASSWORD): Promise<Page> {
  let s = sessions.get(email);
  if (!s) {
    s = await h.newPage();
    await signIn(s.page, h.base, email, password);
    sessions.set(email, s);
  }
  return s.page;
}

async function setLocale(page: Page, locale: "zh-CN" | "en") {
  await page.context().addCookies([{ name: "locale", value: locale, url: h.base }]);
}

/** Opens `path`, waits for its h1 (and `ready`, when given) and for requests to settle, then audits it. */
async function audit(page: Page, path: string, what: string, ready?: string) {
  await page.goto(`${h.base}${path}`);
  await page.locator("h1").first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await expectAccessible(page, what);
}

type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U, owner: U, head: U;
let questionId: string;
let policyId: string;

beforeAll(async () => {
  const db = h.db;
  head = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD, name: `无障碍经理${RUN}` });
  const dept = await makeDepartment(db, { managerId: head.id, name: `无障碍部${RUN}` });
  await db.user.update({ where: { id: head.id }, data: { departmentId: dept.id } });
  owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, password: TEST_PASSWORD, name: `无障碍首问人${RUN}` });
  asker = await makeUser(db, { departmentId: dept.id, password: TEST_PASSWORD, name: `无障碍提问人${RUN}` });
  const line = await makeLine(db, { ownerIds: [owner.id], name: `无障碍条线${RUN}` });
  await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 2, resolutionMinutes: 2, escalationMinutes: 2 } });
  // Filed ten days ago with a 2-minute limit: the sweep escalates it to the head.
  const filed = await fileQuestion(ctxOf(db, asker, new Date(Date.now() - 10 * 86_400_000)), {
    idempotencyKey: randomUUID(),
    body: `年假可以跨年使用吗？${RUN}`,
    lineId: line.id,
    contactName: asker.name,
    askSessionId: (await makeSearchedAskSession(db, asker.id)).id,
  });
  questionId = filed.id;
  await sweepEscalations(db, new Date());
  // A reply (the owner's thread) and a complaint about it, which goes to the head for review.
  await replyToQuestion(ctxOf(db, owner), { questionId, body: "请参考《员工休假制度》第三条。", checklist: ["填写休假申请"] });
  await fileComplaint(ctxOf(db, asker), { questionId, idempotencyKey: randomUUID(), reason: `答复没有说明结转期限 ${RUN}` });
  policyId = (await db.policy.findFirstOrThrow({ where: { status: "ACTIVE", currentVersionId: { not: null } }, orderBy: { id: "asc" }, select: { id: true } })).id;
});

describe("every page passes the WCAG 2.1 A/AA audit in zh-CN", () => {
  it("signed out: sign-in, 401 and 404", async () => {
    const { page } = await h.newPage();
    await audit(page, "/signin", "/signin");
    await audit(page, "/my/questions", "the 401 page");
    await audit(page, `/no-such-page-${RUN}`, "the 404 page signed out");
  });

  it("an employee: home, search, ask, their questions, notifications, settings, policies, 403, 404", async () => {
    const page = await as("employee@xinghe.example");
    await audit(page, "/", "home");
    await audit(page, `/search?q=${encodeURIComponent("年假")}`, "search with results", '[data-testid="search-results"]');
    await page.goto(`${h.base}/ask`);
    await page.locator("#question").fill("年假可以跨年使用吗");
    await page.locator('[data-testid="suggestions"]').waitFor();
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
    await expectAccessible(page, "ask with suggestions");
    await page.getByTestId("need-human").click();
    await page.getByTestId("filing-form").waitFor();
    await expectAccessible(page, "ask with the filing form");
    await audit(page, "/my/questions", "my questions");
    await audit(page, "/notifications", "notifications");
    await audit(page, "/settings/notifications", "notification settings");
    await audit(page, "/policies", "policies");
    await audit(page, `/policies/${policyId}`, "the policy reader");
    await audit(page, `/policies/${policyId}/versions`, "a policy's versions");
    await audit(page, "/queue", "the 403 page");
    await audit(page, `/questions/${randomUUID()}`, "a missing question (404)");
  });

  it("the asker, the owner and the escalated manager on one question; the manager's reviews", async () => {
    await audit(await as(asker.email, TEST_PASSWORD), `/questions/${questionId}`, "the question as its asker", '[data-testid="escalated"]');
    const ownerPage = await as(owner.email, TEST_PASSWORD);
    await audit(ownerPage, `/questions/${questionId}`, "the question as its owner");
    await audit(ownerPage, "/queue", "the owner's queue");
    const headPage = await as(head.email, TEST_PASSWORD);
    await audit(headPage, `/questions/${questionId}`, "the question as the manager it was escalated to", '[data-testid="escalation-panel"]');
    await audit(headPage, "/reviews", "reviews", '[data-testid="review-item"]');
  });

  it("a first-contact owner: queue and scorecard", async () => {
    const page = await as("owner.hr@xinghe.example");
    await audit(page, "/queue", "the queue");
    await audit(page, "/insights/owners", "the owners' scorecard");
  });

  it("a policy owner: publish and policy insights", async () => {
    const page = await as("policy.hr@xinghe.example");
    await audit(page, "/policies/publish", "publish a policy");
    await audit(page, "/insights/policies", "policy insights");
  });

  it("a manager: queue, management, ledger, scorecard", async () => {
    const page = await as("manager@xinghe.example");
    await audit(page, "/queue", "the manager's queue");
    await audit(page, "/insights/management", "management insights");
    await audit(page, "/insights/ledger", "the ledger");
    await audit(page, "/insights/owners", "the scorecard as a manager");
  });

  it("a QA reviewer: QA", async () => {
    await audit(await as("qa@xinghe.example"), "/qa", "QA");
  });

  it("an admin: admin pages", async () => {
    const page = await as("admin@xinghe.example");
    await audit(page, "/admin", "admin");
    await audit(page, "/admin/org", "admin: organisation");
    await audit(page, "/admin/notifications", "admin: notifications");
  });
});

describe("a subset in English and at phone width", () => {
  it("in English", async () => {
    const page = await as("employee@xinghe.example");
    await setLocale(page, "en");
    await audit(page, "/", "home (en)");
    await audit(page, `/search?q=${encodeURIComponent("年假")}`, "search (en)", '[data-testid="search-results"]');
    await audit(page, "/my/questions", "my questions (en)");
    await audit(page, `/policies/${policyId}`, "the policy reader (en)");
    await setLocale(page, "zh-CN");
    const ownerPage = await as(owner.email, TEST_PASSWORD);
    await setLocale(ownerPage, "en");
    await audit(ownerPage, `/questions/${questionId}`, "the question as its owner (en)");
    await setLocale(ownerPage, "zh-CN");
    const manager = await as("manager@xinghe.example");
    await setLocale(manager, "en");
    await audit(manager, "/insights/management", "management insights (en)");
    await setLocale(manager, "zh-CN");
  });

  it("at 375 px", async () => {
    const page = await as("employee@xinghe.example");
    await page.setViewportSize(PHONE);
    await audit(page, "/", "home (phone)");
    await saveScreenshot(page, "a11y-home-phone");
    await audit(page, `/search?q=${encodeURIComponent("年假")}`, "search (phone)", '[data-testid="search-results"]');
    await saveScreenshot(page, "a11y-search-phone");
    await audit(page, `/policies/${policyId}`, "the policy reader (phone)");
    await saveScreenshot(page, "a11y-policy-phone");
    const askerPage = await as(asker.email, TEST_PASSWORD);
    await askerPage.setViewportSize(PHONE);
    await audit(askerPage, `/questions/${questionId}`, "the question as its asker (phone)");
    await saveScreenshot(askerPage, "a11y-question-asker-phone");
    const manager = await as("manager@xinghe.example");
    await manager.setViewportSize(PHONE);
    await audit(manager, "/insights/management", "management insights (phone)");
    await saveScreenshot(manager, "a11y-management-phone");
  });
});
