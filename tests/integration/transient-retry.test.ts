// Transient failures of a write (ADR 0023, "Transient failures"): a real deadlock between the verb and
// another transaction, and a lock that is never free, on a real PostgreSQL.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { toHttpError } from "@/lib/http/errors";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let rival: pg.Client;

beforeAll(async () => {
  // The other transaction: plain pg, so nothing retries it and it never gives way on its own.
  rival = new pg.Client({ connectionString: t.url });
  await rival.connect();
});

afterAll(async () => {
  await rival?.end();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Resolves once some session of this database waits for a lock. */
async function someoneWaitsForALock(): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const [row] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("nobody waited for a lock");
}

async function filingSetup() {
  const owner = await makeUser(t.db);
  const asker = await makeUser(t.db);
  const line = await makeLine(t.db, { ownerIds: [owner.id] });
  const session = await makeSearchedAskSession(t.db, asker.id);
  const input = { idempotencyKey: randomUUID(), body: "年假可以分几次休？", lineId: line.id, contactName: asker.name, askSessionId: session.id };
  return { asker, session, input };
}

const retries = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([line]) => String(line).includes("transaction failed transiently")).map(([line]) => JSON.parse(String(line)) as { sqlState: string });

describe("a deadlock in a write", () => {
  it("the verb that lost the deadlock runs again and files exactly one question with one ASKED event", async () => {
    const { asker, session, input } = await filingSetup();
    const logged = vi.spyOn(console, "error");
    const [before] = await t.db.$queryRaw<{ n: number }[]>`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`;

    // The rival holds the ask session; fileQuestion takes the asker's flood lock, then waits for the
    // session; the rival then asks for the flood lock: each waits for the other. PostgreSQL ends the
    // transaction that has waited longest (fileQuestion's) with 40P01.
    await rival.query("BEGIN");
    await rival.query(`SELECT 1 FROM "AskSession" WHERE id = $1 FOR UPDATE`, [session.id]);
    const filing = fileQuestion(ctxOf(t.db, asker), input);
    await someoneWaitsForALock();
    await rival.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`shouwen:flood:question:${asker.id}`]);
    await rival.query("COMMIT");

    const filed = await filing;
    expect(filed.created).toBe(true);
    const [after] = await t.db.$queryRaw<{ n: number }[]>`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`;
    expect(after!.n).toBeGreaterThan(before!.n);
    expect(retries(logged).map((r) => r.sqlState)).toEqual(["40P01"]);
    expect(await t.db.question.count({ where: { askerId: asker.id } })).toBe(1);
    expect(await t.db.questionEvent.count({ where: { questionId: filed.id, type: "ASKED" } })).toBe(1);
    // The same submit again is answered from the idempotency key, not filed twice.
    expect(await fileQuestion(ctxOf(t.db, asker), input)).toMatchObject({ id: filed.id, created: false });
  });
});

describe("a lock that stays taken", () => {
  let impatient: Db;
  beforeAll(() => {
    // Every lock wait on this client gives up after 100 ms (55P03), so the held session fails each run.
    impatient = createDb(`${t.url}${t.url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c lock_timeout=100")}`, 2);
  });
  afterAll(async () => {
    await impatient?.$disconnect();
  });

  it("is tried four times, then answered 503 with Retry-After in the reader's language, nothing written", async () => {
    const { asker, session, input } = await filingSetup();
    const logged = vi.spyOn(console, "error");
    await rival.query("BEGIN");
    await rival.query(`SELECT 1 FROM "AskSession" WHERE id = $1 FOR UPDATE`, [session.id]);
    const failed = await fileQuestion(ctxOf(impatient, asker), input).catch((err: unknown) => err);
    await rival.query("ROLLBACK");

    expect(retries(logged).map((r) => r.sqlState)).toEqual(["55P03", "55P03", "55P03"]);
    expect(await t.db.question.count({ where: { askerId: asker.id } })).toBe(0);
    const zh = toHttpError(failed, "req-zh", "zh-CN");
    const en = toHttpError(failed, "req-en", "en");
    for (const answer of [zh, en]) {
      expect(answer.status).toBe(503);
      expect(answer.headers["retry-after"]).toBe("1");
    }
    expect(zh.body).toEqual({ error: { code: "BUSY", message: "同一记录同时有多处修改，本次操作未保存，请稍后重试" }, requestId: "req-zh" });
    expect(en.body).toEqual({ error: { code: "BUSY", message: "Too many changes to the same records at once: nothing was saved; try again in a moment" }, requestId: "req-en" });
  });
});
