import { describe, expect, it } from "vitest";
import { accountBackoffMs, BACKOFF_MAX_MS, decideLogin, type CountedFailures } from "@/lib/auth/login-policy";

const NOW = new Date("2026-11-23T10:00:00Z");
const LIMITS = { windowMs: 15 * 60_000, perAccount: 10, perIp: 50 };
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const times = (n: number, msAgo: (i: number) => number) => Array.from({ length: n }, (_, i) => ago(msAgo(i)));
const none: CountedFailures = { pair: [], account: [], ip: [], isKnownAddress: false };

describe("accountBackoffMs", () => {
  it("is 0 below the limit, then 1 s doubling per failure, capped at 5 minutes", () => {
    expect(accountBackoffMs(9, 10)).toBe(0);
    expect([10, 11, 12, 13].map((n) => accountBackoffMs(n, 10))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(accountBackoffMs(19, 10)).toBe(BACKOFF_MAX_MS);
    expect(accountBackoffMs(10_000, 10)).toBe(BACKOFF_MAX_MS);
  });
});

describe("decideLogin", () => {
  it("allows an attempt with nothing counted", () => {
    expect(decideLogin(none, LIMITS, NOW)).toEqual({ allowed: true });
  });

  it("refuses an address on an account at the limit until the oldest counted failure leaves the window", () => {
    const pair = times(10, (i) => (10 - i) * 60_000);
    expect(decideLogin({ ...none, pair, account: pair }, LIMITS, NOW)).toEqual({ allowed: false, reason: "account-address", retryAfterSeconds: 300 });
  });

  it("the account back-off holds a new address for the wait after the latest failure, not a known one", () => {
    const account = times(12, (i) => 60_000 + i * 1_000); // latest failure 60 s ago, back-off 4 s: over
    expect(decideLogin({ ...none, account }, LIMITS, NOW)).toEqual({ allowed: true });
    const recent = times(12, (i) => 1_000 + i); // latest 1 s ago: 3 s to go
    expect(decideLogin({ ...none, account: recent }, LIMITS, NOW)).toEqual({ allowed: false, reason: "account", retryAfterSeconds: 3 });
    expect(decideLogin({ ...none, account: recent, isKnownAddress: true }, LIMITS, NOW)).toEqual({ allowed: true });
  });

  it("the address limit comes first and holds even for a known address", () => {
    const ip = times(50, () => 60_000);
    expect(decideLogin({ ...none, ip, isKnownAddress: true }, LIMITS, NOW)).toMatchObject({ allowed: false, reason: "ip" });
  });

  it("never answers a Retry-After below 1 s", () => {
    const pair = times(10, () => LIMITS.windowMs - 1);
    expect(decideLogin({ ...none, pair, account: pair }, LIMITS, NOW)).toMatchObject({ retryAfterSeconds: 1 });
  });
});
