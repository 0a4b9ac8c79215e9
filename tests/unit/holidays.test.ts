import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { chineseCalendar } from "@/lib/time/calendar";
import { calendarData, dayInfo, isProvisionalYear, packageHasYear, statutoryHolidays, yearExceptions, type CalendarEntry } from "@/lib/time/holidays";
import { addWorkingMinutes } from "@/lib/time/working-time";

const bj = (s: string) => new Date(`${s}+08:00`);
const official = (isWorkday: boolean, note: string): CalendarEntry => ({ isWorkday, note, source: "official" });

describe("every year's calendar", () => {
  it("keeps every year the package knows exactly as the package says (2004–2026)", () => {
    let differences = 0;
    let days = 0;
    for (let t = Date.parse("2004-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      days++;
      if (dayInfo(date).working !== chineseDays.isWorkday(date)) differences++;
    }
    expect(days).toBe(8401);
    expect(differences).toBe(0);
    expect(packageHasYear(2026)).toBe(true);
    expect(isProvisionalYear(2026)).toBe(false);
  });

  it("names 2026's official days with their source", () => {
    expect(dayInfo("2026-10-01")).toEqual({ date: "2026-10-01", working: false, source: "official", name: "国庆节" });
    expect(dayInfo("2026-02-14")).toEqual({ date: "2026-02-14", working: true, source: "official", name: "春节" }); // 调休 Saturday
    expect(dayInfo("2026-11-23")).toEqual({ date: "2026-11-23", working: true, source: null, name: null });
    expect(dayInfo("2026-02-21")).toEqual({ date: "2026-02-21", working: false, source: "official", name: "春节" }); // a Saturday inside the holiday
  });

  it("computes 2027's statutory days off from the rules, with 补假 for those on a weekend", () => {
    expect(packageHasYear(2027)).toBe(false);
    expect(isProvisionalYear(2027)).toBe(true);
    expect([...statutoryHolidays(2027)]).toEqual([
      ["2027-01-01", "元旦"],
      // 正月初一 is Saturday 2027-02-06 (lunar table): 除夕 Friday 02-05 … 初三 Monday 02-08; Sat+Sun made up on Tue+Wed.
      ["2027-02-05", "春节"],
      ["2027-02-06", "春节"],
      ["2027-02-07", "春节"],
      ["2027-02-08", "春节"],
      ["2027-02-09", "春节（补假）"],
      ["2027-02-10", "春节（补假）"],
      ["2027-04-05", "清明节"], // the 清明 solar term
      ["2027-05-01", "劳动节"], // Saturday and Sunday: made up on Monday and Tuesday
      ["2027-05-02", "劳动节"],
      ["2027-05-03", "劳动节（补假）"],
      ["2027-05-04", "劳动节（补假）"],
      ["2027-06-09", "端午节"], // 五月初五
      ["2027-09-15", "中秋节"], // 八月十五
      ["2027-10-01", "国庆节"],
      ["2027-10-02", "国庆节"], // a weekend: made up on Monday and Tuesday
      ["2027-10-03", "国庆节"],
      ["2027-10-04", "国庆节（补假）"],
      ["2027-10-05", "国庆节（补假）"],
    ]);
    const off = yearExceptions(2027);
    expect(off.every((d) => !d.working && d.source === "statutory")).toBe(true);
    expect(off.map((d) => d.date)).toEqual([...statutoryHolidays(2027).keys()]);
  });

  it("counts every statutory day in other years too (2028: 中秋 falls inside 国庆 and is made up)", () => {
    for (const year of [2028, 2029, 2030, 2035]) {
      const weekdaysOff = [...statutoryHolidays(year).keys()].filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
      expect(weekdaysOff.length, String(year)).toBe(13); // 1 + 4 + 1 + 2 + 1 + 1 + 3 statutory days, each made a weekday off
    }
    expect(statutoryHolidays(2028).get("2028-01-25")).toBe("春节"); // 除夕 (初一 2028-01-26)
    expect(statutoryHolidays(2028).get("2028-10-03")).toBe("国庆节");
    expect(statutoryHolidays(2028).get("2028-10-05")).toBe("中秋节（补假）");
  });

  it("uses the official notice once an admin entered it: the year is no longer provisional, computed days give way", () => {
    const data = calendarData([
      ["2027-02-05", official(false, "春节")],
      ["2027-02-20", official(true, "春节调休上班")],
    ]);
    expect(isProvisionalYear(2027, data)).toBe(false);
    expect(dayInfo("2027-02-05", data)).toEqual({ date: "2027-02-05", working: false, source: "official", name: "春节" });
    expect(dayInfo("2027-02-20", data).working).toBe(true); // a Saturday made a workday
    expect(dayInfo("2027-01-01", data)).toEqual({ date: "2027-01-01", working: true, source: null, name: null }); // not in this (partial) notice
  });

  it("lets a single override win over everything", () => {
    const data = calendarData([["2026-10-01", { isWorkday: true, note: "值班", source: "override" }]]);
    expect(dayInfo("2026-10-01", data)).toEqual({ date: "2026-10-01", working: true, source: "override", name: "值班" });
  });

  it("does not put a deadline on New Year's Day 2027 (2026-12-31 → 2027-01-04)", () => {
    const cal = chineseCalendar();
    // Thursday 2026-12-31 16:00 + 4 working hours: 2 h on Thursday, Friday 元旦 off, weekend, Monday 09:00–11:00.
    expect(addWorkingMinutes(bj("2026-12-31T16:00:00"), 240, cal)).toEqual(bj("2027-01-04T11:00:00"));
  });
});
