// The audit trails (AuditLog, QuestionEvent) cannot be rewritten: not by the role the portal and
// worker connect as (no privilege, owns nothing, so it cannot ALTER or disable the triggers either),
// and not even by the owner (the triggers). This file's database is a copy of the migrated template,
// so it also proves that the grants survive CREATE DATABASE … TEMPLATE as the test stacks use it.
import pg from "pg";
import { withPgClient } from "@/lib/db/pg-client";
import { describe, expect, it } from "vitest";
import { describeRole, isPrivileged } from "@/lib/db/app-role";
import { makeLine, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();


/** Runs `sql` and returns the SQLSTATE it failed with (or "ok"); each in its own savepoint-free statement. */
async function outcome(c: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await c.query(sql, params);
    return "ok";
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
}

async function seedTrail() {
  const asker = await makeUser(t.db);
  const line = await makeLine(t.db);
  const question = await t.db.question.create({
    data: { askerId: asker.id, idempotencyKey: `k-${Date.now()}-${Math.random()}`, body: "年假怎么算？", lineId: line.id, contactName: asker.name },
  });
  const event = await t.db.questionEvent.create({ data: { questionId: question.id, type: "ASKED", actorId: asker.id } });
  const audit = await t.db.auditLog.create({ data: { actorId: asker.id, action: "test.audit", target: question.id, data: { n: 1 } } });
  return { event, audit };
}

describe("the portal's database role", () => {
  it("is not the owner and not a superuser; the owner is (and would be reported as privileged)", async () => {
    const app = await describeRole(t.url);
    expect(app).toMatchObject({ superuser: false, ownsTables: false, canRewriteTrail: false });
    expect(isPrivileged(app)).toBe(false);
    expect(isPrivileged(await describeRole(t.ownerUrl))).toBe(true);
  });

  it("reads and appends to both audit trails (what the portal needs)", async () => {
    const { event, audit } = await seedTrail();
    await withPgClient(t.url, async (c) => {
      expect((await c.query(`SELECT id FROM "QuestionEvent" WHERE id = $1`, [event.id])).rowCount).toBe(1);
      expect((await c.query(`SELECT id FROM "AuditLog" WHERE id = $1`, [audit.id])).rowCount).toBe(1);
      await c.query(`INSERT INTO "AuditLog" (action, data) VALUES ('test.append', '{}')`);
    });
  });

  it("cannot UPDATE, DELETE or TRUNCATE either trail, nor ALTER, disable or drop their triggers", async () => {
    const { event, audit } = await seedTrail();
    const attempts = [
      [`UPDATE "AuditLog" SET action = 'forged' WHERE id = $1`, [audit.id]],
      [`DELETE FROM "AuditLog" WHERE id = $1`, [audit.id]],
      [`TRUNCATE "AuditLog"`, []],
      [`UPDATE "QuestionEvent" SET data = '{"x":1}' WHERE id = $1`, [event.id]],
      [`DELETE FROM "QuestionEvent" WHERE id = $1`, [event.id]],
      [`TRUNCATE "QuestionEvent" CASCADE`, []],
      [`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`, []],
      [`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`, []],
      [`ALTER TABLE "QuestionEvent" DISABLE TRIGGER "QuestionEvent_append_only"`, []],
      [`DROP TRIGGER "AuditLog_append_only" ON "AuditLog"`, []],
      [`DROP TRIGGER "QuestionEvent_append_only" ON "QuestionEvent"`, []],
      [`ALTER TABLE "AuditLog" ADD COLUMN forged text`, []],
      [`ALTER TABLE "QuestionEvent" OWNER TO CURRENT_USER`, []],
      [`CREATE OR REPLACE FUNCTION shouwen_refuse_audit_change() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql`, []],
      // Replica mode skips ordinary triggers: only a superuser may switch to it.
      [`SET session_replication_role = replica`, []],
      // A table of its own (e.g. to stage a forged copy) is refused too: no CREATE on the schema.
      [`CREATE TABLE forged (id int)`, []],
    ] as const;
    await withPgClient(t.url, async (c) => {
      for (const [sql, params] of attempts) {
        expect(await outcome(c, sql, [...params]), sql).toMatch(/^42501: (permission denied|must be owner)/);
      }
    });
    expect(await t.db.questionEvent.count({ where: { id: event.id } })).toBe(1);
    expect((await t.db.auditLog.findUniqueOrThrow({ where: { id: audit.id } })).action).toBe("test.audit");
  });

  it("AuditLog is append-only for the owner too: UPDATE, DELETE and TRUNCATE are refused by trigger", async () => {
    const { audit } = await seedTrail();
    await withPgClient(t.ownerUrl, async (c) => {
      expect(await outcome(c, `UPDATE "AuditLog" SET action = 'forged' WHERE id = $1`, [audit.id])).toMatch(/AuditLog is append-only \(UPDATE refused\)/);
      expect(await outcome(c, `DELETE FROM "AuditLog" WHERE id = $1`, [audit.id])).toMatch(/AuditLog is append-only \(DELETE refused\)/);
      expect(await outcome(c, `TRUNCATE "AuditLog" CASCADE`)).toMatch(/AuditLog is append-only \(TRUNCATE refused\)/);
    });
    expect((await t.db.auditLog.findUniqueOrThrow({ where: { id: audit.id } })).action).toBe("test.audit");
  });
});
