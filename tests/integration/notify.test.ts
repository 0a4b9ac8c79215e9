import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { webhookPolicy } from "@/lib/env";
import { ForbiddenError, PreconditionError, ValidationError } from "@/lib/errors";
import { MAX_ATTEMPTS } from "@/lib/notify/backoff";
import { deliverDue } from "@/lib/notify/deliver-due";
import { listProblemDeliveries, retryDelivery } from "@/lib/notify/deliveries";
import { enqueueDigests } from "@/lib/notify/digest/enqueue-digests";
import type { DigestData } from "@/lib/notify/digest/render-digest";
import { createEmailSender, smtpTransporter } from "@/lib/notify/email";
import { enqueueNotification } from "@/lib/notify/enqueue-notification";
import { getMyNotificationPreferences, updateMyNotificationPreferences } from "@/lib/notify/preferences";
import type { Transports } from "@/lib/notify/transports";
import { renderText } from "@/lib/notify/message";
import { renderNotification } from "@/lib/notify/render-notification";
import { createWebhookSender } from "@/lib/notify/webhook";
import { notifyInApp } from "@/lib/questions/events";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { freePort, notificationIdIn, startSmtpReceiver, useReceivers } from "../helpers/receivers";
import { useTestDb } from "../helpers/test-db";
import { renderStoredMessage } from "@/lib/http/errors";

const t = useTestDb();
const rx = useReceivers();

type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U;
let admin: U;
let line: { id: string; name: string };

const FROM = "首问 Shouwen <noreply@shouwen.local>";
const transportsTo = (smtpUrl: string): Transports => ({
  email: createEmailSender({ transporter: smtpTransporter(smtpUrl, 3_000), from: FROM }),
  webhook: createWebhookSender({ timeoutMs: 3_000, policy: webhookPolicy() }),
});

async function makeQuestion(db: Db, input: { ownerId?: string | null; askerId?: string; status?: "OPEN" | "IN_PROGRESS" | "RESOLVED"; resolutionDueAt?: Date; resolvedAt?: Date; answerExposure?: "IGNORED" | "OPENED" } = {}) {
  return db.question.create({
    data: {
      askerId: input.askerId ?? asker.id,
      idempotencyKey: randomUUID(),
      body: "出差住宿超标了怎么报销？",
      lineId: line.id,
      contactName: "提问人",
      ownerId: input.ownerId ?? null,
      status: input.status ?? "OPEN",
      resolutionDueAt: input.resolutionDueAt ?? null,
      resolvedAt: input.resolvedAt ?? null,
      answerExposure: input.answerExposure ?? null,
    },
  });
}

async function setPrefs(userId: string, prefs: { channel: "EMAIL" | "WECOM" | "DINGTALK" | "FEISHU"; enabled: boolean; address?: string | null }[]) {
  for (const p of prefs) {
    await t.db.notificationPreference.upsert({
      where: { userId_channel: { userId, channel: p.channel } },
      create: { userId, channel: p.channel, enabled: p.enabled, address: p.address ?? null },
      update: { enabled: p.enabled, address: p.address ?? null },
    });
  }
}

const enqueue = (userId: string, extra: { questionId?: string; kind?: string; payload?: Record<string, string> } = {}) =>
  t.db.$transaction((tx) => enqueueNotification(tx, { userId, kind: extra.kind ?? "question.assigned", questionId: extra.questionId, dedupeKey: `test:${randomUUID()}`, payload: extra.payload ?? { line: line.name } }));

beforeAll(async () => {
  asker = await makeUser(t.db);
  admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
  // A hostile 条线 name: it is interpolated into every message and must stay text.
  line = await makeLine(t.db, { name: `差旅<img src=x onerror=alert(1)>[点我](https://evil.example) ${randomBytes(3).toString("hex")}` });
});

beforeEach(async () => {
  await t.db.notification.deleteMany({});
});

