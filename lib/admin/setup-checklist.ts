import "server-only";
import type { DbTx } from "../db/client";
import { serverEnv } from "../env";

export type ChecklistState = "done" | "partial" | "todo";
export interface ChecklistItem {
  key: "org" | "people" | "matrix" | "calendar" | "policies" | "channels";
  label: string;
  state: ChecklistState;
  detail: string;
  href: string;
}

/** What a company that is moving in still has to set up, each with its state (the admin home's checklist). */
export async function setupChecklist(db: DbTx, options: { smtpConfigured?: boolean } = {}): Promise<ChecklistItem[]> {
  const smtp = options.smtpConfigured ?? !!serverEnv().SMTP_URL;
  const [departments, headless, people, lines, linesWithoutOwner, limits, overrides, policies, imChannels] = await Promise.all([
    db.department.count(),
    db.department.count({ where: { managerId: null } }),
    db.user.count({ where: { disabledAt: null } }),
    db.businessLine.count(),
    db.businessLine.count({ where: { assignments: { none: { active: true } } } }),
    db.timeLimitPolicy.count(),
    db.calendarOverride.count(),
    db.policy.count({ where: { status: "ACTIVE" } }),
    db.notificationPreference.count({ where: { enabled: true, channel: { in: ["WECOM", "DINGTALK", "FEISHU"] } } }),
  ]);
  return [
    {
      key: "org",
      label: "组织架构",
      state: departments === 0 ? "todo" : headless > 0 ? "partial" : "done",
      detail: departments === 0 ? "尚无部门" : `${departments} 个部门，${headless} 个没有负责人`,
      href: "/admin/org",
    },
    { key: "people", label: "人员", state: people <= 1 ? "todo" : "done", detail: `${people} 名在职人员`, href: "/admin/org" },
    {
      key: "matrix",
      label: "条线与责任分配表",
      state: lines === 0 ? "todo" : linesWithoutOwner > 0 ? "partial" : "done",
      detail: lines === 0 ? "尚无条线" : `${lines} 个条线，${linesWithoutOwner} 个没有首问责任人`,
      href: "/admin/org",
    },
    {
      key: "calendar",
      label: "工作日历与时限",
      state: limits === 0 ? "todo" : "done",
      detail: `法定节假日与调休已内置；${limits} 条时限设置，${overrides} 个日历调整`,
      href: "/admin#limits-h",
    },
    { key: "policies", label: "制度", state: policies === 0 ? "todo" : "done", detail: `${policies} 份现行制度`, href: "/policies/publish" },
    {
      key: "channels",
      label: "通知渠道",
      state: smtp ? "done" : imChannels > 0 ? "partial" : "todo",
      detail: `${smtp ? "邮件已配置（SMTP_URL）" : "邮件未配置（SMTP_URL）"}；${imChannels} 个群机器人`,
      href: "/admin/notifications",
    },
  ];
}
