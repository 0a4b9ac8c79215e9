// One row PostgreSQL refuses for its data (a NUL in the query: 22021; a user that does not exist:
// 23503) must not hold back the rows queued with it (issue 15, item 1): the batch is retried row by
// row, the bad row is quarantined (logged, counted), the rest stored; a connection error still keeps
// the whole batch for a retry. The same on the SIGTERM flush (the shutdown hooks).
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runShutdownHooks } from "@/lib/ops/shutdown-hooks";
import { SearchLogBuffer, searchLogBuffer, writeBatch } from "@/lib/search/search-log-buffer";
import type { SearchLogEntry } from "@/lib/search/log-search";
import { makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const empty = { hits: [], deflected: false, state: "none" as const, confidence: 0, degraded: false, terms: [] };

afterEach(() => vi.restoreAllMocks());

async function entries(): Promise<{ good: SearchLogEntry[]; nul: SearchLogEntry; ghost: SearchLogEntry; userId: string }> {
  const user = await makeUser(t.db);
  const tag = randomUUID().slice(0, 8);
  const good = ["年假", "报销", "出差", "加班"].map((q) => ({ id: randomUUID(), userId: user.id, query: `${q} ${tag}`, latencyMs: 1, result: empty }));
  const nul = { id: randomUUID(), userId: user.id, query: `年假\u0000${tag}`, latencyMs: 1, result: empty };
  const ghost = { id: randomUUID(), userId: randomUUID(), query: `没有这个用户 ${tag}`, latencyMs: 1, result: empty };
  return { good, nul, ghost, userId: user.id };
}

const storedIds = async (ids: string[]) => (await t.db.searchQuery.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id).sort();

describe("a poisoned row among good ones", () => {
  it("is quarantined (logged, counted); the good rows are stored and the queue keeps moving", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { good, nul, ghost } = await entries();
    const buffer = new SearchLogBuffer(t.db);
    for (const e of [good[0]!, nul, good[1]!, ghost, good[2]!]) buffer.add(e);
    await buffer.flush();

    expect(buffer.size).toBe(0);
    expect(buffer.quarantined).toBe(2);
    expect(await storedIds([...good, nul, ghost].map((e) => e.id!))).toEqual([good[0]!, good[1]!, good[2]!].map((e) => e.id!).sort());
    const logged = errors.mock.calls.map((c) => JSON.parse(String(c[0])) as { msg: string; id?: string; sqlState?: string });
    expect(logged.filter((l) => l.msg === "search log row quarantined").map((l) => [l.id, l.sqlState])).toEqual([
      [nul.id, "22021"],
      [ghost.id, "23503"],
    ]);

    // Later searches are written in one batch again.
    buffer.add(good[3]!);
    await buffer.flush();
    expect(await storedIds([good[3]!.id!])).toEqual([good[3]!.id!]);
  });

  it("a connection error keeps the whole batch queued for a retry; nothing is quarantined", async () => {
    const { good, nul } = await entries();
    let down = true;
    const buffer = new SearchLogBuffer(t.db, async (db, batch) => {
      if (down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "P1001" });
      await writeBatch(db, batch);
    });
    for (const e of [good[0]!, nul, good[1]!]) buffer.add(e);
    await buffer.flush();
    expect(buffer.size).toBe(3);
    expect(buffer.quarantined).toBe(0);
    down = false;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await buffer.flush();
    expect(buffer.size).toBe(0);
    expect(buffer.quarantined).toBe(1);
    expect(await storedIds([good[0]!.id!, good[1]!.id!, nul.id!])).toEqual([good[0]!.id!, good[1]!.id!].sort());
  });

  it("the shutdown flush stores the good rows queued with a poisoned one", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { good, nul } = await entries();
    const buffer = searchLogBuffer(t.db);
    for (const e of [good[0]!, nul, good[1]!]) buffer.add(e);
    expect(await runShutdownHooks(4_000)).toEqual([]);
    expect(buffer.size).toBe(0);
    expect(await storedIds([good[0]!.id!, good[1]!.id!, nul.id!])).toEqual([good[0]!.id!, good[1]!.id!].sort());
  });
});