describe("enqueue", () => {
  it("writes the in-app row and one pending row per enabled channel, e-mail on by default", async () => {
    const plain = await makeUser(t.db);
    const im = await makeUser(t.db);
    await setPrefs(im.id, [
      { channel: "EMAIL", enabled: false },
      { channel: "WECOM", enabled: true, address: `${rx.hooks.base}/wecom` },
      { channel: "DINGTALK", enabled: true, address: null }, // on, but no webhook: nothing to send to
      { channel: "FEISHU", enabled: false, address: `${rx.hooks.base}/feishu` },
    ]);
    expect(await enqueue(plain.id)).toBe(2);
    expect(await enqueue(im.id)).toBe(2);
    const rows = await t.db.notification.findMany({ orderBy: { channel: "asc" }, select: { userId: true, channel: true, status: true, dedupeKey: true } });
    expect(rows.filter((r) => r.userId === plain.id).map((r) => [r.channel, r.status])).toEqual([["IN_APP", "SENT"], ["EMAIL", "PENDING"]]);
    expect(rows.filter((r) => r.userId === im.id).map((r) => [r.channel, r.status])).toEqual([["IN_APP", "SENT"], ["WECOM", "PENDING"]]);
    const inApp = rows.find((r) => r.userId === im.id && r.channel === "IN_APP")!;
    expect(rows.find((r) => r.userId === im.id && r.channel === "WECOM")!.dedupeKey).toBe(`${inApp.dedupeKey}:WECOM`);
  });

  it("notifies once for a repeated key and not at all when the transaction rolls back", async () => {
    const u = await makeUser(t.db);
    const input = { userId: u.id, kind: "question.reopened", dedupeKey: `once:${randomUUID()}`, payload: {} };
    expect(await t.db.$transaction((tx) => enqueueNotification(tx, input))).toBe(2);
    expect(await t.db.$transaction((tx) => enqueueNotification(tx, input))).toBe(0);
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueNotification(tx, { ...input, dedupeKey: `rolled-back:${randomUUID()}` });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.notification.count({ where: { userId: u.id } })).toBe(2);
  });

  it("sends every domain notification (notifyInApp) by e-mail too", async () => {
    const owner = await makeUser(t.db);
    const q = await makeQuestion(t.db, { ownerId: owner.id });
    await t.db.$transaction((tx) => notifyInApp(tx, owner.id, "question.assigned", q.id, `assigned:${q.id}:${owner.id}:0`, { number: q.number, line: line.name }));
    await t.db.$transaction((tx) => notifyInApp(tx, owner.id, "question.assigned", q.id, `assigned:${q.id}:${owner.id}:0`, { number: q.number, line: line.name }));
    const rows = await t.db.notification.findMany({ where: { questionId: q.id }, orderBy: { channel: "asc" } });
    expect(rows.map((r) => r.channel)).toEqual(["IN_APP", "EMAIL"]);
  });
});

