import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { denyAccess } from "../auth/deny-access";
import { requireSession } from "../auth/session";
import { db } from "../db/client";
import { sqlStateOf } from "../db/sql-state";
import { serverEnv } from "../env";
import { hasRole, type Actor, type Role } from "../auth/roles";
import { ForbiddenError, ValidationError, m } from "../errors";
import { assertCleanRequest, parseJsonBody } from "../validation";
import { toHttpError } from "./errors";
import { LOCALE_COOKIE, localeFromCookie, type Locale } from "../i18n/locales";
import { BODY_LIMITS, readBodyCapped, readTextCapped } from "./read-body";
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
  /** An upload's file name from the X-File-Name header (percent-encoded UTF-8), or null when none was sent. */
  fileName?: string | null;
}

/** An upload route takes the raw bytes of one file: `application/octet-stream`, capped while read. */
export interface UploadOption {
  maxBytes: number;
}

async function readUploadBody(req: NextRequest, upload: UploadOption): Promise<Buffer> {
  if (!isSameOrigin(req)) throw new ForbiddenError(m("errors.crossSiteRefused"));
  // Not a CORS-safelisted type: a cross-site page cannot send it without a preflight, which we never allow.
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/octet-stream")) {
    throw new ValidationError({ "content-type": m("errors.uploadMustBeOctetStream") }, m("errors.badRequestFormat"));
  }
  return readBodyCapped(req, upload.maxBytes);
}

function uploadFileName(req: NextRequest): string | null {
  const header = req.headers.get("x-file-name");
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    throw new ValidationError({ "x-file-name": m("errors.fileNameEncodingInvalid") });
  }
}

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
 * neither pass the content-type check nor forge the Origin header a browser sends. The body is
 * counted as it arrives and refused at the cap, also when it is sent chunked without a length.
 */
async function readWriteBody(req: NextRequest): Promise<unknown> {
  if (!isSameOrigin(req)) throw new ForbiddenError(m("errors.crossSiteRefused"));
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ValidationError({ "content-type": m("errors.requestMustBeJson") }, m("errors.badRequestFormat"));
  }
  return parseJsonBody(await readTextCapped(req, BODY_LIMITS.json));
}

/**
 * The JSON error answer for anything thrown in a route (the shape every route answers with), in the `locale`
 * cookie's language, else in `storedLocale` (the signed-in user's choice, when the route has read it), else zh-CN.
 */
export function errorResponse(err: unknown, req: NextRequest, requestId = req.headers.get("x-request-id") ?? randomUUID(), storedLocale: Locale | null = null): NextResponse {
  const { status, body, headers } = toHttpError(err, requestId, localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value, storedLocale));
  if (status >= 500) log.error("request failed", { requestId, path: req.nextUrl.pathname, sqlState: sqlStateOf(err), err: String((err as Error)?.stack ?? err) });
  else log.info("request refused", { requestId, path: req.nextUrl.pathname, status });
  return NextResponse.json(body, { status, headers: { ...headers, "x-request-id": requestId } });
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
    // The user's stored language comes with the session row the actor is read from: no query of its own.
    let storedLocale: Locale | null = null;
    try {
      const session = await requireSession();
      const actor = session.actor;
      storedLocale = session.locale;
      if (options.roles?.length && !hasRole(actor, ...options.roles)) {
        // Routes without dynamic segments get no params at all.
        const target = options.deniedAs ? ((await context.params) as { id?: unknown } | undefined)?.id : undefined;
        throw options.deniedAs && typeof target === "string" ? await denyAccess({ actor, db: db() }, options.deniedAs, target, new ForbiddenError()) : new ForbiddenError();
      }
      // scripts/serve.ts refuses these for every request already; here too, so a route is safe on any server.
      assertCleanRequest(req.nextUrl, req.headers);
      const read = req.method === "GET" || req.method === "HEAD";
      const upload = !read && options.upload ? { raw: await readUploadBody(req, options.upload), fileName: uploadFileName(req) } : {};
      const body = read || options.upload ? undefined : await readWriteBody(req);
      const result = await handler({ req, actor, params: await context.params, requestId, body, ...upload });
      const res = result instanceof Response ? result : NextResponse.json(result);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      return errorResponse(err, req, requestId, storedLocale);
    } finally {
      log.debug("request", { requestId, path: req.nextUrl.pathname, ms: Date.now() - started });
    }
  };
}

export { parseInput } from "../validation";
