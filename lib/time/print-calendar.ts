// Output of `npm run calendar`: the days of a year that differ from a plain Monday–Friday week, and the
// named holidays that fall on a weekend (pure).
import type { DayInfo } from "./holidays";

const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];

export function calendarJsonLines(days: readonly DayInfo[]): string {
  return days.map((d) => JSON.stringify({ date: d.date, working: d.working, source: d.source, name: d.name })).join("\n");
}

export function calendarTable(year: number, days: readonly DayInfo[], provisional: boolean): string {
  const head = `${year} 年与普通周一至周五不同的日子及周末的节日（${days.length} 天）${provisional ? "：暂定，按法定规则推算，待录入国务院办公厅通知" : ""}`;
  const rows = days.map((d) => `${d.date}  周${WEEKDAY[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}  ${d.working ? "上班" : "休息"}  ${(d.source ?? "").padEnd(9)}  ${d.name ?? ""}`);
  return [head, "日期        星期  状态  来源       名称", ...rows].join("\n");
}
