import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { BODY_LIMITS, readTextCapped } from "@/lib/http/read-body";
import { errorResponse } from "@/lib/http/route";
import { getActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { localeInput, setMyLocale } from "@/lib/i18n/set-my-locale";
import { getT } from "@/lib/i18n/t";
import { safeLocalPath } from "@/lib/navigation";

const input = localeInput.extend({
  // Anything that is not a path on this site (absolute or protocol-relative URL) is replaced by "/":
  // this endpoint must never become an open redirect.
  next: z.unknown().transform((value) => safeLocalPath(value, "/")),
});

/**
 * The language switch: a plain form POST sets the cookie and goes back with 303. GET changes nothing.
 * A signed-in user's choice is also stored on their own row (mail in their language, a new browser).
 */
export async function POST(req: NextRequest) {
  let form: URLSearchParams;
  try {
    // Anonymous: the form is counted as it arrives and refused at the cap (413).
    form = new URLSearchParams(await readTextCapped(req, BODY_LIMITS.form));
  } catch (err) {
    return errorResponse(err, req);
  }
  const parsed = input.safeParse({ locale: form.get("locale"), next: form.get("next") });
  if (!parsed.success) {
    return NextResponse.json(
      { error: { code: "VALIDATION", message: (await getT())("api.locale.invalid"), fields: { locale: "zh-CN | en" } } },
      { status: 400 },
    );
  }
  const actor = await getActor();
  if (actor) {
    try {
      await setMyLocale(ctxFor(actor), { locale: parsed.data.locale });
    } catch (err) {
      return errorResponse(err, req);
    }
  }
  // A relative Location keeps the browser on the origin it used, also behind a reverse proxy.
  const res = new NextResponse(null, { status: 303, headers: { Location: parsed.data.next } });
  res.cookies.set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: req.nextUrl.protocol === "https:",
    maxAge: 365 * 24 * 3600,
  });
  return res;
}
