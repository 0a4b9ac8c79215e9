import { describe, expect, it } from "vitest";
import { formatCompanyTime, localParts, offsetMinutes, parseCompanyTime, wallTimeToInstant } from "@/lib/time/zone";

describe("company time zone", () => {
  it("is Asia/Shanghai by default, UTC+8 all year", () => {
    expect(offsetMinutes(new Date("2026-01-15T00:00:00Z"))).toBe(480);
    expect(offsetMinutes(new Date("2026-07-15T00:00:00Z"))).toBe(480);
  });
  it("reads a typed wall time as company time, whatever zone the process runs in", () => {
    expect(parseCompanyTime("2026-12-10T17:00")).toEqual(new Date("2026-12-10T09:00:00Z"));
    expect(parseCompanyTime("2026-12-10 17:00:30")).toEqual(new Date("2026-12-10T09:00:30Z"));
    expect(parseCompanyTime("2026-12-10", undefined, 18 * 60)).toEqual(new Date("2026-12-10T10:00:00Z"));
  });
  it("keeps an instant with an explicit zone as it is", () => {
    expect(parseCompanyTime("2026-12-10T09:00:00.000Z")).toEqual(new Date("2026-12-10T09:00:00Z"));
    expect(parseCompanyTime("2026-12-10T17:00:00+08:00")).toEqual(new Date("2026-12-10T09:00:00Z"));
  });
  it("refuses what is not a time", () => {
    for (const bad of ["", "tomorrow", "2026-02-30", "2026-12-10T25:00", "2026-12-10T17:60", "1765357200000"]) expect(parseCompanyTime(bad), bad).toBeNull();
  });
  it("turns instants into company dates and wall times", () => {
    expect(localParts(new Date("2026-12-31T16:30:00Z"))).toMatchObject({ date: "2027-01-01", minuteOfDay: 30 });
    expect(formatCompanyTime(new Date("2026-12-10T09:00:00Z"))).toBe("2026-12-10 17:00");
    expect(wallTimeToInstant("2027-01-01", 0)).toEqual(new Date("2026-12-31T16:00:00Z"));
  });
  it("follows another configured zone, including its daylight saving", () => {
    expect(parseCompanyTime("2026-07-01T09:00", "Europe/Berlin")).toEqual(new Date("2026-07-01T07:00:00Z"));
    expect(parseCompanyTime("2026-01-05T09:00", "Europe/Berlin")).toEqual(new Date("2026-01-05T08:00:00Z"));
    expect(formatCompanyTime(new Date("2026-07-01T07:00:00Z"), "Europe/Berlin")).toBe("2026-07-01 09:00");
  });
});
