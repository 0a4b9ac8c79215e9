// Every notification kind (docs: /work/prompts/kinds.md contract, docs/decisions/0006) rendered from a
// representative payload: what happened, which question, time left / late, what to do, and a link; what a
// group chat may carry (no matter text, no typed notes, complaints without the question); older payloads.
import { describe, expect, it } from "vitest";
import { renderHtml, renderMarkdown, renderText } from "@/lib/notify/message";
import { firstLineOf, formatMinutes, renderNotification, TEMPLATE_KINDS, type NotificationFacts } from "@/lib/notify/render-notification";
import { buildWebhookBody } from "@/lib/notify/webhook";

const ID = "0b7c9a52-3f51-4f7e-9a0e-6f2f8f0b1c2d";
const AT = new Date("2026-03-10T02:00:00Z"); // 10:00 company time
const ASKER = "u-asker";
const OWNER = "u-owner";
const MANAGER = "u-manager";
const question = { id: "q-1", number: 42, lineName: "差旅", body: "出差住宿超标了怎么报销？\n第二行：酒店发票 1200 元，标准 600 元。", askerId: ASKER, ownerId: OWNER };
const FIRST = "出差住宿超标了怎么报销？";
const NOTE = "请今天下班前联系财务张会计核对发票";

interface Case {
  payload: Record<string, unknown>;
  to: string;
  /** facts the personal text must carry */
  facts: RegExp[];
  /** kinds about a complaint: group messages must not name the question */
  complaint?: boolean;
  /** typed free text that personal messages quote and group messages leave out */
  typed?: string;
}

