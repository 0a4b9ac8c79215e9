// The two journeys the product exists for, in Chromium against the production build:
// search → reader (with hostile policy text), and ask → deflect / file → owner → handoff → resolve → rate.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, inject, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { importPolicies } from "@/lib/content/import-policies";
import { DEMO_PASSWORD, demoEmail } from "@/lib/seed/demo";
import { syncIndex } from "@/lib/search/sync-index";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const tag = randomBytes(3).toString("hex");

// The askers are this file's own; the journey's owners are still the demo HR 条线's (the question is
// routed by the demo corpus's classifier to that 条线).
type U = Awaited<ReturnType<typeof makeUser>>;
let employee: U, employee2: U;
let securityLine: string, securityDept: string;

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: `旅程测试部${tag}` });
  employee = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `员工甲${tag}` });
  employee2 = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `员工乙${tag}` });
  const owners = await makeDepartment(h.db, { name: `信息安全部${tag}` });
  securityDept = owners.name;
  securityLine = (await makeLine(h.db, { name: `信息安全${tag}`, policyOwnerDeptId: owners.id })).name;
});

async function asUser(who: string | U): Promise<Page> {
  const { page } = await h.newPage();
  if (typeof who === "string") await signIn(page, h.base, demoEmail(who), DEMO_PASSWORD);
  else await signIn(page, h.base, who.email, TEST_PASSWORD);
  return page;
}

function countDialogs(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("dialog", (d) => {
    seen.count++;
    void d.dismiss();
  });
  return seen;
}

