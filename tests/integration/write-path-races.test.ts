// Check-then-act races found by the write-path audit (docs/decisions/0023-write-path-audit.md), each
// on a real PostgreSQL, every racer on its own connection. Where the window is one statement wide, the
// interleaving is forced: another transaction holds the row while the verb has read it and waits to write.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateUser } from "@/lib/admin/update-user";
import { saveTimeLimit } from "@/lib/admin/save-time-limit";
import { createDb, type Db, type DbTx } from "@/lib/db/client";
import { ForbiddenError, PreconditionError } from "@/lib/errors";
import { retryDelivery } from "@/lib/notify/deliveries";
import { applyOrgImport } from "@/lib/org/apply-org-import";
import { applySsoSignIn } from "@/lib/org/apply-sso-claims";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeUser } from "../helpers/factories";
import { csvOf } from "../helpers/org-files";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const RUNS = 20;
let wide: Db;

beforeAll(() => {
  wide = createDb(t.url, 12);
});

afterAll(async () => {
  await wide?.$disconnect();
});

/**
 * Runs `act` while another transaction holds an uncommitted write on the same row, and commits that
 * write only once `act` is waiting for the row lock: `act` has read the row as it was and must
 * decide again on the row as committed.
 */
async function whileRowHeld<T>(hold: (tx: DbTx) => Promise<unknown>, act: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const holder = wide.$transaction(async (tx) => {
    await hold(tx);
    held();
    await released;
  }, { timeout: 20_000 });
  await isHeld;
  const acting = act().then(
    (value) => ({ status: "fulfilled" as const, value }),
    (reason: unknown) => ({ status: "rejected" as const, reason }),
  );
  // Wait until the verb blocks on the held row (or has finished without touching it).
  for (let i = 0; i < 100; i++) {
    const [waiting] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
    if (waiting!.n > 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  release();
  await holder;
  return acting;
}

describe("admins removing each other at once", () => {
  it("always leave one of them an enabled admin; the other is refused (20 runs)", async () => {
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] }), await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] })];
      const results = await Promise.allSettled([
        updateUser(ctxOf(wide, a), { userId: b.id, roles: ["EMPLOYEE"] }),
        updateUser(ctxOf(wide, b), { userId: a.id, disabled: true }),
      ]);
      const admins = await t.db.user.count({ where: { id: { in: [a.id, b.id] }, roles: { has: "ADMIN" }, disabledAt: null } });
      const refused = results.filter((r) => r.status === "rejected");
      const audited = await t.db.auditLog.count({ where: { action: "user.update", target: { in: [a.id, b.id] } } });
      if (admins !== 1 || refused.length !== 1 || audited !== 1) wrong++;
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ForbiddenError);
    }
    console.log(`admins removing each other: ${wrong} of ${RUNS} runs left no admin or changed both`);
    expect(wrong).toBe(0);
  });
});

describe("an org import and an admin's change removing each other's admin at once", () => {
  it("leaves one of them an enabled admin (20 runs)", async () => {
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] }), await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] })];
      // a's file makes b an employee only; b takes a's admin role away in /admin.
      const file = csvOf([["邮箱", "姓名", "部门编码", "职务", "电话", "即时通讯", "角色"], [b.email, b.name, "", "", "", "", "员工"]]);
      const results = await Promise.allSettled([
        applyOrgImport({ ...ctxOf(wide, a) }, { files: [{ name: "people.csv", bytes: file }], full: false }),
        updateUser(ctxOf(wide, b), { userId: a.id, roles: ["EMPLOYEE"] }),
      ]);
      const admins = await t.db.user.count({ where: { id: { in: [a.id, b.id] }, roles: { has: "ADMIN" }, disabledAt: null } });
      const refused = results.filter((r) => r.status === "rejected");
      if (admins !== 1 || refused.length !== 1) wrong++;
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ForbiddenError);
    }
    console.log(`org import against an admin's change: ${wrong} of ${RUNS} runs left no admin or changed both`);
    expect(wrong).toBe(0);
  });
});

describe("retrying a delivery the worker is marking sent", () => {
  it("never turns a sent notification back into a pending one", async () => {
    const user = await makeUser(t.db);
    const row = await t.db.notification.create({
      data: { userId: user.id, channel: "EMAIL", kind: "question.assigned", dedupeKey: randomUUID(), payload: {}, status: "PENDING", attempts: 2, lastError: "timeout", nextAttemptAt: new Date(Date.now() + 60_000) },
    });
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    // The worker's mark after a successful send (lib/notify/deliver-due.ts), committed while the retry waits.
    const result = await whileRowHeld(
      (tx) => tx.notification.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "SENT", sentAt: new Date(), lastError: null } }),
      () => retryDelivery(ctxOf(wide, admin), { id: row.id }),
    );
    const stored = await t.db.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.status).toBe("SENT");
    expect(result.status).toBe("rejected");
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(PreconditionError);
    expect(await t.db.auditLog.count({ where: { action: "notify.retry", target: row.id } })).toBe(0);
  });
});

describe("saving the same time limit at once", () => {
  it("keeps one row per 条线 and priority, also for the company default (20 runs)", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const line = await makeLine(t.db, { ownerIds: [] });
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      await t.db.timeLimitPolicy.deleteMany({ where: { priority: "URGENT" } });
      const save = (lineId: string | null, minutes: number) =>
        saveTimeLimit(ctxOf(wide, admin), { lineId, priority: "URGENT", firstResponseMinutes: minutes, resolutionMinutes: minutes * 4, escalationMinutes: minutes * 2 });
      const results = await Promise.allSettled([save(null, 30), save(null, 31), save(null, 32), save(line.id, 40), save(line.id, 41), save(line.id, 42)]);
      const rows = await t.db.timeLimitPolicy.findMany({ where: { priority: "URGENT" } });
      const byLine = [null, line.id].map((l) => rows.filter((r) => r.lineId === l).length);
      if (results.some((r) => r.status === "rejected") || byLine.some((n) => n !== 1)) wrong++;
    }
    console.log(`parallel time-limit saves: ${wrong} of ${RUNS} runs stored a duplicate or refused a save`);
    expect(wrong).toBe(0);
  });
});

describe("an SSO sign-in while an admin changes the person's roles", () => {
  it("applies the provider's groups to the roles as stored, never to the roles read before", async () => {
    const config = { groupsClaim: "groups", groupRoles: [["qa", "QA_REVIEWER"]] as const };
    const user = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    // The admin's change (ADMIN taken away) is written but not committed when the sign-in reaches the person.
    const result = await whileRowHeld(
      (tx) => tx.user.update({ where: { id: user.id }, data: { roles: ["EMPLOYEE"], sessionVersion: { increment: 1 } } }),
      () => applySsoSignIn(wide, { userId: user.id, claims: { groups: ["qa"] }, isFirstSsoSignIn: false, now: new Date() }, config),
    );
    expect(result.status).toBe("fulfilled");
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([...stored.roles].sort()).toEqual(["EMPLOYEE", "QA_REVIEWER"]);
  });
});
