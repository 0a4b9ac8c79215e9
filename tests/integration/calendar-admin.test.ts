// Admin entry of the official holiday arrangement, working hours with breaks, and deadlines across
// New Year 2027 (a year the holiday package does not know) on the real PostgreSQL.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveCalendarOverride } from "@/lib/admin/save-calendar-override";
import { saveTimeLimit } from "@/lib/admin/save-time-limit";
import { importOfficialCalendar } from "@/lib/admin/import-official-calendar";
import { saveWorkingHours } from "@/lib/admin/save-working-hours";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { sweepEscalations } from "@/lib/escalation/sweep";
import { fileQuestion } from "@/lib/questions/file-question";
import { forgetCalendar, loadCalendar, loadCalendarData } from "@/lib/time/calendar";
import { calendarData, dayInfo, isProvisionalYear } from "@/lib/time/holidays";
import { provisionalYearToWarn } from "@/lib/time/provisional";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const bj = (s: string) => new Date(`${s}+08:00`);

const NOTICE_2027 = [
  "2027-01-01 元旦 休",
  "2027-02-05~2027-02-12 春节 休",
  "2027-02-20 春节 班",
  "2027-04-05 清明节 休",
].join("\n");

describe("official holiday arrangement entered by an admin", () => {
  it("previews without storing, names bad lines, then stores OFFICIAL rows with an audit row; official wins over statutory", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const employee = await makeUser(t.db);
    await expect(importOfficialCalendar(ctxOf(t.db, employee), { year: 2027, text: NOTICE_2027 })).rejects.toBeInstanceOf(ForbiddenError);

    const bad = importOfficialCalendar(ctxOf(t.db, admin), { year: 2027, text: "2027-01-01 元旦 休\n2027-13-01 春节 休\n2028-01-01 元旦 休\n2027-02-20 春节 上午" });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    const fields = ((await bad.catch((e: unknown) => e)) as ValidationError).fields;
    // One field per problem, each naming its line (in zh-CN here: err.fields; the transport renders the reader's language).
    expect(Object.values(fields)).toEqual([expect.stringMatching(/^第 2 行：/), expect.stringMatching(/^第 4 行：/), "2028-01-01 不在 2027 年内"]);

    const preview = await importOfficialCalendar(ctxOf(t.db, admin), { year: 2027, text: NOTICE_2027 });
    expect(preview.applied).toBe(false);
    expect(preview.days).toHaveLength(11);
    expect(preview.days.find((d) => d.date === "2027-02-20")).toMatchObject({ isWorkday: true, before: { working: false, source: null } });
    expect(preview.days.find((d) => d.date === "2027-02-09")).toMatchObject({ isWorkday: false, before: { working: false, source: "statutory", name: "春节（补假）" } });
    expect(await t.db.calendarOverride.count()).toBe(0);
    expect(isProvisionalYear(2027, await loadCalendarData(t.db))).toBe(true);

    await saveCalendarOverride(ctxOf(t.db, admin), { date: "2027-02-12", isWorkday: true, note: "本公司值班" });
    const saved = await importOfficialCalendar(ctxOf(t.db, admin), { year: 2027, text: NOTICE_2027, apply: true });
    expect(saved.applied).toBe(true);
    expect(await t.db.calendarOverride.count({ where: { source: "OFFICIAL" } })).toBe(10); // 02-12 stays the override
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "calendar.official" } });
    expect(audit).toMatchObject({ actorId: admin.id, target: "2027" });
    expect(audit.data).toMatchObject({ days: 11, holidays: 10, workdays: 1, keptOverrides: ["2027-02-12"] });

    forgetCalendar(t.db);
    const data = await loadCalendarData(t.db);
    expect(isProvisionalYear(2027, data)).toBe(false);
    expect(dayInfo("2027-01-01", data)).toEqual({ date: "2027-01-01", working: false, source: "official", name: "元旦" });
    expect(dayInfo("2027-02-20", data)).toMatchObject({ working: true, source: "official" }); // 调休 Saturday
    expect(dayInfo("2027-02-12", data)).toMatchObject({ working: true, source: "override", name: "本公司值班" });
    expect(dayInfo("2027-05-04", data)).toMatchObject({ working: true, source: null }); // statutory 补假 gives way to the notice
    const calendar = await loadCalendar(t.db);
    expect(calendar.isWorkday("2027-02-20")).toBe(true);
    expect(calendar.isWorkday("2027-02-10")).toBe(false);

    // Entering the year again replaces the previous notice whole.
    await importOfficialCalendar(ctxOf(t.db, admin), { year: 2027, text: "2027-01-01 元旦 休", apply: true });
    expect(await t.db.calendarOverride.count({ where: { source: "OFFICIAL" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "calendar.official" } })).toBe(2);
  });

  it("reads an .ics file such as chinese-days publishes", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const ics = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20280125", "DTEND;VALUE=DATE:20280202", "SUMMARY:春节(休)", "END:VEVENT",
      "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20280205", "DTEND;VALUE=DATE:20280206", "SUMMARY:春节(班)", "END:VEVENT", "END:VCALENDAR"].join("\r\n");
    const r = await importOfficialCalendar(ctxOf(t.db, admin), { year: 2028, text: ics });
    expect(r.days.map((d) => `${d.date}${d.isWorkday ? "班" : "休"}`)).toEqual(["2028-01-25休", "2028-01-26休", "2028-01-27休", "2028-01-28休", "2028-01-29休", "2028-01-30休", "2028-01-31休", "2028-02-01休", "2028-02-05班"]);
  });

  it("warns from 1 November while next year is provisional", async () => {
    const none = calendarData();
    expect(provisionalYearToWarn(bj("2026-10-31T23:59:00"), none)).toBeNull();
    expect(provisionalYearToWarn(bj("2026-11-01T00:00:00"), none)).toBe(2027);
    expect(provisionalYearToWarn(bj("2027-03-01T10:00:00"), none)).toBe(2027); // the current year, at any time
    const entered = calendarData([["2027-01-01", { isWorkday: false, note: "元旦", source: "official" }]]);
    expect(provisionalYearToWarn(bj("2026-12-15T10:00:00"), entered)).toBeNull();
  });
});

