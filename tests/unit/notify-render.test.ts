import { describe, expect, it } from "vitest";
import { zhText, type ErrorMessage } from "@/lib/errors";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/notify/backoff";
import { resolveChannels } from "@/lib/notify/channels";
import { isDigestEmpty, renderDigest, type DigestData } from "@/lib/notify/digest/render-digest";
import { shanghaiDay, shanghaiShort } from "@/lib/notify/local-day";
import { escapeHtml, escapeMarkdown, fitBytes, renderHtml, renderMarkdown, renderText, type Message } from "@/lib/notify/message";
import { renderNotification } from "@/lib/notify/render-notification";
import { webhookUrlProblem } from "@/lib/notify/webhook-target";
import { buildWebhookBody, vendorError } from "@/lib/notify/webhook";

const ID = "0b7c9a52-3f51-4f7e-9a0e-6f2f8f0b1c2d";
const zh = (msg: ErrorMessage | null) => msg && zhText(msg);

const digest = (over: Partial<DigestData> = {}): DigestData => ({
  date: "2026-03-10",
  managerName: "区域总甲",
  departments: ["华东区域"],
  overdue: [{ questionId: "q1", number: 12, line: "差旅", owner: "首问甲", dueAt: "2026-03-09T08:00:00.000Z" }],
  escalated: [{ questionId: "q2", number: 13, line: "考勤", level: 2, to: "中心总乙" }],
  complaints: [{ questionId: "q1", number: 12, against: "首问甲", at: "2026-03-10T00:30:00.000Z" }],
  ignoredPolicies: [{ policyId: "travel", title: "差旅费管理办法", count: 3 }],
  totals: { overdue: 1, escalated: 1, complaints: 1 },
  ...over,
});

describe("renderDigest", () => {
  it("lists the four sections with counts, numbers and local times", () => {
    const m = renderDigest(digest(), "https://shouwen.example");
    expect(m.subject).toBe("【首问】每日通报 2026-03-10：超时 1 · 升级 1 · 投诉 1");
    const text = renderText(m, ID);
    expect(text).toContain("区域总甲，以下是 华东区域 2026-03-10 的首问通报。");
    expect(text).toContain("【已超时未办结（1）】\nQ-000012 · 差旅 · 首问责任人 首问甲 · 办结时限 03-09 16:00");
    expect(text).toContain("Q-000013 · 考勤 · 第 2 级 · 已升级至 中心总乙");
    expect(text).toContain("Q-000012 · 被投诉人 首问甲 · 03-10 08:30");
    expect(text).toContain("差旅费管理办法：3 个问题的答案就在其中");
    expect(text).toContain(`通知编号 ${ID}`);
    expect(m.link).toBe("https://shouwen.example/");
  });

  it("says 无 for empty sections and points to the rest when a list was cut", () => {
    const text = renderText(renderDigest(digest({ escalated: [], complaints: [], ignoredPolicies: [], totals: { overdue: 25, escalated: 0, complaints: 0 } })), ID);
    expect(text).toContain("【已升级未办结（0）】\n无");
    expect(text).toContain("……另有 24 项，请在首问中查看");
  });

  it("knows when there is nothing to report", () => {
    expect(isDigestEmpty(digest({ overdue: [], escalated: [], complaints: [], ignoredPolicies: [], totals: { overdue: 0, escalated: 0, complaints: 0 } }))).toBe(true);
    expect(isDigestEmpty(digest({ overdue: [], escalated: [], complaints: [], totals: { overdue: 0, escalated: 0, complaints: 0 } }))).toBe(false);
  });
});

describe("message rendering", () => {
  const hostile: Message = { subject: "新问题\r\nBcc: x@evil.example", sections: [{ heading: "<b>标题</b>", lines: ['<img src=x onerror="alert(1)">', "[点我](https://evil.example) ![](https://evil.example/p.png)"] }], link: "https://shouwen.example/questions/1" };

  it("escapes every value in HTML", () => {
    const html = renderHtml(hostile, ID);
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });

  it("keeps user text from forming links, images or tags in IM markdown", () => {
    const md = renderMarkdown(hostile, ID);
    expect(md).not.toMatch(/\]\(https:\/\/evil|<img|!\[/);
    expect(md).toContain("[在首问中查看](https://shouwen.example/questions/1)");
    expect(escapeMarkdown("a*b_c")).toBe("a＊b＿c");
  });

  it("puts the subject on one line (no header injection) and the id in the text", () => {
    const text = renderText(hostile, ID);
    expect(text.split("\n")[0]).toBe("新问题 Bcc: x@evil.example");
    expect(text.endsWith(`通知编号 ${ID}`)).toBe(true);
  });

  it("cuts long text to the byte budget and keeps the id", () => {
    const long = "很长".repeat(5000);
    const cut = fitBytes(long, 4000, ID);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4000);
    expect(cut.endsWith(`通知编号 ${ID}`)).toBe(true);
  });
});

