import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { answerSignInRefusals } from "@/lib/auth/credentials-refusal";
import { authOptions } from "@/lib/auth/options";
import { BODY_LIMITS, readBodyCapped } from "@/lib/http/read-body";
import { errorResponse } from "@/lib/http/route";
import { LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

// The form is read once, counted as it arrives and refused at the cap (413) before next-auth sees it;
// next-auth gets a copy of what was read. A throttled or shed sign-in answers 429 with Retry-After
// (decided inside authorize()).
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
  if (nextauth.join("/") === "callback/credentials") return answerSignInRefusals(req.nextUrl.origin, () => handler(copy, ctx), localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value));
  return handler(copy, ctx);
}
