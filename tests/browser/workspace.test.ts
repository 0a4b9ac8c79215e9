// The asker's view of where a question stands and the owner's workspace, in Chromium (issue 18 points
// 4 and 6): the deadline sentence before and after filing, why this owner, the asker's contact for the
// owner only, a clause search beyond the asker's suggestions with preview and one-click citation, a
// saved reply with placeholders, keyboard shortcuts, and the page on a phone. The 条线, its one
// first-contact owner and the two policies the asker and the owner find are this file's (subjects no
// other policy covers: pets in the office, the plants in the corridors).
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn, untilSearchable, useBrowser } from "../helpers/browser";
import { makeDepartment, makeStaffedLine, makeUser, publishPolicyAs, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U, owner: U;
let line: { id: string; name: string };
let pets: { id: string; title: string };
const tag = randomBytes(3).toString("hex");
let questionId = "";

const SENTENCE = /预计 (\d{1,2} 月 \d{1,2} 日 )?\d{2}:\d{2} 前首次答复，\d{1,2} 月 \d{1,2} 日前办结/;

async function as(u: U, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const { page } = await h.newPage({ viewport });
  await signIn(page, h.base, u.email, TEST_PASSWORD);
  return page;
}

beforeAll(async () => {
  const dept = await makeDepartment(h.db, { name: `工作台测试部 ${Date.now()}` });
  asker = await makeUser(h.db, { password: TEST_PASSWORD, departmentId: dept.id, name: `提问人${Date.now() % 100000}` });
  await h.db.user.update({ where: { id: asker.id }, data: { phone: "13900000077", im: "asker-im-77" } });
  const staffed = await makeStaffedLine(h.db, { tag, owners: 1, password: TEST_PASSWORD });
  [owner] = staffed.owners as [U];
  line = staffed.line;
  const publish = (title: string, articles: string[]) => publishPolicyAs(h.db, staffed.policyOwner, { line: line.name, owner: staffed.dept.name, title: `${title}${tag}`, articles });
  pets = await publish("办公区宠物管理规定", [
    "第一条　为规范员工携带宠物进入办公区，制定本规定。",
    "第二条　员工每周五可携带宠物进入办公区，须提前在行政系统登记宠物的品种和数量。",
    "第三条　携带宠物的员工须出示有效期内的狂犬疫苗接种证明。",
    "第四条　宠物不得进入会议室和食堂，须全程牵引或装笼。",
  ]);
  const plants = await publish("走廊绿植养护办法", [
    "第一条　前台和走廊的绿植由行政部每周三浇水、修剪。",
    "第二条　绿植枯萎或生虫的，拨打行政服务热线申请更换绿植。",
  ]);
  await untilSearchable(h.base, { email: staffed.policyOwner.email, password: TEST_PASSWORD }, [
    { q: "宠物", policyId: pets.id },
    { q: "绿植", policyId: plants.id },
  ]);
});

afterAll(async () => {
  // Our owner leaves routing to the files after this one.
  await h.db.user.updateMany({ where: { id: { in: [asker, owner].filter(Boolean).map((u) => u.id) } }, data: { disabledAt: new Date() } });
});

describe("where a question stands, for the asker", () => {
  it("shows the deadlines before filing and after, why this owner, and no contact details", async () => {
    const page = await as(asker);
    await page.goto(`${h.base}/ask`);
    await page.locator("#question").fill("周五可以带宠物来办公区吗");
    await page.getByTestId("suggestions").locator("li").filter({ hasText: pets.title }).first().waitFor();
    await page.getByTestId("need-human").click();
    await page.getByTestId("filing-form").waitFor();
    await page.locator("#f-line").selectOption(line.id);
    await expect.poll(() => page.getByTestId("deadline-preview").innerText()).toMatch(SENTENCE);
    await page.getByTestId("file-submit").click();
    await page.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    questionId = page.url().split("/").pop()!;

    expect(await page.getByTestId("deadline-sentence").innerText()).toMatch(SENTENCE);
    expect(await page.getByTestId("question-owner").innerText()).toBe(owner.name);
    expect(await page.getByTestId("question-level").innerText()).toBe("首问责任人处理中");
    await page.getByText("为什么是他").click();
    expect(await page.getByTestId("owner-reason").innerText()).toContain("只有这一位首问责任人");
    expect(await page.getByTestId("owner-changes").innerText()).toContain(`分派给 ${owner.name}`);
    expect(await page.getByTestId("asker-contact").count()).toBe(0);
    expect(await page.getByTestId("composer").count()).toBe(0);
    await page.context().close();
  });
});

describe("the owner workspace", () => {
  it("searches a clause outside the asker's suggestions, previews and cites it, inserts a saved reply and replies by keyboard", async () => {
    expect(questionId).not.toBe("");
    const suggested = (await h.db.questionSuggestion.findMany({ where: { questionId }, select: { sectionId: true } })).map((s) => s.sectionId);
    expect(suggested.length).toBeGreaterThan(0);
    const q = await h.db.question.findUniqueOrThrow({ where: { id: questionId }, select: { number: true } });

    const page = await as(owner);
    await page.goto(`${h.base}/questions/${questionId}`);
    // The asker as the owner sees them: the registered contact, and why the question is theirs.
    const contact = await page.getByTestId("asker-contact").innerText();
    expect(contact).toContain(asker.email);
    expect(contact).toContain("13900000077");
    expect(await page.getByTestId("owner-reason").innerText()).toContain("只有这一位首问责任人");

    // "/" jumps to the clause search; search for something the asker was not shown.
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("clause-search-q");
    await page.keyboard.type("绿植浇水");
    await page.keyboard.press("Enter");
    await page.getByTestId("clause-hits").waitFor();
    const ids = await page.getByTestId("clause-hits").getByTestId("clause-hit").evaluateAll((els) => els.map((e) => e.getAttribute("data-section-id")!));
    const target = ids.find((id) => !suggested.includes(id));
    expect(target, "a hit outside the asker's suggestions").toBeTruthy();
    const row = page.locator(`[data-testid="clause-hits"] [data-section-id="${target}"]`);
    await row.getByRole("button", { name: "预览" }).click();
    await page.getByTestId("clause-preview").getByRole("button", { name: "关闭预览" }).waitFor();
    await expect.poll(async () => (await page.getByTestId("clause-preview").innerText()).length).toBeGreaterThan(20);
    await page.keyboard.press("Escape");
    await page.getByTestId("clause-preview").waitFor({ state: "detached" });
    await row.getByRole("button", { name: "引用" }).click();
    await expect.poll(() => page.getByTestId("reply-form").locator(`input[name="cite"][value="${target}"]`).isChecked()).toBe(true);

    // A saved reply with placeholders, saved from the composer and inserted filled.
    await page.getByText("保存为常用答复").click();
    await page.locator("#saved-title").fill("年假结转");
    await page.locator("#saved-body").fill("{提问人}您好，关于{问题编号}：");
    await page.getByTestId("saved-reply-form").getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存").waitFor();
    await page.locator("#saved-reply-pick").selectOption({ label: "我的 · 年假结转" });
    await page.getByTestId("saved-reply-insert").click();
    const number = `Q-${String(q.number).padStart(6, "0")}`;
    await expect.poll(() => page.locator("#reply-body").inputValue()).toBe(`${asker.name}您好，关于${number}：`);
    await page.keyboard.type("年假可按所引条款结转，我已替你确认。");
    await page.keyboard.press("Control+Enter");
    await page.getByTestId("reply").first().waitFor();

    const reply = await h.db.reply.findFirstOrThrow({ where: { questionId }, include: { citations: true } });
    expect(reply.body).toBe(`${asker.name}您好，关于${number}：年假可按所引条款结转，我已替你确认。`);
    expect(reply.citations.map((c) => c.sectionId)).toEqual([target]);

    // Alt+4 opens the resolve action and puts the focus in it.
    await page.keyboard.press("Alt+Digit4");
    await page.getByTestId("resolve-form").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[role=tabpanel]")?.querySelector("[data-testid=resolve-form]") !== null)).toBe(true);
    await page.getByTestId("reply-form").waitFor({ state: "hidden" });
    await page.context().close();
  });

  it("stacks the side panel under the thread on a phone, with nothing wider than the screen", async () => {
    expect(questionId).not.toBe("");
    const page = await as(owner, { width: 390, height: 844 });
    await page.goto(`${h.base}/questions/${questionId}`);
    await page.getByTestId("composer").waitFor();
    const composer = (await page.getByTestId("composer").boundingBox())!;
    const search = (await page.getByTestId("clause-search").boundingBox())!;
    expect(search.y).toBeGreaterThan(composer.y + composer.height - 1);
    expect(search.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const dir = path.resolve("test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, "workspace-mobile.png"), fullPage: true });
    await page.context().close();
  });
});
