"use client";

import { useT } from "../i18n-provider";
import { ActionForm } from "../questions/action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
type Opt = { id: string; name: string };

export function AssignmentForm({ lines, people }: { lines: Opt[]; people: Opt[] }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/assignment" testId="assignment-form" submitLabel={t("admin.save")}
      build={(f) => ({ lineId: String(f.get("lineId") ?? ""), userId: String(f.get("userId") ?? ""), active: f.get("active") !== "off" })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">{t("admin.field.line")}<select name="lineId" className={input}>{lines.map((l) => <option key={l.id} value={l.id} translate="no">{l.name}</option>)}</select></label>
        <label className="block">{t("admin.field.owner")}<select name="userId" className={input}>{people.map((p) => <option key={p.id} value={p.id} translate="no">{p.name}</option>)}</select></label>
        <label className="block">{t("admin.matrix.action")}<select name="active" className={input}><option value="on">{t("admin.matrix.add")}</option><option value="off">{t("admin.matrix.remove")}</option></select></label>
      </div>
    </ActionForm>
  );
}

export function RosterForm({ lines, people }: { lines: Opt[]; people: Opt[] }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/roster" testId="roster-form" submitLabel={t("admin.roster.submit")}
      build={(f) => ({ lineId: String(f.get("lineId") ?? ""), userId: String(f.get("userId") ?? ""), startsAt: String(f.get("startsAt") ?? ""), endsAt: String(f.get("endsAt") ?? "") })}>
      <div className="grid gap-3 sm:grid-cols-4">
        <label className="block">{t("admin.field.line")}<select name="lineId" className={input}>{lines.map((l) => <option key={l.id} value={l.id} translate="no">{l.name}</option>)}</select></label>
        <label className="block">{t("admin.roster.person")}<select name="userId" className={input}>{people.map((p) => <option key={p.id} value={p.id} translate="no">{p.name}</option>)}</select></label>
        <label className="block">{t("admin.roster.starts")}<input name="startsAt" type="datetime-local" required className={input} /></label>
        <label className="block">{t("admin.roster.ends")}<input name="endsAt" type="datetime-local" required className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function PhraseForm() {
  const t = useT();
  return (
    <ActionForm action="/api/admin/phrase" testId="phrase-form" submitLabel={t("admin.phrases.save")}
      build={(f) => ({ phrase: String(f.get("phrase") ?? ""), suggestion: String(f.get("suggestion") ?? ""), active: f.get("active") !== "off" })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">{t("admin.phrases.phrase")}<input name="phrase" className={input} /></label>
        <label className="block">{t("admin.phrases.suggestion")}<input name="suggestion" className={input} /></label>
        <label className="block">{t("admin.phrases.state")}<select name="active" className={input}><option value="on">{t("admin.phrases.on")}</option><option value="off">{t("admin.phrases.off")}</option></select></label>
      </div>
    </ActionForm>
  );
}

export function UserForm({ userId, roles, disabled, oidcSubject }: { userId: string; roles: string[]; disabled: boolean; oidcSubject: string | null }) {
  const t = useT();
  const all = ["EMPLOYEE", "FIRST_CONTACT_OWNER", "POLICY_OWNER", "MANAGER", "ADMIN", "QA_REVIEWER"];
  return (
    <ActionForm action="/api/admin/user" testId={`user-form-${userId}`} submitLabel={t("admin.save")} tone="plain"
      build={(f) => ({ userId, roles: f.getAll("roles").map(String), disabled: f.get("disabled") === "on", oidcSubject: String(f.get("oidcSubject") ?? "") })}>
      <div className="flex flex-wrap gap-3 text-sm">
        {all.map((r) => <label key={r}><input type="checkbox" name="roles" value={r} defaultChecked={roles.includes(r)} /> {r}</label>)}
        <label className="text-red-800"><input type="checkbox" name="disabled" defaultChecked={disabled} /> {t("admin.users.disable")}</label>
        <label className="block w-full sm:w-auto">{t("admin.users.sub")}<input name="oidcSubject" defaultValue={oidcSubject ?? ""} maxLength={255} className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function ReindexForm() {
  const t = useT();
  return <ActionForm action="/api/admin/reindex" testId="reindex-form" submitLabel={t("admin.index.rebuild")} tone="plain" build={() => ({})} />;
}

export function TimeLimitForm({ lines }: { lines: Opt[] }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/time-limit" testId="time-limit-form" submitLabel={t("admin.limits.save")}
      build={(f) => ({ lineId: String(f.get("lineId") ?? "") || null, priority: String(f.get("priority") ?? "NORMAL"), firstResponseMinutes: Number(f.get("first")), resolutionMinutes: Number(f.get("resolution")), escalationMinutes: Number(f.get("escalation")) })}>
      <div className="grid gap-3 sm:grid-cols-5">
        <label className="block">{t("admin.field.line")}<select name="lineId" className={input}><option value="">{t("admin.companyDefault")}</option>{lines.map((l) => <option key={l.id} value={l.id} translate="no">{l.name}</option>)}</select></label>
        <label className="block">{t("admin.limits.priority")}<select name="priority" className={input}><option value="NORMAL">{t("admin.priority.NORMAL")}</option><option value="URGENT">{t("admin.priority.URGENT")}</option></select></label>
        <label className="block">{t("admin.limits.first")}<input name="first" type="number" min={1} required className={input} /></label>
        <label className="block">{t("admin.limits.resolution")}<input name="resolution" type="number" min={1} required className={input} /></label>
        <label className="block">{t("admin.limits.escalation")}<input name="escalation" type="number" min={1} required className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function CalendarForm() {
  const t = useT();
  return (
    <ActionForm action="/api/admin/calendar" testId="calendar-form" submitLabel={t("admin.calendar.save")}
      build={(f) => ({ date: String(f.get("date") ?? ""), isWorkday: f.get("isWorkday") === "yes", note: String(f.get("note") ?? "") || undefined })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">{t("admin.calendar.date")}<input name="date" type="date" required className={input} /></label>
        <label className="block">{t("admin.calendar.kind")}<select name="isWorkday" className={input}><option value="yes">{t("admin.calendar.workdayExample")}</option><option value="no">{t("admin.calendar.dayOff")}</option></select></label>
        <label className="block">{t("admin.calendar.note")}<input name="note" className={input} /></label>
      </div>
    </ActionForm>
  );
}

/** Extra handoff receivers: people who may take over a question besides first-contact owners and the chain's managers. */
export function HandoffReceiversForm({ people, selected }: { people: Opt[]; selected: string[] }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/handoff-receivers" testId="handoff-receivers-form" submitLabel={t("admin.receivers.save")} tone="plain"
      build={(f) => ({ userIds: f.getAll("userIds").map(String) })}>
      <fieldset>
        <legend className="text-sm">{t("admin.receivers.legend")}</legend>
        <ul className="mt-1 grid max-h-64 gap-1 overflow-auto text-sm sm:grid-cols-3">
          {people.map((p) => (
            <li key={p.id}><label className="flex items-start gap-2"><input type="checkbox" name="userIds" value={p.id} defaultChecked={selected.includes(p.id)} className="mt-1" /> <bdi>{p.name}</bdi></label></li>
          ))}
        </ul>
      </fieldset>
    </ActionForm>
  );
}

export function WorkingHoursForm({ lines }: { lines: Opt[] }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/working-hours" testId="working-hours-form" submitLabel={t("admin.hours.save")}
      build={(f) => ({ lineId: String(f.get("lineId") ?? "") || undefined, periods: String(f.get("periods") ?? "") })}>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">{t("admin.hours.scope")}<select name="lineId" className={input}><option value="">{t("admin.companyDefault")}</option>{lines.map((l) => <option key={l.id} value={l.id} translate="no">{l.name}</option>)}</select></label>
        <label className="block">{t("admin.hours.periods")}<input name="periods" placeholder="09:00-12:00, 13:00-18:00" className={input} /></label>
      </div>
      <p className="text-sm text-slate-600">{t("admin.hours.hint")}</p>
    </ActionForm>
  );
}
