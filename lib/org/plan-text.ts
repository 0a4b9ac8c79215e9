// What an org import would change, as text in the reader's language: a changed row for the admin page,
// and the whole plan as lines for the CLI (npm run org:import).
import type { MessageKey } from "../i18n/messages/zh-CN";
import type { Translate } from "../i18n/translate";
import type { OrgPlan } from "./diff-org";

const FIELDS = ["name", "kind", "parent", "head", "department", "title", "phone", "im", "roles", "enabled"] as const;

// A changed field's name in the reader's language (a name diff-org does not know stays as it is).
const fieldLabel = (t: Translate, f: string) => ((FIELDS as readonly string[]).includes(f) ? t(`admin.org.field.${f as (typeof FIELDS)[number]}`) : f);

/** A changed department or person with the fields that change: "a@x.com (department, roles)". */
export const changedRow = (t: Translate, item: string, fields: string[]) => t("admin.org.changed", { item, fields: fields.map((f) => fieldLabel(t, f)).join(t("admin.listSeparator")) });

/** The plan as lines: a count per kind of change, then the first 20 changed rows of each list. */
export function planLines(plan: OrgPlan, t: Translate): string[] {
  const d = plan.departments, p = plan.people, m = plan.matrix, r = plan.roster;
  const counts: [MessageKey, number][] = [
    ["admin.org.plan.departmentsAdded", d.added.length],
    ["admin.org.plan.departmentsChanged", d.changed.length],
    ["admin.org.plan.peopleAdded", p.added.length],
    ["admin.org.plan.peopleChanged", p.changed.length],
    ["admin.org.plan.peopleDisabled", p.disabled.length],
    ["admin.org.plan.linesAdded", m.linesAdded.length],
    ["admin.org.plan.matrixAdded", m.added.length],
    ["admin.org.plan.matrixRemoved", m.removed.length],
    ["admin.org.plan.rosterAdded", r.added.length],
    ["admin.org.plan.rosterRemoved", r.removed.length],
  ];
  const changed = (item: string, fields: string[]) => `  ~ ${changedRow(t, item, fields)}`;
  return [
    t("admin.org.planTitle"),
    ...counts.map(([title, count]) => t("admin.org.count", { title: t(title), count })),
    ...d.changed.slice(0, 20).map((c) => changed(c.code, c.fields)),
    ...p.changed.slice(0, 20).map((c) => changed(c.email, c.fields)),
    ...p.disabled.slice(0, 20).map((e) => `  - ${e}`),
  ];
}
