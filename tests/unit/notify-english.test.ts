// The in-app inbox of a reader who chose English: every notification kind renders in English with
// the same facts (times left, levels, names, typed notes), and Chinese only where people wrote it.
import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/notify/message";
import { renderNotification, TEMPLATE_KINDS } from "@/lib/notify/render-notification";
import { AT, CASES, question } from "../helpers/notification-cases";

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

  it("renders every kind from an empty (older) payload without failing", () => {
    for (const kind of TEMPLATE_KINDS.filter((k) => !k.startsWith("digest."))) {
      const text = inboxText(renderNotification({ kind, payload: null, question: null, channel: "IN_APP", locale: "en" }));
      expect(text, kind).not.toMatch(/undefined|null|NaN|Invalid Date/);
      expect(text, kind).not.toMatch(CJK);
    }
  });
});
