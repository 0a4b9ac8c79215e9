// Group-bot webhooks of 企业微信, 钉钉 and 飞书. Each vendor has its own JSON shape and answers
// HTTP 200 with its own error code on failure, so both the status and the body decide success.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { m, zhText, type ErrorKey, type ErrorMessage } from "../errors";
import type { ImChannel } from "./channels";
import { fitBytes, renderMarkdown, renderSubject, renderText, type Message } from "./message";
import { signWebhook } from "./signing";
import { resolveWebhookTarget, WebhookTargetError, type ResolvedAddress, type WebhookLookup, type WebhookPolicy } from "./webhook-target";

export type WebhookFormat = "text" | "markdown";

// Vendors' documented size limits (bytes of the text/markdown content), with some margin.
const LIMIT: Record<ImChannel, number> = { WECOM: 4000, DINGTALK: 18000, FEISHU: 28000 };

const CARD_COLOUR = { info: "blue", warning: "orange", urgent: "red" } as const;

/** The JSON body the vendor's bot accepts. Pure: unit-tested per vendor and format. */
export function buildWebhookBody(channel: ImChannel, message: Message, id: string, format: WebhookFormat = "markdown"): Record<string, unknown> {
  const text = fitBytes(renderText(message, id), LIMIT[channel], id, message.locale);
  const markdown = fitBytes(renderMarkdown(message, id), LIMIT[channel], id, message.locale);
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
              header: { title: { tag: "plain_text", content: renderSubject(message) }, template: CARD_COLOUR[message.tone ?? "info"] },
              elements: [{ tag: "div", text: { tag: "lark_md", content: markdown } }],
            },
          };
  }
}

/** Why a delivery failed, as a catalogue key (stored in lastError, shown to admins in their language); `message` is its zh-CN text. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  /** true when retrying cannot help (a refused target): the row fails at once. */
  readonly permanent: boolean;
  constructor(
    readonly msg: ErrorMessage,
    options: { permanent?: boolean } = {},
  ) {
    super(zhText(msg));
    this.permanent = options.permanent ?? false;
  }
}

// Documented codes worth naming for an admin; any other code is shown as a number only.
const VENDOR_CODE_LABEL: Record<string, ErrorKey> = {
  "93000": "errors.webhook.vendor.93000",
  "310000": "errors.webhook.vendor.310000",
  "45009": "errors.webhook.vendor.45009",
  "19021": "errors.webhook.vendor.19021",
  "19024": "errors.webhook.vendor.19024",
  "9499": "errors.webhook.vendor.9499",
};

/**
 * The vendor's verdict in a 200 body: 企业微信/钉钉 `errcode`, 飞书 `code` (older bots `StatusCode`).
 * Only the numeric code is kept: the message text is the remote's words and is never stored or shown.
 */
export function vendorError(body: unknown): ErrorMessage | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  for (const codeKey of ["errcode", "code", "StatusCode"] as const) {
    if (!(codeKey in b) || b[codeKey] === 0 || b[codeKey] === "0") continue;
    const code = String(b[codeKey]);
    if (!/^-?\d{1,10}$/.test(code)) return m("errors.webhook.vendorCode", { codeKey, code: "?" });
    const label = Object.hasOwn(VENDOR_CODE_LABEL, code) ? VENDOR_CODE_LABEL[code] : undefined;
    return label ? m("errors.webhook.vendorCodeNamed", { codeKey, code, label: m(label) }) : m("errors.webhook.vendorCode", { codeKey, code });
  }
  return null;
}

export interface WebhookSigning {
  channel: ImChannel;
  /** the bot's 加签 secret (钉钉 / 飞书); null: unsigned */
  secret: string | null;
}

export interface WebhookSender {
  /** With `signing`, the request is signed at send time (every attempt gets a fresh timestamp). */
  post(url: string, body: Record<string, unknown>, signing?: WebhookSigning): Promise<void>;
}

export interface WebhookSenderOptions {
  timeoutMs?: number;
  /** Where webhooks may point (lib/env.ts webhookPolicy()). */
  policy: WebhookPolicy;
  /** Name resolution; tests pass their own. */
  lookup?: WebhookLookup;
}

// Enough of an answer to read a vendor's error code; the rest is not read.
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POSTs JSON to a checked target. The host is resolved once, every address checked, and the socket
 * connects to the checked address (the request's `lookup` answers with it), so DNS rebinding between
 * check and connect has no second resolution to use. TLS still verifies the certificate for the host
 * name. Redirects are not followed (a 3xx is a failure). The answer's text is never part of an error.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async post(unsigned, unsignedBody, signing) {
      // Signing adds query parameters (钉钉) or body fields (飞书); the host, and so the checks below, stay the same.
      const { url: raw, body } = signing ? signWebhook(signing.channel, unsigned, unsignedBody, signing.secret, new Date()) : { url: unsigned, body: unsignedBody };
      let target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
      try {
        // A resolver that never answers must not hold a delivery slot past the request's own timeout.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error("lookup timeout"), { code: "DNS_TIMEOUT" })), timeoutMs);
        });
        try {
          target = await Promise.race([resolveWebhookTarget(raw, options.policy, options.lookup), timeout]);
        } finally {
          clearTimeout(timer);
        }
      } catch (err) {
        if (err instanceof WebhookTargetError) throw new DeliveryError(err.msg, { permanent: true });
        const code = (err as { code?: string }).code;
        throw new DeliveryError(m("errors.webhook.lookupFailed", { code: typeof code === "string" && /^[A-Z_]{1,32}$/.test(code) ? code : m("errors.webhook.unknownError") }));
      }
      const answer = await postPinned(target, JSON.stringify(body), timeoutMs);
      if (answer.status < 200 || answer.status > 299) throw new DeliveryError(m("errors.webhook.httpStatus", { status: answer.status }));
      let parsed: unknown = null;
      try {
        parsed = answer.text ? JSON.parse(answer.text) : null;
      } catch {
        // Some proxies answer plain "ok"; a 2xx without a JSON error code is a success.
      }
      const vendor = vendorError(parsed);
      if (vendor) throw new DeliveryError(m("errors.webhook.vendorRefused", { code: vendor }));
    },
  };
}

function postPinned(target: { url: URL; host: string; address: ResolvedAddress }, payload: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const { url, address } = target;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  // Node calls `lookup` for a host name (never for an IP literal) with `all: true` when it may try
  // several families; either way it gets only the address that was checked.
  const pinned = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
    opts?.all ? cb(null, [{ address: address.address, family: address.family }]) : cb(null, address.address, address.family);
  return new Promise((resolve, reject) => {
    const fail = (reason: string | ErrorMessage) => reject(new DeliveryError(m("errors.webhook.requestFailed", { reason })));
    const req = request(
      {
        method: "POST",
        protocol: url.protocol,
        hostname: target.host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { "content-type": "application/json; charset=utf-8", "accept-encoding": "identity", "content-length": Buffer.byteLength(payload) },
        lookup: pinned as never,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          chunks.push(c);
          size += c.length;
          if (size >= MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8") });
        res.on("end", done);
        res.on("close", done);
        res.on("error", () => done());
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      fail(m("errors.webhook.timeout", { ms: timeoutMs }));
    }, timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () => {
      req.destroy();
      fail(m("errors.webhook.timeout", { ms: timeoutMs }));
    });
    req.on("error", (err: Error & { code?: string }) => fail(typeof err.code === "string" && /^[A-Z_0-9]{1,40}$/.test(err.code) ? err.code : m("errors.webhook.connectionError")));
    req.end(payload);
  });
}