describe("deadlines across New Year 2027 and working hours with lunch", () => {
  it("files on Thursday 2026-12-31 16:00 and skips 元旦 (statutory), the weekend and lunch", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const employee = await makeUser(t.db);
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(t.db, { ownerIds: [owner.id] });
    await saveTimeLimit(ctxOf(t.db, admin), { lineId: line.id, firstResponseMinutes: 60, resolutionMinutes: 240, escalationMinutes: 60 });
    await t.db.calendarOverride.deleteMany(); // 2027 as the package leaves it: statutory only
    forgetCalendar(t.db);
    const q = await fileQuestion(ctxOf(t.db, employee, bj("2026-12-31T16:00:00")), { askSessionId: (await makeSearchedAskSession(t.db, employee.id)).id, idempotencyKey: randomUUID(), body: "跨年时限测试问题", lineId: line.id, contactName: "测试" });
    const row = await t.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row.firstResponseDueAt).toEqual(bj("2026-12-31T17:00:00"));
    // 2 h on Thursday; Friday 2027-01-01 元旦; weekend; Monday 09:00–11:00.
    expect(row.resolutionDueAt).toEqual(bj("2027-01-04T11:00:00"));
  });

  it("uses the company's hours with lunch, a 条线's own hours where set, and refuses bad periods", async () => {
    const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
    const employee = await makeUser(t.db);
    const owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const plain = await makeLine(t.db, { ownerIds: [owner.id] });
    const desk = await makeLine(t.db, { ownerIds: [owner.id] });
    for (const line of [plain, desk]) await saveTimeLimit(ctxOf(t.db, admin), { lineId: line.id, firstResponseMinutes: 60, resolutionMinutes: 120, escalationMinutes: 60 });

    await expect(saveWorkingHours(ctxOf(t.db, employee), { periods: "09:00-18:00" })).rejects.toBeInstanceOf(ForbiddenError);
    for (const [periods, reason] of [["09:00-12:00, 11:00-18:00", /重叠/], ["18:00-09:00", /晚于/], ["9点到6点", /不是时段/], ["", /至少/]] as const) {
      const err = await saveWorkingHours(ctxOf(t.db, admin), { periods }).catch((e: unknown) => e);
      expect(err, periods).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields.periods).toMatch(reason);
    }
    await saveWorkingHours(ctxOf(t.db, admin), { lineId: desk.id, periods: "08:30-11:30, 12:30-17:30" });
    expect(await t.db.auditLog.count({ where: { action: "calendar.hours", target: desk.id } })).toBe(1);

    const at = bj("2026-11-23T12:00:00"); // a Monday, noon
    const a = await fileQuestion(ctxOf(t.db, employee, at), { askSessionId: (await makeSearchedAskSession(t.db, employee.id)).id, idempotencyKey: randomUUID(), body: "午休时限测试问题一", lineId: plain.id, contactName: "测试" });
    const b = await fileQuestion(ctxOf(t.db, employee, at), { askSessionId: (await makeSearchedAskSession(t.db, employee.id)).id, idempotencyKey: randomUUID(), body: "午休时限测试问题二", lineId: desk.id, contactName: "测试" });
    const rows = await t.db.question.findMany({ where: { id: { in: [a.id, b.id] } } });
    const due = (id: string) => rows.find((r) => r.id === id)!.resolutionDueAt;
    expect(due(a.id)).toEqual(bj("2026-11-23T15:00:00")); // lunch until 13:00, then 13–15
    expect(due(b.id)).toEqual(bj("2026-11-23T14:30:00")); // its lunch ends 12:30, then 12:30–14:30

    // The sweep measures the same working time: filed at 11:00 with 120 minutes (due 14:00), at 12:59 a
    // question has spent 60 (lunch does not count): warned at 50 %, not yet at 75 %.
    const c = await fileQuestion(ctxOf(t.db, employee, bj("2026-11-23T11:00:00")), { askSessionId: (await makeSearchedAskSession(t.db, employee.id)).id, idempotencyKey: randomUUID(), body: "午休时限测试问题三", lineId: plain.id, contactName: "测试" });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: c.id } })).resolutionDueAt).toEqual(bj("2026-11-23T14:00:00"));
    await sweepEscalations(t.db, bj("2026-11-23T12:59:00"));
    const swept = await t.db.question.findUniqueOrThrow({ where: { id: c.id } });
    expect(swept.warnedAt50).toEqual(bj("2026-11-23T12:59:00"));
    expect(swept.warnedAt75).toBeNull();

    // Clearing the 条线's hours returns it to the company default.
    await saveWorkingHours(ctxOf(t.db, admin), { lineId: desk.id, periods: "" });
    expect((await loadCalendar(t.db, desk.id)).periods).toEqual([{ start: 540, end: 720 }, { start: 780, end: 1080 }]);
  });
});
