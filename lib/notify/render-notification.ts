// What each kind of notification says. Messages name the question by its number and link to it;
// they never carry the question's text, because IM group bots post into shared group chats.
import { renderPolicyReview, type PolicyReviewDigest } from "./digest/policy-review-digest";
import { renderDigest, type DigestData } from "./digest/render-digest";
import type { Message } from "./message";

export interface NotificationFacts {
  kind: string;
  payload: unknown;
  question: { id: string; number: number; lineName: string } | null;
  /** Base URL of the portal for links (NEXTAUTH_URL); no link without it. */
  portalUrl?: string;
}

export const qNumber = (n: number) => `Q-${String(n).padStart(6, "0")}`;

const RESOLUTION: Record<string, string> = { EXISTING_POLICY: "已有制度", POLICY_UNCLEAR: "制度不清", NO_POLICY: "无制度" };

type Template = (p: Record<string, unknown>, q: string) => { subject: string; lines: string[] };

const TEMPLATES: Record<string, Template> = {
  "question.assigned": (p, q) => ({ subject: `新问题待处理：${q}${typeof p.line === "string" ? `（${p.line}）` : ""}`, lines: ["你是这个问题的首问责任人，请在时限内首次响应。"] }),
  "question.replied": (_, q) => ({ subject: `你的问题 ${q} 有了新答复`, lines: ["首问责任人答复了你的问题，请查看并补充所需材料。"] }),
  "question.resolved": (p, q) => ({ subject: `你的问题 ${q} 已办结`, lines: [`办结类型：${RESOLUTION[String(p.kind)] ?? "—"}`, "请确认是否已经解决，并为这次服务评价。"] }),
  "question.asker-replied": (_, q) => ({ subject: `提问人补充了 ${q}`, lines: ["提问人补充了信息，请继续处理。"] }),
  "question.reopened": (_, q) => ({ subject: `问题 ${q} 被重新打开`, lines: ["提问人认为问题尚未解决，请继续处理。"] }),
  // people = distinct owners, handCount − 1 = accepted handoffs (docs/metrics.md); older payloads carry only handCount.
  "question.ping-pong": (p, q) => {
    const people = Number(p.people);
    const handoffs = Number(p.handCount) - 1;
    const counted = people > 0 && handoffs > 0 ? `已在 ${people} 人之间转交 ${handoffs} 次` : "已被多次转交";
    return { subject: `问题 ${q} 被反复转交`, lines: [`这个问题${counted}，请协调确定责任人。`] };
  },
  "handoff.requested": (_, q) => ({ subject: `有人请你接手问题 ${q}`, lines: ["请查看转交说明，接收或写明理由后拒绝。"] }),
  "handoff.accepted": (_, q) => ({ subject: `问题 ${q} 的转交已被接收`, lines: ["接收人已接手这个问题。"] }),
  "handoff.declined": (_, q) => ({ subject: `问题 ${q} 的转交被拒绝`, lines: ["接收人拒绝了转交，问题仍由你负责。"] }),
  "account.signin-attack": (p) => ({
    subject: "你的账号正在被他人尝试登录",
    lines: [
      `${Number(p.windowMinutes) || 15} 分钟内，你的账号有 ${Number(p.failures) || "多"} 次密码错误的登录尝试。`,
      "登录已被限速；你在常用的电脑上仍可照常登录。",
      "如果不是你本人，请尽快修改密码或联系系统管理员。",
    ],
  }),
  "complaint.filed": (_, q) => ({ subject: `问题 ${q} 收到投诉`, lines: ["提问人对这个问题的处理提出了投诉，请复核。"] }),
};

/** The message for one notification. Unknown kinds use payload.subject / payload.lines when given. */
export function renderNotification(f: NotificationFacts): Message {
  const payload = (f.payload && typeof f.payload === "object" ? f.payload : {}) as Record<string, unknown>;
  if (f.kind === "digest.daily") return renderDigest(payload as unknown as DigestData, f.portalUrl);
  if (f.kind === "digest.policy-review") return renderPolicyReview(payload as unknown as PolicyReviewDigest, f.portalUrl);
  const q = f.question ? qNumber(f.question.number) : "";
  const link = f.question && f.portalUrl ? `${f.portalUrl.replace(/\/$/, "")}/questions/${f.question.id}` : undefined;
  const template = TEMPLATES[f.kind];
  const { subject, lines } = template
    ? template(payload, q)
    : {
        subject: typeof payload.subject === "string" ? payload.subject : `首问通知${q ? `：${q}` : ""}`,
        lines: Array.isArray(payload.lines) ? payload.lines.filter((l): l is string => typeof l === "string") : [],
      };
  const context = f.question ? [`问题 ${q} · 条线 ${f.question.lineName}`] : [];
  return { subject: `【首问】${subject}`, sections: [{ lines: [...lines, ...context] }], ...(link ? { link } : {}) };
}
