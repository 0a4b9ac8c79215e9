// Real local receivers for notifications: an SMTP server that parses each mail (smtp-server +
// mailparser) and an HTTP server that records webhook bodies. Tests read what actually arrived.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** A port nothing listens on right now (for "the SMTP server is down" and for starting it later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface SmtpReceiver {
  port: number;
  url: string;
  mails: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(options: { port?: number } = {}): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // A client killed mid-conversation (the SIGKILL drill) resets its socket: that is expected here.
  server.on("error", () => undefined);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WebhookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** How the receiver answers: "ok" (vendor success body), "http500", or "vendor-error" (HTTP 200 with an error code). */
export type WebhookMode = "ok" | "http500" | "vendor-error";

/**
 * 加签 as the vendors verify it (written here from their documentation, independently of lib/notify/signing.ts):
 * - 钉钉: query `timestamp` (ms) and `sign`; sign must equal Base64(HmacSHA256(key = secret, `${timestamp}\n${secret}`)),
 *   and the timestamp be within one hour of now; else errcode 310000.
 * - 飞书: body `timestamp` (s) and `sign`; sign must equal Base64(HmacSHA256(key = `${timestamp}\n${secret}`, "")),
 *   within one hour; else code 19021.
 * Returns null when the request is signed correctly, else the reason.
 */
export function vendorSignatureProblem(vendor: "dingtalk" | "feishu", secret: string, path: string, body: unknown, now = Date.now()): string | null {
  const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  if (vendor === "dingtalk") {
    const query = new URL(path, "http://receiver").searchParams;
    const timestamp = query.get("timestamp");
    const sign = query.get("sign");
    if (!timestamp || !sign) return "missing timestamp or sign";
    if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 3600_000) return "timestamp not within one hour";
    const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    return equal(sign, expected) ? null : "sign mismatch";
  }
  const b = (body ?? {}) as { timestamp?: unknown; sign?: unknown };
  if (typeof b.timestamp !== "string" || typeof b.sign !== "string") return "missing timestamp or sign";
  if (!/^\d{10}$/.test(b.timestamp) || Math.abs(now / 1000 - Number(b.timestamp)) > 3600) return "timestamp not within one hour";
  const expected = createHmac("sha256", `${b.timestamp}\n${secret}`).update("").digest("base64");
  return equal(b.sign, expected) ? null : "sign mismatch";
}

export interface WebhookReceiver {
  base: string;
  /** 加签 secrets the bots at /dingtalk… and /feishu… verify; unsigned or wrongly signed requests are refused */
  secrets: { dingtalk?: string; feishu?: string };
  /** requests refused for their signature, with the reason */
  refused: (WebhookRequest & { reason: string })[];
  requests: WebhookRequest[];
  mode: WebhookMode;
  /** milliseconds to wait before answering */
  delayMs: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: WebhookRequest[] = [];
  let server: Server;
  const refused: (WebhookRequest & { reason: string })[] = [];
  const receiver: WebhookReceiver = {
    base: "",
    secrets: {},
    refused,
    requests,
    mode: "ok",
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text
      }
      const path = req.url ?? "/";
      const feishu = path.startsWith("/feishu");
      const vendor = feishu ? "feishu" : path.startsWith("/dingtalk") ? "dingtalk" : null;
      const secret = vendor ? receiver.secrets[vendor] : undefined;
      const signature = vendor && secret ? vendorSignatureProblem(vendor, secret, path, body) : null;
      const answer = () => {
        if (signature) {
          refused.push({ path, headers: req.headers, body, reason: signature });
          const error = feishu ? { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" } : { errcode: 310000, errmsg: "sign not match" };
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(error));
          return;
        }
        if (receiver.mode === "http500") {
          res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
          return;
        }
        // Record only what the receiver accepted, as a real bot would post only those.
        if (receiver.mode === "ok") requests.push({ path, headers: req.headers, body });
        const payload =
          receiver.mode === "ok"
            ? feishu ? { code: 0, msg: "success", data: {} } : { errcode: 0, errmsg: "ok" }
            : feishu ? { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" } : { errcode: 93000, errmsg: "invalid webhook url" };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      if (receiver.delayMs > 0) setTimeout(answer, receiver.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  receiver.base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return receiver;
}

/** The notification id a webhook message carries in its text. */
export function notificationIdIn(body: unknown): string | null {
  return /通知编号 ([0-9a-f-]{36})/.exec(JSON.stringify(body))?.[1] ?? null;
}

/**
 * Both receivers for a test file: started before its first test, emptied and set back to answering
 * "ok" at once with no 加签 secrets before each test, closed after the last. Call it before the file's
 * own hooks, which may then read `rx.hooks.base` or change the mode.
 */
export function useReceivers(): { readonly smtp: SmtpReceiver; readonly hooks: WebhookReceiver } {
  let smtp: SmtpReceiver | undefined;
  let hooks: WebhookReceiver | undefined;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver();
  });
  beforeEach(() => {
    smtp!.mails.length = 0;
    hooks!.requests.length = 0;
    hooks!.refused.length = 0;
    Object.assign(hooks!, { mode: "ok", delayMs: 0, secrets: {} });
  });
  afterAll(async () => {
    await smtp?.close();
    await hooks?.close();
  });
  return {
    get smtp() {
      return smtp!;
    },
    get hooks() {
      return hooks!;
    },
  };
}
