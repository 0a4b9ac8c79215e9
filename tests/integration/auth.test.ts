// Sign-in throttling on the real database: failed attempts are rows, so the limits hold across
// portal instances, and each attempt is checked and counted under a lock before its scrypt.
// (The HTTP side — 429, Retry-After, the burst against the running portal — is in
// tests/browser/auth-http.test.ts and signin-burst.test.ts; the rules' arithmetic in
// tests/unit/login-policy.test.ts.)
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoginLimits } from "@/lib/auth/login-policy";
import { accountKey, reserveLoginAttempt } from "@/lib/auth/reserve-login-attempt";
import { createGate } from "@/lib/auth/sign-in-gate";
import { signInWithPassword, type SignInResult } from "@/lib/auth/sign-in-with-password";
import { createDb, type Db } from "@/lib/db/client";
import { RateLimitedError } from "@/lib/errors";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const NOW = new Date("2026-11-23T10:00:00Z");
const WINDOW_MS = 15 * 60_000;
const LIMITS: LoginLimits = { windowMs: WINDOW_MS, perAccount: 10, perIp: 50 };
const at = (ms: number) => new Date(NOW.getTime() + ms);
const minutesAgo = (m: number) => at(-m * 60_000);
const email = () => `Someone-${randomBytes(4).toString("hex")}@Test.example`;
const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function failures(input: { email: string; ip: string; count: number; at: (i: number) => Date; success?: boolean }) {
  await t.db.loginAttempt.createMany({
    data: Array.from({ length: input.count }, (_, i) => ({ accountKey: accountKey(input.email), ip: input.ip, success: input.success ?? false, createdAt: input.at(i) })),
  });
}

// Parallel attempts stand for several portal instances at once (each has its own gate and pool):
// a gate wide enough not to interfere, and a pool with a connection for each attempt.
let wide: Db;
beforeAll(() => {
  wide = createDb(t.url, 32);
});
afterAll(async () => {
  await wide?.$disconnect();
});

/** A sign-in with the test's own clock and limits. */
function attempt(who: string, password: string, from: string, now = NOW, limits = LIMITS): Promise<SignInResult | RateLimitedError> {
  return signInWithPassword({ db: wide, now, limits, gate: createGate(1_000) }, { email: who, password, ip: from }).catch((err: unknown) => {
    if (err instanceof RateLimitedError) return err;
    throw err;
  });
}

const reserve = (who: string, from: string, now = NOW) => reserveLoginAttempt({ db: t.db, now, limits: LIMITS }, { email: who, ip: from });

describe("the throttle's check and count are one step", () => {
  it("30 parallel wrong passwords on one account verify at most the limit (10)", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const from = ip();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(victim.email, `wrong-${i}`, from)));
    // Each verification is one LoginAttempt row, written before the scrypt.
    expect(await t.db.loginAttempt.count({ where: { accountKey: victim.email } })).toBe(10);
    expect(results.filter((r) => r instanceof RateLimitedError)).toHaveLength(20);
    expect(results.filter((r) => !(r instanceof RateLimitedError) && r.ok === false)).toHaveLength(10);
  });

  it("parallel wrong passwords from one address across accounts verify at most the address limit", async () => {
    const from = ip();
    const limits = { ...LIMITS, perIp: 5 };
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email(), "wrong", from, NOW, limits)));
    expect(await t.db.loginAttempt.count({ where: { ip: from } })).toBe(5);
    expect(results.filter((r) => r instanceof RateLimitedError)).toHaveLength(15);
  });

  it("an attempt past the concurrency gate is refused at once, before the database and the scrypt", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const gate = createGate(1);
    const held = gate.tryEnter()!;
    const started = performance.now();
    const refusal = await signInWithPassword({ db: t.db, now: NOW, gate }, { email: victim.email, password: TEST_PASSWORD, ip: ip() }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(50);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).retryAfterSeconds).toBe(1);
    expect(await t.db.loginAttempt.count({ where: { accountKey: victim.email } })).toBe(0);
    held();
    expect(await signInWithPassword({ db: t.db, now: NOW, gate }, { email: victim.email, password: TEST_PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    expect(gate.inFlight).toBe(0);
  });
});

