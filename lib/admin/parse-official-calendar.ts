// Parses a year's official holiday arrangement as an admin pastes or uploads it (pure):
//   lines    "2027-01-01 元旦 休", "2027-02-20 春节 班", ranges "2027-02-05~2027-02-12 春节 休"
//   csv      the same fields separated by commas or tabs (a header line is skipped)
//   ics      VEVENTs with all-day DTSTART/DTEND (end exclusive) and a SUMMARY such as "春节(休)" / "春节(班)"
// Every problem names its line. 休/假/放假/休息 = a day off; 班/上班/补班/工作 = a 调休 workday; the English
// words "off"/"holiday" and "work"/"workday" are read too, so the English form can show an example it accepts.
// A problem is a message (lib/i18n/messages/problems.*.ts), shown in the reader's language.
import { m, type ErrorMessage } from "../errors";

export interface OfficialDay {
  date: string;
  isWorkday: boolean;
  name: string;
}

export interface ParsedCalendar {
  days: OfficialDay[];
  /** "第 3 行：…" / "Line 3: …" */
  errors: ErrorMessage[];
}

// The words a problem quotes as the ones to write: the file's own language, whatever the reader's.
const OFF_WORD = "休";
const WORK_WORD = "班";
const OFF = new Set([OFF_WORD, "假", "放假", "休息", "休假", "off", "holiday"]);
const WORK = new Set([WORK_WORD, "上班", "补班", "工作", "调休上班", "work", "workday"]);
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

function parseLines(text: string, errors: ErrorMessage[]): OfficialDay[] {
  const days: OfficialDay[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const problem = (why: ErrorMessage) => void errors.push(m("errors.calendar.atLine", { line: i + 1, why }));
    const fields = line.split(/[,\t，]|\s+/).map((f) => f.trim()).filter(Boolean);
    if (i === 0 && /date|日期/i.test(fields[0] ?? "")) return; // a CSV header
    const [first = "", ...rest] = fields;
    const [fromRaw, toRaw] = first.split(/~|～|至|\.\.|--/);
    const from = compact(fromRaw ?? "");
    const to = toRaw === undefined ? from : compact(toRaw);
    if (!isDate(from) || !isDate(to)) return problem(m("errors.calendar.notDate", { text: first.slice(0, 30) }));
    if (to < from) return problem(m("errors.calendar.endBeforeStart"));
    const kindWord = rest.at(-1) ?? "";
    const isWorkday = kindOf(kindWord);
    if (isWorkday === null) return problem(m("errors.calendar.kindWord", { off: OFF_WORD, work: WORK_WORD, word: kindWord.slice(0, 10) }));
    const name = rest.slice(0, -1).join(" ").slice(0, 40);
    if (!name) return problem(m("errors.calendar.noName"));
    for (const date of range(from, to)) days.push({ date, isWorkday, name });
  });
  return days;
}

function parseIcs(text: string, errors: ErrorMessage[]): OfficialDay[] {
  const days: OfficialDay[] = [];
  const unfolded = text.replace(/\r?\n[ \t]/g, "");
  const events = unfolded.split("BEGIN:VEVENT").slice(1);
  if (events.length === 0) errors.push(m("errors.calendar.noEvents"));
  events.forEach((ev, i) => {
    const problem = (why: ErrorMessage) => void errors.push(m("errors.calendar.atEvent", { event: i + 1, why }));
    const prop = (name: string) => new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, "m").exec(ev)?.[1]?.trim();
    const start = compact(prop("DTSTART")?.slice(0, 8) ?? "");
    const endRaw = prop("DTEND");
    const end = endRaw ? new Date(Date.parse(`${compact(endRaw.slice(0, 8))}T00:00:00Z`) - DAY).toISOString().slice(0, 10) : start;
    const summary = (prop("SUMMARY") ?? "").replace(/\\,/g, ",");
    if (!isDate(start) || !isDate(end) || end < start) return problem(m("errors.calendar.notAllDay"));
    const named = /^(.*?)\s*[(（](休|班|上班|补班)[)）]\s*$/.exec(summary);
    const isWorkday = named ? kindOf(named[2]!) : null;
    if (!named || isWorkday === null) return problem(m("errors.calendar.summary", { off: OFF_WORD, work: WORK_WORD, summary: summary.slice(0, 30) }));
    for (const date of range(start, end)) days.push({ date, isWorkday, name: named[1]!.slice(0, 40) || "节假日" });
  });
  return days;
}

/** Parses and checks the arrangement for `year`: every date in that year, no date twice, at most 120 days. */
export function parseOfficialCalendar(text: string, year: number): ParsedCalendar {
  const errors: ErrorMessage[] = [];
  const days = /BEGIN:VCALENDAR/.test(text) ? parseIcs(text, errors) : parseLines(text, errors);
  const seen = new Map<string, OfficialDay>();
  for (const d of days) {
    if (!d.date.startsWith(`${year}-`)) errors.push(m("errors.calendar.outsideYear", { date: d.date, year }));
    else if (seen.has(d.date) && seen.get(d.date)!.isWorkday !== d.isWorkday) errors.push(m("errors.calendar.contradiction", { date: d.date }));
    else seen.set(d.date, d);
  }
  if (seen.size > MAX_DAYS) errors.push(m("errors.calendar.tooManyDays", { max: MAX_DAYS, count: seen.size }));
  if (seen.size === 0 && errors.length === 0) errors.push(m("errors.calendar.noDates"));
  return { days: [...seen.values()].sort((a, b) => a.date.localeCompare(b.date)), errors: errors.slice(0, 20) };
}
