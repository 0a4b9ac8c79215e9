// PostgreSQL that stalls (paused, or a network path that stops forwarding) rather than refusing: the
// connections stay open and nothing answers. Requests already in flight, and those that arrive
// during the stall, answer 503 with Retry-After after the query timeout (DATABASE_QUERY_TIMEOUT_MS,
// 5 s by default), never a 500 and never a hang; once PostgreSQL answers again the portal serves
// again. A second portal on the same build, with its database behind a proxy that can stop
// forwarding (tests/helpers/freezing-proxy.ts), so the tier's own portal keeps running.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/embedded/ports";
import { portalEnv, startPortal, type RunningPortal } from "../../scripts/lib/throwaway-portal";
import { usePortal } from "../helpers/browser";
import { makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { startFreezingProxy, type FreezingProxy } from "../helpers/freezing-proxy";
import { HttpClient } from "../helpers/http";

const h = usePortal();
const undo: (() => Promise<void>)[] = [];
let portal: RunningPortal;
let proxy: FreezingProxy;

beforeAll(async () => {
  const direct = new URL(inject("portalDatabaseUrl"));
  proxy = await startFreezingProxy({ host: direct.hostname, port: Number(direct.port) });
  undo.push(() => proxy.close());
  const viaProxy = new URL(direct);
  viaProxy.port = String(proxy.port);
  const port = await findFreePort();
  const meili = inject("portalMeili");
  const env = portalEnv(port, { DATABASE_URL: viaProxy.toString(), MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.apiKey, MEILI_INDEX_PREFIX: meili.prefix });
  portal = await startPortal(port, env, { add: (_what, run) => void undo.push(run), run: async () => undefined });
});

afterAll(async () => {
  proxy?.thaw();
  for (const run of undo.reverse()) await run().catch(() => undefined);
});

interface Answer {
  path: string;
  status: number | "no answer";
  retryAfter: string | null;
  ms: number;
}

async function timed(client: HttpClient, path: string, body?: object): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await Promise.race([
      body ? client.request("POST", path, { body: JSON.stringify(body), headers: { "content-type": "application/json", origin: portal.base } }) : client.get(path),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer")), 15_000)),
    ]);
    await res.arrayBuffer();
    return { path, status: res.status, retryAfter: res.headers.get("retry-after"), ms: Math.round(performance.now() - started) };
  } catch {
    return { path, status: "no answer", retryAfter: null, ms: Math.round(performance.now() - started) };
  }
}

describe("a stalled PostgreSQL", () => {
  it("answers in-flight API requests, filings and pages with 503 + Retry-After, then serves again", { timeout: 180_000 }, async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(h.db, { ownerIds: [owner.id] });
    const askSessionId = (await makeSearchedAskSession(h.db, user.id)).id;
    const filing = { idempotencyKey: `stall-${Date.now()}`, body: "数据库卡住时提交的问题：出差住宿标准是什么？", lineId: line.id, contactName: "测试", askSessionId };
    const client = new HttpClient(portal.base);
    expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    const paths = [`/api/search?q=${encodeURIComponent("年假怎么休")}&limit=5`, `/search?q=${encodeURIComponent("出差住宿标准")}`, "/my/questions"];
    // Serving before the stall. This portal's first search waits for its first index build: on a
    // loaded machine longer than one request's 15 s here, so the answer is awaited, not read once.
    for (const p of paths) await expect.poll(async () => (await timed(client, p)).status, { message: p, timeout: 90_000, interval: 500 }).toBe(200);

    proxy.freeze();
    const frozenAt = performance.now();
    const during = await Promise.all([...paths.map((p) => timed(client, p)), timed(client, "/api/questions", filing)]);
    const stalledFor = performance.now() - frozenAt;
    proxy.thaw();

    console.log(`stall of ${(stalledFor / 1000).toFixed(1)} s: ${during.map((a) => `${a.path} → ${a.status} in ${a.ms} ms`).join("; ")}`);
    expect(stalledFor).toBeGreaterThan(5_000);
    for (const a of during) {
      expect(a, a.path).toMatchObject({ status: 503 });
      expect(Number(a.retryAfter), a.path).toBeGreaterThan(0);
    }

    // PostgreSQL answers again: the connections that timed out were discarded, new ones serve.
    await expect
      .poll(async () => (await Promise.all(paths.map((p) => timed(client, p)))).map((a) => a.status), { timeout: 45_000, interval: 500 })
      .toEqual(paths.map(() => 200));
    // The unacknowledged filing, retried with its key, is stored once.
    expect([200, 201]).toContain((await timed(client, "/api/questions", filing)).status);
    expect(await h.db.question.count({ where: { idempotencyKey: filing.idempotencyKey } })).toBe(1);
  });
});
