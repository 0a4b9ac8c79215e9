// Every notification kind (docs: /work/prompts/kinds.md contract, docs/decisions/0006) rendered from a
// representative payload: what happened, which question, time left / late, what to do, and a link; what a
// group chat may carry (no matter text, no typed notes, complaints without the question); older payloads.
import { describe, expect, it } from "vitest";
import { renderHtml, renderMarkdown, renderText } from "@/lib/notify/message";
import { firstLineOf, renderNotification, TEMPLATE_KINDS, type NotificationFacts } from "@/lib/notify/render-notification";
import { formatMinutes } from "@/lib/notify/template-parts";
import { buildWebhookBody } from "@/lib/notify/webhook";

import { ASKER, AT, CASES, FIRST, ID, MANAGER, OWNER, question, type Case } from "../helpers/notification-cases";

const iso = (s: string) => new Date(s).toISOString();
const render = (kind: string, c: Case, channel: NotificationFacts["channel"], extra: Partial<NotificationFacts> = {}) =>
  renderNotification({ kind, payload: c.payload, question: kind === "account.signin-attack" ? null : question, portalUrl: "https://shouwen.example", channel, recipientId: c.to, at: AT, ...extra });

describe("every kind has a template", () => {
  it("covers the whole contract", () => {
    expect([...TEMPLATE_KINDS].sort()).toEqual([...Object.keys(CASES), "digest.daily", "digest.policy-review"].sort());
  });

  for (const [kind, c] of Object.entries(CASES)) {
    it(`${kind}: personal (站内, e-mail) says what happened, which question, the time and what to do`, () => {
      const m = render(kind, c, "EMAIL");
      const text = renderText(m, ID);
      for (const fact of c.facts) expect(text).toMatch(fact);
      expect(text).toMatch(/请你：/);
      if (kind !== "account.signin-attack") {
        expect(m.subject).toContain("Q-000042");
        expect(text).toContain(`问题：Q-000042 · 条线 差旅 · “${FIRST}”`);
        expect(text).not.toContain("酒店发票"); // only the first line of the matter
        expect(m.link).toBe("https://shouwen.example/questions/q-1");
      }
      if (c.typed) expect(text).toContain(`“${c.typed}”`);
      // 站内 and e-mail are both read by the recipient alone: the same message.
      expect(render(kind, c, "IN_APP")).toEqual(m);
    });

    it(`${kind}: group bots get no matter text and no typed notes${c.complaint ? ", and no question number" : ""}`, () => {
      for (const channel of ["WECOM", "DINGTALK", "FEISHU"] as const) {
        const m = render(kind, c, channel);
        const all = JSON.stringify(buildWebhookBody(channel, m, ID));
        expect(all).not.toContain("出差住宿");
        if (c.typed) expect(all).not.toContain(c.typed.slice(0, 8));
        if (c.complaint) {
          expect(all).not.toContain("Q-000042");
          expect(m.link).toBe("https://shouwen.example/notifications");
        } else if (kind !== "account.signin-attack") {
          expect(m.subject).toContain("Q-000042");
        }
        expect(all).toContain("请你：");
      }
    });

    it(`${kind}: renders from an empty (older) payload without failing`, () => {
      for (const channel of ["IN_APP", "FEISHU"] as const) {
        const m = renderNotification({ kind, payload: null, question: null, channel });
        expect(m.subject).toMatch(/^【首问】/);
        expect(renderText(m, ID)).not.toMatch(/undefined|null|NaN|Invalid Date/);
        const wrong = renderNotification({ kind, payload: { number: "x", due: "not a date", lateMinutes: {}, toName: 3, urgent: "yes" }, question, channel, at: AT });
        expect(renderText(wrong, ID)).not.toMatch(/undefined|null|NaN|Invalid Date|\[object/);
      }
    });
  }
});

describe("who receives it decides the action", () => {
  const escalated = CASES["question.escalated"]!;
  it("escalation: the new level acts, the owner is urged, the asker is told to wait", () => {
    const text = (to: string) => renderText(render("question.escalated", { ...escalated, to }, "EMAIL"), ID);
    expect(text(MANAGER)).toMatch(/请在问题页督办/);
    expect(text(OWNER)).toMatch(/请立即处理并答复提问人/);
    expect(text(ASKER)).toMatch(/无需操作/);
  });

  it("escalation rows written before the contract ({ number, level, due }) read due as the new deadline", () => {
    const m = renderNotification({ kind: "question.escalated", payload: { number: 42, level: 1, due: iso("2026-03-10T09:00:00Z") }, question, channel: "EMAIL", recipientId: MANAGER, at: AT });
    const text = renderText(m, ID);
    expect(m.subject).toBe(`【首问】问题 Q-000042 已升级至第 1 级 · ${FIRST}`);
    expect(text).toMatch(/本级办结 03-10 17:00（还有 7 小时）/);
    expect(text).not.toMatch(/原时限/);
  });

  it("reassignment: the previous owner is released, the asker told", () => {
    const c = CASES["question.reassigned"]!;
    expect(renderText(render("question.reassigned", { ...c, to: "u-previous" }, "EMAIL"), ID)).toMatch(/你无需再处理这个问题/);
    expect(renderText(render("question.reassigned", { ...c, to: ASKER }, "EMAIL"), ID)).toMatch(/新的首问责任人会继续处理/);
  });

  it("an assignment written by an older producer ({ number, line }) takes the question's own deadlines", () => {
    const m = renderNotification({
      kind: "question.assigned",
      payload: { number: 42, line: "差旅" },
      question: { ...question, firstResponseDueAt: new Date("2026-03-10T03:00:00Z"), resolutionDueAt: new Date("2026-03-11T09:00:00Z") },
      channel: "EMAIL",
      recipientId: OWNER,
      at: AT,
    });
    expect(renderText(m, ID)).toContain("时限：首次响应 03-10 11:00（还有 1 小时）；办结 03-11 17:00（还有 1 天 7 小时）");
  });

  it("a warning counts late when read after the deadline", () => {
    const m = render("deadline.warning", CASES["deadline.warning"]!, "IN_APP", { at: new Date("2026-03-10T08:00:00Z") });
    expect(renderText(m, ID)).toMatch(/办结 03-10 14:00（已超时 2 小时）/);
  });
});

describe("飞书 cards", () => {
  it("colour the header by how pressing the notice is", () => {
    const header = (kind: string) => (buildWebhookBody("FEISHU", render(kind, CASES[kind]!, "FEISHU"), ID) as { card: { header: { template: string } } }).card.header.template;
    expect(header("question.escalated")).toBe("red");
    expect(header("question.first-response-breach")).toBe("red");
    expect(header("deadline.warning")).toBe("orange");
    expect(header("question.replied")).toBe("blue");
  });
});

describe("what a complaint message tells", () => {
  it("never names the complaining asker or the complaint to the owner in the statement request", () => {
    const c = CASES["complaint.statement-requested"]!;
    const text = renderText(render("complaint.statement-requested", c, "EMAIL"), ID);
    expect(text).not.toMatch(/投诉|提问人/);
    expect(text).toMatch(/服务复核/);
  });
});

describe("user text in every format", () => {
  const hostile = {
    ...question,
    lineName: "差旅](https://evil.example)<img src=x onerror=alert(1)>",
    body: "<script>alert(1)</script>[点我](https://evil.example) ![](https://evil.example/p.png) http://evil.example/x",
  };
  const payload = { number: 42, byName: "**王五**<b>", note: "[链接](javascript:alert(1)) <a href=x>", toName: "李四\u202e反转" };

  it("is escaped in HTML mail and cannot form links, images or tags in IM markdown and cards", () => {
    const personal = renderNotification({ kind: "question.instructed", payload, question: hostile, portalUrl: "https://shouwen.example", channel: "EMAIL", recipientId: OWNER, at: AT });
    const html = renderHtml(personal, ID);
    expect(html).not.toMatch(/<script|<img|<b>|<a href=x/);
    expect(html).toContain("&lt;script&gt;");
    const md = renderMarkdown(personal, ID);
    expect(md).not.toMatch(/\]\((?!https:\/\/shouwen\.example\/questions\/q-1\))|!\[|<script|<a |\*\*王五\*\*|https?:\/\/evil/);
    for (const channel of ["WECOM", "DINGTALK", "FEISHU"] as const) {
      const body = JSON.stringify(buildWebhookBody(channel, renderNotification({ kind: "question.reassigned", payload, question: hostile, portalUrl: "https://shouwen.example", channel, recipientId: OWNER, at: AT }), ID));
      expect(body).not.toMatch(/\]\((?!https:\/\/shouwen\.example\/questions\/q-1\))|<img|<b>|https?:\/\/evil/);
      expect(body).toContain("[在首问中查看](https://shouwen.example/questions/q-1)");
    }
  });

  it("isolates right-to-left overrides in names", () => {
    const m = renderNotification({ kind: "question.owner-changed", payload, question, channel: "IN_APP", recipientId: ASKER, at: AT });
    expect(renderText(m, ID)).toContain("\u2068李四\u202e反转\u2069");
  });
});

describe("helpers", () => {
  it("takes the first non-empty line of the matter, cut to a length", () => {
    expect(firstLineOf("\n\n  第一行  \n第二行")).toBe("第一行");
    expect(firstLineOf("一".repeat(50), 40)).toBe(`${"一".repeat(40)}…`);
    expect(firstLineOf("   ")).toBeNull();
    expect(firstLineOf(null)).toBeNull();
  });

  it("formats durations", () => {
    expect([0, 15, 60, 90, 1440, 1500, 4000].map((m) => formatMinutes(m))).toEqual(["0 分钟", "15 分钟", "1 小时", "1 小时 30 分钟", "1 天", "1 天 1 小时", "2 天 18 小时"]);
    expect([0, 90, 1500].map((m) => formatMinutes(m, "en"))).toEqual(["0 min", "1 h 30 min", "1 d 1 h"]);
  });
});
