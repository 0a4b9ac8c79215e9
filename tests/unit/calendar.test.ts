import { describe, expect, it } from "vitest";
import { chineseCalendar } from "@/lib/time/calendar";
import { calendarData } from "@/lib/time/holidays";
import { addWorkingMinutes, workingMinutesBetween } from "@/lib/time/working-time";

const cal = chineseCalendar();
const bj = (s: string) => new Date(`${s}+08:00`);

describe("Chinese working calendar", () => {
  it("knows the 2025 National Day holiday and its 调休 Saturday", () => {
    expect(cal.isWorkday("2025-10-01")).toBe(false);
    expect(cal.isWorkday("2025-10-08")).toBe(false);
    expect(cal.isWorkday("2025-09-28")).toBe(true); // Sunday, made a workday
    expect(cal.isWorkday("2025-10-11")).toBe(true); // Saturday, made a workday
    expect(cal.isWorkday("2025-10-09")).toBe(true);
  });
  it("knows the 2026 Spring Festival holiday and its make-up Saturdays", () => {
    expect(cal.isWorkday("2026-02-16")).toBe(false);
    expect(cal.isWorkday("2026-02-20")).toBe(false);
    expect(cal.isWorkday("2026-02-14")).toBe(true); // Saturday, made a workday
    expect(cal.isWorkday("2026-02-28")).toBe(true); // Saturday, made a workday
  });
  it("counts across a night and a weekend", () => {
    // Friday 2026-11-27 17:00 + 2 h → Monday 2026-11-30 10:00
    expect(addWorkingMinutes(bj("2026-11-27T17:00:00"), 120, cal)).toEqual(bj("2026-11-30T10:00:00"));
  });
  it("counts a 调休 Sunday and skips the National Day week", () => {
    // Friday 2025-09-26 17:00 + 2 h: 1 h on Friday, Saturday off, Sunday 28 is a make-up workday.
    expect(addWorkingMinutes(bj("2025-09-26T17:00:00"), 120, cal)).toEqual(bj("2025-09-28T10:00:00"));
    // Tuesday 2025-09-30 17:00 + 2 h: 1 h that day, 1–8 October off, then Thursday 9 October.
    expect(addWorkingMinutes(bj("2025-09-30T17:00:00"), 120, cal)).toEqual(bj("2025-10-09T10:00:00"));
    expect(workingMinutesBetween(bj("2025-09-30T18:00:00"), bj("2025-10-09T09:00:00"), cal)).toBe(0);
  });
  it("applies admin overrides over the package", () => {
    const custom = chineseCalendar(calendarData([["2026-11-23", { isWorkday: false, note: null, source: "override" }], ["2026-11-28", { isWorkday: true, note: null, source: "override" }]]));
    expect(custom.isWorkday("2026-11-23")).toBe(false);
    expect(custom.isWorkday("2026-11-28")).toBe(true);
    expect(addWorkingMinutes(bj("2026-11-27T17:00:00"), 120, custom)).toEqual(bj("2026-11-28T10:00:00"));
  });
  it("pauses and resumes: the paused working time moves the deadline by exactly that much", () => {
    const due = addWorkingMinutes(bj("2026-11-23T10:00:00"), 8 * 60, cal); // one working day (8 h, lunch excluded): Tue 10:00
    expect(due).toEqual(bj("2026-11-24T10:00:00"));
    const paused = workingMinutesBetween(bj("2026-11-23T15:00:00"), bj("2026-11-24T11:00:00"), cal); // 3 h + 2 h
    expect(paused).toBe(300);
    expect(addWorkingMinutes(due, paused, cal)).toEqual(bj("2026-11-24T16:00:00")); // 10–12, lunch, 13–16
  });
});
