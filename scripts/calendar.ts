// npm run calendar -- --year 2027 [--json] [--no-db]
// Prints every day of the year that differs from a plain Monday–Friday week, with its source
// (statutory = computed from the rules, provisional; official = package data or the notice an admin
// entered; override = a single admin date). Without --no-db the admin entries are read from PostgreSQL.
// Prints in English when LC_ALL / LC_MESSAGES / LANG says en…, else in Simplified Chinese (cliLocale).
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { startStack } from "../lib/embedded/local-stack";
import { cliLocale } from "../lib/env";
import { translatorFor } from "../lib/i18n/catalogues";
import { loadCalendarData } from "../lib/time/calendar";
import { EMPTY_CALENDAR_DATA, isProvisionalYear, yearExceptions } from "../lib/time/holidays";
import { calendarJsonLines, calendarReport } from "../lib/time/print-calendar";
import { table } from "./lib/report";

const t = translatorFor(cliLocale());
const { values } = parseArgs({ options: { year: { type: "string" }, json: { type: "boolean", default: false }, "no-db": { type: "boolean", default: false } } });
const year = Number(values.year ?? new Date().getUTCFullYear());
if (!Number.isInteger(year) || year < 1901 || year > 2099) {
  console.error(t("admin.calendar.cli.year"));
  process.exit(2);
}

let data = EMPTY_CALENDAR_DATA;
if (!values["no-db"]) {
  const stack = await startStack({ reuseRunning: true, log: () => undefined });
  const db = createDb(stack.env.DATABASE_URL!, 1);
  try {
    data = await loadCalendarData(db);
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}
const days = yearExceptions(year, data);
if (values.json) console.log(calendarJsonLines(days));
else {
  const report = calendarReport(year, days, isProvisionalYear(year, data), t);
  console.log(`${report.title}\n${table(report.header, report.rows, report.header.length)}`);
}
process.exit(0);
