import { describe, expect, it } from "vitest";
import { parseOfficialCalendar } from "@/lib/admin/parse-official-calendar";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";

describe("official holiday arrangement, as pasted", () => {
  it("reads the example each language's form shows, to the same days", () => {
    const zh = parseOfficialCalendar(zhCN["admin.official.example"], 2027);
    const english = parseOfficialCalendar(en["admin.official.example"], 2027);
    expect(zh.errors).toEqual([]);
    expect(english.errors).toEqual([]);
    expect(english.days.map((d) => [d.date, d.isWorkday])).toEqual(zh.days.map((d) => [d.date, d.isWorkday]));
    expect(zh.days).toHaveLength(10);
    expect(english.days.find((d) => d.date === "2027-02-20")).toEqual({ date: "2027-02-20", isWorkday: true, name: "Spring Festival" });
    expect(english.days[0]).toEqual({ date: "2027-01-01", isWorkday: false, name: "New Year's Day" });
  });

  it("takes the English words in any case and still refuses other words", () => {
    const ok = parseOfficialCalendar("2027-10-01 National Day OFF\n2027-10-09 National Day Workday\n2027-10-02 National Day holiday\n2027-09-26 National Day work", 2027);
    expect(ok.errors).toEqual([]);
    expect(ok.days.map((d) => [d.date, d.isWorkday])).toEqual([["2027-09-26", true], ["2027-10-01", false], ["2027-10-02", false], ["2027-10-09", true]]);
    const bad = parseOfficialCalendar("2027-10-01 National Day vacation", 2027);
    expect(bad.days).toEqual([]);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toContain("vacation");
  });
});