describe("delivery", () => {
  it("arrives once by e-mail and once by each enabled webhook, in each vendor's format", async () => {
    const u = await makeUser(t.db);
    await setPrefs(u.id, [
      { channel: "WECOM", enabled: true, address: `${rx.hooks.base}/wecom?key=secret-1` },
      { channel: "DINGTALK", enabled: true, address: `${rx.hooks.base}/dingtalk?access_token=secret-2` },
      { channel: "FEISHU", enabled: true, address: `${rx.hooks.base}/feishu/hook/secret-3` },
    ]);
    const q = await makeQuestion(t.db, { ownerId: u.id });
    await enqueue(u.id, { questionId: q.id });
    const now = new Date();
    const result = await deliverDue({ db: t.db, now, transports: transportsTo(rx.smtp.url), portalUrl: "https://shouwen.example" });
    expect(result).toEqual({ claimed: 4, sent: 4, retrying: 0, failed: 0 });

    const rows = await t.db.notification.findMany({ where: { userId: u.id, channel: { not: "IN_APP" } } });
    expect(rows.every((r) => r.status === "SENT" && r.sentAt?.getTime() === now.getTime() && r.attempts === 1)).toBe(true);
    const idOf = (c: string) => rows.find((r) => r.channel === c)!.id;

    expect(rx.smtp.mails).toHaveLength(1);
    const mail = rx.smtp.mails[0]!;
    expect(mail.messageId).toBe(`<${idOf("EMAIL")}@shouwen>`);
    expect(mail.headers.get("x-shouwen-notification")).toBe(idOf("EMAIL"));
    expect((mail.to as { text: string }).text).toBe(u.email);
    expect(mail.subject).toContain(`Q-${String(q.number).padStart(6, "0")}`);
    expect(mail.text).toContain(`通知编号 ${idOf("EMAIL")}`);
    expect(mail.text).toContain(`https://shouwen.example/questions/${q.id}`);
    // The hostile line name is text in the HTML part, never an element or a link.
    expect(mail.html).toContain("差旅&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).not.toMatch(/<img|href="https:\/\/evil/);

    expect(rx.hooks.requests.map((r) => r.path).sort()).toEqual(["/dingtalk?access_token=secret-2", "/feishu/hook/secret-3", "/wecom?key=secret-1"]);
    for (const r of rx.hooks.requests) {
      expect(r.headers["accept-encoding"]).toBe("identity");
      expect(r.headers["content-type"]).toContain("application/json");
    }
    const body = (p: string) => rx.hooks.requests.find((r) => r.path.startsWith(p))!.body as Record<string, any>;
    expect(body("/wecom")).toMatchObject({ msgtype: "markdown", markdown: { content: expect.stringContaining(`通知编号 ${idOf("WECOM")}`) } });
    expect(body("/dingtalk")).toMatchObject({ msgtype: "markdown", markdown: { title: expect.stringContaining("新问题待处理"), text: expect.stringContaining(idOf("DINGTALK")) } });
    expect(body("/feishu")).toMatchObject({ msg_type: "interactive", card: { header: { title: { tag: "plain_text" } }, elements: [{ tag: "div", text: { tag: "lark_md" } }] } });
    expect(notificationIdIn(body("/feishu"))).toBe(idOf("FEISHU"));
    // Markdown in user text cannot form a link or an image in the IM message.
    expect(body("/wecom").markdown.content).not.toContain("](https://evil");

    // Nothing is due any more: a second run sends nothing.
    expect((await deliverDue({ db: t.db, now: new Date(now.getTime() + 3600_000), transports: transportsTo(rx.smtp.url) })).claimed).toBe(0);
    expect(rx.smtp.mails).toHaveLength(1);
    expect(rx.hooks.requests).toHaveLength(3);
  });

  it("fails visibly with backoff while the SMTP server is down and the webhook answers 500, then succeeds", async () => {
    const port = await freePort(); // nothing listens here yet: a misconfigured / down SMTP server
    const transports = transportsTo(`smtp://127.0.0.1:${port}`);
    const u = await makeUser(t.db);
    await setPrefs(u.id, [{ channel: "WECOM", enabled: true, address: `${rx.hooks.base}/wecom` }]);
    rx.hooks.mode = "http500";
    await enqueue(u.id);
    const t0 = new Date();

    expect(await deliverDue({ db: t.db, now: t0, transports })).toMatchObject({ claimed: 2, sent: 0, retrying: 2 });
    let rows = await t.db.notification.findMany({ where: { userId: u.id, channel: { not: "IN_APP" } }, orderBy: { channel: "asc" } });
    const [email, wecom] = rows;
    expect(email).toMatchObject({ channel: "EMAIL", status: "PENDING", attempts: 1 });
    expect(email!.lastError).toMatch(/ECONNREFUSED/);
    expect(wecom).toMatchObject({ channel: "WECOM", status: "PENDING", attempts: 1 });
    expect(renderStoredMessage(wecom!.lastError!, "zh-CN")).toContain("HTTP 500");
    expect(renderStoredMessage(wecom!.lastError!, "zh-CN")).not.toContain("127.0.0.1"); // no webhook address (with its key) in the error
    expect(rows.map((r) => r.nextAttemptAt.getTime() - t0.getTime())).toEqual([60_000, 60_000]);

    // Not due yet: nothing is claimed.
    expect((await deliverDue({ db: t.db, now: new Date(t0.getTime() + 30_000), transports })).claimed).toBe(0);

    // Second attempt: the 200-with-error-code answer of a vendor is a failure too; the delay doubles.
    rx.hooks.mode = "vendor-error";
    const t1 = new Date(t0.getTime() + 60_000);
    expect(await deliverDue({ db: t.db, now: t1, transports })).toMatchObject({ claimed: 2, retrying: 2 });
    rows = await t.db.notification.findMany({ where: { userId: u.id, channel: { not: "IN_APP" } }, orderBy: { channel: "asc" } });
    expect(rows.map((r) => r.attempts)).toEqual([2, 2]);
    expect(renderStoredMessage(rows[1]!.lastError!, "zh-CN")).toContain("errcode=93000");
    expect(rows.map((r) => r.nextAttemptAt.getTime() - t1.getTime())).toEqual([120_000, 120_000]);
    expect(rx.smtp.mails).toHaveLength(0);

    // The receivers come back: the next attempt delivers, the SMTP server on the same address.
    const revived = await startSmtpReceiver({ port });
    try {
      rx.hooks.mode = "ok";
      const t2 = new Date(t1.getTime() + 120_000);
      expect(await deliverDue({ db: t.db, now: t2, transports })).toMatchObject({ claimed: 2, sent: 2 });
      rows = await t.db.notification.findMany({ where: { userId: u.id, channel: { not: "IN_APP" } } });
      expect(rows.every((r) => r.status === "SENT" && r.attempts === 3 && r.lastError === null)).toBe(true);
      expect(revived.mails).toHaveLength(1);
      expect(rx.hooks.requests).toHaveLength(1);
    } finally {
      await revived.close();
    }
  });

  it("never sends a row twice when two workers deliver at the same time", async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => makeUser(t.db)));
    for (const u of users) await setPrefs(u.id, [{ channel: "WECOM", enabled: true, address: `${rx.hooks.base}/wecom` }, { channel: "FEISHU", enabled: true, address: `${rx.hooks.base}/feishu` }]);
    for (const u of users) for (let i = 0; i < 5; i++) await enqueue(u.id);
    const total = await t.db.notification.count({ where: { status: "PENDING" } });
    expect(total).toBe(60);
    rx.hooks.delayMs = 15;
    const second = createDb(t.url, 4);
    try {
      const worker = async (db: Db) => {
        let claimed = 0;
        for (;;) {
          const r = await deliverDue({ db, now: new Date(), transports: transportsTo(rx.smtp.url), batchSize: 4 });
          if (r.claimed === 0) return claimed;
          claimed += r.claimed;
        }
      };
      const [a, b] = await Promise.all([worker(t.db), worker(second)]);
      expect(a + b).toBe(total);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await second.$disconnect();
    }
    const ids = [...rx.smtp.mails.map((m) => m.headers.get("x-shouwen-notification") as string), ...rx.hooks.requests.map((r) => notificationIdIn(r.body)!)];
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(await t.db.notification.count({ where: { status: "SENT", attempts: 1, channel: { not: "IN_APP" } } })).toBe(total);
  });

  it("gives up after the maximum attempts, shows the failure to admins, and 重试 brings it back", async () => {
    const u = await makeUser(t.db);
    await setPrefs(u.id, [{ channel: "EMAIL", enabled: false }, { channel: "DINGTALK", enabled: true, address: `${rx.hooks.base}/dingtalk` }]);
    rx.hooks.mode = "http500";
    await enqueue(u.id);
    const transports = transportsTo(rx.smtp.url);
    let now = new Date();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await deliverDue({ db: t.db, now, transports });
      expect(r.claimed).toBe(1);
      const row = await t.db.notification.findFirstOrThrow({ where: { userId: u.id, channel: "DINGTALK" } });
      expect(row.attempts).toBe(i);
      expect(row.status).toBe(i < MAX_ATTEMPTS ? "PENDING" : "FAILED");
      now = row.nextAttemptAt;
    }
    const failed = await t.db.notification.findFirstOrThrow({ where: { userId: u.id, channel: "DINGTALK" } });
    expect((await deliverDue({ db: t.db, now: new Date(now.getTime() + 86_400_000), transports })).claimed).toBe(0);

    const adminCtx = ctxOf(t.db, admin);
    const listed = await listProblemDeliveries(adminCtx);
    expect(listed.find((r) => r.id === failed.id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, channel: "DINGTALK", user: { email: u.email } });
    await expect(listProblemDeliveries(ctxOf(t.db, u))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(retryDelivery(ctxOf(t.db, u), { id: failed.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(retryDelivery(adminCtx, { id: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);

    const retryAt = new Date();
    await retryDelivery(ctxOf(t.db, admin, retryAt), { id: failed.id });
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "PENDING", attempts: 0, nextAttemptAt: retryAt });
    expect(await t.db.auditLog.count({ where: { action: "notify.retry", target: failed.id, actorId: admin.id } })).toBe(1);

    rx.hooks.mode = "ok";
    expect(await deliverDue({ db: t.db, now: retryAt, transports })).toMatchObject({ sent: 1 });
    expect(rx.hooks.requests).toHaveLength(1);
    expect(notificationIdIn(rx.hooks.requests[0]!.body)).toBe(failed.id);
    await expect(retryDelivery(adminCtx, { id: failed.id })).rejects.toBeInstanceOf(PreconditionError);
  });

  it("fails a delivery whose channel the user switched off after it was queued", async () => {
    const u = await makeUser(t.db);
    await enqueue(u.id);
    await setPrefs(u.id, [{ channel: "EMAIL", enabled: false }]);
    expect(await deliverDue({ db: t.db, now: new Date(), transports: transportsTo(rx.smtp.url) })).toMatchObject({ claimed: 1, failed: 1 });
    expect(rx.smtp.mails).toHaveLength(0);
  });
});

describe("preferences", () => {
  it("lets a user set their own channels, validating webhook addresses", async () => {
    const u = await makeUser(t.db);
    const ctx = ctxOf(t.db, u);
    expect(await getMyNotificationPreferences(ctx)).toMatchObject({ emailAddress: u.email, email: { enabled: true }, wecom: { enabled: false, address: null } });
    const off = { enabled: false, address: "" };
    const bad = async (input: unknown, field: string) => {
      const err = await updateMyNotificationPreferences(ctx, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields)).toContain(field);
    };
    await bad({ email: { enabled: true }, wecom: { enabled: true, address: "http://qyapi.example.com/hook" }, dingtalk: off, feishu: off }, "wecom.address");
    await bad({ email: { enabled: true }, wecom: off, dingtalk: { enabled: true, address: "" }, feishu: off }, "dingtalk.address");
    await bad({ email: { enabled: true }, wecom: off, dingtalk: off, feishu: { enabled: true, address: "https://user:pw@open.feishu.cn/x" } }, "feishu.address");
    await bad({ email: { enabled: true }, wecom: off, dingtalk: off, feishu: off, userId: admin.id }, "userId");

    const saved = await updateMyNotificationPreferences(ctx, {
      email: { enabled: false },
      wecom: { enabled: true, address: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" },
      dingtalk: { enabled: false, address: "https://oapi.dingtalk.com/robot/send?access_token=def" },
      feishu: { enabled: true, address: `${rx.hooks.base}/feishu` },
    });
    expect(saved).toMatchObject({ email: { enabled: false }, wecom: { enabled: true }, dingtalk: { enabled: false, address: "https://oapi.dingtalk.com/robot/send?access_token=def" }, feishu: { enabled: true } });
    await enqueue(u.id);
    const channels = (await t.db.notification.findMany({ where: { userId: u.id }, select: { channel: true } })).map((r) => r.channel).sort();
    expect(channels).toEqual(["FEISHU", "IN_APP", "WECOM"]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "notify.preferences", actorId: u.id } });
    expect(JSON.stringify(audit.data)).not.toContain("key=abc");
  });
});

