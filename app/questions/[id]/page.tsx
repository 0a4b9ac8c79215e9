import { ComplaintPanel } from "@/components/complaints/complaint-panel";
import { AskerActions, HandoffResponse } from "@/components/questions/asker-actions";
import { AskerPanel } from "@/components/questions/asker-panel";
import { EscalationPanel } from "@/components/questions/escalation-panel";
import { fillTemplate } from "@/components/questions/fill-template";
import { QuestionStanding } from "@/components/questions/question-standing";
import { QuestionThread } from "@/components/questions/question-thread";
import { CitationProvider } from "@/components/questions/workspace/citation-context";
import { ClauseSearch } from "@/components/questions/workspace/clause-search";
import { OwnerComposer } from "@/components/questions/workspace/owner-composer";
import { db } from "@/lib/db/client";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { WAITING_FOR_MATERIALS } from "@/lib/questions/clock";
import { fmt } from "@/lib/questions/labels";
import { ownerWorkspaceOptions } from "@/lib/questions/owner-workspace-options";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

function load(id: string) {
  return authedPage([], async ({ actor, ctx }) => ({ actor, now: ctx.now, detail: await getQuestionDetail(ctx, id) }));
}

// A thin composition: header, then the thread and actions beside a side panel (standing, asker, clause
// search) that stacks under it on a phone. Other panels (escalation, complaint review) are one line each.
export default async function QuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, now, detail } = await load(id);
  const { q, isAsker, isOwner, searchTrail, pendingHandoff, canRespondToHandoff, askerContact } = detail;
  const t = await getT();
  const open = q.status !== "RESOLVED" && q.status !== "CLOSED";
  const escalatedTo = q.escalations.at(-1)?.toUser ?? null;
  const working = isOwner && open && !pendingHandoff;
  const ws = working ? await ownerWorkspaceOptions(db(), actor, q) : null;
  const suggestions = q.suggestions.map((s) => ({ id: s.id, label: `${s.section.policy.title} ${s.section.label}`, openedAt: s.openedAt, openMs: s.openMs }));

  const page = (
    <article className="mx-auto max-w-6xl space-y-6">
      <header>
        <p className="text-sm text-slate-600">{fillTemplate(t("question.header"), { ref: questionRef(q.number), line: <bdi>{q.line.name}</bdi>, asker: <bdi>{q.asker.name}</bdi> })}</p>
        <h1 className="mt-1 line-clamp-3 whitespace-pre-wrap text-xl font-bold" data-testid="question-body">{q.body}</h1>
        {q.pausedAt && <p role="status" data-testid="paused" className="mt-2 text-slate-800">{t("question.paused", { reason: q.pauseReason === WAITING_FOR_MATERIALS ? t("question.pausedForMaterials") : (q.pauseReason ?? "") })}</p>}
        {q.neededBy && <p className="mt-1 text-sm text-slate-700">{t("question.neededBy", { at: fmt(q.neededBy) })}{q.resolutionDueAt && q.neededBy < q.resolutionDueAt ? t("question.neededBySooner") : ""}</p>}
        {escalatedTo && (
          <p role="status" data-testid="escalated" className="mt-2 text-amber-900">
            {fillTemplate(t("question.escalatedTo"), { name: <bdi>{escalatedTo.name}</bdi> })}{escalatedTo.title ? t("punct.paren", { text: escalatedTo.title }) : ""}
          </p>
        )}
        {q.resolutionKind && (
          <p className="mt-2 rounded bg-slate-100 p-2 text-sm" data-testid="resolution">
            {t(`resolution.${q.resolutionKind}`)}{q.answerExposure ? ` · ${t(`exposure.${q.answerExposure}`)}` : ""}{q.resolutionNote ? ` · ${q.resolutionNote}` : ""}
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <EscalationPanel questionId={q.id} />
          <QuestionThread q={q} events={q.events} />
          <ComplaintPanel detail={detail} />
          {canRespondToHandoff && pendingHandoff && (
            <section aria-labelledby="respond-h" className="rounded-md border border-amber-400 bg-amber-50 p-4">
              <h2 id="respond-h" className="font-semibold">{t("question.handedToYou")}</h2>
              <HandoffResponse handoffId={pendingHandoff.id} />
            </section>
          )}
          {ws && <OwnerComposer questionId={q.id} version={q.version} lineId={q.line.id} people={ws.people} lines={ws.lines} placeholders={ws.placeholders} canManageLineReplies={ws.canManageLineReplies} />}
          {isOwner && open && pendingHandoff && <p role="status">{t("question.handoffPending")}</p>}
          {isAsker && <AskerActions questionId={q.id} status={q.status} rated={!!q.rating} />}
        </div>

        <aside aria-label={t("ws.side")} className="min-w-0 space-y-4">
          <QuestionStanding status={q.status} owner={q.owner} escalationLevel={q.escalationLevel} escalatedTo={escalatedTo}
            firstResponseDueAt={q.firstResponseDueAt} firstRespondedAt={q.firstRespondedAt} resolutionDueAt={q.resolutionDueAt} expectedResolutionAt={q.expectedResolutionAt}
            ownerships={q.ownerships} events={q.events} whyFor={isOwner ? "me" : "him"} now={now} />
          {(askerContact || searchTrail.length > 0) && (
            <AskerPanel contact={askerContact} given={askerContact ? { name: q.contactName, department: q.contactDepartment, phone: q.contactPhone, im: q.contactIm } : null} trail={searchTrail} suggestions={suggestions} />
          )}
          {ws && <ClauseSearch questionId={q.id} />}
        </aside>
      </div>
    </article>
  );
  return ws ? <CitationProvider initial={ws.cite}>{page}</CitationProvider> : page;
}
