// English beyond the header (issue 19 point 9): with the locale cookie set to en, an employee and a
// first-contact owner of this file's own go through home, search, ask (filing a question), their
// questions, the queue, the question page from both sides, the inbox and the notification settings.
// Each page shows English headings and buttons, and nothing in <main> is Chinese except content:
// policy text and what people typed (this file's people, lines and questions are named in ASCII, so
// any Chinese left is the portal's own words).
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fileQuestion } from "@/lib/questions/file-question";
import { requestHandoff, respondToHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const RUN = randomBytes(3).toString("hex");
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

type U = Awaited<ReturnType<typeof makeUser>>;
let employee: U, owner: U, colleague: U;
let lineId: string;

async function englishPage(user: U): Promise<Page> {
  const { context, page } = await h.newPage();
  await context.addCookies([{ name: "locale", value: "en", url: h.base }]);
  await signIn(page, h.base, user.email, TEST_PASSWORD);
  return page;
}

/**
 * Text and labels a reader meets in <main> (text nodes, sr-only text included, and the placeholder,
 * aria-label, title and alt attributes), without the elements matched by `content` (what people
 * typed or policies say, and other people's data such as the demo's lines in a drop-down).
 */
async function portalWords(page: Page, content: string[] = []): Promise<string> {
  return page.locator("main").evaluate((main, selectors) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const s of selectors) copy.querySelectorAll(s).forEach((e) => e.remove());
    copy.querySelectorAll("script, template").forEach((e) => e.remove());
    const attrs = [...copy.querySelectorAll("[placeholder], [aria-label], [title], [alt]")].flatMap((e) =>
      ["placeholder", "aria-label", "title", "alt"].map((a) => e.getAttribute(a) ?? ""),
    );
    return [copy.textContent ?? "", ...attrs].join("\n");
  }, content);
}

async function expectNoChinese(page: Page, where: string, content: string[] = []) {
  const words = await portalWords(page, content);
  // Each run of Chinese with a little of the text around it, to say where it sits.
  const runs = [...words.matchAll(new RegExp(`.{0,40}${CJK.source}+.{0,20}`, "gu"))].map((m) => m[0].replace(/\s+/g, " "));
  expect(runs, `Chinese left on ${where}`).toEqual([]);
}

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: `English dept ${RUN}` });
  employee = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `Erin ${RUN}` });
  owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD, departmentId: dept.id, name: `Owen ${RUN}` });
  colleague = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], password: TEST_PASSWORD, departmentId: dept.id, name: `Cole ${RUN}` });
  lineId = (await makeLine(h.db, { name: `English line ${RUN}`, ownerIds: [owner.id] })).id;
});

