// Drill (issue 7.4): back up a live database, restore it into a fresh one, rebuild the search index
// from it, and compare: every table's rows, the question trail byte for byte, sequences that continue
// after the restored ids, and the append-only trigger still in force. Prints the measured times.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { createDb } from "@/lib/db/client";
import { backupDatabase, restoreDatabase } from "@/lib/ops/backup";
import { fileQuestion } from "@/lib/questions/file-question";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { indexCounts, reindex } from "@/lib/search/sync-index";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { tempDirForTest } from "../helpers/temp-dir";
import { createEmptyDatabase, useTestDb } from "../helpers/test-db";

const t = useTestDb();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows;
    const out: Record<string, number> = {};
    for (const { t: name } of tables) out[name] = Number((await c.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    return out;
  } finally {
    await c.end();
  }
}

describe("backup and restore drill", () => {
  it("restores every row into a fresh database, rebuilds the index, and the portal's invariants hold", { timeout: 120_000 }, async () => {
    const db = t.db;
    const report = await importPolicies(db, path.resolve("tests/fixtures/corpus/docs"));
    expect(report.failed).toEqual([]);
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const asker = await makeUser(db);
    const line = await makeLine(db, { ownerIds: [owner.id] });
    const questions = [];
    for (let i = 0; i < 5; i++) {
      const q = await fileQuestion(ctxOf(db, asker), { idempotencyKey: randomUUID(), body: `第 ${i + 1} 个问题：出差补贴怎么算？`, lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(db, asker.id)).id });
      await replyToQuestion(ctxOf(db, owner), { questionId: q.id, body: "请看差旅制度第八条，我已为你核对。" });
      questions.push(q);
    }

    const dir = tempDirForTest("shouwen-backup-");
    const t0 = performance.now();
    const manifest = await backupDatabase(t.ownerUrl, dir);
    const t1 = performance.now();
    const target = await createEmptyDatabase();
    cleanups.push(() => target.drop());
    const restored = await restoreDatabase(target.url, dir);
    const t2 = performance.now();
    const restoredDb = createDb(target.url, 2);
    cleanups.push(() => restoredDb.$disconnect());
    const options = { prefix: `${t.indexPrefix}_restored`, config: t.meili };
    await reindex(restoredDb, options);
    const counts = await indexCounts(restoredDb, options);
    const t3 = performance.now();
    console.log(
      `backup/restore drill: ${restored.tables} tables, ${restored.rows} rows; backup ${(t1 - t0).toFixed(0)} ms, restore ${(t2 - t1).toFixed(0)} ms, reindex ${(t3 - t2).toFixed(0)} ms; recovery (restore + reindex) ${(t3 - t1).toFixed(0)} ms`,
    );

    expect(await tableCounts(target.url)).toEqual(await tableCounts(t.url));
    expect(manifest.tables.find((x) => x.name === "Question")?.rows).toBe(5);
    expect(counts.postgres).toBeGreaterThan(0);
    expect(counts.meilisearch).toBe(counts.postgres);
    // The audit trail is identical, row for row.
    const trail = (d: typeof db) => d.questionEvent.findMany({ orderBy: { id: "asc" } });
    expect(await trail(restoredDb)).toEqual(await trail(db));
    // Sequences continue: a new question gets the next number, a new event the next id.
    const maxNumber = Math.max(...(await db.question.findMany({ select: { number: true } })).map((q) => q.number));
    const next = await fileQuestion(ctxOf(restoredDb, asker), { idempotencyKey: randomUUID(), body: "恢复之后的新问题能正常提交吗？", lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(restoredDb, asker.id)).id });
    expect(next.number).toBe(maxNumber + 1);
    // The append-only trigger came back with the schema.
    await expect(restoredDb.$executeRaw`UPDATE "QuestionEvent" SET type = 'CLOSED'`).rejects.toThrow(/append-only/);
    // A second restore into the same (now non-empty) database is refused rather than mixing data.
    await expect(restoreDatabase(target.url, dir)).rejects.toThrow(/not empty/);
  });
});
