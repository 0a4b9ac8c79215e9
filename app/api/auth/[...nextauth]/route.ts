import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { answerSignInRefusals } from "@/lib/auth/credentials-refusal";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

// A throttled or shed sign-in answers 429 with Retry-After (decided inside authorize()).
export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") return answerSignInRefusals(req.nextUrl.origin, () => handler(req, ctx));
  return handler(req, ctx);
}
