// Every notification kind, written by notifyInApp as producers do and delivered by the worker's sender to a
// real SMTP receiver and to local bots: 企业微信 unsigned, 钉钉 and 飞书 with 加签 verified the way the vendors
// document it (tests/helpers/receivers.ts). Mail carries the matter's first line; group bots never do.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookPolicy } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { deliverDue } from "@/lib/notify/deliver-due";
import { createEmailSender, smtpTransporter } from "@/lib/notify/email";
import { listInbox } from "@/lib/notify/inbox";
import { getMyNotificationPreferences, updateMyNotificationPreferences } from "@/lib/notify/preferences";
import { TEMPLATE_KINDS } from "@/lib/notify/render-notification";
import type { Transports } from "@/lib/notify/transports";
import { createWebhookSender } from "@/lib/notify/webhook";
import { notifyInApp } from "@/lib/questions/events";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeUser } from "../helpers/factories";
import { notificationIdIn, useReceivers } from "../helpers/receivers";
import { useTestDb } from "../helpers/test-db";
import { renderStoredMessage } from "@/lib/http/errors";

const t = useTestDb();
const rx = useReceivers();
type U = Awaited<ReturnType<typeof makeUser>>;

let asker: U;
let owner: U;
let manager: U;
let question: { id: string; number: number };
let qn: string;

const DT_SECRET = `SEC${randomBytes(24).toString("hex")}`;
const FS_SECRET = randomBytes(16).toString("base64url");
const FIRST_LINE = "出差住宿超标了怎么报销？";
const SECOND_LINE = "酒店发票 1200 元，标准 600 元";
const NOTE = "请今天下班前联系财务张会计核对发票";

const transports = (): Transports => ({
  email: createEmailSender({ transporter: smtpTransporter(rx.smtp.url, 3_000), from: "首问 Shouwen <noreply@shouwen.local>" }),
  webhook: createWebhookSender({ timeoutMs: 3_000, policy: webhookPolicy() }),
});

