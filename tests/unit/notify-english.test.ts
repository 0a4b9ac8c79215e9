// A recipient who chose English (the inbox and e-mail): every notification kind and both digests render in
// English with the same facts (times left, levels, names, typed notes), and Chinese only where people
// wrote it; group chats keep the company default.
import { describe, expect, it } from "vitest";
import type { DigestData } from "@/lib/notify/digest/render-digest";
import type { PolicyReviewDigest } from "@/lib/notify/digest/policy-review-digest";
import { fitBytes, renderHtml, renderText, type Message } from "@/lib/notify/message";
import { messageLocale, renderNotification, TEMPLATE_KINDS } from "@/lib/notify/render-notification";
import { AT, CASES, ID, question } from "../helpers/notification-cases";

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
// The cases' names, notes and line are Chinese, as people write them; here they are written in ASCII
// so that any Chinese left in the text is the template's own.
const ascii = (v: unknown): unknown => (typeof v === "string" && CJK.test(v) ? `typed-${[...v].length}` : v);
// What the inbox shows of a message (the mail renderer adds its own footer).
const inboxText = (m: Message) => [m.subject, ...m.sections.flatMap((s) => [s.heading ?? "", ...s.lines])].join("\n");
const asciiQuestion = { ...question, lineName: "Travel", body: "Hotel over the limit: how do I claim it?" };

describe("notifications in English (the inbox)", () => {
  for (const [kind, c] of Object.entries(CASES)) {
    it(`${kind}: English, with its facts, for the personal and the group audience`, () => {
      const payload = Object.fromEntries(Object.entries(c.payload).map(([k, v]) => [k, ascii(v)]));
      for (const channel of ["IN_APP", "FEISHU"] as const) {
        const m = renderNotification({ kind, payload, question: kind === "account.signin-attack" ? null : asciiQuestion, channel, recipientId: c.to, at: AT, locale: "en" });
        const text = inboxText(m);
        expect(text, `${kind} ${channel}`).not.toMatch(CJK);
        expect(m.subject).toMatch(/^\[Shouwen\] /);
        expect(text).toMatch(/What to do: /);
        if (kind !== "account.signin-attack" && !(c.complaint && channel === "FEISHU")) expect(m.subject).toContain("Q-000042");
      }
      // The Chinese message is unchanged by the option's existence.
      const zh = renderNotification({ kind, payload: c.payload, question, channel: "IN_APP", recipientId: c.to, at: AT });
      expect(renderNotification({ kind, payload: c.payload, question, channel: "IN_APP", recipientId: c.to, at: AT, locale: "zh-CN" })).toEqual(zh);
    });
  }

  it("says the time left and the lateness in English", () => {
    const text = (kind: string) => inboxText(renderNotification({ kind, payload: CASES[kind]!.payload, question: asciiQuestion, channel: "IN_APP", recipientId: CASES[kind]!.to, at: AT, locale: "en" }));
    expect(text("question.assigned")).toContain("First reply 03-10 11:30 (1 h 30 min left)");
    expect(text("question.assigned")).toContain("Resolution 03-12 17:00 (2 d 7 h left)");
    expect(text("question.first-response-breach")).toContain("1 h overdue");
    expect(text("question.escalated")).toContain("escalated to level 2");
  });

  it("renders every kind and both digests from an empty (older) payload without failing, in both languages", () => {
    for (const kind of TEMPLATE_KINDS) {
      for (const payload of [null, {}, { totals: {}, policies: [{}] }]) {
        const en = inboxText(renderNotification({ kind, payload, question: null, channel: "IN_APP", locale: "en" }));
        expect(en, kind).not.toMatch(/undefined|null|NaN|Invalid Date/);
        expect(en, kind).not.toMatch(CJK);
        const zh = inboxText(renderNotification({ kind, payload, question: null, channel: "IN_APP", locale: "zh-CN" }));
        expect(zh, kind).not.toMatch(/undefined|null|NaN|Invalid Date/);
        expect(zh, kind).toMatch(CJK);
        // A missing name leaves no dangling comma at the start of a digest.
        expect(`${en}\n${zh}`, kind).not.toMatch(/^[,，]/m);
      }
    }
  });
});