describe("the portal in English", () => {
  it("the sign-in page is English, its single sign-on button too (no OIDC_DISPLAY_NAME set)", async () => {
    const { context, page } = await h.newPage();
    await context.addCookies([{ name: "locale", value: "en", url: h.base }]);
    await page.goto(`${h.base}/signin`);
    await expect.poll(() => page.getByTestId("signin-oidc").innerText()).toBe("Sign in with company single sign-on");
    await expectNoChinese(page, "/signin");
  });

  it("home, search and ask are English, and a question is filed in English", async () => {
    const page = await englishPage(employee);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");

    await page.goto(`${h.base}/`);
    await page.getByRole("heading", { level: 1, name: `Hello, Erin ${RUN}` }).waitFor();
    await page.getByRole("button", { name: "Search" }).waitFor();
    await expectNoChinese(page, "/");

    await page.goto(`${h.base}/search?q=${encodeURIComponent(`qqzx${RUN}`)}`);
    await page.getByRole("heading", { level: 1, name: "Search policies" }).waitFor();
    await page.getByTestId("search-empty").waitFor();
    expect(await page.getByTestId("search-empty").textContent()).toContain(`No policy clauses match “qqzx${RUN}”.`);
    await page.getByTestId("search-empty").getByRole("link", { name: "ask a question" }).waitFor();
    // The line filter lists every line in the portal (the demo's are named in Chinese): data.
    await expectNoChinese(page, "/search", ["#line option:not([value=''])"]);

    await page.goto(`${h.base}/ask`);
    await page.getByRole("heading", { level: 1, name: "Ask a question" }).waitFor();
    await page.getByLabel("Your question").fill(`Where do I hand in form X-${RUN}?`);
    await page.locator('[data-testid="suggestions"], [data-testid="no-suggestions"]').first().waitFor();
    await page.getByRole("button", { name: "I still need a person to answer" }).click();
    await page.getByRole("heading", { name: "Submit to a first-contact owner" }).waitFor();
    await expect.poll(() => page.getByTestId("deadline-preview").textContent()).toMatch(/^Expected times: First reply expected by /);
    // Suggested clauses are policy text; the line and owner drop-downs list the portal's lines and leaders.
    await expectNoChinese(page, "/ask with the filing form", ['[data-testid="suggestions"]', "#f-line option", "#f-owner option:not([value=''])"]);
    await page.locator("#f-line").selectOption(lineId);
    await page.getByRole("button", { name: "Submit question" }).click();
    await page.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    const questionId = page.url().split("/").pop()!;
    expect((await h.db.question.findUniqueOrThrow({ where: { id: questionId } })).ownerId).toBe(owner.id);

    await page.goto(`${h.base}/my/questions`);
    await page.getByRole("heading", { level: 1, name: "My questions" }).waitFor();
    expect(await page.getByTestId("my-questions").textContent()).toContain(`Open · English line ${RUN} · First-contact owner Owen ${RUN} · Resolve by `);
    await expectNoChinese(page, "/my/questions");
  });

  it("the queue, the question page, the inbox and the settings are English for the owner and the asker", async () => {
    const ctx = (u: U) => ctxOf(h.db, u);
    const { id: questionId } = await fileQuestion(ctx(employee), { idempotencyKey: randomUUID(), body: `Who signs form Y-${RUN}?`, lineId, contactName: `Erin ${RUN}`, askSessionId: (await makeSearchedAskSession(h.db, employee.id, { query: `form Y-${RUN}` })).id });
    // The owner replies and hands the question to a colleague, who declines: a thread with a reply,
    // a handoff card and events.
    await replyToQuestion(ctx(owner), { questionId, body: `Please use form X-${RUN}.`, checklist: [`Sign form X-${RUN}`] });
    const version = (await h.db.question.findUniqueOrThrow({ where: { id: questionId }, select: { version: true } })).version;
    const handoff = await requestHandoff(ctx(owner), { questionId, toUserId: colleague.id, noteDone: `Replied ${RUN}`, notePending: `Check ${RUN}`, notePromised: `Answer ${RUN}`, expectedVersion: version });
    await respondToHandoff(ctx(colleague), { handoffId: handoff.handoffId, accept: false, declineReason: `Not mine ${RUN}` });

    const ownerPage = await englishPage(owner);
    await ownerPage.goto(`${h.base}/queue`);
    await ownerPage.getByRole("heading", { level: 1, name: "My queue" }).waitFor();
    await ownerPage.getByRole("heading", { name: /^Mine, by deadline \(\d+\)$/ }).waitFor();
    // Replied with a checklist: the question waits for the asker.
    expect(await ownerPage.getByTestId("queue").textContent()).toContain(`Waiting for the asker · English line ${RUN} · Asked by Erin ${RUN} · Resolve by `);
    await expectNoChinese(ownerPage, "/queue");

    await ownerPage.goto(`${h.base}/questions/${questionId}`);
    await ownerPage.getByRole("heading", { name: "Conversation" }).waitFor();
    await ownerPage.getByRole("tab", { name: "Reply" }).waitFor();
    expect(await ownerPage.getByTestId("handoff").textContent()).toContain(`Declined: Not mine ${RUN}`);
    // The saved-reply form names its placeholders in English.
    await ownerPage.getByText("Save as a saved reply").click();
    await ownerPage.getByLabel("Text (placeholders: {asker} {questionNumber} {line} {owner} {firstReplyDue} {resolutionDue})").waitFor();
    // The handoff drop-down lists the portal's people and lines (the demo's are named in Chinese).
    await expectNoChinese(ownerPage, "the question page as its owner", ["#handoff-to option:not([value=''])"]);

    await ownerPage.goto(`${h.base}/notifications`);
    await ownerPage.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await ownerPage.getByTestId("inbox").waitFor();
    await ownerPage.getByRole("button", { name: "Mark all as read" }).waitFor();
    await ownerPage.getByRole("link", { name: "Open the question" }).first().waitFor();
    // The notices themselves too (the same templates as mail, in English for this reader).
    expect(await ownerPage.getByTestId("inbox").textContent()).toContain("New question for you: ");
    await expectNoChinese(ownerPage, "/notifications");

    const askerPage = await englishPage(employee);
    await askerPage.goto(`${h.base}/questions/${questionId}`);
    await askerPage.getByRole("heading", { name: "Conversation" }).waitFor();
    await askerPage.getByRole("button", { name: "Add details" }).waitFor();
    await askerPage.getByText("Complain", { exact: true }).waitFor();
    await expectNoChinese(askerPage, "the question page as its asker");

    await askerPage.goto(`${h.base}/settings/notifications`);
    await askerPage.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
    await askerPage.getByRole("group", { name: "WeCom group bot" }).waitFor();
    await askerPage.getByRole("button", { name: "Save" }).waitFor();
    await expectNoChinese(askerPage, "/settings/notifications");
  });
});
