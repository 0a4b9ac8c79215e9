// Issue 19 point 9: the admin, policy, QA and complaint-review pages in English. An admin and a policy
// owner of their own (no demo users) switch the language in the header, and each page shows its English
// headings and buttons with no Chinese left in <main> outside data: names, 条线, policy titles and
// texts are wrapped in <bdi> (or are options marked translate="no"), and those are left out of the check.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fieldKey, m } from "@/lib/errors";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { makeDocx } from "../helpers/office-files";

const h = useBrowser();
const RUN = randomBytes(3).toString("hex");
/** Pages render on a busy machine: web-first waits get room, never a fixed sleep. */
const UI = { timeout: 15_000 };
/** Han ideographs and the CJK punctuation (、。「」（）：；) a Chinese sentence left untranslated would carry. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff1f]/;

const DATA = 'bdi, [translate="no"], textarea, input, .policy-text, [data-testid="publish-unit"], script, style';

/**
 * The text of <main> without its data: <bdi>, options marked translate="no", form fields' values, policy
 * text and parsed articles, and whatever else `content` selects (a policy's own headings in the reader).
 */
async function uiTextOfMain(page: Page, content?: string): Promise<string> {
  return page.evaluate((selector) => {
    const main = document.querySelector("main");
    if (!main) throw new Error("no <main> on the page");
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(selector).forEach((e) => e.remove());
    return copy.textContent ?? "";
  }, content ? `${DATA}, ${content}` : DATA);
}

async function expectNoChinese(page: Page, content?: string) {
  const text = await uiTextOfMain(page, content);
  const at = text.search(CJK);
  expect(at, `Chinese UI text left on ${page.url()}: …${text.slice(Math.max(0, at - 40), at + 40)}…`).toBe(-1);
}

/** Signs in (the portal starts in Chinese) and switches to English with the header's switch. */
async function inEnglish(email: string, firstPath: string, zhHeading: string): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, email, TEST_PASSWORD);
  await page.goto(`${h.base}${firstPath}`);
  await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe(zhHeading);
  // The check below finds Chinese when there is some: the page in Chinese fails it.
  expect(await uiTextOfMain(page)).toMatch(CJK);
  await page.getByTestId("locale-switch").click();
  await page.locator('html[lang="en"]').waitFor({ state: "attached" });
  expect(new URL(page.url()).pathname).toBe(firstPath);
  return page;
}

async function open(page: Page, path: string, heading: string) {
  await page.goto(`${h.base}${path}`);
  await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe(heading);
}

