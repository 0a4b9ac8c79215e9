import Link from "next/link";
import { forbidden } from "next/navigation";
import { EscalatedToMe } from "@/components/questions/escalated-to-me";
import { fillTemplate } from "@/components/questions/fill-template";
import { hasRole } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { hasEscalationsToMe, listEscalatedToMe } from "@/lib/escalation/list-escalated-to-me";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { listQueue } from "@/lib/questions/list-questions";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

export default async function QueuePage() {
  // Owners see what they hold; managers (and any department head a question escalated to) what went up to them.
  const actor = await requirePageActor();
  const ctx = ctxFor(actor);
  const isOwner = hasRole(actor, "FIRST_CONTACT_OWNER");
  const seesEscalations = hasRole(actor, "MANAGER") || (await hasEscalationsToMe(ctx));
  if (!isOwner && !seesEscalations) forbidden();
  const escalated = seesEscalations ? await listEscalatedToMe(ctx) : null;
  const { held, handedToMe } = isOwner ? await listQueue(ctx) : { held: [], handedToMe: [] };
  const now = Date.now();
  const t = await getT();
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <h1 className="text-2xl font-bold">{t("nav.queue")}</h1>
      {escalated && <EscalatedToMe items={escalated} />}
      {isOwner && (<>
      <section aria-labelledby="handed">
        <h2 id="handed" className="text-lg font-semibold">{t("queue.handed", { count: handedToMe.length })}</h2>
        <ul className="mt-2 space-y-2">
          {handedToMe.map((h) => (
            <li key={h.id} className="rounded-md border border-amber-400 bg-amber-50 p-3">
              <Link href={`/questions/${h.question.id}`} className="font-medium text-blue-700 hover:underline">{questionRef(h.question.number)} {h.question.body.slice(0, 60)}</Link>
              <p className="text-sm">{fillTemplate(t("queue.handedFrom"), { name: <bdi>{h.fromUser.name}</bdi>, due: fmt(h.question.ownerResponseDueAt) })}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="held">
        <h2 id="held" className="text-lg font-semibold">{t("queue.held", { count: held.length })}</h2>
        <ul className="mt-2 space-y-2" data-testid="queue">
          {held.map((q) => {
            const overdue = q.resolutionDueAt && q.resolutionDueAt.getTime() < now;
            return (
              <li key={q.id} className={`rounded-md border p-3 ${overdue ? "border-red-500 bg-red-50" : "border-slate-300 bg-white"}`}>
                <Link href={`/questions/${q.id}`} className="font-medium text-blue-700 hover:underline">{questionRef(q.number)} {q.body.slice(0, 60)}</Link>
                <p className="text-sm text-slate-700">
                  {fillTemplate(t("queue.row"), { status: t(`status.${q.status}`), line: q.line.name, asker: <bdi>{q.asker.name}</bdi> })}{q.firstRespondedAt ? "" : t("queue.rowFirstResponse", { due: fmt(q.firstResponseDueAt) })}{t("queue.rowResolution", { due: fmt(q.resolutionDueAt) })}
                  {overdue && <strong className="ml-1 text-red-800">{t("queue.overdue")}</strong>}
                  {q.priority === "URGENT" && <strong className="ml-1 text-red-800" data-testid="queue-urgent">{t("urgency.urgent")}</strong>}
                  {q.neededBy && q.resolutionDueAt && q.neededBy < q.resolutionDueAt && <strong className="ml-1 text-amber-900">{t("queue.neededBy", { at: fmt(q.neededBy) })}</strong>}
                  {q.pingPongFlaggedAt && <strong className="ml-1 text-red-800">{t("queue.pingPong")}</strong>}
                </p>
              </li>
            );
          })}
        </ul>
      </section>
      </>)}
    </div>
  );
}
