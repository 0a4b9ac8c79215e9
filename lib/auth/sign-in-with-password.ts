import "server-only";
// The credentials sign-in, called by next-auth's authorize(). Order matters: the concurrency gate
// first (no database, no scrypt for attempts past it), then the throttle's check-and-count, then
// the scrypt. A refusal is thrown as RateLimitedError; the route turns it into 429 + Retry-After
// (lib/auth/credentials-refusal.ts), since next-auth itself could only answer 401.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { serverEnv } from "../env";
import { RateLimitedError, m } from "../errors";
import { log } from "../log";
import { DUMMY_HASH, verifyPassword } from "./password";
import type { LoginLimits } from "./login-policy";
import { accountKey, markLoginSucceeded, reserveLoginAttempt } from "./reserve-login-attempt";
import { BUSY_MESSAGE } from "./credentials-refusal";
import type { Gate } from "./sign-in-gate";
import { signInGate } from "./sign-in-gate-instance";

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; sessionId: string }
  | { ok: false; reason: "invalid" | "disabled" };

/** `gate` and `limits` default to the process-wide gate and the configured limits (tests pass their own). */
export async function signInWithPassword(ctx: { db: Db; now: Date; gate?: Gate; limits?: LoginLimits }, input: SignInInput): Promise<SignInResult> {
  const release = (ctx.gate ?? signInGate()).tryEnter();
  if (!release) {
    log.warn("sign-in refused: too many in progress", { ip: input.ip });
    throw new RateLimitedError(1, BUSY_MESSAGE);
  }
  try {
    const reservation = await reserveLoginAttempt(ctx, { email: input.email, ip: input.ip });
    if (!reservation.allowed) {
      log.warn("sign-in throttled", { ip: input.ip, reason: reservation.reason, retryAfterSeconds: reservation.retryAfterSeconds });
      throw new RateLimitedError(reservation.retryAfterSeconds, m("errors.tooManySignIns"));
    }
    const user = await ctx.db.user.findUnique({ where: { email: accountKey(input.email) } });
    // An unknown e-mail costs the same scrypt, so timing does not tell which accounts exist.
    const isPasswordRight = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !isPasswordRight) return { ok: false, reason: "invalid" };
    if (user.disabledAt) return { ok: false, reason: "disabled" };
    await markLoginSucceeded(ctx.db, reservation.attemptId);
    const sessionId = await openSession(ctx, { userId: user.id, sessionVersion: user.sessionVersion, ip: input.ip, userAgent: input.userAgent });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId };
  } finally {
    release();
  }
}

/** A new server-side session row; its random id is the only thing the JWT cookie carries. */
export async function openSession(
  ctx: { db: Db; now: Date },
  input: { userId: string; sessionVersion: number; ip?: string; userAgent?: string },
): Promise<string> {
  const hours = serverEnv().SESSION_MAX_AGE_HOURS;
  const id = randomBytes(32).toString("base64url");
  await ctx.db.userSession.create({
    data: { id, userId: input.userId, sessionVersion: input.sessionVersion, expiresAt: new Date(ctx.now.getTime() + hours * 3_600_000), ip: input.ip, userAgent: input.userAgent },
  });
  return id;
}