describe("daily digest", () => {
  // Sent on Wednesday 2026-03-11 at 09:00 in Shanghai (01:00 UTC), the digest hour being 8: it reports on
  // Tuesday 2026-03-10, the previous working day, whole.
  const at = (iso: string) => new Date(iso);
  const NINE = at("2026-03-11T01:00:00Z");

  it("goes once per manager per working day, after the hour, with the subtree's overdue, escalated, complaints and ignored policies of the previous working day", async () => {
    const db = t.db;
    const mgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "区域总甲" });
    const otherMgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "中心总乙" });
    const quietMgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
    const region = await makeDepartment(db, { kind: "REGION", managerId: mgr.id, name: "华东区域" });
    const team = await makeDepartment(db, { parentId: region.id }); // no manager of its own: in the region's subtree
    const other = await makeDepartment(db, { managerId: otherMgr.id });
    await makeDepartment(db, { managerId: quietMgr.id });
    const owner = await makeUser(db, { departmentId: team.id, name: "首问甲" });
    const otherOwner = await makeUser(db, { departmentId: other.id });
    const teamAsker = await makeUser(db, { departmentId: team.id });

    const overdue = await makeQuestion(db, { ownerId: owner.id, resolutionDueAt: at("2026-03-09T08:00:00Z") });
    await makeQuestion(db, { ownerId: owner.id, resolutionDueAt: at("2026-03-12T08:00:00Z") }); // not yet due
    const elsewhere = await makeQuestion(db, { ownerId: otherOwner.id, resolutionDueAt: at("2026-03-09T08:00:00Z") });
    const escalated = await makeQuestion(db, { ownerId: mgr.id, status: "IN_PROGRESS", resolutionDueAt: at("2026-03-11T08:00:00Z") });
    await db.escalation.create({ data: { questionId: escalated.id, level: 1, fromUserId: owner.id, toUserId: mgr.id, dueAt: at("2026-03-11T08:00:00Z"), createdAt: at("2026-03-10T02:00:00Z") } });
    await db.complaint.create({ data: { questionId: overdue.id, complainantId: asker.id, againstUserId: owner.id, reason: "一直没人理我，太慢了", createdAt: at("2026-03-10T00:30:00Z") } });
    await db.complaint.create({ data: { questionId: overdue.id, complainantId: asker.id, againstUserId: owner.id, reason: "昨天的投诉", createdAt: at("2026-03-09T03:00:00Z") } });

    const policy = async (title: string) => {
      const p = await db.policy.create({ data: { id: `p-${randomBytes(4).toString("hex")}`, title, lineId: line.id, ownerName: "人力资源部" } });
      const v = await db.policyVersion.create({ data: { policyId: p.id, version: 1, checksum: "x", title, markdown: "" } });
      return db.policySection.create({ data: { versionId: v.id, policyId: p.id, ordinal: 0, label: "第一条", heading: "第一条", text: "……" } });
    };
    const travel = await policy("差旅费管理办法");
    const leave = await policy("考勤与休假制度");
    const ignoredToday = async (section: { id: string; policyId: string }, askerId: string, resolvedAt: Date) => {
      const q = await makeQuestion(db, { askerId, status: "RESOLVED", resolvedAt, answerExposure: "IGNORED" });
      await db.citation.create({ data: { questionId: q.id, sectionId: section.id, policyId: section.policyId, forResolution: true } });
    };
    await ignoredToday(travel, teamAsker.id, at("2026-03-10T00:10:00Z"));
    await ignoredToday(travel, teamAsker.id, at("2026-03-10T00:20:00Z"));
    await ignoredToday(leave, teamAsker.id, at("2026-03-10T00:40:00Z"));
    await ignoredToday(leave, teamAsker.id, at("2026-03-09T12:00:00Z")); // yesterday in Shanghai (20:00)
    await ignoredToday(leave, asker.id, at("2026-03-10T00:40:00Z")); // asker outside the region

    expect(await enqueueDigests({ db, now: at("2026-03-10T23:59:00Z"), hour: 8 })).toMatchObject({ date: "2026-03-11", enqueued: 0 }); // 07:59
    expect(await db.notification.count({ where: { kind: "digest.daily" } })).toBe(0);

    const first = await enqueueDigests({ db, now: NINE, hour: 8 });
    expect(first.enqueued).toBeGreaterThanOrEqual(2);
    expect(first.period).toEqual({ date: "2026-03-10", through: "2026-03-10" });
    const again = await enqueueDigests({ db, now: at("2026-03-11T01:01:00Z"), hour: 8 });
    expect(again.enqueued).toBe(0);

    const rows = await db.notification.findMany({ where: { kind: "digest.daily", userId: { in: [mgr.id, otherMgr.id, quietMgr.id] } } });
    expect(rows.filter((r) => r.userId === mgr.id).map((r) => [r.channel, r.dedupeKey]).sort()).toEqual([
      ["EMAIL", `digest:${mgr.id}:2026-03-11:EMAIL`],
      ["IN_APP", `digest:${mgr.id}:2026-03-11`],
    ]);
    expect(rows.some((r) => r.userId === quietMgr.id)).toBe(false); // nothing to report: no digest

    const data = rows.find((r) => r.userId === mgr.id && r.channel === "IN_APP")!.payload as unknown as DigestData;
    expect(data.date).toBe("2026-03-10");
    expect(data.departments).toEqual(["华东区域"]);
    expect(data.overdue.map((q) => q.questionId)).toEqual([overdue.id]);
    expect(data.overdue.map((q) => q.questionId)).not.toContain(elsewhere.id);
    expect(data.escalated).toEqual([expect.objectContaining({ questionId: escalated.id, level: 1, to: "区域总甲" })]);
    expect(data.complaints).toEqual([expect.objectContaining({ questionId: overdue.id, against: "首问甲" })]);
    expect(data.ignoredPolicies).toEqual([
      { policyId: travel.policyId, title: "差旅费管理办法", count: 2 },
      { policyId: leave.policyId, title: "考勤与休假制度", count: 1 },
    ]);
    expect(JSON.stringify(data)).not.toContain("太慢了"); // complaint text stays in the portal
    const otherData = rows.find((r) => r.userId === otherMgr.id && r.channel === "IN_APP")!.payload as unknown as DigestData;
    expect(otherData.overdue.map((q) => q.questionId)).toEqual([elsewhere.id]);
    expect(otherData.ignoredPolicies).toEqual([]);

    // The mail arrives with the four lists.
    await deliverDue({ db, now: NINE, transports: transportsTo(rx.smtp.url) });
    const mail = rx.smtp.mails.find((m) => (m.to as { text: string }).text === mgr.email)!;
    expect(mail.subject).toBe("【首问】每日通报 2026-03-10：超时 1 · 升级 1 · 投诉 1");
    expect(mail.text).toContain(`Q-${String(overdue.number).padStart(6, "0")}`);
    expect(mail.text).toContain("差旅费管理办法：2 个问题");

    // The next day brings a new digest.
    expect((await enqueueDigests({ db, now: at("2026-03-12T01:00:00Z"), hour: 8 })).enqueued).toBeGreaterThanOrEqual(2);
    expect(await db.notification.count({ where: { kind: "digest.daily", userId: mgr.id, channel: "IN_APP" } })).toBe(2);
    expect(data.escalations).toEqual([expect.objectContaining({ questionId: escalated.id, level: 1, to: "区域总甲", at: "2026-03-10T02:00:00.000Z" })]);
  });

  it("reports everything late on day D, and over the weekend after it, in the digest of the next working day, exactly once", async () => {
    const db = t.db;
    const mgr = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "周末区域总" });
    const dept = await makeDepartment(db, { managerId: mgr.id });
    const owner = await makeUser(db, { departmentId: dept.id, name: "周五首问" });
    const upper = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"], name: "中心总丙" });
    const digestsOf = () => db.notification.findMany({ where: { kind: "digest.daily", userId: mgr.id, channel: "IN_APP" }, orderBy: { createdAt: "asc" } });
    // Friday 2026-03-13 (day D): events in the afternoon, the evening and the last minute; then Saturday.
    const q = await makeQuestion(db, { ownerId: owner.id, status: "IN_PROGRESS", resolutionDueAt: at("2026-03-20T08:00:00Z") });
    const complaintAt = [at("2026-03-13T04:50:00Z"), at("2026-03-13T14:30:00Z"), at("2026-03-13T15:59:00Z"), at("2026-03-14T02:00:00Z")]; // 12:50, 22:30, 23:59 Fri; 10:00 Sat
    for (const createdAt of complaintAt) await db.complaint.create({ data: { questionId: q.id, complainantId: asker.id, againstUserId: owner.id, reason: "没人理", createdAt } });
    await db.escalation.create({ data: { questionId: q.id, level: 1, fromUserId: owner.id, toUserId: mgr.id, dueAt: at("2026-03-13T09:00:00Z"), createdAt: at("2026-03-13T05:03:00Z") } }); // 13:03
    await db.escalation.create({ data: { questionId: q.id, level: 2, fromUserId: mgr.id, toUserId: upper.id, dueAt: at("2026-03-16T09:00:00Z"), createdAt: at("2026-03-13T09:06:00Z") } }); // 17:06
    // The manager sits in the department and is complained about too: an undecided complaint about
    // them stays out of their own digest; a decided one is reported.
    await db.user.update({ where: { id: mgr.id }, data: { departmentId: dept.id } });
    await db.complaint.create({ data: { questionId: q.id, complainantId: asker.id, againstUserId: mgr.id, reason: "经理也不管", createdAt: at("2026-03-13T02:00:00Z") } });
    const decidedAt = at("2026-03-13T03:00:00Z");
    await db.complaint.create({ data: { questionId: q.id, complainantId: asker.id, againstUserId: mgr.id, reason: "已复核", status: "REJECTED", reviewedAt: decidedAt, createdAt: decidedAt } });
    // Monday 2026-03-16 after the digest: belongs to Tuesday's.
    await db.complaint.create({ data: { questionId: q.id, complainantId: asker.id, againstUserId: owner.id, reason: "周一又投诉", createdAt: at("2026-03-16T02:00:00Z") } });

    // Days off get no digest; Monday before 08:30 neither.
    expect((await enqueueDigests({ db, now: at("2026-03-14T01:00:00Z") })).enqueued).toBe(0); // Saturday 09:00
    expect((await enqueueDigests({ db, now: at("2026-03-15T03:00:00Z") })).enqueued).toBe(0); // Sunday 11:00
    expect((await enqueueDigests({ db, now: at("2026-03-16T00:29:00Z") })).enqueued).toBe(0); // Monday 08:29
    expect(await digestsOf()).toHaveLength(0);

    // Monday 08:30: two workers at once, then later ticks; one digest.
    const [a, b] = await Promise.all([enqueueDigests({ db, now: at("2026-03-16T00:30:00Z") }), enqueueDigests({ db, now: at("2026-03-16T00:30:01Z") })]);
    expect(a.period).toEqual({ date: "2026-03-13", through: "2026-03-15" });
    await enqueueDigests({ db, now: at("2026-03-16T07:00:00Z") });
    const monday = await digestsOf();
    expect(monday).toHaveLength(1);
    expect(a.enqueued + b.enqueued).toBeGreaterThanOrEqual(1);
    const data = monday[0]!.payload as unknown as DigestData;
    expect(data).toMatchObject({ date: "2026-03-13", through: "2026-03-15" });
    expect(data.complaints.map((c) => c.at)).toEqual([decidedAt, ...complaintAt].map((d) => d.toISOString()));
    expect(data.complaints[0]!.against).toBe("周末区域总");
    expect(data.totals).toMatchObject({ complaints: 5, escalations: 2 });
    expect(data.escalations!.map((e) => [e.level, e.to])).toEqual([[1, "周末区域总"], [2, "中心总丙"]]);
    const text = renderText(renderNotification({ kind: "digest.daily", payload: data, question: null }), "id");
    expect(text).toContain("以下是 ");
    expect(text).toContain("2026-03-13 至 2026-03-15 的首问通报");
    expect(text).toMatch(/【当日发生的升级（2）】\nQ-\d{6} · 03-13 13:03 升级至第 1 级 · 周末区域总\nQ-\d{6} · 03-13 17:06 升级至第 2 级 · 中心总丙/);
    expect(text).toContain("【当日投诉（5）】");
    expect(text).toContain("03-13 23:59");

    // Tuesday: Monday's complaint, and nothing of Friday's again.
    await enqueueDigests({ db, now: at("2026-03-17T00:31:00Z") });
    const tuesday = (await digestsOf())[1]!.payload as unknown as DigestData;
    expect(tuesday).toMatchObject({ date: "2026-03-16" });
    expect(tuesday.through).toBeUndefined();
    expect(tuesday.complaints.map((c) => c.at)).toEqual(["2026-03-16T02:00:00.000Z"]);
    expect(tuesday.escalations).toEqual([]);
  });
});
