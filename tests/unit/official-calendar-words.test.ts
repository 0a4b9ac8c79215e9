import { describe, expect, it } from "vitest";
import { parseOfficialCalendar } from "@/lib/admin/parse-official-calendar";
import { renderMessage } from "@/lib/http/errors";
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
    expect(renderMessage(bad.errors[0]!, "en")).toBe("Line 1: The last item must be “off” or “休” (a day off), or “work” or “班” (a working day), not “vacation”");
    expect(renderMessage(bad.errors[0]!, "zh-CN")).toBe("第 1 行：最后一项应为“休”或“班”，实为“vacation”");
  });

  it("says every problem in the reader's language, naming its line or event", () => {
    const lines = parseOfficialCalendar("2027-13-01 元旦 休\n2027-02-10~2027-02-01 春节 休\n2027-05-01 休\n2026-10-01 国庆 休", 2027);
    expect(lines.errors.map((e) => renderMessage(e, "en"))).toEqual([
      "Line 1: “2027-13-01” is not a date; write YYYY-MM-DD (or YYYY-MM-DD~YYYY-MM-DD)",
      "Line 2: The end date is before the start date",
      "Line 3: The holiday's name is missing (such as Spring Festival)",
      "2026-10-01 is not in 2027",
    ]);
    expect(lines.errors.map((e) => renderMessage(e, "zh-CN"))[3]).toBe("2026-10-01 不在 2027 年内");
    const ics = parseOfficialCalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\nEND:VEVENT\nEND:VCALENDAR", 2027);
    expect(ics.errors.map((e) => renderMessage(e, "en"))).toEqual(["Event 1: SUMMARY must be “name(休)” or “name(班)”, not “元旦”"]);
    expect(renderMessage(parseOfficialCalendar("", 2027).errors[0]!, "en")).toBe("No dates were found");
  });
});
