import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveCalendarOverride } from "@/lib/admin/save-calendar-override";
import { saveTimeLimit } from "@/lib/admin/save-time-limit";
import { updateUser } from "@/lib/admin/update-user";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { fileQuestion } from "@/lib/questions/file-question";
import { loadCalendar } from "@/lib/time/calendar";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

describe("admin settings", () => {
  it("only admins change time limits and the calendar; a line's limit drives new deadlines", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const employee = await makeUser(t.db);
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(t.db, { ownerIds: [owner.id] });
    const limit = { lineId: line.id, firstResponseMinutes: 30, resolutionMinutes: 60, escalationMinutes: 30 };
    await expect(saveTimeLimit(ctxOf(t.db, employee), limit)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveTimeLimit(ctxOf(t.db, admin), { ...limit, resolutionMinutes: 10 })).rejects.toBeInstanceOf(ValidationError);
    await saveTimeLimit(ctxOf(t.db, admin), limit);
    // Monday 2026-11-23 10:00 Beijing: one working hour later.
    const now = new Date("2026-11-23T10:00:00+08:00");
    const q = await fileQuestion(ctxOf(t.db, employee, now), { idempotencyKey: randomUUID(), body: "时限测试问题", lineId: line.id, contactName: "测试", askSessionId: (await makeSearchedAskSession(t.db, employee.id, { at: now })).id });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row.resolutionDueAt).toEqual(new Date("2026-11-23T11:00:00+08:00"));
    expect(row.firstResponseDueAt).toEqual(new Date("2026-11-23T10:30:00+08:00"));

    await saveCalendarOverride(ctxOf(t.db, admin), { date: "2026-11-28", isWorkday: true, note: "补班" });
    expect((await loadCalendar(t.db)).isWorkday("2026-11-28")).toBe(true);
    expect(await t.db.auditLog.count({ where: { actorId: admin.id } })).toBe(2);
  });

  it("a role change or disabling bumps the session version (effective on the next request)", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const user = await makeUser(t.db, { roles: ["EMPLOYEE", "MANAGER"] });
    await updateUser(ctxOf(t.db, admin), { userId: user.id, roles: ["EMPLOYEE"] });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.roles).toEqual(["EMPLOYEE"]);
    expect(row.sessionVersion).toBe(1);
    await expect(updateUser(ctxOf(t.db, admin), { userId: admin.id, disabled: true })).rejects.toBeInstanceOf(ValidationError);
  });
});
