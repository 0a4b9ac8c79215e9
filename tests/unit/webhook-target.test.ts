// Where a webhook may point (issue 15.3): the production policy refuses every internal address in
// every spelling, and the send-time check refuses a name that resolves to one.
import { describe, expect, it } from "vitest";
import { VENDOR_WEBHOOK_HOSTS } from "@/lib/env";
import { zhText, type ErrorMessage } from "@/lib/errors";
import { addressProblem, resolveWebhookTarget, webhookUrlProblem, WebhookTargetError, type WebhookLookup } from "@/lib/notify/webhook-target";

const prod = { allowedHosts: VENDOR_WEBHOOK_HOSTS, allowLoopback: false };
const dev = { ...prod, allowLoopback: true };
/** A problem as its zh-CN text (null stays null). */
const zh = (msg: ErrorMessage | null) => msg && zhText(msg);

describe("save-time check of the URL (production policy)", () => {
  it("accepts the vendors' hosts over https on the default port", () => {
    for (const url of [
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
      "https://oapi.dingtalk.com/robot/send?access_token=def",
      "https://open.feishu.cn/open-apis/bot/v2/hook/123",
      "https://open.larksuite.com/open-apis/bot/v2/hook/123",
      "https://QYAPI.weixin.qq.com:443/cgi-bin/webhook/send?key=abc",
    ]) {
      expect(webhookUrlProblem(url, prod), url).toBeNull();
    }
  });

  it.each([
    ["http://127.0.0.1:7700/indexes", /本机/],
    ["http://localhost:7713/indexes", /https/],
    ["https://localhost/indexes", /服务商/],
    ["http://0177.0.0.1/", /本机/], // octal
    ["http://0x7f.1/", /本机/], // hex, two parts
    ["http://0x7f000001/", /本机/], // hex integer
    ["http://2130706433/", /本机/], // decimal integer
    ["http://127.1/", /本机/],
    ["https://[::1]/", /本机/],
    ["https://[::ffff:127.0.0.1]/", /本机/], // IPv4-mapped IPv6
    ["https://[0:0:0:0:0:ffff:7f00:1]/", /本机/],
    ["https://[::ffff:a00:1]/", /内网/], // mapped 10.0.0.1
    ["https://10.0.0.8/hook", /内网/],
    ["https://172.16.5.4/hook", /内网/],
    ["https://192.168.1.1/hook", /内网/],
    ["https://169.254.169.254/latest/meta-data", /链路本地/], // cloud metadata
    ["https://[fe80::1]/", /链路本地/],
    ["https://[fd12:3456::1]/", /unique-local/],
    ["https://224.0.0.1/", /组播/],
    ["https://[ff02::1]/", /组播/],
    ["https://0.0.0.0/", /未指定/],
    ["https://[::]/", /未指定/],
    ["https://100.64.0.1/", /CGNAT/],
    ["https://8.8.8.8/hook", /IP 地址/], // a public address is not a vendor's host either
    ["https://evil.example/hook", /服务商/],
    ["https://qyapi.weixin.qq.com.evil.example/hook", /服务商/],
    ["http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", /https/],
    ["https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send", /端口/],
    ["https://user:pw@open.feishu.cn/x", /用户名/],
    ["file:///etc/passwd", /https/],
    ["gopher://127.0.0.1:6379/_INFO", /https/],
  ])("refuses %s", (url, reason) => {
    expect(zh(webhookUrlProblem(url, prod))).toMatch(reason);
  });

  it("with the development switch allows this machine, but still nothing else internal", () => {
    expect(webhookUrlProblem("http://127.0.0.1:9000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://0177.0.0.1:9000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://localhost:9000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://[::1]:9000/hook", dev)).toBeNull();
    expect(zh(webhookUrlProblem("http://10.0.0.8/hook", dev))).toMatch(/内网/);
    expect(zh(webhookUrlProblem("http://169.254.169.254/", dev))).toMatch(/链路本地/);
    expect(zh(webhookUrlProblem("http://evil.example/hook", dev))).toMatch(/https/);
  });
});

describe("send-time check of the resolved addresses", () => {
  const resolvesTo =
    (...addresses: string[]): WebhookLookup =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  const allowOwn = { allowedHosts: ["bot.shouwen.test"], allowLoopback: false };

  it("classifies addresses with ipaddr.js, IPv4-mapped IPv6 as its IPv4 address", () => {
    expect(addressProblem("203.119.1.1", prod)).toBeNull();
    expect(addressProblem("2400:3200::1", prod)).toBeNull();
    expect(zh(addressProblem("127.0.0.1", prod))).toMatch(/本机/);
    expect(zh(addressProblem("::ffff:7f00:1", prod))).toMatch(/本机/);
    expect(zh(addressProblem("::ffff:192.168.0.1", prod))).toMatch(/内网/);
    expect(zh(addressProblem("64:ff9b::7f00:1", prod))).toMatch(/保留/); // NAT64 of 127.0.0.1
    expect(addressProblem("127.0.0.1", dev)).toBeNull();
    expect(zh(addressProblem("10.0.0.1", dev))).toMatch(/内网/);
  });

  it("refuses an allow-listed name that resolves to loopback, private or link-local, or to any such address among public ones", async () => {
    for (const lookup of [resolvesTo("127.0.0.1"), resolvesTo("::1"), resolvesTo("10.1.2.3"), resolvesTo("169.254.169.254"), resolvesTo("203.119.1.1", "192.168.0.10"), resolvesTo("::ffff:127.0.0.1")]) {
      await expect(resolveWebhookTarget("https://bot.shouwen.test/hook", allowOwn, lookup)).rejects.toBeInstanceOf(WebhookTargetError);
    }
    await expect(resolveWebhookTarget("https://bot.shouwen.test/hook", allowOwn, resolvesTo())).rejects.toThrow(/没有解析/);
    const ok = await resolveWebhookTarget("https://bot.shouwen.test/hook?key=1", allowOwn, resolvesTo("203.119.1.1"));
    expect(ok.address).toEqual({ address: "203.119.1.1", family: 4 });
    expect(ok.host).toBe("bot.shouwen.test");
  });

  it("checks the URL again at send time (a row saved before the policy) and never names the address in the error", async () => {
    const err = await resolveWebhookTarget("http://0177.0.0.1:7700/indexes?key=SECRET", prod, resolvesTo("203.119.1.1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookTargetError);
    expect((err as Error).message).not.toMatch(/SECRET|0177|127\.0\.0\.1/);
  });
});
