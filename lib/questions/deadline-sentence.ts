// "预计 16:30 前首次答复，12 月 9 日前办结": the asker's promise, in company time. Pure (client and server).
import { localParts } from "../time/zone";

export interface DeadlineSentenceParts {
  /** the first-response deadline: "16:30" today, else "12 月 8 日 10:00" (or "Dec 8, 10:00") */
  first: string;
  /** the resolution day: "12 月 9 日" */
  due: string;
}

const hhmm = (minuteOfDay: number) => {
  const m = Math.floor(minuteOfDay);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function day(date: string, locale: string): string {
  const [, mm, dd] = date.split("-").map(Number) as [number, number, number];
  return locale === "en" ? `${MONTHS_EN[mm - 1]} ${dd}` : `${mm} 月 ${dd} 日`;
}

/** The parts of the sentence, read in the company zone against `now` (today's deadline shows only the time). */
export function deadlineSentenceParts(firstResponseDueAt: Date, resolutionDueAt: Date, now: Date, locale: string, zone?: string): DeadlineSentenceParts {
  const first = localParts(firstResponseDueAt, zone);
  const today = localParts(now, zone).date;
  const due = localParts(resolutionDueAt, zone);
  return {
    first: first.date === today ? hhmm(first.minuteOfDay) : `${day(first.date, locale)} ${hhmm(first.minuteOfDay)}`,
    due: day(due.date, locale),
  };
}