async function imPrefs(u: U, secrets: { dingtalk?: string | null; feishu?: string | null } = { dingtalk: DT_SECRET, feishu: FS_SECRET }) {
  const rows = [
    { channel: "WECOM" as const, address: `${rx.hooks.base}/wecom/${u.id}?key=k`, secret: null },
    { channel: "DINGTALK" as const, address: `${rx.hooks.base}/dingtalk/${u.id}?access_token=t`, secret: secrets.dingtalk ?? null },
    { channel: "FEISHU" as const, address: `${rx.hooks.base}/feishu/${u.id}`, secret: secrets.feishu ?? null },
  ];
  for (const r of rows) {
    await t.db.notificationPreference.upsert({
      where: { userId_channel: { userId: u.id, channel: r.channel } },
      create: { userId: u.id, channel: r.channel, enabled: true, address: r.address, secret: r.secret },
      update: { enabled: true, address: r.address, secret: r.secret },
    });
  }
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** kind → recipient, payload, and a fact its personal text must state. */
function cases(): Record<string, { to: U; payload: Record<string, unknown>; fact: RegExp; complaint?: boolean; typed?: boolean }> {
  return {
    "question.assigned": { to: owner, payload: { number: question.number, line: "差旅", firstResponseDueAt: inMinutes(90), dueAt: inMinutes(3 * 1440), reason: "matrix" }, fact: /首次响应 \d\d-\d\d \d\d:\d\d（还有 1 小时 30 分钟）/ },
    "question.replied": { to: asker, payload: { number: question.number }, fact: /答复了你的问题/ },
    "question.resolved": { to: asker, payload: { number: question.number, kind: "NO_POLICY" }, fact: /办结类型：无制度/ },
    "question.asker-replied": { to: owner, payload: { number: question.number }, fact: /提问人补充了信息/ },
    "question.reopened": { to: owner, payload: { number: question.number }, fact: /尚未解决/ },
    "question.ping-pong": { to: manager, payload: { number: question.number, people: 2, handCount: 3 }, fact: /2 人之间转交 2 次/ },
    "deadline.warning": { to: owner, payload: { number: question.number, threshold: 50, due: inMinutes(240), level: 0 }, fact: /已用去 50% 的办结时限[\s\S]*（还有 4 小时）/ },
    "question.first-response-breach": { to: owner, payload: { number: question.number, due: inMinutes(-45), lateMinutes: 45 }, fact: /已超时 45 分钟/ },
    "question.escalated": { to: manager, payload: { number: question.number, level: 1, toName: manager.name, toUserId: manager.id, fromLevel: 0, due: inMinutes(-60), newDue: inMinutes(480), lateMinutes: 60, nextName: "中心总乙" }, fact: /已升级至第 1 级[\s\S]*已超时 1 小时[\s\S]*还有 8 小时[\s\S]*将升级至 中心总乙[\s\S]*请在问题页督办/ },
    "question.instructed": { to: owner, payload: { number: question.number, byName: manager.name, note: NOTE }, fact: /督办指示/, typed: true },
    "question.instruction-acknowledged": { to: manager, payload: { number: question.number, ownerName: owner.name }, fact: /已确认收到你对问题/ },
    "question.reassigned": { to: owner, payload: { number: question.number, fromName: "首问甲", toName: owner.name, byName: manager.name, note: NOTE, firstResponseDueAt: inMinutes(120), dueAt: inMinutes(1440) }, fact: /改派给你[\s\S]*还有 2 小时/, typed: true },
    "question.deadline-extended": { to: owner, payload: { number: question.number, byName: manager.name, reason: NOTE, dueAt: inMinutes(2 * 1440) }, fact: /新的办结 .*（还有 2 天）/, typed: true },
    "question.taken-over": { to: asker, payload: { number: question.number, byName: manager.name }, fact: /接手了问题/ },
    "question.urgency-changed": { to: owner, payload: { number: question.number, urgent: true, byName: asker.name, reason: NOTE }, fact: /标为紧急/, typed: true },
    "question.owner-changed": { to: asker, payload: { number: question.number, toName: owner.name, why: "reassigned" }, fact: /原因：上级改派/ },
    "handoff.requested": { to: manager, payload: { number: question.number, fromName: owner.name, toName: manager.name, note: NOTE, respondBy: inMinutes(60) }, fact: /请回应 .*（还有 1 小时）/, typed: true },
    "handoff.accepted": { to: owner, payload: { number: question.number, fromName: owner.name, toName: manager.name }, fact: /已接手问题/ },
    "handoff.declined": { to: owner, payload: { number: question.number, fromName: owner.name, toName: manager.name, reason: NOTE }, fact: /拒绝了转交/, typed: true },
    "handoff.expired": { to: owner, payload: { number: question.number, toName: manager.name, respondBy: inMinutes(-10) }, fact: /未在时限内回应/ },
    "complaint.filed": { to: manager, payload: { number: question.number, complaintId: randomUUID(), reviewDueAt: inMinutes(1440) }, fact: /收到投诉[\s\S]*复核 .*（还有 1 天）/, complaint: true },
    "complaint.statement-requested": { to: owner, payload: { number: question.number, complaintId: randomUUID(), dueAt: inMinutes(300), note: NOTE }, fact: /提交说明（服务复核）/, complaint: true, typed: true },
    "complaint.statement-given": { to: manager, payload: { number: question.number, complaintId: randomUUID() }, fact: /已提交说明/, complaint: true },
    "complaint.decided": { to: owner, payload: { number: question.number, complaintId: randomUUID(), outcome: "REJECTED", reason: NOTE }, fact: /投诉不成立/, complaint: true, typed: true },
    "complaint.review-overdue": { to: manager, payload: { number: question.number, complaintId: randomUUID(), dueAt: inMinutes(-120), lateMinutes: 120 }, fact: /已超时 2 小时/, complaint: true },
    "account.signin-attack": { to: owner, payload: { windowMinutes: 15, failures: 9 }, fact: /9 次密码错误/ },
  };
}

beforeAll(async () => {
  asker = await makeUser(t.db, { name: "提问人丁" });
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], name: "首问乙" });
  manager = await makeUser(t.db, { roles: ["EMPLOYEE", "MANAGER"], name: "区域总甲" });
  const line = await makeLine(t.db, { name: "差旅" });
  const q = await t.db.question.create({
    data: { askerId: asker.id, ownerId: owner.id, idempotencyKey: randomUUID(), body: `\n${FIRST_LINE}\n${SECOND_LINE}`, lineId: line.id, contactName: asker.name },
  });
  question = { id: q.id, number: q.number };
  qn = `Q-${String(q.number).padStart(6, "0")}`;
});

beforeEach(async () => {
  await t.db.notification.deleteMany({});
  rx.hooks.secrets = { dingtalk: DT_SECRET, feishu: FS_SECRET };
});

async function deliverAll() {
  let sent = 0;
  for (let i = 0; i < 20; i++) {
    const r = await deliverDue({ db: t.db, now: new Date(), transports: transports(), portalUrl: "https://shouwen.example", batchSize: 50 });
    sent += r.sent;
    if (r.claimed === 0) break;
  }
  return sent;
}

