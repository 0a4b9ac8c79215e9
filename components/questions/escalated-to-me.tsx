// The "升级给我" list on /queue: questions escalated to the viewer, the ones they hold now first.
import Link from "next/link";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import type { listEscalatedToMe } from "@/lib/escalation/list-escalated-to-me";
import { questionRef } from "@/lib/kernel/question-ref";

export async function EscalatedToMe({ items }: { items: Awaited<ReturnType<typeof listEscalatedToMe>> }) {
  const t = await getT();
  const now = Date.now();
  return (
    <section aria-labelledby="escalated-h">
      <h2 id="escalated-h" className="text-lg font-semibold">{t("queue.escalated", { count: items.length })}</h2>
      {items.length === 0 && <p className="mt-2 text-sm text-slate-700">{t("queue.escalated.empty")}</p>}
      <ul className="mt-2 space-y-2" data-testid="escalated-to-me">
        {items.map((q) => {
          const overdue = q.due.getTime() < now;
          return (
            <li key={q.id} className={`rounded-md border p-3 ${q.isCurrent ? (overdue ? "border-red-500 bg-red-50" : "border-amber-400 bg-amber-50") : "border-slate-300 bg-white"}`}>
              <Link href={`/questions/${q.id}`} className="font-medium text-blue-700 hover:underline">{questionRef(q.number)} <bdi>{q.body.slice(0, 60)}</bdi></Link>
              <p className="text-sm text-slate-700">
                {q.line}{q.ownerName ? <> · <bdi>{q.ownerName}</bdi></> : null} · {q.isCurrent ? t("queue.escalated.level", { level: q.level, due: fmt(q.due) }) : <>{t("queue.escalated.movedOn", { level: q.level })}<bdi>{q.holderName}</bdi></>}
                {q.isCurrent && overdue && <strong className="ml-1 text-red-800">{t("escalation.overdue")}</strong>}
                {q.urgent && <strong className="ml-1 text-red-800">{t("urgency.urgent")}</strong>}
                {q.instructionPending && <span className="ml-1 text-amber-900">{t("queue.escalated.instructed")}</span>}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
