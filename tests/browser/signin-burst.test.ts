// A burst of anonymous wrong-password sign-ins against the running portal: the throttle's check and
// count are one step (at most the limit of passwords is verified), and the burst cannot take the
// database pool or the CPU from a signed-in user.
import { describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";
import { usePortal } from "../helpers/browser";

const h = usePortal();
// The default per-(account, address) limit (LOGIN_MAX_FAILURES_PER_ACCOUNT) in the window.
const LIMIT = 10;
const BURST = 30;

describe("a burst of wrong-password sign-ins", () => {
  it(`${BURST} parallel wrong passwords verify at most ${LIMIT}; a signed-in user's request stays under 1 s meanwhile`, async () => {
    const victim = await makeUser(h.db, { password: TEST_PASSWORD });
    const reader = await makeUser(h.db, { password: TEST_PASSWORD });
    const signedIn = new HttpClient(h.base);
    expect((await signedIn.signIn(reader.email, TEST_PASSWORD)).status).toBe(200);
    expect((await signedIn.get("/api/me")).status).toBe(200);

    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await signedIn.get("/api/me");
      quiet.push(performance.now() - started);
    }
    // CSRF tokens first, so that the burst is only the credential posts.
    const attackers = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const client = new HttpClient(h.base);
        const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
        return { client, csrfToken };
      }),
    );
    const burst = Promise.all(
      attackers.map(({ client, csrfToken }, i) =>
        client.post(
          "/api/auth/callback/credentials",
          new URLSearchParams({ csrfToken, email: victim.email, password: `wrong-${i}`, callbackUrl: h.base, json: "true" }),
        ),
      ),
    );
    // The signed-in user's requests while the burst is in flight.
    const latencies: number[] = [];
    const watch = (async () => {
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await signedIn.get("/api/me");
        latencies.push(performance.now() - started);
        expect(res.status).toBe(200);
      }
    })();
    const [responses] = await Promise.all([burst, watch]);

    // Every password verification leaves one LoginAttempt row.
    const verified = await h.db.loginAttempt.count({ where: { accountKey: victim.email } });
    console.log(`signin-burst: ${verified} passwords verified of ${BURST}; /api/me during the burst ${latencies.map((l) => l.toFixed(0)).join(", ")} ms (before it ${quiet.map((l) => l.toFixed(0)).join(", ")} ms)`);
    expect(verified).toBeLessThanOrEqual(LIMIT);
    // The median of the user's requests during the burst (before the gate: 5–13 s each). The slowest one is
    // printed above; on a loaded 2-core machine one request can sit at Next's own floor of about 1 s.
    const median = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!;
    expect(median).toBeLessThan(1_000);
    console.log(`signin-burst statuses: ${responses.map((r) => r.status).join(" ")}`);
    for (const res of responses) expect([200, 401, 429]).toContain(res.status);
    expect(responses.some((r) => r.status === 429)).toBe(true);
    expect(attackers.some(({ client }) => client.hasSession())).toBe(false);
  });
});
