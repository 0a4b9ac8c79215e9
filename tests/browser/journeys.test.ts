// The two journeys the product exists for, in Chromium against the production build:
// search → reader (with hostile policy text), and ask → deflect / file → owner → handoff → resolve → rate.
// Everything is this file's own, named uniquely per run: the askers, a 条线 with its policy owner and two
// first-contact owners in the responsibility matrix, and the policy that owner published (about drones
// in the office park, a subject no other policy covers), so the question is routed to THIS 条线's people.
import { randomBytes } from "node:crypto";
import { beforeAll, inject, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { syncIndex } from "@/lib/search/sync-index";
import { signIn, untilSearchable, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makePolicy, makeStaffedLine, makeUser, publishPolicyAs, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const tag = randomBytes(3).toString("hex");

type U = Awaited<ReturnType<typeof makeUser>>;
let employee: U, employee2: U;
let securityLine: string, securityDept: string;
let staffed: Awaited<ReturnType<typeof makeStaffedLine>>;
let drones: { id: string; title: string };

// Long enough that 第十二条 starts below the fold of a 900-pixel window: opening its anchor must scroll.
const DRONE_ARTICLES = [
  "第一条　为规范园区内无人机的使用，保障员工人身与财产安全，制定本规定。",
  "第二条　本规定适用于公司全体员工，以及在园区内作业的外包与驻场人员。",
  "第三条　员工在园区内放飞无人机，须提前三个工作日向安全保卫部提交飞行申请，写明飞行时间、区域和用途。",
  "第四条　无人机飞行高度不得超过一百二十米，禁止在办公楼、食堂和停车场上空飞行。",
  "第五条　遇大风、雨雪、雾霾或夜间等不宜飞行的情形，已批准的飞行自动取消，须另行申请。",
  "第六条　操作无人机的员工应持有民航主管部门认可的操控资质证明，并在申请时一并提交复印件。",
  "第七条　用于拍摄的飞行，不得拍摄会议室、研发实验室和财务区域，拍摄内容须在七日内交安全保卫部备查。",
  "第八条　无人机发生坠落、碰撞或失控的，操作人应立即停止飞行，保护现场，并在一小时内报告安全保卫部。",
  "第九条　因违规飞行造成他人人身伤害或财产损失的，由操作人承担相应责任，公司保留追偿权利。",
  "第十条　个人所有的无人机进入园区，应在门岗登记型号与序列号，离开时核销登记。",
  "第十一条　公司所有的无人机由行政部统一编号管理，借用须经部门负责人签字并按期归还。",
  "第十二条　无人机锂电池应在安全保卫部指定的防爆充电柜内充电，严禁在工位或会议室充电、存放电池。",
  "第十三条　违反本规定的，由安全保卫部暂扣设备并通报其所在部门，情节严重的按员工奖惩办法处理。",
  "第十四条　本规定由安全保卫部负责解释，自发布之日起施行。",
];

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: `旅程测试部${tag}` });
  employee = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `员工甲${tag}` });
  employee2 = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `员工乙${tag}` });
  const owners = await makeDepartment(h.db, { name: `信息安全部${tag}` });
  securityDept = owners.name;
  securityLine = (await makeLine(h.db, { name: `信息安全${tag}`, policyOwnerDeptId: owners.id })).name;
  staffed = await makeStaffedLine(h.db, { tag, owners: 2, password: TEST_PASSWORD });
  drones = await publishPolicyAs(h.db, staffed.policyOwner, { line: staffed.line.name, owner: staffed.dept.name, title: `园区无人机飞行管理规定${tag}`, articles: DRONE_ARTICLES, policyId: `park-drones-${tag}` });
  await syncIndex(h.db, { prefix: inject("portalMeili").prefix, config: inject("portalMeili") });
  await untilSearchable(h.base, { email: staffed.policyOwner.email, password: TEST_PASSWORD }, [{ q: "无人机", policyId: drones.id }]);
});

async function asUser(who: U): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, who.email, TEST_PASSWORD);
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
    await page.locator("#q").fill("无人机电池在哪里充电");
    await page.waitForURL(/[?&]q=/);
    // The page answers with results or with "nothing found": wait for either, then require results
    // (this once failed when the page's bundle held its own, older copy of the corpus: lib/search/corpus.ts).
    await page.locator('[data-testid="search-results"], [data-testid="search-empty"]').first().waitFor();
    expect(await page.getByTestId("search-empty").count(), "the search found nothing").toBe(0);
    const first = page.getByTestId("search-results").locator("li a").first();
    await first.waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("无人机电池在哪里充电");
    const href = (await page.getByTestId("search-results").locator("li ul a").first().getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^/policies/${drones.id}\\?.*#%E7%AC%AC%E5%8D%81%E4%BA%8C%E6%9D%A1$`)); // #第十二条
    await page.goto(`${h.base}${href}`);
    const anchor = decodeURIComponent(href.split("#")[1]!);
    // Below the fold until the browser scrolls to the anchor.
    await page.waitForFunction((id) => {
      const el = document.getElementById(id);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, anchor);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // The click and the view were logged (after the page was served, off the request path).
    await expect.poll(() => h.db.searchClick.count({ where: { policyId: drones.id, userId: employee.id } })).toBeGreaterThan(0);
  });

  it("shows a policy containing <img onerror> as text, in results and in the reader, and runs no script", async () => {
    const payload = `<img src=x onerror=alert(1)> "><svg onload=alert(2)> [点我](javascript:alert(3)) 钓\u200b鱼\u202e邮件`;
    const policy = await makePolicy(h.db, {
      id: `xss-drill-${tag}`,
      title: "钓鱼邮件防范提示",
      lineName: securityLine,
      ownerName: securityDept,
      body: `# 钓鱼邮件防范提示\n\n#### 第一条\n\n钓鱼邮件常含 ${payload} 这样的内容。\n`,
    });
    await syncIndex(h.db, { prefix: inject("portalMeili").prefix, config: inject("portalMeili") });
    const page = await asUser(employee);
    const dialogs = countDialogs(page);
    await page.goto(`${h.base}/search?q=${encodeURIComponent("钓鱼邮件防范")}`);
    await page.getByTestId("search-results").waitFor();
    await page.goto(`${h.base}/policies/${policy.id}`);
    await expect(page.locator("article").innerText()).resolves.toContain("<img src=x onerror=alert(1)>");
    // An onerror handler would have run by the time the page has loaded everything it asked for.
    await page.waitForLoadState("networkidle");
    expect(await page.locator("article img, article svg").count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs.count).toBe(0);
  });
});

