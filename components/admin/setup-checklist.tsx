import Link from "next/link";
import type { ChecklistItem } from "@/lib/admin/setup-checklist";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";

const BADGE = { done: "bg-green-100 text-green-900", partial: "bg-amber-100 text-amber-900", todo: "bg-slate-200 text-slate-900" } as const;

/** The one-line detail of an item, from its counts. */
function detail(t: Translate, item: ChecklistItem): string {
  switch (item.key) {
    case "org":
      return item.counts.departments === 0 ? t("admin.setup.org.none") : t("admin.setup.org.detail", item.counts);
    case "people":
      return t("admin.setup.people.detail", item.counts);
    case "matrix":
      return item.counts.lines === 0 ? t("admin.setup.matrix.none") : t("admin.setup.matrix.detail", item.counts);
    case "calendar":
      return t("admin.setup.calendar.detail", item.counts);
    case "policies":
      return t("admin.setup.policies.detail", item.counts);
    case "channels":
      return t("admin.setup.channels.detail", { email: t(item.counts.smtp ? "admin.setup.channels.smtp" : "admin.setup.channels.noSmtp"), bots: item.counts.bots });
  }
}

/** The admin home's moving-in checklist; shown while any item is not done. */
export async function SetupChecklist({ items }: { items: ChecklistItem[] }) {
  const t = await getT();
  return (
    <section aria-labelledby="setup-h" data-testid="setup-checklist" className="rounded border border-slate-300 p-3">
      <h2 id="setup-h" className="text-lg font-semibold">{t("admin.setup.title")}</h2>
      <ul className="mt-2 space-y-2">
        {items.map((i) => (
          <li key={i.key} data-testid={`setup-${i.key}`} data-state={i.state} className="flex flex-wrap items-center gap-2 text-sm">
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${BADGE[i.state]}`}>{t(`admin.setup.state.${i.state}`)}</span>
            <Link className="font-medium text-blue-700 underline" href={i.href}>{t(`admin.setup.${i.key}`)}</Link>
            <span className="text-slate-700">{detail(t, i)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
