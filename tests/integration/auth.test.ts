// Sign-in throttling on the real database: failed attempts are rows, so the limit holds across
// portal instances. (The HTTP side — 429 and Retry-After — is in tests/browser/auth-http.test.ts.)
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountKey, loginThrottle, recordLoginAttempt } from "@/lib/auth/rate-limit";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const NOW = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const email = () => `Someone-${randomBytes(4).toString("hex")}@Test.example`;
const ip = () => `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function failures(input: { email: string; ip: string; count: number; at: (i: number) => Date; success?: boolean }) {
  await t.db.loginAttempt.createMany({
    data: Array.from({ length: input.count }, (_, i) => ({ accountKey: accountKey(input.email), ip: input.ip, success: input.success ?? false, createdAt: input.at(i) })),
  });
}

describe("loginThrottle", () => {
  it("lets an account through until it has 10 failures in the window", async () => {
    const who = email();
    const from = ip();
    await failures({ email: who, ip: from, count: 9, at: (i) => minutesAgo(10 - i) });
    expect(await loginThrottle(t.db, who, from, NOW)).toEqual({ limited: false, retryAfterSeconds: 0 });
    await failures({ email: who, ip: from, count: 1, at: () => minutesAgo(1) });
    // The oldest counted failure (10 min ago) leaves the 15-minute window in 5 minutes.
    expect(await loginThrottle(t.db, who, from, NOW)).toEqual({ limited: true, reason: "account", retryAfterSeconds: 300 });
  });

  it("counts an account regardless of the e-mail's case and surrounding spaces", async () => {
    const who = email();
    await failures({ email: who, ip: ip(), count: 10, at: () => minutesAgo(1) });
    expect((await loginThrottle(t.db, `  ${who.toUpperCase()} `, ip(), NOW)).limited).toBe(true);
  });

  it("ignores successes and failures older than the window", async () => {
    const who = email();
    const from = ip();
    await failures({ email: who, ip: from, count: 20, at: () => minutesAgo(16) });
    await failures({ email: who, ip: from, count: 20, at: () => minutesAgo(1), success: true });
    expect((await loginThrottle(t.db, who, from, NOW)).limited).toBe(false);
  });

  it("limits an address after 50 failures across accounts, without touching other addresses", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) await failures({ email: email(), ip: from, count: 5, at: () => minutesAgo(2) });
    const fresh = email();
    expect(await loginThrottle(t.db, fresh, from, NOW)).toMatchObject({ limited: true, reason: "ip" });
    expect((await loginThrottle(t.db, fresh, ip(), NOW)).limited).toBe(false);
  });

  it("recordLoginAttempt stores the normalised account key", async () => {
    const who = email();
    await recordLoginAttempt(t.db, who, "10.9.9.9", false);
    expect(await t.db.loginAttempt.count({ where: { accountKey: who.toLowerCase(), ip: "10.9.9.9", success: false } })).toBe(1);
  });
});
