import Link from "next/link";
import { Fragment } from "react";
import { AssignmentForm, CalendarForm, HandoffReceiversForm, PhraseForm, ReindexForm, RosterForm, TimeLimitForm, UserForm, WorkingHoursForm } from "@/components/admin/admin-forms";
import { CalendarBanner } from "@/components/admin/calendar-banner";
import { OfficialCalendarForm } from "@/components/admin/official-calendar-form";
import { ReviewSettingsSection } from "@/components/complaints/review-settings-section";
import { formatPeriods } from "@/lib/admin/save-working-hours";
import { SetupChecklist } from "@/components/admin/setup-checklist";
import { withNodes } from "@/components/rich-text";
import { adminOverview } from "@/lib/admin/admin-overview";
import { isolateBidi } from "@/lib/bidi";
import { authedPage } from "@/lib/http/page";
import { EscalationSettings } from "@/components/admin/escalation-settings";
import { fmt } from "@/lib/questions/labels";
import { getT } from "@/lib/i18n/t";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const { limits, overrides, listedReceivers, checklist, lines, owners, users, phrases, roster, companyHours, lineHours, thisYear, years } = await authedPage(["ADMIN"], ({ ctx }) => adminOverview(ctx));
  const t = await getT();
  const lineOpts = lines.map((l) => ({ id: l.id, name: l.name }));
  return (
    <div className="mx-auto max-w-5xl space-y-10">
      <CalendarBanner />
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      {checklist.some((i) => i.state !== "done") && <SetupChecklist items={checklist} />}
      <p className="flex flex-wrap gap-4">
        <Link className="text-blue-700 underline" href="/admin/org">{t("admin.link.org")}</Link>
        <Link className="text-blue-700 underline" href="/admin/notifications">{t("admin.link.notifications")}</Link>
      </p>
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h" className="text-lg font-semibold">{t("admin.matrix.title")}</h2>
        <table className="mt-2 w-full text-sm">
          <thead><tr className="text-left"><th className="p-1">{t("admin.field.line")}</th><th className="p-1">{t("admin.field.owner")}</th></tr></thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-200">
                <td className="p-1"><bdi>{l.name}</bdi></td>
                <td className="p-1">
                  {l.assignments.some((a) => a.active)
                    ? l.assignments
                        .filter((a) => a.active)
                        .map((a, i) => (
                          <Fragment key={a.user.name + i}>
                            {i > 0 && t("admin.listSeparator")}
                            <bdi>{a.user.name}</bdi>
                          </Fragment>
                        ))
                    : t("admin.matrix.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-3"><AssignmentForm lines={lineOpts} people={owners} /></div>
      </section>
      <section aria-labelledby="receivers-h">
        <h2 id="receivers-h" className="text-lg font-semibold">{t("admin.receivers.title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("admin.receivers.hint")}</p>
        <div className="mt-2"><HandoffReceiversForm people={users.filter((u) => !u.disabledAt && !u.roles.includes("FIRST_CONTACT_OWNER")).map((u) => ({ id: u.id, name: t("admin.nameEmail", { name: isolateBidi(u.name), email: u.email }) }))} selected={listedReceivers} /></div>
      </section>
      <EscalationSettings />
      <section aria-labelledby="roster-h">
        <h2 id="roster-h" className="text-lg font-semibold">{t("admin.roster.title")}</h2>
        <ul className="mt-2 text-sm">{roster.map((r) => <li key={r.id}><bdi>{r.line.name}</bdi> · <bdi>{r.user.name}</bdi> · {fmt(r.startsAt)} – {fmt(r.endsAt)}</li>)}</ul>
        <div className="mt-3"><RosterForm lines={lineOpts} people={owners} /></div>
      </section>
      <section aria-labelledby="limits-h">
        <h2 id="limits-h" className="text-lg font-semibold">{t("admin.limits.title")}</h2>
        <ul className="mt-2 text-sm">
          {limits.map((l) => <li key={l.id}>{withNodes(t("admin.limits.row"), { line: l.line ? <bdi>{l.line.name}</bdi> : t("admin.companyDefault"), priority: t(`admin.priority.${l.priority}`), first: l.firstResponseMinutes, resolution: l.resolutionMinutes, escalation: l.escalationMinutes })}</li>)}
        </ul>
        <div className="mt-3"><TimeLimitForm lines={lineOpts} /></div>
        <h3 className="mt-4 font-medium">{t("admin.hours.title")}</h3>
        <ul className="mt-1 text-sm" data-testid="working-hours">
          <li>{t("admin.companyDefault")} · {formatPeriods(companyHours)}</li>
          {lineHours.map((h) => <li key={h.key}>{h.lineName ? <bdi>{h.lineName}</bdi> : t("admin.hours.deletedLine")} · {formatPeriods(h.periods)}</li>)}
        </ul>
        <div className="mt-2"><WorkingHoursForm lines={lineOpts} /></div>
        <h3 id="calendar-h" className="mt-4 font-medium">{t("admin.calendar.officialTitle")}</h3>
        <ul className="mt-1 text-sm" data-testid="calendar-years">
          {years.map((y) => <li key={y.year}>{t("admin.calendar.yearRow", { year: y.year, state: t(y.provisional ? "admin.calendar.provisional" : "admin.calendar.official") })}</li>)}
        </ul>
        <div className="mt-2"><OfficialCalendarForm defaultYear={years.find((y) => y.provisional)?.year ?? thisYear + 1} /></div>
        <h3 className="mt-4 font-medium">{t("admin.calendar.overridesTitle")}</h3>
        <ul className="mt-1 text-sm">{overrides.filter((o) => o.source === "OVERRIDE").map((o) => <li key={o.date.toISOString()}>{o.date.toISOString().slice(0, 10)} · {t(o.isWorkday ? "admin.calendar.workday" : "admin.calendar.dayOff")}{o.note ? <> · <bdi>{o.note}</bdi></> : ""}</li>)}</ul>
        <div className="mt-2"><CalendarForm /></div>
      </section>
      <ReviewSettingsSection lines={lineOpts} />
      <section aria-labelledby="phrases-h">
        <h2 id="phrases-h" className="text-lg font-semibold">{t("admin.phrases.title")}</h2>
        <ul className="mt-2 text-sm">{phrases.map((p) => <li key={p.id}>{p.active ? "" : t("admin.phrases.inactive")}“<bdi>{p.phrase}</bdi>” → <bdi>{p.suggestion}</bdi></li>)}</ul>
        <div className="mt-3"><PhraseForm /></div>
      </section>
      <section aria-labelledby="index-h">
        <h2 id="index-h" className="text-lg font-semibold">{t("admin.index.title")}</h2>
        <ReindexForm />
      </section>
      <section aria-labelledby="users-h">
        <h2 id="users-h" className="text-lg font-semibold">{t("admin.users.title")}</h2>
        <ul className="mt-2 space-y-3">
          {users.map((u) => (
            <li key={u.id} className="rounded border border-slate-300 p-2">
              <p className="text-sm font-medium"><bdi>{u.name}</bdi> · {u.email}{u.disabledAt ? t("admin.users.disabledTag") : ""}</p>
              <UserForm userId={u.id} roles={u.roles} disabled={!!u.disabledAt} oidcSubject={u.oidcSubject} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
