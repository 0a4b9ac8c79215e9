import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { loginThrottle } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { BODY_LIMITS, readBodyCapped } from "@/lib/http/read-body";
import { errorResponse } from "@/lib/http/route";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

// The form is read once, counted as it arrives and refused at the cap (413) before the throttle or
// next-auth see it; next-auth gets a copy of what was read. Brute force is refused before next-auth
// runs, with 429 and Retry-After.
export async function POST(req: NextRequest, ctx: Ctx) {
  let form: Buffer;
  try {
    form = await readBodyCapped(req, BODY_LIMITS.form);
  } catch (err) {
    return errorResponse(err, req);
  }
  const headers = new Headers(req.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(form.byteLength));
  const copy = new NextRequest(req.url, { method: "POST", headers, body: new Uint8Array(form) });
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const email = new URLSearchParams(form.toString("utf8")).get("email") ?? "";
    const throttle = await loginThrottle(db(), email, clientIp(req.headers));
    if (throttle.limited) {
      return NextResponse.json(
        { error: { code: "RATE_LIMITED", message: "登录尝试过多，请稍后再试" }, url: new URL("/signin?error=RateLimited", req.nextUrl.origin).href },
        { status: 429, headers: { "retry-after": String(throttle.retryAfterSeconds) } },
      );
    }
  }
  return handler(copy, ctx);
}
