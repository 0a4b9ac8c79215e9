// A portal stopped with SIGTERM (a deploy, a scale-down) right after answering searches still stores
// them: search rows are written in batches (lib/search/search-log-buffer.ts), and scripts/serve.ts
// writes what is queued before it exits. A second portal on the same build and database, as in
// tests/browser/tls-proxy.test.ts, so the tier's own portal keeps running.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/embedded/ports";
import { portalEnv, startPortal, stopChild, type RunningPortal } from "../../scripts/lib/throwaway-portal";
import { usePortal } from "../helpers/browser";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";

const h = usePortal();
const undo: (() => Promise<void>)[] = [];
let portal: RunningPortal;

beforeAll(async () => {
  const port = await findFreePort();
  const meili = inject("portalMeili");
  const env = portalEnv(port, { DATABASE_URL: inject("portalDatabaseUrl"), MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.apiKey, MEILI_INDEX_PREFIX: meili.prefix,
    // Nothing is written by the timer during the test: only the shutdown can store the rows.
    SEARCH_LOG_FLUSH_MS: "60000",
  });
  portal = await startPortal(port, env, { add: (_what, run) => void undo.push(run), run: async () => undefined });
});

afterAll(async () => {
  for (const run of undo.reverse()) await run().catch(() => undefined);
});

describe("SIGTERM", () => {
  it("stores the searches answered just before it, then exits", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const client = new HttpClient(portal.base);
    expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    const queries = ["年假怎么休", "出差住宿标准", "报销需要哪些发票", "加班费怎么算", "试用期多久"].map((q, i) => `${q} ${i}`);
    for (const q of queries) expect((await client.get(`/api/search?${new URLSearchParams({ q, limit: "5" })}`)).status).toBe(200);

    expect(await h.db.searchQuery.count({ where: { userId: user.id } })).toBe(0); // still queued

    const stopped = performance.now();
    await stopChild(portal.child);
    const took = performance.now() - stopped;
    expect(portal.child.signalCode, "exited on its own, not killed after the 5 s grace").toBeNull();
    expect(took).toBeLessThan(5_000);

    const rows = await h.db.searchQuery.findMany({ where: { userId: user.id }, include: { _count: { select: { impressions: true } } } });
    expect(rows.map((r) => r.query).sort()).toEqual([...queries].sort());
    for (const r of rows) expect(r._count.impressions).toBe(r.resultCount);
  });
});
