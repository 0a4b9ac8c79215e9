import Link from "next/link";
import type { ChecklistItem } from "@/lib/admin/setup-checklist";

const badge = { done: ["已完成", "bg-green-100 text-green-900"], partial: ["部分完成", "bg-amber-100 text-amber-900"], todo: ["待设置", "bg-slate-200 text-slate-900"] } as const;

/** The admin home's moving-in checklist; shown while any item is not done. */
export function SetupChecklist({ items }: { items: ChecklistItem[] }) {
  return (
    <section aria-labelledby="setup-h" data-testid="setup-checklist" className="rounded border border-slate-300 p-3">
      <h2 id="setup-h" className="text-lg font-semibold">启用清单</h2>
      <ul className="mt-2 space-y-2">
        {items.map((i) => (
          <li key={i.key} data-testid={`setup-${i.key}`} data-state={i.state} className="flex flex-wrap items-center gap-2 text-sm">
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${badge[i.state][1]}`}>{badge[i.state][0]}</span>
            <Link className="font-medium text-blue-700 underline" href={i.href}>{i.label}</Link>
            <span className="text-slate-700">{i.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
