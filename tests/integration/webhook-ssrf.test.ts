// SSRF through webhook settings (issue 15.3). Any employee types a webhook address and the worker
// POSTs to it, so: at save time only the vendors' hosts over https are accepted (field error
// otherwise); at send time the address is checked again and the host's resolved addresses too, the
// connection goes to the checked address, and what a foreign server answers is never stored.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VENDOR_WEBHOOK_HOSTS } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { deliverDue } from "@/lib/notify/deliver-due";
import { listProblemDeliveries } from "@/lib/notify/deliveries";
import { enqueueNotification } from "@/lib/notify/enqueue-notification";
import { updateMyNotificationPreferences } from "@/lib/notify/preferences";
import type { Transports } from "@/lib/notify/transports";
import { createWebhookSender } from "@/lib/notify/webhook";
import type { WebhookLookup, WebhookPolicy } from "@/lib/notify/webhook-target";
import { ctxOf } from "../helpers/actors";
import { makeUser } from "../helpers/factories";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/receivers";
import { useTestDb } from "../helpers/test-db";
import { renderStoredMessage } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/route";

const t = useTestDb();
const PRODUCTION: WebhookPolicy = { allowedHosts: VENDOR_WEBHOOK_HOSTS, allowLoopback: false };
const DEVELOPMENT: WebhookPolicy = { ...PRODUCTION, allowLoopback: true };

let hooks: WebhookReceiver;
let port: number;
let admin: Awaited<ReturnType<typeof makeUser>>;

const resolvesTo =
  (...addresses: string[]): WebhookLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const transports = (policy: WebhookPolicy, lookup?: WebhookLookup, timeoutMs = 3_000): Transports => ({
  email: null,
  webhook: createWebhookSender({ timeoutMs, policy, lookup }),
});

/** A user whose only channel is a 企业微信 webhook at `address` (stored as a row saved before the checks would be). */
async function userWithWebhook(address: string) {
  const u = await makeUser(t.db);
  await t.db.notificationPreference.createMany({
    data: [
      { userId: u.id, channel: "EMAIL", enabled: false, address: null },
      { userId: u.id, channel: "WECOM", enabled: true, address },
    ],
  });
  await t.db.$transaction((tx) => enqueueNotification(tx, { userId: u.id, kind: "question.assigned", dedupeKey: `ssrf:${randomUUID()}`, payload: { line: "差旅" } }));
  return u;
}

const wecomRow = (userId: string) => t.db.notification.findFirstOrThrow({ where: { userId, channel: "WECOM" } });

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  port = Number(new URL(hooks.base).port);
  admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
});
afterAll(async () => {
  await hooks?.close();
});
beforeEach(async () => {
  await t.db.notification.deleteMany({});
  hooks.requests.length = 0;
  hooks.mode = "ok";
});

