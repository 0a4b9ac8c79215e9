// A policy owner publishes a Word file in the browser; an employee finds its article by search and opens
// the deep link; a second upload shows what changed and labels the superseded version; an overdue review
// shows its banner. Against the production build in Chromium. Everything is this file's own, named
// uniquely per run: the employee, a 条线 with its policy-owner department and policy owner, the policy ids.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn, useBrowser } from "../helpers/browser";
import { HttpClient } from "../helpers/http";
import { makeStaffedLine, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { makeDocx } from "../helpers/office-files";

const h = useBrowser();
const tag = randomBytes(3).toString("hex");
const POLICY_ID = `remote-work-rules-${tag}`;

type U = Awaited<ReturnType<typeof makeUser>>;
let policyOwner: U;
let employeeUser: U;
let lineName: string;
let ownerDeptName: string;

beforeAll(async () => {
  const staffed = await makeStaffedLine(h.db, { tag, owners: 0, password: TEST_PASSWORD });
  ownerDeptName = staffed.dept.name;
  lineName = staffed.line.name;
  policyOwner = staffed.policyOwner;
  employeeUser = await makeUser(h.db, { password: TEST_PASSWORD });
});

async function asUser(user: U): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, user.email, TEST_PASSWORD);
  return page;
}

const remoteWork = (days: string) =>
  makeDocx([
    { heading: 1, text: "远程办公管理办法" },
    { heading: 2, text: "第一章 总则" },
    { para: "第一条　为规范员工远程办公，制定本办法。" },
    { para: `第二条　员工每月申请居家办公不超过${days}，须提前一个工作日在系统中提交申请并经直属上级批准。` },
    { para: "第三条　本办法由人力资源部负责解释。" },
  ]);

async function upload(page: Page, fileName: string, bytes: Buffer) {
  await page.getByTestId("publish-file").setInputFiles({ name: fileName, mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: bytes });
  await page.getByTestId("publish-preview").waitFor();
}

