// 常见问法 in the browser (issue 20 point 3): the owner of a policy sees each unit's wordings in the reader
// (a learned one included), adds one through the validated form, and removes it; an employee finds the
// unit by the added wording and no longer after the removal, and never sees the wordings themselves.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { recordPhrasingSignal } from "@/lib/search/phrasings/record-phrasing-signal";
import { signIn, useBrowser } from "../helpers/browser";
import { makeDepartment, makeLine, makeUser, TEST_PASSWORD } from "../helpers/factories";

const h = useBrowser();
const RUN = randomBytes(3).toString("hex");
const POLICY_ID = `phrasing-${RUN}`;
const LABEL = "第二条";
// Wordings no policy text contains (company slang), unique to this run.
const LEARNED = "青柠卡丢了怎么补";
const ADDED = `橘子工位牌${RUN}坏了找谁`;
const PROBE = `橘子工位牌${RUN}`;
// A shared 2-core machine: a page update after a write may take a few seconds.
const UI = { timeout: 10_000 };

let owner: { email: string };
let employee: { email: string };

async function as(user: { email: string }): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, user.email, TEST_PASSWORD);
  return page;
}

/** Whether an employee's search lists the unit (the portal re-reads its corpus within a few seconds). */
async function findsUnit(page: Page, q: string): Promise<boolean> {
  await page.goto(`${h.base}/search?q=${encodeURIComponent(q)}`);
  await page.locator("main").waitFor();
  return (await page.locator(`a[href^="/policies/${POLICY_ID}?"][href$="#${encodeURIComponent(LABEL)}"]`).count()) > 0;
}

beforeAll(async () => {
  const db = h.db;
  const dept = await makeDepartment(db, { name: `行政部${RUN}` });
  owner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id, password: TEST_PASSWORD, name: `制度人${RUN}` });
  employee = await makeUser(db, { password: TEST_PASSWORD, name: `员工${RUN}` });
  const asker = await makeUser(db);
  const line = await makeLine(db, { name: `门禁条线${RUN}`, policyOwnerDeptId: dept.id });
  await db.policy.create({ data: { id: POLICY_ID, title: "员工标识管理规定", lineId: line.id, ownerName: `行政部${RUN}` } });
  const v = await db.policyVersion.create({ data: { policyId: POLICY_ID, version: 1, checksum: RUN, title: "员工标识管理规定", markdown: "" } });
  await db.policySection.create({ data: { versionId: v.id, policyId: POLICY_ID, ordinal: 0, label: "第一条", heading: "第一条", text: "员工应当爱护办公设施。" } });
  await db.policySection.create({ data: { versionId: v.id, policyId: POLICY_ID, ordinal: 1, label: LABEL, heading: LABEL, text: "员工身份标识遗失或者损坏的，向行政部申请补办。" } });
  await db.policy.update({ where: { id: POLICY_ID }, data: { currentVersionId: v.id } });
  // A wording learned from a resolution, as resolveQuestion records it.
  await recordPhrasingSignal(db, { policyId: POLICY_ID, label: LABEL, text: LEARNED, userId: asker.id, source: "RESOLUTION", now: new Date() });
});

describe("常见问法 in the policy reader", () => {
  it("the owner adds one (validated), an employee finds the unit by it, the owner removes it and the effect goes", async () => {
    const reader = await as(employee);
    expect(await findsUnit(reader, PROBE)).toBe(false);
    const page = await as(owner);
    await page.goto(`${h.base}/policies/${POLICY_ID}`);
    const box = page.getByTestId(`phrasings-${encodeURIComponent(LABEL)}`);
    await box.locator("summary").click();
    await expect.poll(() => box.getByTestId("phrasing").allTextContents(), UI).toEqual([expect.stringContaining(LEARNED)]);
    expect(await box.getByTestId("phrasing").textContent()).toContain("办结引用");

    // Nothing but punctuation: refused with the field's reason, nothing stored.
    const form = box.getByTestId(`add-phrasing-${encodeURIComponent(LABEL)}`);
    const input = form.getByLabel(/第二条 的新常见问法/);
    await input.fill("？？");
    await form.getByRole("button", { name: "添加" }).click();
    await expect.poll(() => form.getByRole("alert").textContent(), UI).toContain("至少要有两个文字或数字");
    expect(await h.db.unitPhrasing.count({ where: { policyId: POLICY_ID, source: "OWNER" } })).toBe(0);

    await input.fill(ADDED);
    await form.getByRole("button", { name: "添加" }).click();
    await expect.poll(() => box.getByTestId("phrasing").count(), UI).toBe(2);
    expect(await box.getByTestId("phrasing").allTextContents()).toContainEqual(expect.stringContaining("负责人添加"));
    const added = await h.db.unitPhrasing.findFirstOrThrow({ where: { policyId: POLICY_ID, text: ADDED } });
    expect(added).toMatchObject({ source: "OWNER", removedAt: null });

    await expect.poll(() => findsUnit(reader, PROBE), { timeout: 15_000 }).toBe(true);
    // The owner's insights page lists it among the newly learned or added wordings.
    const insights = await as(owner);
    await insights.goto(`${h.base}/insights/policies`);
    expect(await insights.getByTestId("recent-phrasings").textContent()).toContain(ADDED);
    // Employees never see the wordings or the form.
    await reader.goto(`${h.base}/policies/${POLICY_ID}`);
    await reader.locator(`[id="${LABEL}"]`).waitFor();
    expect(await reader.getByTestId(`phrasings-${encodeURIComponent(LABEL)}`).count()).toBe(0);

    await page.getByRole("button", { name: `删除常见问法“${ADDED}”` }).click();
    await expect.poll(() => box.getByTestId("phrasing").count(), UI).toBe(1);
    expect((await h.db.unitPhrasing.findUniqueOrThrow({ where: { id: added.id } })).removedAt).not.toBeNull();
    await expect.poll(() => findsUnit(reader, PROBE), { timeout: 15_000 }).toBe(false);

    // The learned one goes the same way; the keyboard reaches the button.
    await page.getByRole("button", { name: `删除常见问法“${LEARNED}”` }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => box.getByTestId("phrasing").count(), UI).toBe(0);
    expect(await h.db.unitPhrasing.count({ where: { policyId: POLICY_ID, removedAt: null } })).toBe(0);
  });
});