describe("save time: the settings verb refuses internal and foreign targets, naming the field", () => {
  const off = { enabled: false, address: "" };
  const save = (userCtx: ReturnType<typeof ctxOf>, address: string, options: Parameters<typeof updateMyNotificationPreferences>[2]) =>
    updateMyNotificationPreferences(userCtx, { email: { enabled: true }, wecom: { enabled: true, address }, dingtalk: off, feishu: off }, options);

  it("refuses loopback, private, link-local, octal/hex/integer and IPv4-mapped forms and non-vendor hosts; stores nothing", async () => {
    const u = await makeUser(t.db);
    const ctx = ctxOf(t.db, u);
    const hostile = [
      "http://127.0.0.1:7700/indexes",
      "http://localhost:7713/indexes",
      "https://localhost/indexes",
      "http://0177.0.0.1/",
      "http://0x7f.0.0.1/",
      "http://0x7f000001/",
      "http://2130706433/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:7f00:1]/",
      "https://10.0.0.8/hook",
      "https://192.168.1.20/hook",
      "https://169.254.169.254/latest/meta-data/",
      "https://[fe80::1]/",
      "https://[fd00::1]/",
      "https://evil.example/hook",
      "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    ];
    for (const address of hostile) {
      const err = await save(ctx, address, { policy: PRODUCTION, lookup: resolvesTo("203.119.1.1") }).catch((e: unknown) => e);
      expect(err, address).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fields), address).toEqual(["wecom.address"]);
    }
    expect(await t.db.notificationPreference.count({ where: { userId: u.id } })).toBe(0);

    // The vendors' hosts over https are accepted.
    await save(ctx, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", { policy: PRODUCTION, lookup: resolvesTo("203.119.1.1") });
    expect(await t.db.notificationPreference.findFirstOrThrow({ where: { userId: u.id, channel: "WECOM" } })).toMatchObject({ enabled: true });
  });

  it("refuses an allowed host name that resolves to this machine (the system resolver for localhost, a custom one for another name)", async () => {
    const ctx = ctxOf(t.db, await makeUser(t.db));
    const err = await save(ctx, "https://localhost/hook", { policy: { allowedHosts: ["localhost"], allowLoopback: false } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields["wecom.address"]).toMatch(/解析后指向本机/);
    for (const address of ["127.0.0.1", "::1", "10.9.8.7", "169.254.169.254", "::ffff:127.0.0.1"]) {
      const e2 = await save(ctx, "https://bot.shouwen.test/hook", { policy: { allowedHosts: ["bot.shouwen.test"], allowLoopback: false }, lookup: resolvesTo("203.119.1.1", address) }).catch((e: unknown) => e);
      expect(e2, address).toBeInstanceOf(ValidationError);
      expect((e2 as ValidationError).fields["wecom.address"], address).toMatch(/解析后指向/);
    }
  });

  it("a refused address answers an English reader in English and anyone else in Chinese", async () => {
    const ctx = ctxOf(t.db, await makeUser(t.db));
    const err = await save(ctx, "https://10.0.0.8/hook", { policy: PRODUCTION }).catch((e: unknown) => e);
    const err2 = await save(ctx, "https://bot.shouwen.test/hook", { policy: { allowedHosts: ["bot.shouwen.test"], allowLoopback: false }, lookup: resolvesTo("127.0.0.1") }).catch((e: unknown) => e);
    const fields = async (e: unknown, cookie?: string) => {
      const res = errorResponse(e, new NextRequest("http://localhost/api/settings/notifications", cookie ? { headers: { cookie } } : {}), "r1");
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    };
    expect(await fields(err, "locale=en")).toEqual({ "wecom.address": "Points to a private network address, which is not allowed" });
    expect(await fields(err2, "locale=en")).toEqual({ "wecom.address": "The host name resolves to a refused address. Points to a loopback (this machine) address, which is not allowed" });
    expect(await fields(err)).toEqual({ "wecom.address": "指向内网（private）地址，不允许" });
    expect(await fields(err2)).toEqual({ "wecom.address": "域名解析后指向本机（loopback）地址，不允许" });
    expect(await t.db.notificationPreference.count({ where: { userId: ctx.actor.id } })).toBe(0);
  });

  it("uses the deployment's policy by default: in tests the switch allows loopback, and nothing else internal", async () => {
    const ctx = ctxOf(t.db, await makeUser(t.db));
    await save(ctx, `${hooks.base}/wecom`, {});
    const err = await save(ctx, "https://10.0.0.8/hook", {}).catch((e: unknown) => e);
    expect((err as ValidationError).fields["wecom.address"]).toMatch(/内网/);
  });
});

describe("send time: the worker checks again, resolves, pins the checked address", () => {
  it("never POSTs to a stored loopback target in any spelling; the rows fail at once without the address in the error", async () => {
    const addresses = [
      `http://127.0.0.1:${port}/wecom?key=SECRET1`,
      `http://0177.0.0.1:${port}/wecom?key=SECRET2`,
      `http://0x7f.1:${port}/wecom?key=SECRET3`,
      `http://2130706433:${port}/wecom?key=SECRET4`,
      `http://[::ffff:127.0.0.1]:${port}/wecom?key=SECRET5`,
      `http://localhost:${port}/wecom?key=SECRET6`,
    ];
    const users = [];
    for (const a of addresses) users.push(await userWithWebhook(a));
    const result = await deliverDue({ db: t.db, now: new Date(), transports: transports(PRODUCTION) });
    expect(result).toMatchObject({ claimed: addresses.length, sent: 0, failed: addresses.length });
    expect(hooks.requests).toHaveLength(0);
    for (const u of users) {
      const row = await wecomRow(u.id);
      expect(row.status).toBe("FAILED");
      expect(renderStoredMessage(row.lastError!, "zh-CN")).toMatch(/webhook 地址不允许/);
      expect(row.lastError).not.toMatch(/SECRET|127\.0\.0\.1|0177|localhost|:\d{4,5}/);
    }
  });

  it("refuses an allowed name that resolves to loopback at send time (DNS changed after the save)", async () => {
    const u = await userWithWebhook("https://bot.shouwen.test/hook?key=SECRET");
    const policy = { allowedHosts: ["bot.shouwen.test"], allowLoopback: false };
    await deliverDue({ db: t.db, now: new Date(), transports: transports(policy, resolvesTo("127.0.0.1")) });
    const row = await wecomRow(u.id);
    expect(row).toMatchObject({ status: "FAILED" });
    expect(renderStoredMessage(row.lastError!, "zh-CN")).toMatch(/解析后指向本机/);
  });

  it("resolves once and connects to the checked address: a second answer of the resolver is never used", async () => {
    // `pinned.localhost` is not in the system resolver; only the custom lookup knows it. The first
    // answer (loopback, allowed by the development switch) is checked; later answers would point
    // elsewhere. The message arrives, so the socket used the checked address without resolving again.
    let calls = 0;
    const rebinding: WebhookLookup = async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.255.255.1", family: 4 }]);
    const u = await userWithWebhook(`http://pinned.localhost:${port}/wecom`);
    expect(await deliverDue({ db: t.db, now: new Date(), transports: transports(DEVELOPMENT, rebinding) })).toMatchObject({ sent: 1 });
    expect(calls).toBe(1);
    expect(hooks.requests).toHaveLength(1);
    expect(hooks.requests[0]!.headers.host).toBe(`pinned.localhost:${port}`);
    expect((await wecomRow(u.id)).status).toBe("SENT");
  });

  it("gives up on a resolver that does not answer within the timeout, and retries later", async () => {
    const u = await userWithWebhook("https://bot.shouwen.test/hook");
    const silent: WebhookLookup = () => new Promise(() => undefined);
    const started = Date.now();
    await deliverDue({ db: t.db, now: new Date(), transports: transports({ allowedHosts: ["bot.shouwen.test"], allowLoopback: false }, silent, 500) });
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await wecomRow(u.id);
    expect(row.status).toBe("PENDING");
    expect(renderStoredMessage(row.lastError!, "zh-CN")).toBe("webhook 域名解析失败：DNS_TIMEOUT");
  });

  it("does not follow a redirect to another target", async () => {
    let redirected = 0;
    const other: Server = createServer((_req, res) => {
      redirected++;
      res.end("{}");
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
    const redirector: Server = createServer((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${(other.address() as { port: number }).port}/internal` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
    try {
      const u = await userWithWebhook(`http://127.0.0.1:${(redirector.address() as { port: number }).port}/hook`);
      await deliverDue({ db: t.db, now: new Date(), transports: transports(DEVELOPMENT) });
      expect(redirected).toBe(0);
      expect(renderStoredMessage((await wecomRow(u.id)).lastError!, "zh-CN")).toBe("webhook 返回 HTTP 307");
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
      await new Promise<void>((r) => redirector.close(() => r()));
    }
  });
});

describe("a foreign answer is never stored or shown to admins", () => {
  it("keeps only the HTTP status or the vendor's numeric code", async () => {
    const u = await userWithWebhook(`${hooks.base}/wecom`);
    hooks.mode = "http500"; // answers "internal error"
    await deliverDue({ db: t.db, now: new Date(), transports: transports(DEVELOPMENT) });
    expect(renderStoredMessage((await wecomRow(u.id)).lastError!, "zh-CN")).toBe("webhook 返回 HTTP 500");

    hooks.mode = "vendor-error"; // answers {"errcode":93000,"errmsg":"invalid webhook url"}
    await t.db.notification.updateMany({ where: { userId: u.id }, data: { nextAttemptAt: new Date(0) } });
    await deliverDue({ db: t.db, now: new Date(), transports: transports(DEVELOPMENT) });
    const row = await wecomRow(u.id);
    expect(renderStoredMessage(row.lastError!, "zh-CN")).toBe("webhook 拒绝了消息：errcode=93000（webhook 地址无效）");

    // Stored as a key: an English admin reads it in English.
    expect(renderStoredMessage(row.lastError!, "en")).toBe("The webhook refused the message: errcode=93000 (invalid webhook address)");

    // What /admin/notifications lists carries no part of either answer.
    const listed = await listProblemDeliveries(ctxOf(t.db, admin));
    const shown = JSON.stringify(listed.find((r) => r.id === row.id));
    expect(shown).not.toMatch(/internal error|invalid webhook url/);
  });

  it("scrubs what rows written before the fix stored (migration 20261207000700)", async () => {
    const u = await userWithWebhook(`${hooks.base}/wecom`);
    const legacy = [
      ["webhook 返回 HTTP 404：<html>internal admin page of 10.0.0.5</html>", "webhook 返回 HTTP 404"],
      ["webhook 拒绝了消息：errcode=310000 keywords not in content", "webhook 拒绝了消息：errcode=310000"],
      ["webhook 拒绝了消息：code=<b>x</b> anything the host said", "webhook 拒绝了消息"],
      ["webhook 请求失败：getaddrinfo ENOTFOUND bot.internal.example", "webhook 请求失败"],
      ["webhook 请求失败：ECONNREFUSED", "webhook 请求失败：ECONNREFUSED"],
    ] as const;
    const row = await wecomRow(u.id);
    const ids: string[] = [];
    for (const [i, [before]] of legacy.entries()) {
      const copy = await t.db.notification.create({
        data: { userId: u.id, channel: "WECOM", kind: row.kind, payload: {}, dedupeKey: `legacy:${i}:${randomUUID()}`, status: "FAILED", attempts: 6, lastError: before },
      });
      ids.push(copy.id);
    }
    await t.db.$executeRawUnsafe(readFileSync("prisma/migrations/20261207000700_scrub_webhook_errors/migration.sql", "utf8"));
    const after = await t.db.notification.findMany({ where: { id: { in: ids } }, select: { id: true, lastError: true } });
    expect(ids.map((id) => after.find((r) => r.id === id)!.lastError)).toEqual(legacy.map(([, expected]) => expected));
  });
});