const digest: DigestData = {
  date: "2026-03-06",
  through: "2026-03-08",
  managerName: "Manager A",
  departments: ["East", "North"],
  overdue: [{ questionId: "q1", number: 12, line: "Travel", owner: "Owner A", dueAt: "2026-03-09T08:00:00.000Z" }, { questionId: "q3", number: 14, line: "Leave", owner: null, dueAt: "not a date" }],
  escalated: [{ questionId: "q2", number: 13, line: "Leave", level: 2, to: "Head B" }],
  escalations: [{ questionId: "q2", number: 13, level: 2, to: "Head B", at: "2026-03-06T07:00:00.000Z" }],
  complaints: [{ questionId: "q1", number: 12, against: "Owner A", at: "2026-03-07T00:30:00.000Z" }],
  ignoredPolicies: [{ policyId: "travel", title: "Travel expenses", count: 3 }],
  totals: { overdue: 25, escalated: 1, complaints: 1, escalations: 1 },
};
const review: PolicyReviewDigest = {
  date: "2026-03-10",
  ownerName: "Policy Owner",
  policies: [
    { policyId: "p1", title: "Travel expenses", reviewDueAt: "2026-03-01", daysLeft: -9, needsRevision: true },
    { policyId: "p2", title: "Leave", reviewDueAt: "2026-03-11", daysLeft: 1, needsRevision: false },
    { policyId: "p3", title: "Phones", reviewDueAt: null, daysLeft: null, needsRevision: true },
  ],
};

describe("digests in the recipient's language", () => {
  const render = (kind: string, payload: object, locale: "en" | "zh-CN") => renderNotification({ kind, payload, question: null, portalUrl: "https://shouwen.example", channel: "EMAIL", locale });

  it("says the daily report in English, with the same counts, lists and times", () => {
    const m = render("digest.daily", digest, "en");
    const text = renderText(m, ID);
    expect(text).not.toMatch(CJK);
    expect(m.subject).toBe("[Shouwen] Daily report 2026-03-06 to 2026-03-08: overdue 25 · escalated 1 · complaints 1");
    expect(text).toContain("Manager A, this is the Shouwen report for East, North, 2026-03-06 to 2026-03-08.");
    expect(text).toContain("Overdue, not resolved (25):\nQ-000012 · Travel · first-contact owner Owner A · resolution due 03-09 16:00");
    expect(text).toContain("Q-000014 · Leave · first-contact owner not assigned yet · resolution due —");
    expect(text).toContain("…and 23 more; see them in Shouwen");
    expect(text).toContain("Q-000013 · escalated to level 2 at 03-06 15:00 · Head B");
    expect(text).toContain("Q-000012 · complaint about Owner A · 03-07 08:30");
    expect(text).toContain("Travel expenses: held the answer to 3 questions");
    // The Chinese report says the same facts in the same places.
    const zh = renderText(render("digest.daily", digest, "zh-CN"), ID);
    expect(zh).toContain("【已超时未办结（25）】\nQ-000012 · Travel · 首问责任人 Owner A · 办结时限 03-09 16:00");
    expect(zh).toContain("……另有 23 项，请在首问中查看");
    expect(zh).toContain("Q-000013 · 03-06 15:00 升级至第 2 级 · Head B");
  });

  it("says the policy review reminder in English", () => {
    const text = renderText(render("digest.policy-review", review, "en"), ID);
    expect(text).not.toMatch(CJK);
    expect(text).toContain("[Shouwen] Policy review reminder 2026-03-10: 3 to handle, 1 overdue");
    expect(text).toContain("“Travel expenses”: review date 2026-03-01, 9 days overdue; marked for revision");
    expect(text).toContain("“Leave”: review date 2026-03-11, 1 day left");
    expect(text).toContain("“Phones”: no review date set; marked for revision");
    expect(renderText(render("digest.policy-review", review, "zh-CN"), ID)).toContain("《Travel expenses》：复审日期 2026-03-01，已过期 9 天；已标记待修订");
  });
});

describe("e-mail in English", () => {
  it("has no Chinese of its own: subject, body, link and id line", () => {
    for (const [kind, c] of Object.entries(CASES)) {
      const payload = Object.fromEntries(Object.entries(c.payload).map(([k, v]) => [k, ascii(v)]));
      const m = renderNotification({ kind, payload, question: kind === "account.signin-attack" ? null : asciiQuestion, portalUrl: "https://shouwen.example", channel: "EMAIL", recipientId: c.to, at: AT, locale: "en" });
      const text = renderText(m, ID);
      expect(text, kind).not.toMatch(CJK);
      expect(text).toContain(`Notification ID ${ID}`);
      const html = renderHtml(m, ID);
      expect(html, kind).not.toMatch(CJK);
      expect(html).toContain(">View in Shouwen</a>");
    }
    expect(fitBytes("x".repeat(5000), 1000, ID, "en")).toMatch(new RegExp(`too long, cut here\\)\nNotification ID ${ID}$`));
  });

  it("writes personal channels in the recipient's choice and group chats in the company default", () => {
    expect(messageLocale("EMAIL", "en")).toBe("en");
    expect(messageLocale("IN_APP", "en")).toBe("en");
    for (const group of ["WECOM", "DINGTALK", "FEISHU"] as const) expect(messageLocale(group, "en")).toBe("zh-CN");
    expect(messageLocale("EMAIL", null)).toBe("zh-CN");
    expect(messageLocale("EMAIL", "fr")).toBe("zh-CN");
  });
});
