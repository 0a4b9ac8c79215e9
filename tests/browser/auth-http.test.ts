// Sessions and sign-in throttling over plain HTTP against the running portal.
import { describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";
import { usePortal } from "../helpers/browser";

const h = usePortal();

describe("sessions", () => {
  it("a signed-in user is known to /api/me; a visitor gets 401", async () => {
    const user = await makeUser(h.db, { roles: ["EMPLOYEE", "QA_REVIEWER"], password: TEST_PASSWORD });
    const http = new HttpClient(h.base);
    expect((await http.get("/api/me")).status).toBe(401);
    const res = await http.signIn(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(http.hasSession()).toBe(true);
    const me = await http.get("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: user.id, name: user.name, roles: ["EMPLOYEE", "QA_REVIEWER"] });
  });

  it("a wrong password opens no session", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const http = new HttpClient(h.base);
    await http.signIn(user.email, "wrong-password");
    expect(http.hasSession()).toBe(false);
    expect((await http.get("/api/me")).status).toBe(401);
  });

  it("disabling the user ends their session at the next request", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const http = new HttpClient(h.base);
    await http.signIn(user.email, TEST_PASSWORD);
    expect((await http.get("/api/me")).status).toBe(200);
    await h.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date(), sessionVersion: { increment: 1 } } });
    expect((await http.get("/api/me")).status).toBe(401);
  });

  it("a disabled user cannot sign in again", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD, disabled: true });
    const http = new HttpClient(h.base);
    await http.signIn(user.email, TEST_PASSWORD);
    expect(http.hasSession()).toBe(false);
    expect((await http.get("/api/me")).status).toBe(401);
  });

  it("signing out revokes the session row, so the old cookie no longer works", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const http = new HttpClient(h.base);
    await http.signIn(user.email, TEST_PASSWORD);
    const stolen = new HttpClient(h.base, { cookie: `next-auth.session-token=${http.cookie("next-auth.session-token")}` });
    expect((await stolen.get("/api/me")).status).toBe(200);
    const csrf = (await (await http.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await http.post("/api/auth/signout", new URLSearchParams({ csrfToken: csrf.csrfToken, json: "true" }));
    expect((await stolen.get("/api/me")).status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  it("after repeated wrong passwords an account gets 429 with Retry-After; other accounts still sign in", async () => {
    const victim = await makeUser(h.db, { password: TEST_PASSWORD });
    const other = await makeUser(h.db, { password: TEST_PASSWORD });
    const attacker = new HttpClient(h.base);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await attacker.signIn(victim.email, `wrong-${i}`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get("retry-after");
    }
    // The default limit is 10 failures per account in the window.
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(attacker.hasSession()).toBe(false);

    // Even the right password is refused while the account is throttled.
    expect((await attacker.signIn(victim.email, TEST_PASSWORD)).status).toBe(429);

    // Same client address, another account: the per-IP limit (50) is not reached.
    const colleague = new HttpClient(h.base);
    expect((await colleague.signIn(other.email, TEST_PASSWORD)).status).toBe(200);
    expect((await colleague.get("/api/me")).status).toBe(200);
  });

  it("a client cannot choose the address the throttle sees (X-Forwarded-For and X-Real-IP are ignored without a trusted proxy)", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const spoofs: Record<string, string>[] = [{ "x-forwarded-for": "1.2.3.4" }, { "x-real-ip": "5.6.7.8" }, { "x-forwarded-for": "9.9.9.9, 8.8.8.8" }];
    for (const [i, spoof] of spoofs.entries()) {
      await new HttpClient(h.base, spoof).signIn(user.email, `wrong-${i}`);
    }
    const rows = await h.db.loginAttempt.findMany({ where: { accountKey: user.email }, select: { ip: true } });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
  });
});
