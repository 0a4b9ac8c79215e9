import { describe, expect, it } from "vitest";
import { addWorkingMinutes, minutesPerWorkday, workingMinutesBetween, WEEKDAYS_CALENDAR } from "@/lib/time/working-time";

// Times are Beijing time (+08:00); the working day is 09:00–12:00 and 13:00–18:00, Monday–Friday.
const bj = (s: string) => new Date(`${s}+08:00`);

describe("working time", () => {
  it("adds minutes within one day", () => {
    expect(addWorkingMinutes(bj("2026-11-23T10:00:00"), 120)).toEqual(bj("2026-11-23T12:00:00"));
  });
  it("carries over the night", () => {
    expect(addWorkingMinutes(bj("2026-11-23T17:00:00"), 120)).toEqual(bj("2026-11-24T10:00:00"));
  });
  it("skips the weekend (Friday afternoon → Monday)", () => {
    expect(addWorkingMinutes(bj("2026-11-27T17:30:00"), 60)).toEqual(bj("2026-11-30T09:30:00"));
  });
  it("starts counting at 09:00 when asked at night or on a Sunday", () => {
    expect(addWorkingMinutes(bj("2026-11-23T22:00:00"), 30)).toEqual(bj("2026-11-24T09:30:00"));
    expect(addWorkingMinutes(bj("2026-11-29T12:00:00"), 30)).toEqual(bj("2026-11-30T09:30:00"));
  });
  it("uses the calendar's notion of a working day (a holiday is skipped, a make-up Saturday counts)", () => {
    const cal = { ...WEEKDAYS_CALENDAR, isWorkday: (d: string) => (d === "2026-11-24" ? false : d === "2026-11-28" ? true : WEEKDAYS_CALENDAR.isWorkday(d)) };
    expect(addWorkingMinutes(bj("2026-11-23T17:00:00"), 120, cal)).toEqual(bj("2026-11-25T10:00:00"));
    expect(addWorkingMinutes(bj("2026-11-27T17:00:00"), 120, cal)).toEqual(bj("2026-11-28T10:00:00"));
  });
  it("measures working minutes between two instants", () => {
    expect(workingMinutesBetween(bj("2026-11-27T17:00:00"), bj("2026-11-30T10:00:00"))).toBe(120);
    expect(workingMinutesBetween(bj("2026-11-30T10:00:00"), bj("2026-11-27T17:00:00"))).toBe(0);
  });
  it("rejects nonsense", () => {
    expect(() => addWorkingMinutes(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(new Date(), 10, { ...WEEKDAYS_CALENDAR, isWorkday: () => false })).toThrow(/ten years/);
  });
});

describe("working time with a lunch break (default 09:00–12:00, 13:00–18:00)", () => {
  it("has 8 working hours a day", () => {
    expect(minutesPerWorkday(WEEKDAYS_CALENDAR)).toBe(480);
    expect(workingMinutesBetween(bj("2026-11-23T00:00:00"), bj("2026-11-24T00:00:00"))).toBe(480);
  });
  it("skips 12:00–13:00 when adding", () => {
    expect(addWorkingMinutes(bj("2026-11-23T11:30:00"), 60)).toEqual(bj("2026-11-23T13:30:00"));
    expect(addWorkingMinutes(bj("2026-11-23T11:00:00"), 60)).toEqual(bj("2026-11-23T12:00:00"));
  });
  it("starts counting at 13:00 when asked during lunch", () => {
    expect(addWorkingMinutes(bj("2026-11-23T12:20:00"), 30)).toEqual(bj("2026-11-23T13:30:00"));
    expect(workingMinutesBetween(bj("2026-11-23T12:10:00"), bj("2026-11-23T12:50:00"))).toBe(0);
  });
  it("does not count lunch between two instants", () => {
    expect(workingMinutesBetween(bj("2026-11-23T11:00:00"), bj("2026-11-23T14:00:00"))).toBe(120);
    // Friday 17:00 → Monday 14:00: 1 h + 3 h + 1 h
    expect(workingMinutesBetween(bj("2026-11-27T17:00:00"), bj("2026-11-30T14:00:00"))).toBe(300);
  });
  it("carries over lunch, night and weekend together", () => {
    // Friday 11:00 + 8 h: 1 h before lunch, 5 h after, Monday 2 h → Monday 11:00
    expect(addWorkingMinutes(bj("2026-11-27T11:00:00"), 480)).toEqual(bj("2026-11-30T11:00:00"));
  });
  it("uses a 条线's own periods, e.g. a service desk with a late shift", () => {
    const desk = { ...WEEKDAYS_CALENDAR, periods: [{ start: 8 * 60, end: 11 * 60 + 30 }, { start: 12 * 60 + 30, end: 20 * 60 }] };
    expect(addWorkingMinutes(bj("2026-11-23T11:00:00"), 60, desk)).toEqual(bj("2026-11-23T13:00:00"));
    expect(addWorkingMinutes(bj("2026-11-23T19:30:00"), 60, desk)).toEqual(bj("2026-11-24T08:30:00"));
  });
  it("rejects overlapping or unordered periods", () => {
    const bad = { ...WEEKDAYS_CALENDAR, periods: [{ start: 13 * 60, end: 18 * 60 }, { start: 9 * 60, end: 14 * 60 }] };
    expect(() => addWorkingMinutes(new Date(), 10, bad)).toThrow(RangeError);
  });
});
