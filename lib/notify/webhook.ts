// Group-bot webhooks of 企业微信, 钉钉 and 飞书. Each vendor has its own JSON shape and answers
// HTTP 200 with its own error code on failure, so both the status and the body decide success.
import type { ImChannel } from "./channels";
import { fitBytes, renderMarkdown, renderSubject, renderText, type Message } from "./message";

export type WebhookFormat = "text" | "markdown";

// Vendors' documented size limits (bytes of the text/markdown content), with some margin.
const LIMIT: Record<ImChannel, number> = { WECOM: 4000, DINGTALK: 18000, FEISHU: 28000 };

/** The JSON body the vendor's bot accepts. Pure: unit-tested per vendor and format. */
export function buildWebhookBody(channel: ImChannel, message: Message, id: string, format: WebhookFormat = "markdown"): Record<string, unknown> {
  const text = fitBytes(renderText(message, id), LIMIT[channel], id);
  const markdown = fitBytes(renderMarkdown(message, id), LIMIT[channel], id);
  switch (channel) {
    case "WECOM":
      return format === "text" ? { msgtype: "text", text: { content: text } } : { msgtype: "markdown", markdown: { content: markdown } };
    case "DINGTALK":
      return format === "text"
        ? { msgtype: "text", text: { content: text } }
        : { msgtype: "markdown", markdown: { title: renderSubject(message).slice(0, 60), text: markdown } };
    case "FEISHU":
      return format === "text"
        ? { msg_type: "text", content: { text } }
        : {
            msg_type: "interactive",
            card: {
              config: { wide_screen_mode: true },
              header: { title: { tag: "plain_text", content: renderSubject(message) }, template: "blue" },
              elements: [{ tag: "div", text: { tag: "lark_md", content: markdown } }],
            },
          };
  }
}

export class DeliveryError extends Error {
  override name = "DeliveryError";
}

/** The vendor's verdict in a 200 body: 企业微信/钉钉 `errcode`, 飞书 `code` (older bots `StatusCode`). */
export function vendorError(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  for (const [codeKey, msgKey] of [["errcode", "errmsg"], ["code", "msg"], ["StatusCode", "StatusMessage"]] as const) {
    if (codeKey in b && b[codeKey] !== 0 && b[codeKey] !== "0") return `${codeKey}=${String(b[codeKey])} ${String(b[msgKey] ?? "")}`.trim();
  }
  return null;
}

export interface WebhookSender {
  post(url: string, body: unknown): Promise<void>;
}

/** POSTs JSON with a timeout; redirects are refused so a webhook cannot be bent to another host. */
export function createWebhookSender(options: { timeoutMs?: number } = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async post(url, body) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8", "accept-encoding": "identity" },
          body: JSON.stringify(body),
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const reason = e.name === "TimeoutError" ? `超时（${timeoutMs} ms）` : (e.cause?.code ?? e.cause?.message ?? e.message);
        throw new DeliveryError(`webhook 请求失败：${reason}`);
      }
      const text = (await res.text().catch(() => "")).slice(0, 2000);
      if (!res.ok) throw new DeliveryError(`webhook 返回 HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ""}`);
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Some proxies answer plain "ok"; a 2xx without a JSON error code is a success.
      }
      const vendor = vendorError(parsed);
      if (vendor) throw new DeliveryError(`webhook 拒绝了消息：${vendor.slice(0, 200)}`);
    },
  };
}
