import Link from "next/link";
import { Fragment } from "react";
import { AssignmentForm, CalendarForm, HandoffReceiversForm, PhraseForm, ReindexForm, RosterForm, TimeLimitForm, UserForm, WorkingHoursForm } from "@/components/admin/admin-forms";
import { CalendarBanner } from "@/components/admin/calendar-banner";
import { OfficialCalendarForm } from "@/components/admin/official-calendar-form";
import { ReviewSettingsSection } from "@/components/complaints/review-settings-section";
import { formatPeriods } from "@/lib/admin/save-working-hours";
import { SetupChecklist } from "@/components/admin/setup-checklist";
import { adminOverview } from "@/lib/admin/admin-overview";
import { isolateBidi } from "@/lib/bidi";
import { authedPage } from "@/lib/http/page";
import { EscalationSettings } from "@/components/admin/escalation-settings";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const { limits, overrides, listedReceivers, checklist, lines, owners, users, phrases, roster, companyHours, lineHours, thisYear, years } = await authedPage(["ADMIN"], ({ ctx }) => adminOverview(ctx));
  const lineOpts = lines.map((l) => ({ id: l.id, name: l.name }));
  return (
    <div className="mx-auto max-w-5xl space-y-10">
      <CalendarBanner />
      <h1 className="text-2xl font-bold">系统管理</h1>
      {checklist.some((i) => i.state !== "done") && <SetupChecklist items={checklist} />}
      <p className="flex flex-wrap gap-4">
        <Link className="text-blue-700 underline" href="/admin/org">组织架构、人员与责任分配表导入</Link>
        <Link className="text-blue-700 underline" href="/admin/notifications">通知投递（失败与重试）</Link>
      </p>
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h" className="text-lg font-semibold">责任矩阵（条线 → 首问责任人）</h2>
        <table className="mt-2 w-full text-sm">
          <thead><tr className="text-left"><th className="p-1">条线</th><th className="p-1">首问责任人</th></tr></thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-200">
                <td className="p-1">{l.name}</td>
                <td className="p-1">
                  {l.assignments.some((a) => a.active)
                    ? l.assignments
                        .filter((a) => a.active)
                        .map((a, i) => (
                          <Fragment key={a.user.name + i}>
                            {i > 0 && "、"}
                            <bdi>{a.user.name}</bdi>
                          </Fragment>
                        ))
                    : "（无，将交给制度归口部门负责人）"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-3"><AssignmentForm lines={lineOpts} people={owners} /></div>
      </section>
      <section aria-labelledby="receivers-h">
        <h2 id="receivers-h" className="text-lg font-semibold">转交接收人</h2>
        <p className="mt-1 text-sm text-slate-700">问题只能转交给首问责任人、该问题责任链上的主管，以及下面名单中的人员。</p>
        <div className="mt-2"><HandoffReceiversForm people={users.filter((u) => !u.disabledAt && !u.roles.includes("FIRST_CONTACT_OWNER")).map((u) => ({ id: u.id, name: `${isolateBidi(u.name)}（${u.email}）` }))} selected={listedReceivers} /></div>
      </section>
      <EscalationSettings />
      <section aria-labelledby="roster-h">
        <h2 id="roster-h" className="text-lg font-semibold">值班表</h2>
        <ul className="mt-2 text-sm">{roster.map((r) => <li key={r.id}>{r.line.name} · <bdi>{r.user.name}</bdi> · {fmt(r.startsAt)} – {fmt(r.endsAt)}</li>)}</ul>
        <div className="mt-3"><RosterForm lines={lineOpts} people={owners} /></div>
      </section>
      <section aria-labelledby="limits-h">
        <h2 id="limits-h" className="text-lg font-semibold">时限（工作时间，按中国法定节假日与调休计算）</h2>
        <ul className="mt-2 text-sm">
          {limits.map((l) => <li key={l.id}>{l.line?.name ?? "公司默认"} · {l.priority === "URGENT" ? "紧急" : "普通"} · 首次响应 {l.firstResponseMinutes} 分钟 · 办结 {l.resolutionMinutes} 分钟 · 每级升级 {l.escalationMinutes} 分钟</li>)}
        </ul>
        <div className="mt-3"><TimeLimitForm lines={lineOpts} /></div>
        <h3 className="mt-4 font-medium">工作时间（含午休）</h3>
        <ul className="mt-1 text-sm" data-testid="working-hours">
          <li>公司默认 · {formatPeriods(companyHours)}</li>
          {lineHours.map((h) => <li key={h.key}>{h.lineName ?? "（已删除的条线）"} · {formatPeriods(h.periods)}</li>)}
        </ul>
        <div className="mt-2"><WorkingHoursForm lines={lineOpts} /></div>
        <h3 id="calendar-h" className="mt-4 font-medium">工作日历：官方放假安排</h3>
        <ul className="mt-1 text-sm" data-testid="calendar-years">
          {years.map((y) => <li key={y.year}>{y.year} 年：{y.provisional ? "暂定（按法定节假日规则推算，未含调休）" : "已有官方安排"}</li>)}
        </ul>
        <div className="mt-2"><OfficialCalendarForm defaultYear={years.find((y) => y.provisional)?.year ?? thisYear + 1} /></div>
        <h3 className="mt-4 font-medium">工作日历：单日调整</h3>
        <ul className="mt-1 text-sm">{overrides.filter((o) => o.source === "OVERRIDE").map((o) => <li key={o.date.toISOString()}>{o.date.toISOString().slice(0, 10)} · {o.isWorkday ? "工作日" : "休息日"}{o.note ? <> · <bdi>{o.note}</bdi></> : ""}</li>)}</ul>
        <div className="mt-2"><CalendarForm /></div>
      </section>
      <ReviewSettingsSection lines={lineOpts} />
      <section aria-labelledby="phrases-h">
        <h2 id="phrases-h" className="text-lg font-semibold">服务忌语</h2>
        <ul className="mt-2 text-sm">{phrases.map((p) => <li key={p.id}>{p.active ? "" : "（停用）"}“<bdi>{p.phrase}</bdi>” → {p.suggestion}</li>)}</ul>
        <div className="mt-3"><PhraseForm /></div>
      </section>
      <section aria-labelledby="index-h">
        <h2 id="index-h" className="text-lg font-semibold">搜索索引</h2>
        <ReindexForm />
      </section>
      <section aria-labelledby="users-h">
        <h2 id="users-h" className="text-lg font-semibold">用户与角色</h2>
        <ul className="mt-2 space-y-3">
          {users.map((u) => (
            <li key={u.id} className="rounded border border-slate-300 p-2">
              <p className="text-sm font-medium"><bdi>{u.name}</bdi> · {u.email}{u.disabledAt ? " · 已停用" : ""}</p>
              <UserForm userId={u.id} roles={u.roles} disabled={!!u.disabledAt} oidcSubject={u.oidcSubject} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