describe("renderNotification", () => {
  const question = { id: "q-1", number: 42, lineName: "差旅" };
  it("uses the template of the kind, with the question number and a link", () => {
    const m = renderNotification({ kind: "question.assigned", payload: { line: "差旅" }, question, portalUrl: "https://shouwen.example/" });
    expect(m.subject).toBe("【首问】新问题待处理：Q-000042（差旅）");
    expect(m.link).toBe("https://shouwen.example/questions/q-1");
    expect(renderNotification({ kind: "question.resolved", payload: { kind: "NO_POLICY" }, question }).sections[0]!.lines[0]).toBe("办结类型：无制度");
  });

  it("falls back to payload.subject / payload.lines for kinds it does not know", () => {
    // question.escalated has its own template now (tests/unit/notify-templates.test.ts): a kind without one.
    const m = renderNotification({ kind: "x.custom", payload: { subject: "问题已升级至你", lines: ["请处理", 3] }, question: null });
    expect(m).toEqual({ subject: "【首问】问题已升级至你", sections: [{ lines: ["请处理"] }], locale: "zh-CN" });
    expect(renderNotification({ kind: "x.unknown", payload: null, question }).subject).toBe("【首问】首问通知：Q-000042");
  });
});

describe("webhook bodies", () => {
  const m: Message = { subject: "标题", sections: [{ lines: ["一行"] }] };
  it("follows each vendor's format", () => {
    expect(buildWebhookBody("WECOM", m, ID)).toEqual({ msgtype: "markdown", markdown: { content: expect.stringContaining(ID) } });
    expect(buildWebhookBody("WECOM", m, ID, "text")).toEqual({ msgtype: "text", text: { content: expect.stringContaining(ID) } });
    expect(buildWebhookBody("DINGTALK", m, ID)).toEqual({ msgtype: "markdown", markdown: { title: "标题", text: expect.stringContaining(ID) } });
    expect(buildWebhookBody("DINGTALK", m, ID, "text")).toEqual({ msgtype: "text", text: { content: expect.stringContaining(ID) } });
    expect(buildWebhookBody("FEISHU", m, ID, "text")).toEqual({ msg_type: "text", content: { text: expect.stringContaining(ID) } });
    expect(buildWebhookBody("FEISHU", m, ID)).toMatchObject({ msg_type: "interactive", card: { header: { title: { tag: "plain_text", content: "标题" } }, elements: [{ tag: "div", text: { tag: "lark_md" } }] } });
  });

  it("reads the vendors' error codes in a 200 body", () => {
    expect(vendorError({ errcode: 0, errmsg: "ok" })).toBeNull();
    expect(vendorError({ code: 0, msg: "success" })).toBeNull();
    expect(vendorError({ StatusCode: 0 })).toBeNull();
    expect(vendorError("ok")).toBeNull();
    // Only the code: the vendor's words (or a foreign host's) are never stored or shown.
    expect(zh(vendorError({ errcode: 310000, errmsg: "keywords not in content" }))).toBe("errcode=310000（未通过机器人的安全设置：关键词、IP 或加签）");
    expect(zh(vendorError({ code: 19021, msg: "sign match fail" }))).toBe("code=19021（签名校验失败）");
    expect(zh(vendorError({ errcode: 4242, errmsg: "<script>x</script>" }))).toBe("errcode=4242");
    expect(zh(vendorError({ errcode: "<b>secret body</b>" }))).toBe("errcode=?");
  });
});

describe("channels and schedule", () => {
  it("defaults to e-mail only; IM needs an address and a switch", () => {
    const user = { email: "a@example.com" };
    expect(resolveChannels(user, [])).toEqual([{ channel: "EMAIL", address: "a@example.com" }]);
    expect(resolveChannels({ ...user, disabledAt: new Date() }, [])).toEqual([]);
    expect(
      resolveChannels(user, [
        { channel: "EMAIL", enabled: false, address: null },
        { channel: "WECOM", enabled: true, address: "https://qyapi.weixin.qq.com/x" },
        { channel: "DINGTALK", enabled: true, address: null },
        { channel: "FEISHU", enabled: false, address: "https://open.feishu.cn/x" },
      ]),
    ).toEqual([{ channel: "WECOM", address: "https://qyapi.weixin.qq.com/x" }]);
  });

  it("validates webhook addresses (development switch on: loopback allowed)", () => {
    const dev = { allowedHosts: ["qyapi.weixin.qq.com"], allowLoopback: true };
    expect(webhookUrlProblem("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1", dev)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:9000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://localhost/hook", dev)).toBeNull();
    expect(zh(webhookUrlProblem("http://example.com/hook", dev))).toMatch(/https/);
    expect(zh(webhookUrlProblem("http://127.0.0.1.evil.example/hook", dev))).toMatch(/https/);
    expect(zh(webhookUrlProblem("ftp://example.com", dev))).toMatch(/https/);
    expect(zh(webhookUrlProblem("javascript:alert(1)", dev))).toMatch(/https/);
    expect(zh(webhookUrlProblem("https://u:p@example.com/", dev))).toMatch(/用户名/);
    expect(zh(webhookUrlProblem("not a url", dev))).toMatch(/有效/);
  });

  it("backs off exponentially up to a cap", () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });

  it("computes the Shanghai day and hour", () => {
    expect(shanghaiDay(new Date("2026-03-09T23:59:00Z"))).toEqual({ date: "2026-03-10", hour: 7, start: new Date("2026-03-09T16:00:00Z"), end: new Date("2026-03-10T16:00:00Z") });
    expect(shanghaiDay(new Date("2026-03-10T15:59:59Z")).date).toBe("2026-03-10");
    expect(shanghaiDay(new Date("2026-03-10T16:00:00Z")).date).toBe("2026-03-11");
    expect(shanghaiShort(new Date("2026-03-09T08:00:00Z"))).toBe("03-09 16:00");
  });
});
