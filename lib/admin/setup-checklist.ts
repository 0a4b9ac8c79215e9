import "server-only";
import type { DbTx } from "../db/client";
import { serverEnv } from "../env";

export type ChecklistState = "done" | "partial" | "todo";
/** The counts behind each item's one-line detail (the page words them in the visitor's language). */
export type ChecklistItem =
  | { key: "org"; state: ChecklistState; href: string; counts: { departments: number; headless: number } }
  | { key: "people"; state: ChecklistState; href: string; counts: { people: number } }
  | { key: "matrix"; state: ChecklistState; href: string; counts: { lines: number; withoutOwner: number } }
  | { key: "calendar"; state: ChecklistState; href: string; counts: { limits: number; overrides: number } }
  | { key: "policies"; state: ChecklistState; href: string; counts: { policies: number } }
  | { key: "channels"; state: ChecklistState; href: string; counts: { smtp: boolean; bots: number } };

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
    { key: "org", state: departments === 0 ? "todo" : headless > 0 ? "partial" : "done", href: "/admin/org", counts: { departments, headless } },
    { key: "people", state: people <= 1 ? "todo" : "done", href: "/admin/org", counts: { people } },
    { key: "matrix", state: lines === 0 ? "todo" : linesWithoutOwner > 0 ? "partial" : "done", href: "/admin/org", counts: { lines, withoutOwner: linesWithoutOwner } },
    { key: "calendar", state: limits === 0 ? "todo" : "done", href: "/admin#limits-h", counts: { limits, overrides } },
    { key: "policies", state: policies === 0 ? "todo" : "done", href: "/policies/publish", counts: { policies } },
    { key: "channels", state: smtp ? "done" : imChannels > 0 ? "partial" : "todo", href: "/admin/notifications", counts: { smtp, bots: imChannels } },
  ];
}
