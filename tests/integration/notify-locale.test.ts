// Mail in the recipient's language: a user who switched to English gets English e-mail (notices and the
// daily digest) from the worker's delivery run, while their group bot, read by colleagues, stays in the
// company default (zh-CN); the switch stores the choice on the signed-in user's own row only.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookPolicy } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { setMyLocale } from "@/lib/i18n/set-my-locale";
import { deliverDue } from "@/lib/notify/deliver-due";
import type { DigestData } from "@/lib/notify/digest/render-digest";
import { createEmailSender, smtpTransporter } from "@/lib/notify/email";
import { enqueueNotification } from "@/lib/notify/enqueue-notification";
import { createWebhookSender } from "@/lib/notify/webhook";
import { notifyInApp } from "@/lib/questions/events";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeUser } from "../helpers/factories";
import { notificationIdIn, useReceivers } from "../helpers/receivers";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const rx = useReceivers();
type U = Awaited<ReturnType<typeof makeUser>>;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

let english: U;
let chinese: U;
let question: { id: string; number: number };

const storedLocale = async (u: U) => (await t.db.user.findUniqueOrThrow({ where: { id: u.id }, select: { locale: true } })).locale;

beforeAll(async () => {
  english = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "MANAGER"], name: "Alex Owner" });
  chinese = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER", "MANAGER"], name: "Bai Owner" });
  // The question's own text is ASCII, so any Chinese in the English mail would be the templates'.
  const line = await makeLine(t.db, { name: "Travel" });
  const q = await t.db.question.create({
    data: { askerId: chinese.id, ownerId: english.id, idempotencyKey: randomUUID(), body: "Hotel over the limit: how do I claim it?", lineId: line.id, contactName: chinese.name },
  });
  question = { id: q.id, number: q.number };
  for (const u of [english, chinese]) {
    await t.db.notificationPreference.create({ data: { userId: u.id, channel: "WECOM", enabled: true, address: `${rx.hooks.base}/wecom/${u.id}?key=k` } });
  }
});

beforeEach(async () => {
  await t.db.notification.deleteMany({});
});

async function deliverAll() {
  const transports = {
    email: createEmailSender({ transporter: smtpTransporter(rx.smtp.url, 3_000), from: "Shouwen <noreply@shouwen.local>" }),
    webhook: createWebhookSender({ timeoutMs: 3_000, policy: webhookPolicy() }),
  };
  for (let i = 0; i < 10; i++) if ((await deliverDue({ db: t.db, now: new Date(), transports, portalUrl: "https://shouwen.example" })).claimed === 0) break;
}

describe("the language switch, stored", () => {
  it("stores the choice on the signed-in user's own row only, and refuses other languages and other fields", async () => {
    expect(await storedLocale(english)).toBeNull();
    expect(await setMyLocale(ctxOf(t.db, english), { locale: "en" })).toEqual({ locale: "en" });
    expect(await storedLocale(english)).toBe("en");
    expect(await storedLocale(chinese)).toBeNull();

    const bad = await setMyLocale(ctxOf(t.db, chinese), { locale: "fr" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields).toEqual({ locale: "语言只能是 zh-CN 或 en" });
    // The row changed is always the actor's: naming someone else is refused, not obeyed.
    const other = await setMyLocale(ctxOf(t.db, chinese), { locale: "zh-CN", userId: english.id }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ValidationError);
    expect(await storedLocale(english)).toBe("en");
    expect(await storedLocale(chinese)).toBeNull();
  });
});

describe("delivery in the recipient's language", () => {
  it("sends English mail to the user who chose English, Chinese to the one who did not, and keeps the group bot Chinese", async () => {
    await t.db.user.update({ where: { id: english.id }, data: { locale: "en" } });
    const payload = { number: question.number, line: "Travel", firstResponseDueAt: new Date(Date.now() + 90 * 60_000).toISOString(), dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), reason: "matrix" };
    for (const u of [english, chinese]) await t.db.$transaction((tx) => notifyInApp(tx, u.id, "question.assigned", question.id, `locale:${u.id}`, payload as never));
    await deliverAll();

    const mailTo = (u: U) => rx.smtp.mails.find((m) => m.to && JSON.stringify(m.to).includes(u.email))!;
    const en = mailTo(english);
    expect(en.subject).toMatch(/^\[Shouwen\] New question for you: Q-\d{6} \(Travel\) · Hotel over the l…$/);
    expect(en.text).toMatch(/First reply \d\d-\d\d \d\d:\d\d \(1 h 30 min left\)/);
    expect(en.text).toContain(`View: https://shouwen.example/questions/${question.id}`);
    expect(`${en.subject}\n${en.text}\n${en.html}`).not.toMatch(CJK);
    const zh = mailTo(chinese);
    expect(zh.subject).toMatch(/^【首问】新问题待处理：Q-\d{6}（Travel）/);
    expect(zh.text).toMatch(/请你：/);

    // Group chats are read by colleagues: the English speaker's bot posts in the company default.
    const bot = rx.hooks.requests.find((r) => r.path.startsWith(`/wecom/${english.id}`))!;
    const rows = await t.db.notification.findMany({ where: { userId: english.id, channel: { not: "IN_APP" } }, select: { id: true, channel: true, status: true } });
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([["EMAIL", "SENT"], ["WECOM", "SENT"]]);
    expect(notificationIdIn(bot.body)).toBe(rows.find((r) => r.channel === "WECOM")!.id);
    expect(JSON.stringify(bot.body)).toMatch(/新问题待处理[\s\S]*请你：[\s\S]*通知编号/);
    expect(JSON.stringify(bot.body)).not.toMatch(/New question|What to do/);
  });

  it("sends the daily digest in the recipient's language", async () => {
    await t.db.user.update({ where: { id: english.id }, data: { locale: "en" } });
    const digest: DigestData = {
      date: "2026-03-06",
      managerName: english.name,
      departments: ["East"],
      overdue: [{ questionId: question.id, number: question.number, line: "Travel", owner: english.name, dueAt: "2026-03-06T08:00:00.000Z" }],
      escalated: [],
      escalations: [],
      complaints: [],
      ignoredPolicies: [],
      totals: { overdue: 1, escalated: 0, complaints: 0, escalations: 0 },
    };
    for (const u of [english, chinese]) {
      await t.db.$transaction((tx) => enqueueNotification(tx, { userId: u.id, kind: "digest.daily", dedupeKey: `digest:${u.id}:2026-03-09`, payload: { ...digest, managerName: u.name } as never }));
    }
    await deliverAll();
    const en = rx.smtp.mails.find((m) => JSON.stringify(m.to).includes(english.email))!;
    expect(en.subject).toBe("[Shouwen] Daily report 2026-03-06: overdue 1 · escalated 0 · complaints 0");
    expect(en.text).toContain("Overdue, not resolved (1):");
    expect(`${en.subject}\n${en.text}\n${en.html}`).not.toMatch(CJK);
    const zh = rx.smtp.mails.find((m) => JSON.stringify(m.to).includes(chinese.email))!;
    expect(zh.subject).toBe("【首问】每日通报 2026-03-06：超时 1 · 升级 0 · 投诉 0");
    const bot = rx.hooks.requests.find((r) => r.path.startsWith(`/wecom/${english.id}`))!;
    expect(JSON.stringify(bot.body)).toContain("每日通报");
  });
});
