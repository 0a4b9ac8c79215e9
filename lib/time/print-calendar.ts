// Output of `npm run calendar`: the days of a year that differ from a plain Monday–Friday week, and the
// named holidays that fall on a weekend (pure), in the terminal's language (the admin page's keys).
import type { Translate } from "../i18n/translate";
import type { DayInfo } from "./holidays";

export function calendarJsonLines(days: readonly DayInfo[]): string {
  return days.map((d) => JSON.stringify({ date: d.date, working: d.working, source: d.source, name: d.name })).join("\n");
}

/** The title line(s) and the table's header and rows; the holiday names are data and stay as entered. */
export function calendarReport(year: number, days: readonly DayInfo[], provisional: boolean, t: Translate): { title: string; header: string[]; rows: string[][] } {
  const title = [t("admin.calendar.cli.title", { year, count: days.length }), ...(provisional ? [t("admin.calendar.provisional")] : [])].join("\n");
  const header = [t("admin.official.date"), t("admin.official.weekday"), t("admin.official.arrangement"), t("admin.official.name")];
  const rows = days.map((d) => [
    d.date,
    t(`admin.weekday.${new Date(`${d.date}T00:00:00Z`).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`),
    t(d.working ? "admin.official.working" : "admin.official.off") + (d.source ? t("admin.official.source", { source: t(`admin.official.source.${d.source}`) }) : ""),
    d.name ?? "",
  ]);
  return { title, header, rows };
}