const iso = (s: string) => new Date(s).toISOString();
const CASES: Record<string, Case> = {
  "question.assigned": { to: OWNER, payload: { number: 42, line: "差旅", firstResponseDueAt: iso("2026-03-10T03:30:00Z"), dueAt: iso("2026-03-12T09:00:00Z"), reason: "least-loaded" }, facts: [/首问责任人/, /按当前待办最少/, /首次响应 03-10 11:30（还有 1 小时 30 分钟）/, /办结 03-12 17:00（还有 2 天 7 小时）/, /请你：请在首次响应时限前/] },
  "question.replied": { to: ASKER, payload: { number: 42 }, facts: [/答复了你的问题/, /请你：请查看答复/] },
  "question.resolved": { to: ASKER, payload: { number: 42, kind: "EXISTING_POLICY" }, facts: [/办结类型：已有制度/, /评价/] },
  "question.asker-replied": { to: OWNER, payload: { number: 42 }, facts: [/提问人补充了信息/, /继续处理/] },
  "question.reopened": { to: OWNER, payload: { number: 42 }, facts: [/尚未解决/, /再次答复/] },
  "question.ping-pong": { to: MANAGER, payload: { number: 42, people: 2, handCount: 3 }, facts: [/2 人之间转交 2 次/, /指定一位责任人/] },
  "deadline.warning": { to: OWNER, payload: { number: 42, threshold: 75, due: iso("2026-03-10T06:00:00Z"), level: 0 }, facts: [/时限预警 75%/, /已用去 75% 的办结时限/, /办结 03-10 14:00（还有 4 小时）/, /自动升级/] },
  "question.first-response-breach": { to: OWNER, payload: { number: 42, due: iso("2026-03-10T01:00:00Z"), lateMinutes: 60 }, facts: [/首次响应超时/, /已超时 1 小时/, /首次响应时限 03-10 09:00/, /请你：请立即答复提问人/] },
  "question.escalated": {
    to: MANAGER,
    payload: { number: 42, level: 2, toName: "中心总乙", fromLevel: 1, due: iso("2026-03-10T01:00:00Z"), newDue: iso("2026-03-10T09:00:00Z"), lateMinutes: 60, nextName: "CEO 丙", toUserId: MANAGER },
    facts: [/已升级至第 2 级（中心总乙）/, /在第 1 级的时限内未办结（已超时 1 小时）/, /原时限 03-10 09:00/, /本级办结 03-10 17:00（还有 7 小时）/, /将升级至 CEO 丙/, /指示责任人、改派他人、延长时限/],
  },
  "question.instructed": { to: OWNER, payload: { number: 42, byName: "区域总甲", note: NOTE }, facts: [/区域总甲 就问题 Q-000042 给你下达了督办指示/, /确认收到指示/], typed: NOTE },
  "question.instruction-acknowledged": { to: MANAGER, payload: { number: 42, ownerName: "首问甲" }, facts: [/首问甲 已确认收到你对问题 Q-000042 的督办指示/] },
  "question.reassigned": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", byName: "区域总甲", note: NOTE, firstResponseDueAt: iso("2026-03-10T04:00:00Z"), dueAt: iso("2026-03-11T09:00:00Z") }, facts: [/区域总甲 将问题 Q-000042 从 首问甲 改派给你/, /首次响应 03-10 12:00（还有 2 小时）/, /请在首次响应时限前/], typed: NOTE },
  "question.deadline-extended": { to: OWNER, payload: { number: 42, byName: "区域总甲", reason: NOTE, dueAt: iso("2026-03-13T09:00:00Z") }, facts: [/延长了问题 Q-000042 的办结时限/, /新的办结 03-13 17:00（还有 3 天 7 小时）/, /请在新的时限内办结/], typed: NOTE },
  "question.taken-over": { to: ASKER, payload: { number: 42, byName: "区域总甲" }, facts: [/区域总甲 接手了问题 Q-000042/, /无需操作/] },
  "question.urgency-changed": { to: OWNER, payload: { number: 42, urgent: true, byName: "提问人丁", reason: NOTE }, facts: [/标为紧急/, /适用紧急时限/, /请优先处理/], typed: NOTE },
  "question.owner-changed": { to: ASKER, payload: { number: 42, toName: "首问乙", why: "handoff" }, facts: [/改由 首问乙 负责（原因：转交）/] },
  "handoff.requested": { to: MANAGER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", note: NOTE, respondBy: iso("2026-03-10T05:00:00Z") }, facts: [/首问甲 请你接手问题 Q-000042/, /请回应 03-10 13:00（还有 3 小时）/, /接收，或写明理由后拒绝/], typed: NOTE },
  "handoff.accepted": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙" }, facts: [/首问乙 已接手问题 Q-000042/] },
  "handoff.declined": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", reason: NOTE }, facts: [/首问乙 拒绝了转交，问题仍由你负责/], typed: NOTE },
  "handoff.expired": { to: OWNER, payload: { number: 42, toName: "首问乙", respondBy: iso("2026-03-10T01:30:00Z") }, facts: [/首问乙 未在时限内回应/, /回应时限 03-10 09:30/, /另找接手人/] },
  "complaint.filed": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1", reviewDueAt: iso("2026-03-11T09:00:00Z") }, facts: [/问题 Q-000042 收到投诉/, /复核 03-11 17:00（还有 1 天 7 小时）/, /维持或驳回/] },
  "complaint.statement-requested": { to: OWNER, complaint: true, payload: { number: 42, complaintId: "c-1", dueAt: iso("2026-03-10T08:00:00Z"), note: NOTE }, facts: [/就问题 Q-000042 的处理情况提交说明/, /说明 03-10 16:00（还有 6 小时）/], typed: NOTE },
  "complaint.statement-given": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1" }, facts: [/已提交说明/, /作出复核决定/] },
  "complaint.decided": { to: OWNER, complaint: true, payload: { number: 42, complaintId: "c-1", outcome: "UPHELD", reason: NOTE }, facts: [/投诉复核结果：投诉成立/, /查看复核结果/], typed: NOTE },
  "complaint.review-overdue": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1", dueAt: iso("2026-03-09T09:00:00Z"), lateMinutes: 1020 }, facts: [/投诉复核已超时/, /已超时 17 小时/, /复核时限 03-09 17:00/] },
  "account.signin-attack": { to: OWNER, payload: { windowMinutes: 15, failures: 12 }, facts: [/12 次密码错误/, /修改密码/] },
};

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

  it("a warning counts late when read after the deadline", () => {
    const m = render("deadline.warning", CASES["deadline.warning"]!, "IN_APP", { at: new Date("2026-03-10T08:00:00Z") });
    expect(renderText(m, ID)).toMatch(/办结 03-10 14:00（已超时 2 小时）/);
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
    expect([0, 15, 60, 90, 1440, 1500, 4000].map(formatMinutes)).toEqual(["0 分钟", "15 分钟", "1 小时", "1 小时 30 分钟", "1 天", "1 天 1 小时", "2 天 18 小时"]);
  });
});
