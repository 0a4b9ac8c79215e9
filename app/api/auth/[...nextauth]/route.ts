import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { loginThrottle } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

// Brute force is refused before next-auth runs, with 429 and Retry-After.
export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const throttle = await loginThrottle(db(), email, clientIp(req.headers));
    if (throttle.limited) {
      return NextResponse.json(
        { error: { code: "RATE_LIMITED", message: "登录尝试过多，请稍后再试" }, url: new URL("/signin?error=RateLimited", req.nextUrl.origin).href },
        { status: 429, headers: { "retry-after": String(throttle.retryAfterSeconds) } },
      );
    }
  }
  return handler(req, ctx);
}
