import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { requireActor } from "../auth/session";
import type { Actor, Role } from "../auth/roles";
import { toHttpError } from "./errors";
import { log } from "../log";

export interface RouteContext<P> {
  req: NextRequest;
  actor: Actor;
  params: P;
  requestId: string;
}

/**
 * The one wrapper for authenticated route handlers: session and role check, request id,
 * typed-error mapping, JSON logging. Handlers only parse input and call one domain verb.
 */
export function authedRoute<P = Record<string, string>>(
  options: { roles?: Role[] },
  handler: (ctx: RouteContext<P>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const started = Date.now();
    try {
      const actor = await requireActor(...(options.roles ?? []));
      const result = await handler({ req, actor, params: await context.params, requestId });
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
