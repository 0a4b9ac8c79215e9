// The portal's HTTP server: Next.js behind a thin node:http layer that owns the client address.
// `next start` passes a client's own X-Forwarded-For through, which would let anyone pick the IP the
// sign-in throttle sees. Here the header is replaced by the socket address, or, behind a trusted
// reverse proxy (TRUST_PROXY=true), the socket address is appended to what the proxy sent.
//   tsx scripts/serve.ts dev|start --port N --hostname H
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { isDatabaseMarkedDown } from "../lib/db/availability";
import { serverEnv } from "../lib/env";
import { m, ValidationError } from "../lib/errors";
import { toHttpError } from "../lib/http/errors";
import { LOCALE_COOKIE, localeFromCookie } from "../lib/i18n/locales";
import { runShutdownHooks } from "../lib/ops/shutdown-hooks";
import { requestProblems } from "../lib/validation";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { port: { type: "string" }, hostname: { type: "string" } } });
const dev = positionals[0] === "dev";
const port = Number(values.port ?? 3000);
const hostname = values.hostname ?? "127.0.0.1";
const trustProxy = serverEnv().TRUST_PROXY;

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (refuseHostileRequest(req, res)) return;
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  req.headers["x-forwarded-for"] = forwarded ? `${String(forwarded)}, ${socketAddress}` : socketAddress;
  if (!trustProxy) delete req.headers["x-real-ip"];
  // A request id for logs and error pages; a client-supplied one is kept only if it looks like one.
  const given = req.headers["x-request-id"];
  if (typeof given !== "string" || !/^[A-Za-z0-9-]{8,64}$/.test(given)) req.headers["x-request-id"] = randomUUID();
  correctAnswerHead(req, res);
  void handle(req, res);
});

// Every route and page, Next's and next-auth's included, gets what lib/http/route.ts gives its own
// routes: NUL or bytes that are no UTF-8 (a lone surrogate) in the path, the same or over-long values
// in the query string or a header are refused with 400 naming the parameter, before anything reads
// or stores them.
const REFUSAL_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

/**
 * The refusal's language: Node has parsed the headers by the time the request is checked, so the
 * `locale` cookie is read as lib/http/route.ts reads it (a cookie that cannot be read: zh-CN).
 */
function requestLocale(req: IncomingMessage) {
  const cookie = req.headers.cookie ?? "";
  const pair = cookie.split(";").find((c) => c.trim().startsWith(`${LOCALE_COOKIE}=`));
  return localeFromCookie(pair?.trim().slice(LOCALE_COOKIE.length + 1));
}

function refuseHostileRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const fields = requestProblems({ pathname, search: q < 0 ? "" : url.slice(q) }, req.headers);
  if (!fields) return false;
  const requestId = randomUUID();
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "request refused", requestId, path: pathname.slice(0, 200), status: 400, fields: Object.keys(fields) }));
  res.writeHead(400, { ...REFUSAL_HEADERS, "x-request-id": requestId, ...(req.complete ? {} : { connection: "close" }) });
  // The answer a route gives for the same problems (lib/validation.ts assertCleanRequest).
  res.end(JSON.stringify(toHttpError(new ValidationError(fields, m("errors.requestParamsInvalid")), requestId, requestLocale(req)).body));
  return true;
}

/**
 * Two corrections made as the answer's head is written:
 * - A page that fails because PostgreSQL is away is rendered by Next as a 500 (the error page, with a
 *   digest); routes already answer 503 themselves (lib/http/errors.ts). While the pool's last checkout
 *   failed for want of the database, a 500 is sent as 503 with Retry-After instead: the client should
 *   retry, nothing is broken in the portal.
 * - An answer sent before the request body was read to the end (a 413 at the cap, a 401 before
 *   reading) closes the connection: the rest of the body is never read, and the client learns at once
 *   that nobody will (lib/http/read-body.ts leaves the stream unread rather than cancel it, which
 *   would destroy the socket before the answer is written).
 */
function correctAnswerHead(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (!req.complete) this.setHeader("connection", "close");
    if (status === 500 && isDatabaseMarkedDown()) {
      this.setHeader("retry-after", "5");
      if (typeof rest[0] === "string") rest[0] = "Service Unavailable";
      status = 503;
    }
    return writeHead.call(this, status, ...rest);
  } as typeof res.writeHead;
}
server.listen(port, hostname, () => console.log(`[shouwen] portal listening on http://${hostname}:${port}`));

// Stop taking requests, let those in flight finish (at most 3 s), then write what is buffered
// (search rows) before exiting; the whole stop is bounded to 8 s.
const shutdown = () => {
  setTimeout(() => process.exit(0), 8_000).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  void Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))])
    .then(() => runShutdownHooks(4_000))
    .then((failed) => {
      if (failed.length) console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "shutdown hooks failed", failed }));
      process.exit(0);
    });
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