describe("throttling per (account, address), a back-off per account, no lock-out", () => {
  it("the right password from the owner's usual address works while another address is locked out of the account", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const home = ip();
    expect(await attempt(victim.email, TEST_PASSWORD, home, minutesAgo(60))).toMatchObject({ ok: true });
    // The attack: 10 wrong passwords from one address, then 20 more from 20 others (a 5-minute back-off).
    const attacker = ip();
    await failures({ email: victim.email, ip: attacker, count: 10, at: (i) => minutesAgo(10 - i * 0.1) });
    for (let i = 0; i < 20; i++) await failures({ email: victim.email, ip: ip(), count: 1, at: () => minutesAgo(1) });
    expect(await attempt(victim.email, "another-guess", attacker)).toBeInstanceOf(RateLimitedError);
    expect(await attempt(victim.email, TEST_PASSWORD, attacker)).toBeInstanceOf(RateLimitedError);
    expect(await attempt(victim.email, TEST_PASSWORD, ip())).toBeInstanceOf(RateLimitedError);

    const result = await attempt(victim.email, TEST_PASSWORD, home);
    expect(result).toMatchObject({ ok: true, user: { id: victim.id } });
    expect(await t.db.userSession.count({ where: { userId: victim.id } })).toBe(2);
  });

  it("from a new address the owner waits only the back-off, not the window", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const attacker = ip();
    await failures({ email: victim.email, ip: attacker, count: 10, at: (i) => at(-10_000 + i * 1_000) });
    // The latest failure was 1 s ago; after 10 failures the back-off is 1 s.
    const newAddress = ip();
    const early = await attempt(victim.email, TEST_PASSWORD, newAddress, at(-500));
    expect(early).toBeInstanceOf(RateLimitedError);
    expect((early as RateLimitedError).retryAfterSeconds).toBe(1);
    expect(await attempt(victim.email, TEST_PASSWORD, newAddress, at(0))).toMatchObject({ ok: true });
  });

  it("the back-off doubles with every further failure on the account (1, 2, 4, 8 s) and is capped", async () => {
    const who = email();
    await failures({ email: who, ip: ip(), count: 10, at: () => NOW });
    let clock = NOW.getTime();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const from = ip();
      const refused = await reserve(who, from, new Date(clock));
      expect(refused.allowed).toBe(false);
      if (refused.allowed) return;
      expect(refused.reason).toBe("account");
      waits.push(refused.retryAfterSeconds);
      clock += refused.retryAfterSeconds * 1000;
      expect((await reserve(who, from, new Date(clock - 1))).allowed).toBe(false);
      expect((await reserve(who, from, new Date(clock))).allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    await failures({ email: who, ip: ip(), count: 30, at: () => new Date(clock) });
    const capped = await reserve(who, ip(), new Date(clock));
    expect(capped).toMatchObject({ allowed: false, reason: "account", retryAfterSeconds: 300 });
  });

  it("one address is refused after 10 failures on an account until the oldest leaves the window", async () => {
    const who = email();
    const from = ip();
    await failures({ email: who, ip: from, count: 9, at: (i) => minutesAgo(10 - i) });
    expect(await reserve(who, from)).toMatchObject({ allowed: true });
    // Those are now 10 (the reservation counts as a failure until verified): the oldest leaves in 5 minutes.
    expect(await reserve(who, from)).toMatchObject({ allowed: false, reason: "account-address", retryAfterSeconds: 300 });
  });

  it("counts an account regardless of the e-mail's case and surrounding spaces", async () => {
    const who = email();
    const from = ip();
    await failures({ email: who, ip: from, count: 10, at: () => minutesAgo(1) });
    expect(await reserve(`  ${who.toUpperCase()} `, from)).toMatchObject({ allowed: false, reason: "account-address" });
  });

  it("ignores successes and failures older than the window", async () => {
    const who = email();
    const from = ip();
    await failures({ email: who, ip: from, count: 20, at: () => minutesAgo(16) });
    await failures({ email: who, ip: from, count: 20, at: () => minutesAgo(1), success: true });
    expect((await reserve(who, from)).allowed).toBe(true);
  });

  it("limits an address after 50 failures across accounts, without touching other addresses", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) await failures({ email: email(), ip: from, count: 5, at: () => minutesAgo(2) });
    const fresh = email();
    expect(await reserve(fresh, from)).toMatchObject({ allowed: false, reason: "ip" });
    expect((await reserve(fresh, ip())).allowed).toBe(true);
  });
});

describe("the account's owner is told, and refusals are audited", () => {
  it("one warning per window when the account reaches its limit, none for an e-mail that is no account", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const from = ip();
    for (let i = 0; i < 14; i++) await attempt(victim.email, `wrong-${i}`, from, at(i * 1000));
    const warnings = await t.db.notification.findMany({ where: { userId: victim.id, kind: "account.signin-attack" } });
    expect(warnings.map((w) => w.channel).sort()).toEqual(["EMAIL", "IN_APP"]);
    expect(warnings[0]!.payload).toMatchObject({ failures: 10, windowMinutes: 15 });

    const nobody = email();
    for (let i = 0; i < 12; i++) await attempt(nobody, `wrong-${i}`, from, at(i * 1000));
    expect(await t.db.notification.count({ where: { kind: "account.signin-attack", user: { email: accountKey(nobody) } } })).toBe(0);
  });

  it("each refusal is an AuditLog row with the account, the address and the reason", async () => {
    const victim = await makeUser(t.db, { password: TEST_PASSWORD });
    const from = ip();
    for (let i = 0; i < 12; i++) await attempt(victim.email, `wrong-${i}`, from, at(i * 1000));
    const rows = await t.db.auditLog.findMany({ where: { action: "signin.throttled", target: victim.email } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ ip: from, data: { reason: "account-address" } });
  });
});
