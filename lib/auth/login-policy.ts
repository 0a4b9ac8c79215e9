// The sign-in throttle's rules as a pure function of the failures already counted, so the time
// arithmetic is testable without a database (lib/auth/rate-limit.ts reads the rows and counts the
// attempt under a lock). Three limits:
//  - per client address, across accounts: a password-spraying address stops after `perIp` failures;
//  - per (account, address): one address stops after `perAccount` failures on one account;
//  - per account, from every address: after `perAccount` failures each further attempt from an
//    address the account has not signed in from waits a back-off that doubles per failure (1 s,
//    2 s, 4 s … capped), measured from the latest failure. No hard lock: the owner, from an address
//    they signed in from before, is never held back by failures made elsewhere, and from a new
//    address waits at most the cap.

import { slidingWindowRetrySeconds } from "../kernel/sliding-window";

export interface LoginLimits {
  windowMs: number;
  perAccount: number;
  perIp: number;
}

export interface CountedFailures {
  /** Failure times (any order) in the window, from this address on this account. */
  pair: Date[];
  /** … on this account from every address. */
  account: Date[];
  /** … from this address on every account. */
  ip: Date[];
  /** This address signed in to this account successfully before: the account back-off does not apply. */
  isKnownAddress: boolean;
}

export type LoginRefusalReason = "ip" | "account-address" | "account";

export type LoginDecision = { allowed: true } | { allowed: false; reason: LoginRefusalReason; retryAfterSeconds: number };

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** The wait the account back-off imposes after `failures` failures in the window (0 below the limit). */
export function accountBackoffMs(failures: number, perAccount: number): number {
  if (failures < perAccount) return 0;
  // 2^(n) overflows to Infinity long after the cap: clamp the exponent first.
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(30, failures - perAccount));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Sliding window: the limit lifts when the oldest of the last `limit` failures leaves it. */
const windowRetry = (times: Date[], limit: number, limits: LoginLimits, now: Date) => slidingWindowRetrySeconds(times, limit, limits.windowMs, now);

export function decideLogin(failures: CountedFailures, limits: LoginLimits, now: Date): LoginDecision {
  if (failures.ip.length >= limits.perIp) {
    return { allowed: false, reason: "ip", retryAfterSeconds: windowRetry(failures.ip, limits.perIp, limits, now) };
  }
  if (failures.pair.length >= limits.perAccount) {
    return { allowed: false, reason: "account-address", retryAfterSeconds: windowRetry(failures.pair, limits.perAccount, limits, now) };
  }
  if (!failures.isKnownAddress) {
    const wait = accountBackoffMs(failures.account.length, limits.perAccount);
    const latest = Math.max(0, ...failures.account.map((t) => t.getTime()));
    const remaining = latest + wait - now.getTime();
    if (wait > 0 && remaining > 0) return { allowed: false, reason: "account", retryAfterSeconds: seconds(remaining) };
  }
  return { allowed: true };
}