describe("admin, policy, QA and review pages in English", () => {
  it("an admin sees /admin, /admin/org, /admin/notifications, /qa and /reviews in English; the org export follows", async () => {
    const admin = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD, name: `English Admin ${RUN}`, email: `en-admin-${RUN}@test.example` });
    const page = await inEnglish(admin.email, "/admin", "系统管理");

    await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe("Administration");
    await page.getByRole("heading", { name: "Time limits (working time, counted on China's public holidays and make-up workdays)" }).waitFor();
    await page.getByRole("heading", { name: "Users and roles" }).waitFor();
    await page.getByTestId("time-limit-form").getByRole("button", { name: "Save time limit" }).waitFor();
    await page.getByTestId("reindex-form").getByRole("button", { name: "Rebuild the search index from the database" }).waitFor();
    await page.getByLabel("Working periods (company time, lunch break not counted)").waitFor();
    await expectNoChinese(page);

    // The official-calendar preview, worded in English, from the English example the form shows.
    const form = page.getByTestId("official-calendar-form");
    await form.getByLabel("Year", { exact: true }).fill("2031");
    await form.getByLabel(/^Days off and make-up workdays/).fill("2031-10-01 National Day off\n2031-10-11 National Day work");
    await form.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("official-calendar-preview");
    await preview.waitFor();
    await expect.poll(() => preview.locator("caption").innerText(), UI).toBe("Preview: 2 days (saving replaces the official arrangement entered before for 2031)");
    await expect.poll(() => preview.locator("tbody tr").first().innerText(), UI).toMatch(/^2031-10-01\s+Wed\s+Day off\s+National Day\s+/);
    await expectNoChinese(page);

    await open(page, "/admin/org", "Org chart, people and responsibility matrix");
    await page.getByRole("button", { name: "Preview changes" }).waitFor();
    await page.getByText("Complete list: people missing from the file are disabled (not deleted; their questions are kept)").waitFor();
    await expectNoChinese(page);
    const csv = await page.request.get(`${h.base}/api/admin/org-export?format=csv&sheet=people`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n")[0]).toBe("\uFEFFEmail,Name,Department code,Title,Phone,IM,Roles");
    expect(csv.headers()["content-disposition"]).toContain("filename*=UTF-8''org-people.csv");

    // An org file's problems: the place and the reason in English (the file's own header stays as written).
    await page.getByTestId("org-file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("邮箱,姓名,部门编码,密码\r\na@test.example,甲,,x\r\n") });
    await page.getByTestId("org-preview").click();
    await expect.poll(() => page.getByTestId("org-errors").innerText(), UI).toContain("people.csv row 1 “密码”: Unknown column");
    expect(await page.getByTestId("org-errors").innerText()).toContain("The file has 1 error; nothing was written");

    // A delivery error stored as a key reads in English; one stored as text before that reads as stored.
    const failed = (lastError: string, i: number) =>
      h.db.notification.create({ data: { userId: admin.id, channel: "WECOM", kind: "question.assigned", dedupeKey: `en-admin:${RUN}:${i}`, payload: {}, status: "FAILED", attempts: 6, lastError } });
    await failed(fieldKey("errors.webhook.vendorRefused", { code: m("errors.webhook.vendorCodeNamed", { codeKey: "errcode", code: "93000", label: m("errors.webhook.vendor.93000") }) }), 1);
    await failed("webhook 返回 HTTP 404", 2);
    await open(page, "/admin/notifications", "Notification delivery");
    await page.getByText("E-mails and group-bot messages whose delivery failed").waitFor();
    await page.getByText("The webhook refused the message: errcode=93000 (invalid webhook address)").waitFor();
    await page.getByText("webhook 返回 HTTP 404").waitFor();
    await expectNoChinese(page);

    await open(page, "/qa", "Quality checks");
    await page.getByTestId("qa-draw-form").getByRole("button", { name: "Draw last week's sample now" }).waitFor();
    await page.getByRole("heading", { name: /^All awaiting a grade \(\d+\)$/ }).waitFor();
    await expectNoChinese(page);

    await open(page, "/reviews", "Complaint reviews");
    await expect.poll(() => page.getByTestId("reviews-empty").innerText(), UI).toBe("No complaints are waiting for your review.");
    await expectNoChinese(page);
  });

  it("a policy owner sees /policies, /policies/publish, a version history and the reader in English", async () => {
    const dept = await makeDepartment(h.db, { name: `Policy Office ${RUN}` });
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id, password: TEST_PASSWORD, name: `English Owner ${RUN}`, email: `en-owner-${RUN}@test.example` });
    await makeLine(h.db, { name: `Facilities ${RUN}`, policyOwnerDeptId: dept.id });
    const page = await inEnglish(owner.email, "/policies", "制度目录");

    await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe("Policy catalogue");
    await expect.poll(() => page.getByTestId("publish-link").innerText(), UI).toBe("Publish a policy");
    await expectNoChinese(page);

    await page.getByTestId("publish-link").click();
    await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe("Publish a policy");
    await page.getByText("1. What to publish").waitFor();
    await expect.poll(() => page.getByTestId("publish-target").locator("option").first().innerText(), UI).toBe("New policy");
    await expectNoChinese(page);

    const docx = await makeDocx([
      { heading: 1, text: "钥匙柜管理办法" },
      { para: "第一条　为规范钥匙柜使用，制定本办法。" },
      { para: "第二条　借用钥匙须当日登记归还。" },
    ]);
    await page.getByTestId("publish-file").setInputFiles({ name: "rooms.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: docx });
    await page.getByTestId("publish-preview").waitFor();
    await expect.poll(() => page.locator("#understood").innerText(), UI).toBe("2. What was found: Word document, 2 articles");
    await page.getByText("3. Policy details").waitFor();
    await page.getByLabel("Policy ID (lower-case letters, digits and hyphens; used in links)").waitFor();
    await expectNoChinese(page);

    // Publish it, then read its version history and the reader's own words in English.
    const policyId = `key-cabinet-${RUN}`;
    const title = `Key cabinet rules ${RUN}`;
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Policy ID (lower-case letters, digits and hyphens; used in links)").fill(policyId);
    await page.getByLabel("Owning department").fill(`Facilities Office ${RUN}`);
    await page.getByRole("button", { name: "Preview changes" }).click();
    await expect.poll(() => page.locator("#changes").innerText(), UI).toBe("4. A new policy will be created with 2 articles");
    await page.getByTestId("publish-confirm").click();
    await expect.poll(() => page.getByTestId("publish-done").locator("p").first().innerText(), UI).toBe(`Published “${title}” v1, 2 articles.`);
    await page.getByTestId("publish-done").getByRole("link", { name: "Version history" }).click();
    await page.waitForURL(`${h.base}/policies/${policyId}/versions`);
    await expect.poll(() => page.locator("main h1").first().innerText(), UI).toBe("Version history");
    await expect.poll(() => page.getByTestId("version-list").locator("thead").innerText(), UI).toMatch(/^Version\s+Published\s+Published by\s+Articles\s+Note\s+Original file\s*$/);
    await page.getByRole("heading", { name: "Manage (policy owners of this business line and admins only)" }).waitFor();
    await expectNoChinese(page);

    await open(page, `/policies/${policyId}`, title);
    await expect.poll(() => page.locator("main dl").innerText(), UI).toMatch(/^Version\s+v1 · Version history\s+In force from\s+—\s+Owning department\s+Facilities Office/);
    await page.getByText("Was this policy helpful?").waitFor();
    // Outside the policy's own words (title, table of contents, article headings and text), nothing is Chinese.
    await expectNoChinese(page, 'nav[aria-labelledby="toc"] li, section[id] > h2');
  });
});
