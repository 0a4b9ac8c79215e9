// Parses a year's official holiday arrangement as an admin pastes or uploads it (pure):
//   lines    "2027-01-01 元旦 休", "2027-02-20 春节 班", ranges "2027-02-05~2027-02-12 春节 休"
//   csv      the same fields separated by commas or tabs (a header line is skipped)
//   ics      VEVENTs with all-day DTSTART/DTEND (end exclusive) and a SUMMARY such as "春节(休)" / "春节(班)"
// Every problem names its line. 休/假/放假/休息 = a day off; 班/上班/补班/工作 = a 调休 workday; the English
// words "off"/"holiday" and "work"/"workday" are read too, so the English form can show an example it accepts.
export interface OfficialDay {
  date: string;
  isWorkday: boolean;
  name: string;
}

export interface ParsedCalendar {
  days: OfficialDay[];
  /** "第 3 行：…" */
  errors: string[];
}

const OFF = new Set(["休", "假", "放假", "休息", "休假", "off", "holiday"]);
const WORK = new Set(["班", "上班", "补班", "工作", "调休上班", "work", "workday"]);
const MAX_DAYS = 120;
const DAY = 86_400_000;

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

const compact = (s: string) => (/^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s.replace(/[/.]/g, "-"));

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length <= MAX_DAYS; t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function kindOf(word: string): boolean | null {
  const w = word.replace(/[()（）]/g, "").toLowerCase();
  return OFF.has(w) ? false : WORK.has(w) ? true : null;
}

function parseLines(text: string, errors: string[]): OfficialDay[] {
  const days: OfficialDay[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const where = `第 ${i + 1} 行`;
    const fields = line.split(/[,\t，]|\s+/).map((f) => f.trim()).filter(Boolean);
    if (i === 0 && /date|日期/i.test(fields[0] ?? "")) return; // a CSV header
    const [first = "", ...rest] = fields;
    const [fromRaw, toRaw] = first.split(/~|～|至|\.\.|--/);
    const from = compact(fromRaw ?? "");
    const to = toRaw === undefined ? from : compact(toRaw);
    if (!isDate(from) || !isDate(to)) return void errors.push(`${where}：“${first.slice(0, 30)}” 不是日期，应为 YYYY-MM-DD（或 YYYY-MM-DD~YYYY-MM-DD）`);
    if (to < from) return void errors.push(`${where}：结束日期早于开始日期`);
    const kindWord = rest.at(-1) ?? "";
    const isWorkday = kindOf(kindWord);
    if (isWorkday === null) return void errors.push(`${where}：最后一项应为“休”或“班”，实为“${kindWord.slice(0, 10)}”`);
    const name = rest.slice(0, -1).join(" ").slice(0, 40);
    if (!name) return void errors.push(`${where}：缺少节日名称（如“春节”）`);
    for (const date of range(from, to)) days.push({ date, isWorkday, name });
  });
  return days;
}

function parseIcs(text: string, errors: string[]): OfficialDay[] {
  const days: OfficialDay[] = [];
  const unfolded = text.replace(/\r?\n[ \t]/g, "");
  const events = unfolded.split("BEGIN:VEVENT").slice(1);
  if (events.length === 0) errors.push("文件中没有 VEVENT（不是节假日日历？）");
  events.forEach((ev, i) => {
    const where = `第 ${i + 1} 个事件`;
    const prop = (name: string) => new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, "m").exec(ev)?.[1]?.trim();
    const start = compact(prop("DTSTART")?.slice(0, 8) ?? "");
    const endRaw = prop("DTEND");
    const end = endRaw ? new Date(Date.parse(`${compact(endRaw.slice(0, 8))}T00:00:00Z`) - DAY).toISOString().slice(0, 10) : start;
    const summary = (prop("SUMMARY") ?? "").replace(/\\,/g, ",");
    if (!isDate(start) || !isDate(end) || end < start) return void errors.push(`${where}：DTSTART/DTEND 不是全天日期`);
    const m = /^(.*?)\s*[(（](休|班|上班|补班)[)）]\s*$/.exec(summary);
    const isWorkday = m ? kindOf(m[2]!) : null;
    if (!m || isWorkday === null) return void errors.push(`${where}：SUMMARY 应为“名称(休)”或“名称(班)”，实为“${summary.slice(0, 30)}”`);
    for (const date of range(start, end)) days.push({ date, isWorkday, name: m[1]!.slice(0, 40) || "节假日" });
  });
  return days;
}

/** Parses and checks the arrangement for `year`: every date in that year, no date twice, at most 120 days. */
export function parseOfficialCalendar(text: string, year: number): ParsedCalendar {
  const errors: string[] = [];
  const days = /BEGIN:VCALENDAR/.test(text) ? parseIcs(text, errors) : parseLines(text, errors);
  const seen = new Map<string, OfficialDay>();
  for (const d of days) {
    if (!d.date.startsWith(`${year}-`)) errors.push(`${d.date} 不在 ${year} 年内`);
    else if (seen.has(d.date) && seen.get(d.date)!.isWorkday !== d.isWorkday) errors.push(`${d.date} 出现两次且休/班矛盾`);
    else seen.set(d.date, d);
  }
  if (seen.size > MAX_DAYS) errors.push(`一年最多 ${MAX_DAYS} 天的安排，实为 ${seen.size} 天`);
  if (seen.size === 0 && errors.length === 0) errors.push("没有找到任何日期");
  return { days: [...seen.values()].sort((a, b) => a.date.localeCompare(b.date)), errors: errors.slice(0, 20) };
}
