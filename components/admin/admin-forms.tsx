"use client";

import { ActionForm } from "../questions/action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
type Opt = { id: string; name: string };

export function AssignmentForm({ lines, people }: { lines: Opt[]; people: Opt[] }) {
  return (
    <ActionForm action="/api/admin/assignment" testId="assignment-form" submitLabel="保存"
      build={(f) => ({ lineId: String(f.get("lineId") ?? ""), userId: String(f.get("userId") ?? ""), active: f.get("active") !== "off" })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">条线<select name="lineId" className={input}>{lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select></label>
        <label className="block">首问责任人<select name="userId" className={input}>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        <label className="block">操作<select name="active" className={input}><option value="on">加入</option><option value="off">移出</option></select></label>
      </div>
    </ActionForm>
  );
}

export function RosterForm({ lines, people }: { lines: Opt[]; people: Opt[] }) {
  return (
    <ActionForm action="/api/admin/roster" testId="roster-form" submitLabel="添加值班"
      build={(f) => ({ lineId: String(f.get("lineId") ?? ""), userId: String(f.get("userId") ?? ""), startsAt: String(f.get("startsAt") ?? ""), endsAt: String(f.get("endsAt") ?? "") })}>
      <div className="grid gap-3 sm:grid-cols-4">
        <label className="block">条线<select name="lineId" className={input}>{lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select></label>
        <label className="block">值班人<select name="userId" className={input}>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        <label className="block">开始（公司时间）<input name="startsAt" type="datetime-local" required className={input} /></label>
        <label className="block">结束（公司时间）<input name="endsAt" type="datetime-local" required className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function PhraseForm() {
  return (
    <ActionForm action="/api/admin/phrase" testId="phrase-form" submitLabel="保存忌语"
      build={(f) => ({ phrase: String(f.get("phrase") ?? ""), suggestion: String(f.get("suggestion") ?? ""), active: f.get("active") !== "off" })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">服务忌语<input name="phrase" className={input} /></label>
        <label className="block">建议话术<input name="suggestion" className={input} /></label>
        <label className="block">状态<select name="active" className={input}><option value="on">启用</option><option value="off">停用</option></select></label>
      </div>
    </ActionForm>
  );
}

export function UserForm({ userId, roles, disabled, oidcSubject }: { userId: string; roles: string[]; disabled: boolean; oidcSubject: string | null }) {
  const all = ["EMPLOYEE", "FIRST_CONTACT_OWNER", "POLICY_OWNER", "MANAGER", "ADMIN", "QA_REVIEWER"];
  return (
    <ActionForm action="/api/admin/user" testId={`user-form-${userId}`} submitLabel="保存" tone="plain"
      build={(f) => ({ userId, roles: f.getAll("roles").map(String), disabled: f.get("disabled") === "on", oidcSubject: String(f.get("oidcSubject") ?? "") })}>
      <div className="flex flex-wrap gap-3 text-sm">
        {all.map((r) => <label key={r}><input type="checkbox" name="roles" value={r} defaultChecked={roles.includes(r)} /> {r}</label>)}
        <label className="text-red-800"><input type="checkbox" name="disabled" defaultChecked={disabled} /> 停用</label>
        <label className="block w-full sm:w-auto">单点登录标识（sub）<input name="oidcSubject" defaultValue={oidcSubject ?? ""} maxLength={255} className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function ReindexForm() {
  return <ActionForm action="/api/admin/reindex" testId="reindex-form" submitLabel="从数据库重建搜索索引" tone="plain" build={() => ({})} />;
}

export function TimeLimitForm({ lines }: { lines: Opt[] }) {
  return (
    <ActionForm action="/api/admin/time-limit" testId="time-limit-form" submitLabel="保存时限"
      build={(f) => ({ lineId: String(f.get("lineId") ?? "") || null, priority: String(f.get("priority") ?? "NORMAL"), firstResponseMinutes: Number(f.get("first")), resolutionMinutes: Number(f.get("resolution")), escalationMinutes: Number(f.get("escalation")) })}>
      <div className="grid gap-3 sm:grid-cols-5">
        <label className="block">条线<select name="lineId" className={input}><option value="">公司默认</option>{lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select></label>
        <label className="block">优先级<select name="priority" className={input}><option value="NORMAL">普通</option><option value="URGENT">紧急</option></select></label>
        <label className="block">首次响应（工作分钟）<input name="first" type="number" min={1} required className={input} /></label>
        <label className="block">办结（工作分钟）<input name="resolution" type="number" min={1} required className={input} /></label>
        <label className="block">每级升级（工作分钟）<input name="escalation" type="number" min={1} required className={input} /></label>
      </div>
    </ActionForm>
  );
}

export function CalendarForm() {
  return (
    <ActionForm action="/api/admin/calendar" testId="calendar-form" submitLabel="保存日期"
      build={(f) => ({ date: String(f.get("date") ?? ""), isWorkday: f.get("isWorkday") === "yes", note: String(f.get("note") ?? "") || undefined })}>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">日期<input name="date" type="date" required className={input} /></label>
        <label className="block">类型<select name="isWorkday" className={input}><option value="yes">工作日（如调休上班）</option><option value="no">休息日</option></select></label>
        <label className="block">说明<input name="note" className={input} /></label>
      </div>
    </ActionForm>
  );
}

/** Extra handoff receivers: people who may take over a question besides first-contact owners and the chain's managers. */
export function HandoffReceiversForm({ people, selected }: { people: Opt[]; selected: string[] }) {
  return (
    <ActionForm action="/api/admin/handoff-receivers" testId="handoff-receivers-form" submitLabel="保存接收人名单" tone="plain"
      build={(f) => ({ userIds: f.getAll("userIds").map(String) })}>
      <fieldset>
        <legend className="text-sm">勾选可以接收转交问题的其他人员</legend>
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
  return (
    <ActionForm action="/api/admin/working-hours" testId="working-hours-form" submitLabel="保存工作时间"
      build={(f) => ({ lineId: String(f.get("lineId") ?? "") || undefined, periods: String(f.get("periods") ?? "") })}>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">适用范围<select name="lineId" className={input}><option value="">公司默认</option>{lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select></label>
        <label className="block">工作时段（公司时间，午休不计）<input name="periods" placeholder="09:00-12:00, 13:00-18:00" className={input} /></label>
      </div>
      <p className="text-sm text-slate-600">条线留空保存 = 该条线恢复使用公司默认时间。</p>
    </ActionForm>
  );
}