describe("ask first, then the 首问 journey", () => {
  it("employee 1 is deflected; employee 2 files; the owner is blocked, hands off; the receiver resolves; counted as ignored; rated", { timeout: 180_000 }, async () => {
    // 1. A suggestion from this file's policy solves the first employee's question.
    const e1 = await asUser(employee);
    await e1.goto(`${h.base}/ask`);
    await e1.locator("#question").fill("园区里放无人机要提前几天申请");
    const ours = e1.getByTestId("suggestions").locator("li").filter({ hasText: drones.title }).first();
    await ours.waitFor();
    await ours.getByTestId("solved").click();
    await e1.getByTestId("deflected").waitFor();
    expect(await h.db.askSession.count({ where: { userId: employee.id, outcome: "CONFIRMED_DEFLECTION" } })).toBe(1);

    // 2. The second employee sees suggestions, opens none, and files anyway: the 条线 offered is the
    // one of the best suggestion, this file's.
    const e2 = await asUser(employee2);
    await e2.goto(`${h.base}/ask`);
    await e2.locator("#question").fill("无人机可以在食堂上空飞吗");
    await e2.getByTestId("suggestions").locator("li").filter({ hasText: drones.title }).first().waitFor();
    await e2.getByTestId("need-human").click();
    await e2.getByTestId("filing-form").waitFor();
    await expect.poll(() => e2.locator("#f-line").inputValue()).toBe(staffed.line.id);
    await e2.getByTestId("file-submit").click();
    await e2.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    const questionId = e2.url().split("/").pop()!;
    const filed = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { suggestions: { orderBy: { rank: "asc" } } } });
    expect(filed.lineId).toBe(staffed.line.id);
    expect(filed.suggestions.length).toBeGreaterThan(0);
    expect(filed.suggestions[0]!.policyId).toBe(drones.id);
    expect(filed.suggestions.every((s) => s.openedAt === null)).toBe(true);
    // Routed to one of this 条线's two first-contact owners; the other receives the handoff.
    const owner = staffed.owners.find((o) => o.id === filed.ownerId);
    expect(owner, "routed to a first-contact owner of this file's 条线").toBeDefined();
    const receiver = staffed.owners.find((o) => o.id !== filed.ownerId)!;

    // 3. The owner tries a brush-off: blocked, with a reason and a proposed wording.
    const op = await asUser(owner!);
    await op.goto(`${h.base}/questions/${questionId}`);
    await op.locator("#reply-body").fill("这个不归我管");
    await op.getByTestId("reply-form").locator("button[type=submit]").click();
    const blocked = op.getByTestId("reply-form-error");
    await expect.poll(() => blocked.innerText()).toMatch(/服务忌语[\s\S]*建议改为/);
    expect(await h.db.reply.count({ where: { questionId } })).toBe(0);

    // 4. …and hands off with a 交接说明.
    await op.getByTestId("tab-handoff").click(); // one composer: the action is chosen, not scrolled to
    await op.locator("#handoff-to").selectOption(`u:${receiver.id}`);
    await op.locator("#note-done").fill("已核对园区无人机飞行管理规定");
    await op.locator("#note-pending").fill("需确认食堂上空是否有临时许可");
    await op.locator("#note-promised").fill("本周内答复提问人");
    await op.getByTestId("handoff-form").locator("button[type=submit]").click();
    await op.getByText("转交待对方接收").waitFor();

    // 5. The receiver accepts and resolves, citing the clause the asker had been shown and not opened.
    const rc = await asUser(receiver);
    await rc.goto(`${h.base}/questions/${questionId}`);
    await rc.getByTestId("accept-form").locator("button[type=submit]").click();
    await rc.getByTestId("tab-resolve").click();
    await rc.getByTestId("resolve-form").waitFor();
    await expect.poll(() => rc.getByTestId("question-owner").innerText()).toBe(receiver.name);
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
    await expect.poll(() => e2.getByTestId("question-owner").innerText()).toBe(receiver.name);
    await expect.poll(() => e2.getByTestId("resolution").innerText()).toContain("看到了但没有打开");
    await e2.getByTestId("rate-form").locator('input[name="score"][value="5"]').check();
    await e2.getByTestId("rate-form").locator("button[type=submit]").click();
    await e2.getByTestId("rate-form").waitFor({ state: "detached" });
    const rated = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, include: { rating: true, events: { orderBy: { id: "asc" } } } });
    expect(rated.rating?.score).toBe(5);
    expect(rated.events.map((e) => e.type)).toEqual(["ASKED", "ROUTED", "BRUSH_OFF_BLOCKED", "HANDOFF_REQUESTED", "HANDOFF_ACCEPTED", "RESOLVED", "RATED"]);
  });
});