describe("every template, delivered", () => {
  it("arrives by mail with the facts and the matter's first line, and by each bot, signed, without it", async () => {
    for (const u of [asker, owner, manager]) await imPrefs(u);
    const all = cases();
    expect(Object.keys(all).sort()).toEqual(TEMPLATE_KINDS.filter((k) => !k.startsWith("digest.")).sort());
    for (const [kind, c] of Object.entries(all)) {
      await t.db.$transaction((tx) => notifyInApp(tx, c.to.id, kind, question.id, `tpl:${kind}`, c.payload as never));
    }
    const kinds = Object.keys(all).length;
    expect(await deliverAll()).toBe(kinds * 4);
    expect(rx.hooks.refused).toEqual([]);
    expect(rx.smtp.mails).toHaveLength(kinds);
    expect(rx.hooks.requests).toHaveLength(kinds * 3);

    const rows = await t.db.notification.findMany({ where: { channel: { not: "IN_APP" } }, select: { id: true, kind: true, channel: true, status: true } });
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    const kindOf = new Map(rows.map((r) => [r.id, r.kind]));

    for (const mail of rx.smtp.mails) {
      const kind = kindOf.get(mail.headers.get("x-shouwen-notification") as string)!;
      const c = all[kind]!;
      const text = mail.text ?? "";
      expect(text, kind).toMatch(c.fact);
      expect(text, kind).toMatch(/请你：/);
      if (kind === "account.signin-attack") continue;
      expect(mail.subject, kind).toContain(qn);
      expect(text, kind).toContain(`问题：${qn} · 条线 差旅 · “${FIRST_LINE}”`);
      expect(text, kind).not.toContain(SECOND_LINE);
      expect(text, kind).toContain(`https://shouwen.example/questions/${question.id}`);
      expect(mail.html, kind).toContain(`“${FIRST_LINE}”`);
      if (c.typed) expect(text, kind).toContain(NOTE);
      // A complaint message never names the complaining asker.
      if (c.complaint) expect(`${mail.subject}\n${text}`, kind).not.toContain(asker.name);
    }

    for (const r of rx.hooks.requests) {
      const id = notificationIdIn(r.body)!;
      const kind = kindOf.get(id)!;
      const body = JSON.stringify(r.body);
      expect(body, `${kind} ${r.path}`).not.toContain(FIRST_LINE.slice(0, 6));
      expect(body, `${kind} ${r.path}`).not.toContain(NOTE.slice(0, 6));
      expect(body, `${kind} ${r.path}`).toContain("请你：");
      if (all[kind]!.complaint) expect(body, `${kind} ${r.path}`).not.toContain(qn);
      else if (kind !== "account.signin-attack") expect(body, `${kind} ${r.path}`).toContain(qn);
      // Signed where the bot has a secret: 钉钉 on the URL, 飞书 in the body (verified by the receiver already).
      if (r.path.startsWith("/dingtalk")) expect(new URL(r.path, "http://x").searchParams.get("sign")).toBeTruthy();
      if (r.path.startsWith("/feishu")) expect(r.body).toMatchObject({ timestamp: expect.stringMatching(/^\d{10}$/), sign: expect.any(String), msg_type: "interactive" });
      if (r.path.startsWith("/wecom")) expect(r.path).not.toMatch(/sign=/);
    }

    // 站内: the same texts in the notification centre, the matter's first line included.
    const inbox = await listInbox(ctxOf(t.db, manager));
    const escalated = inbox.items.find((i) => i.kind === "question.escalated")!;
    expect(escalated.subject).toContain(`问题 ${qn} 已升级至第 1 级（区域总甲）`);
    expect(escalated.lines.join("\n")).toMatch(/已超时 1 小时[\s\S]*“出差住宿超标了怎么报销？”[\s\S]*请你：请在问题页督办/);
  });

  it("a bot whose secret does not match refuses the message: the delivery retries with the vendor's code, never as sent", async () => {
    await imPrefs(owner, { dingtalk: "SECwrong", feishu: "wrong" });
    await t.db.notificationPreference.update({ where: { userId_channel: { userId: owner.id, channel: "WECOM" } }, data: { enabled: false } });
    await t.db.$transaction((tx) => notifyInApp(tx, owner.id, "question.reopened", question.id, `wrong-secret:${randomUUID()}`, { number: question.number }));
    await deliverDue({ db: t.db, now: new Date(), transports: transports() });
    const rows = await t.db.notification.findMany({ where: { userId: owner.id, channel: { in: ["DINGTALK", "FEISHU"] } }, orderBy: { channel: "asc" } });
    expect(rows.map((r) => [r.channel, r.status])).toEqual([["DINGTALK", "PENDING"], ["FEISHU", "PENDING"]]);
    expect(renderStoredMessage(rows[0]!.lastError!, "zh-CN")).toContain("errcode=310000");
    expect(renderStoredMessage(rows[1]!.lastError!, "zh-CN")).toContain("code=19021（签名校验失败）");
    expect(rx.hooks.refused.map((r) => r.reason)).toEqual(["sign mismatch", "sign mismatch"]);
    expect(rx.hooks.requests).toEqual([]);

    // Without a secret the request is unsigned, and a bot that requires 加签 refuses it too.
    await imPrefs(owner, { dingtalk: null, feishu: null });
    rx.hooks.refused.length = 0;
    await deliverDue({ db: t.db, now: new Date(Date.now() + 120_000), transports: transports() });
    expect(rx.hooks.refused.map((r) => r.reason)).toEqual(["missing timestamp or sign", "missing timestamp or sign"]);

    // The right secret: delivered on the next attempt, signed afresh.
    await imPrefs(owner);
    await t.db.notificationPreference.update({ where: { userId_channel: { userId: owner.id, channel: "WECOM" } }, data: { enabled: false } });
    await deliverDue({ db: t.db, now: new Date(Date.now() + 600_000), transports: transports() });
    expect(rx.hooks.requests.map((r) => r.path.split("?")[0]!.split("/")[1]).sort()).toEqual(["dingtalk", "feishu"]);
    expect(await t.db.notification.count({ where: { userId: owner.id, channel: { in: ["DINGTALK", "FEISHU"] }, status: "SENT" } })).toBe(2);
  });
});

