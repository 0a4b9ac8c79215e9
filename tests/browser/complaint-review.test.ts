// Journey (a) of issue 18 in Chromium: a complaint is filed → the owner cannot see it (question page,
// complaint API, notification mail through the local mail receiver, ledger CSV) → the reviewer (the
// owner's manager) upholds it from /reviews → the asker is told → the owner sees the outcome and the
// reason → the owner's scorecard counts it. And two reviewers deciding at once over HTTP: 200 and 409.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createEmailSender, smtpTransporter } from "@/lib/notify/email";
import { renderNotification } from "@/lib/notify/render-notification";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { signIn, useBrowser } from "../helpers/browser";
import { parseCsv } from "../helpers/csv";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";
import { startSmtpReceiver, type SmtpReceiver } from "../helpers/receivers";

const h = useBrowser();
const RUN = randomUUID().slice(0, 6);
const REASON = `答复敷衍，三天没人理 ${RUN}`;
const DECISION = `首次答复超时且未给出依据，投诉成立 ${RUN}`;
type U = Awaited<ReturnType<typeof makeUser>>;
let manager: U, owner: U, asker: U, admin: U;
let line: { id: string; name: string };
let smtp: SmtpReceiver;

async function as(u: U): Promise<Page> {
  const { page } = await h.newPage();
  await signIn(page, h.base, u.email, TEST_PASSWORD);
  return page;
}
async function client(u: U): Promise<HttpClient> {
  const c = new HttpClient(h.base);
  expect((await c.signIn(u.email, TEST_PASSWORD)).status).toBe(200);
  return c;
}
const postJson = (c: HttpClient, path: string, body: unknown) =>
  c.request("POST", path, { body: JSON.stringify(body), headers: { "content-type": "application/json", origin: h.base } });

async function fileFor(u: U, body: string) {
  const askSessionId = (await makeSearchedAskSession(h.db, u.id)).id;
  return fileQuestion(ctxOf(h.db, u), { askSessionId, idempotencyKey: randomUUID(), body, lineId: line.id, contactName: u.name });
}

/** Sends the user's e-mail notifications about the question through the local mail receiver, as the worker would. */
async function mailsTo(u: U, questionId: string) {
  const sender = createEmailSender({ transporter: smtpTransporter(smtp.url, 3_000), from: "首问 Shouwen <noreply@shouwen.local>" });
  const rows = await h.db.notification.findMany({
    where: { channel: "EMAIL", questionId, userId: u.id },
    include: { question: { select: { id: true, number: true, line: { select: { name: true } } } } },
  });
  const before = smtp.mails.length;
  for (const r of rows) {
    const message = renderNotification({ kind: r.kind, payload: r.payload, question: { id: r.question!.id, number: r.question!.number, lineName: r.question!.line.name }, portalUrl: h.base });
    await sender.send(u.email, message, `${r.id}-${RUN}`);
  }
  await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(before + rows.length);
  return { kinds: rows.map((r) => r.kind).sort(), mails: smtp.mails.slice(before) };
}

/** The 投诉 cell of one question's row in the ledger CSV, downloaded over HTTP. */
async function ledgerComplaintCell(c: HttpClient, number: number): Promise<string> {
  const res = await c.get("/api/ledger?format=csv");
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
  const row = rows.find((r) => r[0] === `Q-${String(number).padStart(6, "0")}`);
  expect(row, "the question is in the ledger").toBeDefined();
  return row![header!.indexOf("投诉")]!;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  const db = h.db;
  manager = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], password: TEST_PASSWORD, name: `复核经理${RUN}` });
  const dept = await makeDepartment(db, { managerId: manager.id });
  // The owner also manages a small team, so they can export the ledger of questions they handled.
  owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "MANAGER"], departmentId: dept.id, password: TEST_PASSWORD, name: `首问人${RUN}` });
  const team = await makeDepartment(db, { parentId: dept.id, managerId: owner.id });
  await db.user.update({ where: { id: owner.id }, data: { departmentId: team.id } });
  asker = await makeUser(db, { departmentId: team.id, password: TEST_PASSWORD, name: `提问人${RUN}` });
  admin = await makeUser(db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD, name: `管理员${RUN}` });
  line = await makeLine(db, { ownerIds: [owner.id] });
}, 60_000);

afterAll(async () => {
  await smtp?.close();
});