describe("search and the policy reader", () => {
  it("instant search is URL-synced and opens the clause at its anchor", async () => {
    const page = await asUser(employee);
    await page.goto(`${h.base}/search`);
    await page.locator("#q").fill("出差住酒店的标准");
    await page.waitForURL(/[?&]q=/);
    const first = page.getByTestId("search-results").locator("li a").first();
    await first.waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("出差住酒店的标准");
    const href = (await page.getByTestId("search-results").locator("li ul a").first().getAttribute("href"))!;
    expect(href).toMatch(/^\/policies\/travel-expense-reimbursement\?.*#/);
    await page.goto(`${h.base}${href}`);
    const anchor = decodeURIComponent(href.split("#")[1]!);
    const inView = await page.evaluate((id) => {
      const el = document.getElementById(id);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, anchor);
    expect(inView).toBe(true);
    // The click and the view were logged.
    expect(await h.db.searchClick.count({ where: { policyId: "travel-expense-reimbursement" } })).toBeGreaterThan(0);
  });

  it("shows a policy containing <img onerror> as text, in results and in the reader, and runs no script", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "shouwen-xss-"));
    try {
      const payload = `<img src=x onerror=alert(1)> "><svg onload=alert(2)> [点我](javascript:alert(3)) 钓\u200b鱼\u202e邮件`;
      const policyId = `xss-drill-${tag}`;
      writeFileSync(
        path.join(dir, `${policyId}.md`),
        `---\nid: "${policyId}"\ntitle: "钓鱼邮件防范提示"\nline: "${securityLine}"\nowner: "${securityDept}"\nsource: "测试"\neffective: "2025-01-01"\n---\n# 钓鱼邮件防范提示\n\n#### 第一条\n\n钓鱼邮件常含 ${payload} 这样的内容。\n`,
      );
      const report = await importPolicies(h.db, dir);
      expect(report.failed).toEqual([]);
      await syncIndex(h.db, { prefix: inject("portalMeili").prefix, config: inject("portalMeili") });
      const page = await asUser(employee);
      const dialogs = countDialogs(page);
      await page.goto(`${h.base}/search?q=${encodeURIComponent("钓鱼邮件防范")}`);
      await page.getByTestId("search-results").waitFor();
      await page.goto(`${h.base}/policies/${policyId}`);
      await expect(page.locator("article").innerText()).resolves.toContain("<img src=x onerror=alert(1)>");
      // An onerror handler would have run by the time the page has loaded everything it asked for.
      await page.waitForLoadState("networkidle");
      expect(await page.locator("article img, article svg").count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(dialogs.count).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ask first, then the 首问 journey", () => {
  it("employee 1 is deflected; employee 2 files; the owner is blocked, hands off; the receiver resolves; counted as ignored; rated", { timeout: 180_000 }, async () => {
    // 1. A suggestion solves the first employee's question.
    const e1 = await asUser(employee);
    await e1.goto(`${h.base}/ask`);
    await e1.locator("#question").fill("我今年能休几天年假");
    await e1.getByTestId("suggestions").waitFor();
    await e1.getByTestId("solved").first().click();
    await e1.getByTestId("deflected").waitFor();
    const e1User = employee;
    expect(await h.db.askSession.count({ where: { userId: e1User.id, outcome: "CONFIRMED_DEFLECTION" } })).toBe(1);

    // 2. The second employee sees suggestions, opens none, and files anyway.
    const e2 = await asUser(employee2);
    await e2.goto(`${h.base}/ask`);
    await e2.locator("#question").fill("年假没休完可以留到明年吗");
    await e2.getByTestId("suggestions").waitFor();
    await e2.getByTestId("need-human").click();
    await e2.getByTestId("filing-form").waitFor();
    await e2.getByTestId("file-submit").click();
    await e2.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    const questionId = e2.url().split("/").pop()!;
    const filed = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { owner: true, line: true, suggestions: { orderBy: { rank: "asc" } } } });
    expect(filed.line.name).toBe("人力资源");
    expect(filed.suggestions.length).toBeGreaterThan(0);
    expect(filed.suggestions.every((s) => s.openedAt === null)).toBe(true);
    const ownerKey = filed.owner!.email.split("@")[0]!;
    expect(["owner.hr", "owner.hr2"]).toContain(ownerKey);
    const receiverKey = ownerKey === "owner.hr" ? "owner.hr2" : "owner.hr";

    // 3. The owner tries a brush-off: blocked, with a reason and a proposed wording.
    const owner = await asUser(ownerKey);
    await owner.goto(`${h.base}/questions/${questionId}`);
    await owner.locator("#reply-body").fill("这个不归我管");
    await owner.getByTestId("reply-form").locator("button[type=submit]").click();
    const blocked = owner.getByTestId("reply-form-error");
    await blocked.waitFor();
    expect(await blocked.innerText()).toMatch(/服务忌语[\s\S]*建议改为/);
    expect(await h.db.reply.count({ where: { questionId } })).toBe(0);

    // 4. …and hands off with a 交接说明.
    const receiver = await h.db.user.findUniqueOrThrow({ where: { email: demoEmail(receiverKey) } });
    await owner.getByTestId("tab-handoff").click(); // one composer: the action is chosen, not scrolled to
    await owner.locator("#handoff-to").selectOption(`u:${receiver.id}`);
    await owner.locator("#note-done").fill("已核对考勤与休假制度");
    await owner.locator("#note-pending").fill("需确认年假结转的审批口径");
    await owner.locator("#note-promised").fill("本周内答复提问人");
    await owner.getByTestId("handoff-form").locator("button[type=submit]").click();
    await owner.getByText("转交待对方接收").waitFor();

    // 5. The receiver accepts and resolves, citing the clause the asker had been shown and not opened.
    const rc = await asUser(receiverKey);
    await rc.goto(`${h.base}/questions/${questionId}`);
    await rc.getByTestId("accept-form").locator("button[type=submit]").click();
    await rc.getByTestId("tab-resolve").click();
    await rc.getByTestId("resolve-form").waitFor();
    expect(await rc.getByTestId("question-owner").innerText()).toBe(receiver.name);
    await rc.getByTestId("resolve-form").locator('input[value="EXISTING_POLICY"]').check();
    await rc.getByTestId("resolve-form").locator('input[name="rcite"]').first().check();
    await rc.getByTestId("resolve-form").locator("button[type=submit]").click();
    await rc.getByTestId("resolution").waitFor();
    const resolved = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { citations: true } });
    expect(resolved.resolutionKind).toBe("EXISTING_POLICY");
    expect(resolved.answerExposure).toBe("IGNORED");
    expect(resolved.citations.map((c) => c.sectionId)).toContain(filed.suggestions[0]!.sectionId);

    // 6. The asker sees who owns it and rates it.
    await e2.reload();
    expect(await e2.getByTestId("question-owner").innerText()).toBe(receiver.name);
    expect(await e2.getByTestId("resolution").innerText()).toContain("看到了但没有打开");
    await e2.getByTestId("rate-form").locator('input[name="score"][value="5"]').check();
    await e2.getByTestId("rate-form").locator("button[type=submit]").click();
    await e2.getByTestId("rate-form").waitFor({ state: "detached" });
    const rated = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { rating: true, events: { orderBy: { id: "asc" } } } });
    expect(rated.rating?.score).toBe(5);
    expect(rated.events.map((e) => e.type)).toEqual(["ASKED", "ROUTED", "BRUSH_OFF_BLOCKED", "HANDOFF_REQUESTED", "HANDOFF_ACCEPTED", "RESOLVED", "RATED"]);
  });
});
