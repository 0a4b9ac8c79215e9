// `npm run calendar` in the terminal's language (cliLocale, ADR 0005): the report's texts are the admin
// page's catalogue keys; the holiday names are data and stay as they are.
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/catalogues";
import { yearExceptions } from "@/lib/time/holidays";
import { calendarReport } from "@/lib/time/print-calendar";
import { runScript } from "../helpers/run-script";

const days = yearExceptions(2027);

describe("calendarReport", () => {
  it("speaks English with an English translator", () => {
    const report = calendarReport(2027, days, true, translatorFor("en"));
    expect(report.title).toBe(`2027: the days that differ from a plain Monday–Friday week, and holidays at weekends (${days.length} days)\nprovisional (computed from the public-holiday rules, without make-up workdays)`);
    expect(report.header).toEqual(["Date", "Weekday", "Arrangement", "Name"]);
    expect(report.rows[0]).toEqual(["2027-01-01", "Fri", "Day off (statutory rules, provisional)", "元旦"]);
  });

  it("speaks Chinese with the Chinese translator, and says nothing of provisional for an entered year", () => {
    const report = calendarReport(2027, days, false, translatorFor("zh-CN"));
    expect(report.title).toBe(`2027 年与普通周一至周五不同的日子及周末的节日（${days.length} 天）`);
    expect(report.header).toEqual(["日期", "星期", "安排", "名称"]);
    expect(report.rows[0]).toEqual(["2027-01-01", "周五", "休息（法定推算（暂定））", "元旦"]);
  });
});

describe("npm run calendar", () => {
  it.each([
    ["en_US.UTF-8", "Date", "--year must be a year between 1901 and 2099"],
    ["zh_CN.UTF-8", "日期", "--year 须为 1901 至 2099 之间的年份"],
  ])("follows LANG=%s, its refusals too", async (lang, heading, refusal) => {
    const env = { LC_ALL: "", LC_MESSAGES: "", LANG: lang };
    const printed = await runScript("scripts/calendar.ts", ["--no-db", "--year", "2027"], env);
    expect(printed.code).toBe(0);
    expect(printed.out.split("\n")[2]).toMatch(new RegExp(`^${heading}\\s`));
    const refused = await runScript("scripts/calendar.ts", ["--no-db", "--year", "1800"], env);
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.out).toContain(refusal);
  }, 30_000);
});
