// The accessibility audit (docs/decisions/0022): each role of the demo company signs in once and every
// page it can reach is audited by axe-core (WCAG 2.1 A/AA, tests/helpers/accessibility.ts) in zh-CN;
// a subset again in English and at phone width. The question pages (asker, owner, the manager an
// overdue question was escalated to, with a complaint waiting for review) use this file's own people.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, type ExpectStatic } from "vitest";
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

const settle = (page: Page) => page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
/** Folded content (<details>: data tables under charts, the complaint and saved-reply forms) is audited open. */
const unfold = (page: Page) => page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));

/** Audits on one signed-in page; `ex` is the running test's expect (the role tests run concurrently). */
function auditor(page: Page, ex: ExpectStatic) {
  const check = (what: string) => expectAccessible(page, what, ex);
  /** The page as it is, then each other tab of its tab lists in turn (axe skips a hidden panel). */
  async function withTabs(what: string) {
    await unfold(page);
    await check(what);
    const tabs = page.getByRole("tab");
    for (let i = 0; i < (await tabs.count()); i++) {
      const tab = tabs.nth(i);
      if ((await tab.getAttribute("aria-selected")) === "true") continue;
      await tab.click();
      await ex.poll(() => tab.getAttribute("aria-selected")).toBe("true");
      await settle(page);
      await unfold(page);
      await check(`${what}, tab “${(await tab.textContent())?.trim()}”`);
    }
  }
  /**
   * Opens `path`, waits for its h1 (and `ready`) and for requests to settle, then audits it with each
   * of its tabs, or as loaded only (`tabs: false`, the English and phone subsets).
   */
  async function visit(path: string, what: string, { ready, tabs = true }: { ready?: string; tabs?: boolean } = {}) {
    await page.goto(`${h.base}${path}`);
    await page.locator("h1").first().waitFor();
    if (ready) await page.locator(ready).first().waitFor();
    await settle(page);
    if (tabs) await withTabs(what);
    else {
      await unfold(page);
      await check(what);
    }
  }
  return { page, check, visit };
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

// The roles' audits run side by side (each in its own browser context): one after another they took
// about twice as long.
describe.concurrent("every page passes the WCAG 2.1 A/AA audit in zh-CN", () => {
  it("signed out: sign-in, 401 and 404", async ({ expect }) => {
    const a = auditor((await h.newPage()).page, expect);
    await a.visit("/signin", "/signin");
    await a.page.locator("#email").fill(`nobody-${RUN}@xinghe.example`);
    await a.page.locator("#password").fill("wrong-password");
    await a.page.getByTestId("signin-submit").click();
    await a.page.getByTestId("signin-error").waitFor();
    await a.check("/signin with its error");
    await a.visit("/my/questions", "the 401 page");
    await a.visit(`/no-such-page-${RUN}`, "the 404 page signed out");
  });

  it("an employee: home, search and ask (suggestions, a preview, the filing form and its errors)", async ({ expect }) => {
    const a = auditor(await as("employee@xinghe.example"), expect);
    const page = a.page;
    await a.visit("/", "home");
    await a.visit(`/search?q=${encodeURIComponent("年假")}`, "search with results", { ready: '[data-testid="search-results"]' });
    await page.goto(`${h.base}/ask`);
    await page.locator("#question").fill("年假可以跨年使用吗");
    await page.locator('[data-testid="suggestions"]').waitFor();
    await settle(page);
    await a.check("ask with suggestions");
    await page.getByTestId("preview-toggle").first().click();
    await page.getByTestId("preview").waitFor();
    await a.check("ask with a clause's preview open");
    await page.getByTestId("need-human").click();
    await page.getByTestId("filing-form").waitFor();
    await a.check("ask with the filing form");
    // Its errors: no question text, urgent without a reason.
    await page.locator("#f-body").fill("");
    await page.getByTestId("file-urgent").check();
    await page.getByTestId("file-submit").click();
    await page.locator('#f-body[aria-invalid="true"]').waitFor();
    await a.check("the filing form with its errors");
  });

  it("an employee: their questions, notifications, settings, policies, 403, 404", async ({ expect }) => {
    const a = auditor(await as("employee2@xinghe.example"), expect);
    await a.visit("/my/questions", "my questions");
    await a.visit("/notifications", "notifications");
    await a.visit("/settings/notifications", "notification settings");
    await a.visit("/policies", "policies");
    await a.visit(`/policies/${policyId}`, "the policy reader");
    await a.visit(`/policies/${policyId}/versions`, "a policy's versions");
    await a.visit("/queue", "the 403 page");
    await a.visit(`/questions/${randomUUID()}`, "a missing question (404)");
  });

  it("the asker and the owner on one question; the owner's queue", async ({ expect }) => {
    await auditor(await as(asker.email, TEST_PASSWORD), expect).visit(`/questions/${questionId}`, "the question as its asker", { ready: '[data-testid="escalated"]' });
    const ownerAudit = auditor(await as(owner.email, TEST_PASSWORD), expect);
    await ownerAudit.visit(`/questions/${questionId}`, "the question as its owner");
    await ownerAudit.visit("/queue", "the owner's queue");
  });

  it("the manager the question was escalated to: the question and the complaint to review", async ({ expect }) => {
    const headAudit = auditor(await as(head.email, TEST_PASSWORD), expect);
    await headAudit.visit(`/questions/${questionId}`, "the question as the manager it was escalated to", { ready: '[data-testid="escalation-panel"]' });
    await headAudit.visit("/reviews", "reviews", { ready: '[data-testid="review-item"]' });
  });

  it("a first-contact owner: queue and scorecard", async ({ expect }) => {
    const a = auditor(await as("owner.hr@xinghe.example"), expect);
    await a.visit("/queue", "the queue");
    await a.visit("/insights/owners", "the scorecard as an owner");
  });

  it("a policy owner: publish and policy insights", async ({ expect }) => {
    const a = auditor(await as("policy.hr@xinghe.example"), expect);
    await a.visit("/policies/publish", "publish a policy");
    await a.visit("/insights/policies", "policy insights");
  });

  it("a manager: queue, management, ledger, scorecard", async ({ expect }) => {
    const a = auditor(await as("manager@xinghe.example"), expect);
    await a.visit("/queue", "the manager's queue");
    await a.visit("/insights/management", "management insights");
    await a.visit("/insights/ledger", "the ledger");
    await a.visit("/insights/owners", "the scorecard as a manager");
  });

  it("a QA reviewer and an admin: QA, admin pages", async ({ expect }) => {
    await auditor(await as("qa@xinghe.example"), expect).visit("/qa", "QA");
    const a = auditor(await as("admin@xinghe.example"), expect);
    await a.visit("/admin", "admin");
    await a.visit("/admin/org", "admin: organisation");
    await a.visit("/admin/notifications", "admin: notifications");
  });
});

describe("a subset in English and at phone width", () => {
  const asLoaded = { tabs: false };

  it("in English", async () => {
    const employee = auditor(await as("employee@xinghe.example"), expect);
    await setLocale(employee.page, "en");
    await employee.visit("/", "home (en)", asLoaded);
    await employee.visit(`/search?q=${encodeURIComponent("年假")}`, "search (en)", { ...asLoaded, ready: '[data-testid="search-results"]' });
    await employee.visit("/my/questions", "my questions (en)", asLoaded);
    await employee.visit(`/policies/${policyId}`, "the policy reader (en)", asLoaded);
    await setLocale(employee.page, "zh-CN");
    const ownerAudit = auditor(await as(owner.email, TEST_PASSWORD), expect);
    await setLocale(ownerAudit.page, "en");
    await ownerAudit.visit(`/questions/${questionId}`, "the question as its owner (en)", asLoaded);
    await setLocale(ownerAudit.page, "zh-CN");
    const manager = auditor(await as("manager@xinghe.example"), expect);
    await setLocale(manager.page, "en");
    await manager.visit("/insights/management", "management insights (en)", asLoaded);
    await setLocale(manager.page, "zh-CN");
  });

  it("at 375 px, with screenshots", async () => {
    const at = async (page: Page) => {
      await page.setViewportSize(PHONE);
      return auditor(page, expect);
    };
    const employee = await at(await as("employee@xinghe.example"));
    await employee.visit("/", "home (phone)", asLoaded);
    await saveScreenshot(employee.page, "a11y-home-phone");
    await employee.visit(`/search?q=${encodeURIComponent("年假")}`, "search (phone)", { ...asLoaded, ready: '[data-testid="search-results"]' });
    await saveScreenshot(employee.page, "a11y-search-phone");
    await employee.visit(`/policies/${policyId}`, "the policy reader (phone)", asLoaded);
    await saveScreenshot(employee.page, "a11y-policy-phone");
    const askerAudit = await at(await as(asker.email, TEST_PASSWORD));
    await askerAudit.visit(`/questions/${questionId}`, "the question as its asker (phone)", asLoaded);
    await saveScreenshot(askerAudit.page, "a11y-question-asker-phone");
    const manager = await at(await as("manager@xinghe.example"));
    await manager.visit("/insights/management", "management insights (phone)", asLoaded);
    await saveScreenshot(manager.page, "a11y-management-phone");
  });
});
