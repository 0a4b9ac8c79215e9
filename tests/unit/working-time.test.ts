import { describe, expect, it } from "vitest";
import { addWorkingMinutes, workingMinutesBetween, WEEKDAYS_CALENDAR } from "@/lib/time/working-time";

// Times are Beijing time (+08:00); the working day is 09:00–18:00, Monday–Friday.
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