describe("signing secrets in the settings", () => {
  it("are stored, shown back only as a hint, kept when left empty, removed on request, and never audited", async () => {
    const u = await makeUser(t.db);
    const ctx = ctxOf(t.db, u);
    const off = { enabled: false, address: "" };
    const secret = `SEC${randomBytes(20).toString("hex")}`;
    const saved = await updateMyNotificationPreferences(ctx, {
      email: { enabled: true },
      wecom: off,
      dingtalk: { enabled: true, address: `${rx.hooks.base}/dingtalk/${u.id}`, secret },
      feishu: { enabled: true, address: `${rx.hooks.base}/feishu/${u.id}`, secret: "feishu-secret-1234" },
    });
    expect(saved.dingtalk).toEqual({ enabled: true, address: `${rx.hooks.base}/dingtalk/${u.id}`, secretHint: `••••${secret.slice(-4)}` });
    expect(saved.feishu.secretHint).toBe("••••1234");
    expect(JSON.stringify(saved)).not.toContain(secret.slice(0, 12));
    const stored = async () => (await t.db.notificationPreference.findMany({ where: { userId: u.id, channel: { in: ["DINGTALK", "FEISHU"] } }, orderBy: { channel: "asc" } })).map((p) => p.secret);
    expect(await stored()).toEqual([secret, "feishu-secret-1234"]);

    // Saved again without a secret (the form never has it): kept. Cleared on request.
    await updateMyNotificationPreferences(ctx, { email: { enabled: true }, wecom: off, dingtalk: { enabled: true, address: `${rx.hooks.base}/dingtalk/${u.id}` }, feishu: { enabled: true, address: `${rx.hooks.base}/feishu/${u.id}`, secret: "", clearSecret: true } });
    expect(await stored()).toEqual([secret, null]);
    expect((await getMyNotificationPreferences(ctx)).feishu.secretHint).toBeNull();

    const err = await updateMyNotificationPreferences(ctx, { email: { enabled: true }, wecom: off, dingtalk: { enabled: true, address: `${rx.hooks.base}/dingtalk/${u.id}`, secret: "has space" }, feishu: off }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields)).toContain("dingtalk.secret");
    expect(await stored()).toEqual([secret, null]);
    // 企业微信 bots have no 加签: a secret there is an unknown field.
    const wecom = await updateMyNotificationPreferences(ctx, { email: { enabled: true }, wecom: { enabled: false, address: "", secret: "x" }, dingtalk: off, feishu: off }).catch((e: unknown) => e);
    expect(wecom).toBeInstanceOf(ValidationError);

    const audits = await t.db.auditLog.findMany({ where: { action: "notify.preferences", actorId: u.id } });
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits.map((a) => a.data))).not.toMatch(new RegExp(`${secret.slice(0, 10)}|feishu-secret`));
    expect(audits.map((a) => a.data)).toContainEqual(expect.objectContaining({ "FEISHU.secret": "removed" }));
  });
});