describe("publishing a policy in the browser", () => {
  it("upload → preview → publish; found by search within 5 s; a second version shows the diff and supersedes the first", async () => {
    // The employee who will search signs in and searches first: the 5 s below are the portal's to see a
    // new version, not a sign-in's nor the process's very first index build (which a search waits for).
    const employee = await asUser(employeeUser);
    await employee.goto(`${h.base}/search?q=${encodeURIComponent("每月能居家办公几天")}`);
    const owner = await asUser(policyOwner);
    await owner.goto(`${h.base}/policies`);
    await owner.getByTestId("publish-link").click();
    await owner.getByTestId("publish-form").waitFor();
    await upload(owner, "远程办公管理办法.docx", await remoteWork("四天"));
    await expect.poll(() => owner.getByTestId("publish-unit").count()).toBe(3);
    await expect.poll(() => owner.locator('input[name="title"]').inputValue()).toBe("远程办公管理办法");
    await owner.locator('input[name="policyId"]').fill(POLICY_ID);
    await owner.locator('select[name="line"]').selectOption(lineName);
    await owner.locator('input[name="owner"]').fill(ownerDeptName);
    await owner.locator('input[name="effective"]').fill("2026-01-01");
    // A review date already past: readers must be told.
    await owner.getByTestId("publish-review").fill("2026-01-31");
    await owner.getByTestId("publish-preview-changes").click();
    await owner.getByTestId("publish-confirm").click();
    await owner.getByTestId("publish-done").waitFor();
    const published = Date.now();

    // The employee finds the article by everyday words within 5 s of publishing: by a search started
    // then. Searching goes on for a while after, only so that a failure says how late it was.
    let href: string | null = null;
    let foundBySearchAt = Infinity;
    while (!href && Date.now() - published < 60_000) {
      const started = Date.now() - published;
      await employee.goto(`${h.base}/search?q=${encodeURIComponent("每月能居家办公几天")}`);
      const link = employee.locator(`[data-testid="search-results"] a[href^="/policies/${POLICY_ID}?"]`).first();
      if ((await link.count()) > 0) [href, foundBySearchAt] = [await link.getAttribute("href"), started];
    }
    expect(foundBySearchAt, `found by search within 5 s of publishing (found by a search started after ${foundBySearchAt} ms)`).toBeLessThan(5_000);
    expect(href).toMatch(/#%E7%AC%AC%E4%BA%8C%E6%9D%A1$/); // #第二条
    const ours = employee.locator('[data-testid="search-results"] > li').filter({ has: employee.locator(`a[href^="/policies/${POLICY_ID}?"]`) });
    expect(await ours.getByTestId("result-stale").textContent()).toContain("已过复审日期");
    await employee.goto(`${h.base}/policies/${POLICY_ID}#${encodeURIComponent("第二条")}`);
    await employee.locator(`[id="第二条"]`).waitFor();
    expect(await employee.locator(`[id="第二条"]`).textContent()).toContain("不超过四天");
    expect(await employee.getByTestId("policy-stale").textContent()).toContain("2026-01-31");

    // Second version: the preview shows the changed article; afterwards v1 is labelled superseded.
    await owner.goto(`${h.base}/policies/publish?policy=${POLICY_ID}`);
    await upload(owner, "远程办公管理办法（修订）.docx", await remoteWork("六天"));
    await owner.getByTestId("publish-review").fill("2027-12-31");
    await owner.getByTestId("publish-preview-changes").click();
    await owner.getByTestId("version-diff").waitFor();
    await expect.poll(() => owner.getByTestId("diff-changed").count()).toBe(1);
    expect(await owner.getByTestId("diff-changed").locator("ins").allTextContents()).toContain("六");
    await owner.getByTestId("publish-confirm").click();
    await owner.getByTestId("publish-done").waitFor();

    await employee.goto(`${h.base}/policies/${POLICY_ID}?v=1`);
    expect(await employee.getByTestId("policy-superseded").textContent()).toContain("已被 v2 取代");
    const unitLink = employee.getByTestId("unit-superseded").nth(1).locator("a");
    expect(await unitLink.getAttribute("href")).toBe(`/policies/${POLICY_ID}#${encodeURIComponent("第二条")}`);
    await employee.goto(`${h.base}/policies/${POLICY_ID}`);
    expect(await employee.getByTestId("policy-version").textContent()).toContain("v2");
    expect(await employee.getByTestId("policy-stale").count()).toBe(0);

    // The version history lists both with their files; the original downloads as an attachment.
    await employee.goto(`${h.base}/policies/${POLICY_ID}/versions`);
    await expect.poll(() => employee.getByTestId("version-list").locator("tbody tr").count()).toBe(2);
    const audit = await h.db.auditLog.count({ where: { action: "policy.publish", target: POLICY_ID } });
    expect(audit).toBe(2);
  });

  it("serves the original file only as a download, and refuses uploads that are cross-site, JSON or too large", async () => {
    const client = new HttpClient(h.base);
    expect((await client.signIn(policyOwner.email, TEST_PASSWORD)).status).toBe(200);
    // A policy of its own, published through the same two routes the form uses (no other test first).
    const ownId = `remote-work-file-${tag}`;
    const uploaded = await client.request("POST", "/api/policy-uploads", { body: (await remoteWork("两天")) as unknown as string, headers: { "content-type": "application/octet-stream", origin: h.base, "x-file-name": encodeURIComponent("远程办公管理办法.docx") } });
    expect(uploaded.status).toBe(201);
    const { uploadId } = (await uploaded.json()) as { uploadId: string };
    const publish = await client.request("POST", `/api/policy-uploads/${uploadId}/publish`, {
      body: JSON.stringify({ policyId: ownId, title: "远程办公管理办法", line: lineName, owner: ownerDeptName, effective: "2026-01-01" }),
      headers: { "content-type": "application/json", origin: h.base },
    });
    expect(publish.status, await publish.clone().text()).toBe(201);
    const file = await client.get(`/api/policies/${ownId}/versions/1/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;.*filename\*=UTF-8''%E8%BF%9C/);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    const bytes = await remoteWork("一天");
    const post = (headers: Record<string, string>, body: Buffer = bytes) => client.request("POST", "/api/policy-uploads", { body: body as unknown as string, headers });
    expect((await post({ "content-type": "application/octet-stream", origin: "https://evil.example", "x-file-name": "a.docx" })).status).toBe(403);
    expect((await post({ "content-type": "application/json", origin: h.base, "x-file-name": "a.docx" })).status).toBe(400);
    const big = await post({ "content-type": "application/octet-stream", origin: h.base, "x-file-name": "big.docx" }, Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(big.status).toBe(413);
    const ok = await post({ "content-type": "application/octet-stream", origin: h.base, "x-file-name": encodeURIComponent("远程办公.docx") });
    expect(ok.status).toBe(201);

    const employee = new HttpClient(h.base);
    expect((await employee.signIn(employeeUser.email, TEST_PASSWORD)).status).toBe(200);
    const refused = await employee.request("POST", "/api/policy-uploads", { body: bytes as unknown as string, headers: { "content-type": "application/octet-stream", origin: h.base, "x-file-name": "a.docx" } });
    expect(refused.status).toBe(403);
  });
});
