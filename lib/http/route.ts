import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { denyAccess } from "../auth/deny-access";
import { requireActor } from "../auth/session";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { hasRole, type Actor, type Role } from "../auth/roles";
import { ForbiddenError, PayloadTooLargeError, ValidationError } from "../errors";
import { toHttpError } from "./errors";
import { readBodyCapped } from "./read-body";
import { log } from "../log";

export interface RouteContext<P> {
  req: NextRequest;
  actor: Actor;
  params: P;
  requestId: string;
  /** The parsed JSON body of a write (undefined for GET and for uploads). */
  body: unknown;
  /** The bytes of an upload route (`upload` option), counted as they arrived. */
  raw?: Buffer;
}

/** An upload route takes the raw bytes of one file: `application/octet-stream`, capped while read. */
export interface UploadOption {
  maxBytes: number;
}

async function readUploadBody(req: NextRequest, upload: UploadOption): Promise<Buffer> {
  if (!isSameOrigin(req)) throw new ForbiddenError("跨站请求被拒绝");
  // Not a CORS-safelisted type: a cross-site page cannot send it without a preflight, which we never allow.
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/octet-stream")) {
    throw new ValidationError({ "content-type": "上传请求必须是 application/octet-stream" }, "请求格式不正确");
  }
  return readBodyCapped(req, upload.maxBytes);
}

const MAX_BODY_BYTES = 64 * 1024;

/** An Origin header, when sent, must name the host the request was addressed to. */
function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // non-browser clients; browsers always send Origin on cross-site POSTs
  const host = (serverEnv().TRUST_PROXY ? req.headers.get("x-forwarded-host") : null) ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Writes accept only same-origin JSON: a cross-site form (urlencoded, multipart, text/plain) can
 * neither pass the content-type check nor forge the Origin header a browser sends.
 */
async function readWriteBody(req: NextRequest): Promise<unknown> {
  if (!isSameOrigin(req)) throw new ForbiddenError("跨站请求被拒绝");
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ValidationError({ "content-type": "请求必须是 application/json" }, "请求格式不正确");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new ValidationError({ _: "请求体不是有效的 JSON" }, "请求体不是有效的 JSON");
  }
  const bad = findBadString(value, "");
  if (bad !== null) throw new ValidationError({ [bad || "_"]: "包含空字符或无效的 Unicode 字符" });
  return value;
}

/** NUL bytes and lone surrogates are refused everywhere: PostgreSQL rejects NUL and they corrupt text. */
function findBadString(value: unknown, path: string): string | null {
  if (typeof value === "string") return /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findBadString(value[i], path ? `${path}.${i}` : String(i));
      if (r !== null) return r;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const r = findBadString(v, path ? `${path}.${k}` : k);
      if (r !== null) return r;
    }
  }
  return null;
}

/**
 * The one wrapper for authenticated route handlers: session and role check, request id,
 * typed-error mapping, JSON logging. Handlers only parse input and call one domain verb.
 * `deniedAs`: on a route that addresses one object by `[id]`, a role refusal is a refused attempt on
 * that object and is recorded under this audit action (see lib/auth/deny-access.ts).
 */
export function authedRoute<P = Record<string, string>>(
  options: { roles?: Role[]; deniedAs?: string; upload?: UploadOption },
  handler: (ctx: RouteContext<P>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const started = Date.now();
    try {
      const actor = await requireActor();
      if (options.roles?.length && !hasRole(actor, ...options.roles)) {
        // Routes without dynamic segments get no params at all.
        const target = options.deniedAs ? ((await context.params) as { id?: unknown } | undefined)?.id : undefined;
        throw options.deniedAs && typeof target === "string" ? await denyAccess({ actor, db: db() }, options.deniedAs, target, new ForbiddenError()) : new ForbiddenError();
      }
      const read = req.method === "GET" || req.method === "HEAD";
      const raw = !read && options.upload ? await readUploadBody(req, options.upload) : undefined;
      const body = read || options.upload ? undefined : await readWriteBody(req);
      const result = await handler({ req, actor, params: await context.params, requestId, body, raw });
      const res = result instanceof Response ? result : NextResponse.json(result);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const { status, body, headers } = toHttpError(err, requestId);
      if (status >= 500) log.error("request failed", { requestId, path: req.nextUrl.pathname, err: String((err as Error)?.stack ?? err) });
      else log.info("request refused", { requestId, path: req.nextUrl.pathname, status });
      return NextResponse.json(body, { status, headers: { ...headers, "x-request-id": requestId } });
    } finally {
      log.debug("request", { requestId, path: req.nextUrl.pathname, ms: Date.now() - started });
    }
  };
}

export { parseInput } from "../validation";
