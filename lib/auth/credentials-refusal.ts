import "server-only";
// next-auth answers a refusal thrown in authorize() with 401 and an error URL; a throttled sign-in
// must answer 429 with Retry-After instead. authorize() notes the refusal in this request's async
// context and the route turns the response into the 429, so the throttle is decided once, in
// lib/auth/sign-in-with-password.ts, and the route needs no copy of the body to decide it.
import { AsyncLocalStorage } from "node:async_hooks";
import { m, RateLimitedError } from "../errors";
import { renderMessage } from "../http/errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { signInGate } from "./sign-in-gate-instance";

const attempts = new AsyncLocalStorage<{ refusal?: RateLimitedError }>();

/** Called by authorize(): the refusal the route will answer with. */
export function noteSignInRefusal(err: RateLimitedError): void {
  const store = attempts.getStore();
  if (store) store.refusal = err;
}

/**
 * Runs next-auth's credentials callback; a noted refusal becomes 429 with Retry-After. While every
 * sign-in slot is taken the attempt is shed before next-auth reads its body: in a burst, the work per
 * refused request is what signed-in users wait behind. (authorize() still takes the slot itself:
 * this look is only a shortcut, never the check.)
 */
export async function answerSignInRefusals(origin: string, run: () => Promise<Response>, locale: Locale = DEFAULT_LOCALE): Promise<Response> {
  if (signInGate().isFull) return tooMany(origin, new RateLimitedError(1, BUSY_MESSAGE), locale);
  const store: { refusal?: RateLimitedError } = {};
  const res = await attempts.run(store, run);
  return store.refusal ? tooMany(origin, store.refusal, locale) : res;
}

export const BUSY_MESSAGE = m("errors.signInBusy");

function tooMany(origin: string, refusal: RateLimitedError, locale: Locale): Response {
  return Response.json(
    // `url` is what next-auth's client reads the error code from (signIn(..., { redirect: false })).
    { error: { code: refusal.code, message: renderMessage(refusal.msg, locale) }, url: new URL("/signin?error=RateLimited", origin).href },
    { status: 429, headers: { "retry-after": String(refusal.retryAfterSeconds) } },
  );
}
