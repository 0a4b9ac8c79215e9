import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminOverview } from "@/lib/admin/admin-overview";
import { runAdminAction } from "@/lib/admin/run-admin-action";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { askDefaults } from "@/lib/questions/ask-defaults";
import { suggestClauses } from "@/lib/questions/ask-session";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

// The verbs pages and routes call instead of querying Prisma themselves (issue 19.4).
describe("page and route verbs", () => {
  it("runAdminAction: synonyms aside, only admins; unknown and inherited names are 404", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const employee = await makeUser(t.db);
    await expect(runAdminAction(ctxOf(t.db, employee), "phrase", { phrase: "不归我管", suggestion: "我来帮你问" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runAdminAction(ctxOf(t.db, employee), "reindex", {})).rejects.toBeInstanceOf(ForbiddenError);
    for (const name of ["no-such-action", "constructor", "toString", "__proto__"]) {
      await expect(runAdminAction(ctxOf(t.db, admin), name, {})).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("adminOverview: admins only; lists lines with their active owners and a line's own hours", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(t.db, { ownerIds: [owner.id] });
    await t.db.appSetting.create({ data: { key: `calendar.hours:${line.id}`, value: [{ start: "08:00", end: "12:00" }] } });
    await t.db.appSetting.create({ data: { key: `calendar.hours:${randomUUID()}`, value: [{ start: "09:00", end: "17:00" }] } });
    await expect(adminOverview(ctxOf(t.db, owner))).rejects.toBeInstanceOf(ForbiddenError);
    const o = await adminOverview(ctxOf(t.db, admin));
    expect(o.lines.find((l) => l.id === line.id)?.assignments.map((a) => a.user.name)).toEqual([owner.name]);
    expect(o.owners.some((u) => u.id === owner.id)).toBe(true);
    expect(o.lineHours.find((h) => h.lineName === line.name)).toBeTruthy();
    expect(o.lineHours.some((h) => h.lineName === null)).toBe(true);
    expect(o.years.map((y) => y.year)).toEqual([o.thisYear, o.thisYear + 1]);
  });

  it("askDefaults: the asker's contact details and the managers up the chain, nearest first, without self or disabled", async () => {
    const top = await makeUser(t.db, { name: "总经理" });
    const gone = await makeUser(t.db, { disabled: true });
    const mid = await makeUser(t.db, { name: "部门经理" });
    const root = await makeDepartment(t.db, { managerId: top.id });
    const middle = await makeDepartment(t.db, { parentId: root.id, managerId: gone.id });
    const team = await makeDepartment(t.db, { parentId: middle.id, managerId: mid.id });
    const asker = await makeUser(t.db, { departmentId: team.id });
    const d = await askDefaults(ctxOf(t.db, asker));
    expect(d.user.name).toBe(asker.name);
    expect(d.user.department?.name).toBe(team.name);
    expect(d.leaders.map((l) => l.id)).toEqual([mid.id, top.id]);
    // A manager asking does not see themself as a leader to address.
    const manager = await t.db.user.update({ where: { id: mid.id }, data: { departmentId: team.id } });
    expect((await askDefaults(ctxOf(t.db, manager))).leaders.map((l) => l.id)).toEqual([top.id]);
  });

  it("suggestClauses: logs into the asker's own session only; another's session gets nothing and no row", async () => {
    const asker = await makeUser(t.db);
    const other = await makeUser(t.db);
    const session = await t.db.askSession.create({ data: { userId: asker.id, startedAt: new Date(0), lastActivityAt: new Date(0) } });
    const foreign = await suggestClauses(ctxOf(t.db, other), { q: "年假怎么算", session: session.id });
    expect(foreign).toEqual({ hits: [], deflected: false, state: "none", degraded: false });
    expect(await t.db.searchQuery.count({ where: { askSessionId: session.id } })).toBe(0);
    await suggestClauses(ctxOf(t.db, asker), { q: "年假怎么算", session: session.id });
    expect(await t.db.searchQuery.count({ where: { askSessionId: session.id, userId: asker.id, query: "年假怎么算" } })).toBe(1);
    expect((await t.db.askSession.findUniqueOrThrow({ where: { id: session.id } })).lastActivityAt.getTime()).toBeGreaterThan(0);
  });
});