describe("journey (a): complaint → hidden from the owner → upheld → everyone told → scorecard", () => {
  it("runs end to end in Chromium", { timeout: 240_000 }, async () => {
    const q = await fileFor(asker, `出差住宿超标怎么报销？${RUN}`);
    const plain = await fileFor(asker, `年假可以跨年使用吗？${RUN}`); // the owner's row without a complaint
    const number = q.number;

    // 1. The asker files the complaint on the question page.
    const askerPage = await as(asker);
    await askerPage.goto(`${h.base}/questions/${q.id}`);
    await askerPage.getByText("投诉", { exact: true }).click();
    await askerPage.locator("#complain-reason").fill(REASON);
    await askerPage.getByTestId("complain-form").getByRole("button").click();
    await expect.poll(() => askerPage.getByTestId("complaint-status").first().textContent(), { timeout: 15_000 }).toBe("待复核");
    const complaint = await h.db.complaint.findFirstOrThrow({ where: { questionId: q.id } });
    expect(complaint.reviewerId).toBe(manager.id);

    // 2. The owner sees nothing: page (no panel, no event, no name), complaint API (404), mail, ledger CSV.
    const ownerPage = await as(owner);
    await ownerPage.goto(`${h.base}/questions/${q.id}`);
    await ownerPage.getByTestId("thread").waitFor();
    expect(await ownerPage.getByTestId("complaint-panel").count()).toBe(0);
    const ownerText = await ownerPage.locator("main").innerText();
    expect(ownerText).not.toContain(REASON);
    expect(await ownerPage.getByTestId("thread").innerText()).not.toContain("投诉");
    expect(await ownerPage.getByTestId("nav-reviews").count()).toBe(0);
    const ownerC = await client(owner);
    const refused = await postJson(ownerC, `/api/complaints/${complaint.id}/decide`, { outcome: "REJECTED", reason: "我认为答复没有问题" });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(REASON);
    const ownerMail = await mailsTo(owner, q.id);
    expect(ownerMail.kinds.filter((k) => k.startsWith("complaint."))).toEqual([]);
    for (const m of ownerMail.mails) expect(`${m.subject}\n${m.text}`).not.toMatch(/投诉|复核/);
    const noFlag = await ledgerComplaintCell(ownerC, plain.number);
    expect(await ledgerComplaintCell(ownerC, number)).toBe(noFlag);
    const managerC = await client(manager);
    expect(await ledgerComplaintCell(managerC, number)).not.toBe(noFlag);

    // 3. The reviewer has the link in the navigation, the complaint with its time limit, and upholds it.
    const reviewerPage = await as(manager);
    await reviewerPage.getByTestId("nav-reviews").first().click();
    await reviewerPage.waitForURL(/\/reviews$/);
    const item = reviewerPage.getByTestId("review-item").filter({ hasText: REASON });
    await item.waitFor();
    expect(await item.getByTestId("review-due").innerText()).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    // A reason that is too short is refused with the field named; nothing is decided.
    await item.getByTestId("outcome-upheld").check();
    await item.getByLabel("复核理由（会告知提问人和责任人）").fill("成立");
    await item.getByLabel("复核理由（会告知提问人和责任人）").evaluate((el) => el.removeAttribute("minlength"));
    await item.getByTestId("decide-complaint-form").getByRole("button").click();
    await item.getByTestId("decide-complaint-form-error").waitFor();
    expect((await h.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe("OPEN");
    await item.getByLabel("复核理由（会告知提问人和责任人）").fill(DECISION);
    await item.getByTestId("decide-complaint-form").getByRole("button").click();
    await reviewerPage.getByTestId("review-item").filter({ hasText: REASON }).waitFor({ state: "detached", timeout: 15_000 });
    expect(await h.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({ status: "UPHELD", reviewedById: manager.id, reviewNote: DECISION });

    // 4. The asker is told: notification (and its mail) and the outcome on their page.
    const askerMail = await mailsTo(asker, q.id);
    expect(askerMail.kinds).toContain("complaint.decided");
    expect(askerMail.mails.some((m) => (m.subject ?? "").includes(`Q-${String(number).padStart(6, "0")}`))).toBe(true);
    await askerPage.reload();
    expect(await askerPage.getByTestId("complaint-status").first().textContent()).toBe("成立");
    expect(await askerPage.getByTestId("complaint-decision").first().innerText()).toContain(DECISION);

    // 5. The owner now sees the outcome and the reason, in the page, the events and the ledger.
    await ownerPage.reload();
    expect(await ownerPage.getByTestId("complaint-status").first().textContent()).toBe("成立");
    expect(await ownerPage.getByTestId("complaint-decision").first().innerText()).toContain(DECISION);
    expect(await ownerPage.getByTestId("thread").innerText()).toContain("投诉复核");
    expect((await mailsTo(owner, q.id)).kinds).toContain("complaint.decided");
    expect(await ledgerComplaintCell(ownerC, number)).not.toBe(noFlag);

    // 6. The scorecard counts it (the reviewer looks at the owner's card).
    await reviewerPage.goto(`${h.base}/insights/owners?user=${owner.id}`);
    await expect.poll(() => reviewerPage.getByTestId("owner-conduct").locator("dd").first().innerText(), { timeout: 15_000 }).toMatch(/^1 ·/);
  });

  it("two reviewers deciding at once: one 200, one 409, one decision stored", { timeout: 60_000 }, async () => {
    const q = await fileFor(asker, `加班餐费怎么报销？${RUN}`);
    const askerC = await client(asker);
    expect((await postJson(askerC, `/api/questions/${q.id}/complain`, { reason: `第二条投诉：一直没有答复 ${RUN}`, idempotencyKey: randomUUID() })).status).toBe(200);
    const complaint = await h.db.complaint.findFirstOrThrow({ where: { questionId: q.id } });
    const [managerC, adminC] = await Promise.all([client(manager), client(admin)]);
    const responses = await Promise.all([
      postJson(managerC, `/api/complaints/${complaint.id}/decide`, { outcome: "UPHELD", reason: "核实属实，投诉成立" }),
      postJson(adminC, `/api/complaints/${complaint.id}/decide`, { outcome: "REJECTED", reason: "核实不属实，不予支持" }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await h.db.questionEvent.count({ where: { questionId: q.id, type: "COMPLAINT_REVIEWED" } })).toBe(1);
  });

  it("an admin sets a 条线's review rule on /admin: a bad one names the field, a good one is listed and used", { timeout: 60_000 }, async () => {
    const page = await as(admin);
    await page.goto(`${h.base}/admin`);
    const form = page.getByTestId("complaint-review-form");
    await form.locator('select[name="lineId"]').selectOption(line.id);
    await form.locator('select[name="mode"]').selectOption("USER");
    await form.getByRole("button").click();
    await expect.poll(() => page.getByTestId("complaint-review-form-error").innerText()).toContain("指定复核人时必须选择一个人");
    expect(await h.db.appSetting.count({ where: { key: `complaint.review:${line.id}` } })).toBe(0);
    await form.locator('select[name="reviewerId"]').selectOption(admin.id);
    await form.locator('input[name="minutes"]').fill("240");
    await form.getByRole("button").click();
    await expect.poll(() => page.getByTestId("complaint-review-rules").innerText(), { timeout: 15_000 }).toContain(`${line.name} · 指定复核人`);
    try {
      const q = await fileFor(asker, `差旅补贴标准是多少？${RUN}`);
      const askerC = await client(asker);
      expect((await postJson(askerC, `/api/questions/${q.id}/complain`, { reason: `第三条投诉：答复前后矛盾 ${RUN}`, idempotencyKey: randomUUID() })).status).toBe(200);
      expect((await h.db.complaint.findFirstOrThrow({ where: { questionId: q.id } })).reviewerId).toBe(admin.id);
    } finally {
      await h.db.appSetting.deleteMany({ where: { key: `complaint.review:${line.id}` } });
    }
  });

  it("a statement request in the browser: the owner sees the request and the note, not the complaint, and answers it", { timeout: 90_000 }, async () => {
    const q = await fileFor(asker, `外派补贴怎么申请？${RUN}`);
    const reason = `第四条投诉：答复推诿 ${RUN}`;
    const askerC = await client(asker);
    expect((await postJson(askerC, `/api/questions/${q.id}/complain`, { reason, idempotencyKey: randomUUID() })).status).toBe(200);
    const note = `请说明为何建议提问人去问人事部 ${RUN}`;
    const reviewerPage = await as(manager);
    await reviewerPage.goto(`${h.base}/reviews`);
    const item = reviewerPage.getByTestId("review-item").filter({ hasText: reason });
    await item.getByTestId("request-statement-form").locator("textarea").fill(note);
    await item.getByTestId("request-statement-form").getByRole("button").click();
    await expect.poll(() => item.getByTestId("review-statement").innerText(), { timeout: 15_000 }).toMatch(/已请责任人说明/);

    const ownerPage = await as(owner);
    await ownerPage.goto(`${h.base}/questions/${q.id}`);
    const request = ownerPage.getByTestId("statement-request");
    await request.waitFor();
    expect(await request.innerText()).toContain(note);
    const main = await ownerPage.locator("main").innerText();
    expect(main).not.toContain(reason);
    expect(await ownerPage.getByTestId("complaints").count()).toBe(0);
    expect(await request.innerText()).not.toContain("投诉");
    await request.locator("textarea").fill("提问人所问属人事部制度，我已附上条款并抄送人事部。");
    await request.getByRole("button").click();
    await expect.poll(() => ownerPage.getByTestId("statement-request").innerText(), { timeout: 15_000 }).toContain("已于");

    await reviewerPage.reload();
    await expect.poll(() => reviewerPage.getByTestId("review-item").filter({ hasText: reason }).getByTestId("review-statement").innerText(), { timeout: 15_000 }).toContain("提问人所问属人事部制度");
  });
});
