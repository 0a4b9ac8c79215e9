import "server-only";
// Everything the admin page shows: responsibility matrix, receivers, roster, time limits, working hours,
// calendar years and overrides, brush-off phrases and users. One read for one page; the page only renders.
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { ForbiddenError } from "../errors";
import { listedReceiverIds } from "../questions/handoff-receivers";
import { HOURS_KEY, loadCalendarData, loadWorkingHours, parseHours } from "../time/calendar";
import { isProvisionalYear } from "../time/holidays";
import { localDate } from "../time/zone";
import { setupChecklist } from "./setup-checklist";

export async function adminOverview({ actor, db, now }: { actor: Actor; db: Db; now: Date }) {
  if (!actor.roles.includes("ADMIN")) throw new ForbiddenError();
  const [limits, overrides, listedReceivers, checklist] = await Promise.all([
    db.timeLimitPolicy.findMany({ include: { line: { select: { name: true } } }, orderBy: [{ lineId: "asc" }, { priority: "asc" }] }),
    db.calendarOverride.findMany({ where: { date: { gte: new Date(now.getTime() - 86_400_000) } }, orderBy: { date: "asc" } }),
    listedReceiverIds(db),
    setupChecklist(db),
  ]);
  const [lines, owners, users, phrases, roster] = await Promise.all([
    db.businessLine.findMany({ orderBy: { name: "asc" }, include: { assignments: { orderBy: { createdAt: "asc" }, include: { user: { select: { name: true } } } } } }),
    db.user.findMany({ where: { roles: { has: "FIRST_CONTACT_OWNER" }, disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { email: "asc" }, take: 500, select: { id: true, name: true, email: true, roles: true, disabledAt: true, oidcSubject: true } }),
    db.brushOffPhrase.findMany({ orderBy: { phrase: "asc" } }),
    db.dutyRoster.findMany({ where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, include: { user: { select: { name: true } }, line: { select: { name: true } } } }),
  ]);
  const calendarData = await loadCalendarData(db, { fresh: true });
  const companyHours = await loadWorkingHours(db);
  const lineHourRows = await db.appSetting.findMany({ where: { key: { startsWith: `${HOURS_KEY}:` } } });
  const lineName = new Map(lines.map((l) => [l.id, l.name]));
  // A line's own working hours; lineName is null when the line has been deleted since.
  const lineHours = lineHourRows.map((h) => ({ key: h.key, lineName: lineName.get(h.key.slice(HOURS_KEY.length + 1)) ?? null, periods: parseHours(h.value) ?? [] }));
  const thisYear = Number(localDate(now).slice(0, 4));
  const years = [thisYear, thisYear + 1].map((y) => ({ year: y, provisional: isProvisionalYear(y, calendarData) }));
  return { limits, overrides, listedReceivers, checklist, lines, owners, users, phrases, roster, companyHours, lineHours, thisYear, years };
}
