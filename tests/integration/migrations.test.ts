// The committed SQL migrations must produce exactly the schema that schema.prisma describes
// (apart from the guarantees Prisma cannot express), apply once, and keep the event log append-only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { withPgClient } from "@/lib/db/pg-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { schemaSqlFromEmpty } from "@/lib/db/schema-sql";
import { makeLine, makeUser } from "../helpers/factories";
import { createEmptyDatabase, useTestDb } from "../helpers/test-db";

const t = useTestDb();

/**
 * Names of everything 20261123000100_integrity creates, and whatever a later migration creates after a
 * `-- drift-ignore` line (e.g. trigram indexes): Prisma knows nothing of these on purpose.
 */
function integrityObjectNames(): Set<string> {
  const later = listMigrations().map((m) => (m.sql.includes("-- drift-ignore") ? m.sql.slice(m.sql.indexOf("-- drift-ignore")) : ""));
  const sql = [readFileSync(path.resolve("prisma/migrations/20261123000100_integrity/migration.sql"), "utf8"), ...later].join("\n");
  const names = new Set<string>();
  for (const re of [/CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF NOT EXISTS\s+)?"([^"]+)"/gi, /ADD CONSTRAINT\s+"([^"]+)"/gi, /CREATE\s+TRIGGER\s+"([^"]+)"/gi]) {
    for (const m of sql.matchAll(re)) names.add(m[1]!);
  }
  return names;
}


/** A sorted, printable description of the public schema, so a difference shows up as a readable diff. */
async function catalog(url: string, ignore: Set<string>) {
  return withPgClient(url, async (c) => {
    const rows = async (sql: string) => (await c.query<{ line: string; name: string }>(sql)).rows.filter((r) => !ignore.has(r.name)).map((r) => r.line).sort();
    return {
      tables: await rows(`SELECT tablename AS name, tablename AS line FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_shouwen_migrations'`),
      columns: await rows(`
        SELECT table_name AS name,
               format('%s.%s %s(%s) nullable=%s default=%s', table_name, column_name, data_type, udt_name, is_nullable,
                      coalesce(column_default, '-')) || coalesce(' len=' || character_maximum_length, '')
                 || coalesce(' precision=' || datetime_precision, '') AS line
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_shouwen_migrations'`),
      constraints: await rows(`
        SELECT con.conname AS name, format('%s %s %s: %s', rel.relname, con.contype, con.conname, pg_get_constraintdef(con.oid)) AS line
        FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND rel.relname <> '_shouwen_migrations'`),
      indexes: await rows(`SELECT indexname AS name, indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_shouwen_migrations'`),
      enums: await rows(`
        SELECT t.typname AS name, t.typname || ' = ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public' GROUP BY t.typname`),
      triggers: await rows(`
        SELECT tgname AS name, tgrelid::regclass || ' ' || tgname AS line FROM pg_trigger
        WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%'`),
    };
  });
}

describe("migrations", () => {
  const dbs: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  let fromPrisma: { url: string };
  let fromMigrations: { url: string };
  let appliedFirst: string[];

  beforeAll(async () => {
    const [a, b, scratch] = await Promise.all([createEmptyDatabase(), createEmptyDatabase(), createEmptyDatabase()]);
    dbs.push(a, b, scratch);
    const [sql, applied] = await Promise.all([schemaSqlFromEmpty(scratch.url), migrate(b.url)]);
    await withPgClient(a.url, (c) => c.query(sql));
    fromPrisma = a;
    fromMigrations = b;
    appliedFirst = applied;
  }, 120_000);

  it("produce the schema that schema.prisma describes (no drift)", async () => {
    const ignore = integrityObjectNames();
    expect(ignore.size).toBeGreaterThan(0);
    const [expected, actual] = await Promise.all([catalog(fromPrisma.url, new Set()), catalog(fromMigrations.url, ignore)]);
    expect(actual.tables.length).toBeGreaterThan(10);
    expect(actual.tables).toEqual(expected.tables);
    expect(actual.enums).toEqual(expected.enums);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.constraints).toEqual(expected.constraints);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.triggers).toEqual(expected.triggers);
    // The comparison can see a difference: without the ignore list the integrity objects show up.
    const unfiltered = await catalog(fromMigrations.url, new Set());
    expect(unfiltered.indexes.length - actual.indexes.length).toBeGreaterThanOrEqual(3);
    // the two CHECKs of 20261123000100_integrity and SavedReply_one_scope (202612071400_saved_replies)
    expect(unfiltered.constraints.length - actual.constraints.length).toBe(3);
    expect(unfiltered.triggers).toHaveLength(4);
  });

  it("apply every migration once, and nothing on a second run", async () => {
    expect(appliedFirst).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(fromMigrations.url)).toEqual([]);
    expect(await migrate(t.ownerUrl)).toEqual([]);
    // The app role cannot create the ledger table but may still confirm that nothing is left to apply.
    expect(await migrate(t.url)).toEqual([]);
  });
});

describe("QuestionEvent", () => {
  async function makeEvent() {
    const asker = await makeUser(t.db);
    const line = await makeLine(t.db);
    const question = await t.db.question.create({
      data: { askerId: asker.id, idempotencyKey: "k1", body: "年假怎么算？", lineId: line.id, contactName: asker.name },
    });
    return t.db.questionEvent.create({ data: { questionId: question.id, type: "ASKED", actorId: asker.id } });
  }

  it("is append-only: UPDATE, DELETE and TRUNCATE are refused by the database, also for its owner", async () => {
    const event = await makeEvent();
    await withPgClient(t.ownerUrl, async (c) => {
      await expect(c.query(`UPDATE "QuestionEvent" SET data = '{"x":1}' WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM "QuestionEvent" WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE "QuestionEvent" CASCADE`)).rejects.toThrow(/append-only/);
    });
    await expect(t.db.questionEvent.update({ where: { id: event.id }, data: { data: { x: 1 } } })).rejects.toThrow();
    await expect(t.db.questionEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect(await t.db.questionEvent.count({ where: { id: event.id } })).toBe(1);
  });
});
