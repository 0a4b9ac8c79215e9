// The question page's escalation panel (issue 18 point 2): the chain so far, the current level with ITS
// deadline and holder, who is next; the controls for whoever may act on the escalation, the owner's
// pending instruction, and urgency. Self-contained: it loads (and authorizes) its own data.
import { requirePageActor } from "@/lib/auth/session";
import { getEscalationView } from "@/lib/escalation/get-escalation-view";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { AcknowledgeInstruction, EscalationActions, UrgencyForm } from "./escalation-actions";

export async function EscalationPanel({ questionId }: { questionId: string }) {
  const actor = await requirePageActor();
  const v = await getEscalationView(ctxFor(actor), questionId);
  const t = await getT();
  const overdue = v.open && v.due !== null && v.due.getTime() < Date.now();
  return (
    <section aria-labelledby="escalation-h" data-testid="escalation-panel" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="escalation-h" className="font-semibold">{t("escalation.title")}</h2>
      <p data-testid="escalation-level" data-level={v.level}>
        {v.level === 0 ? t("escalation.notEscalated") : t("escalation.currentLevel", { level: v.level })}<bdi>{v.holderName ?? "—"}</bdi>
      </p>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium">{t("escalation.due")}</dt>
          <dd data-testid="escalation-due">{fmt(v.due)}{overdue && <strong className="ml-1 text-red-800">{t("escalation.overdue")}</strong>}</dd>
        </div>
        <div>
          <dt className="font-medium">{t("escalation.next")}</dt>
          <dd data-testid="escalation-next">{!v.open ? t("escalation.closed") : v.next ? <bdi>{v.next.name}{v.next.title ? t("punct.paren", { text: v.next.title }) : ""}</bdi> : t("escalation.top")}</dd>
        </div>
      </dl>
      {v.chain.length > 0 && (
        <div>
          <h3 className="text-sm font-medium">{t("escalation.chain")}</h3>
          <ol className="mt-1 space-y-1 text-sm" data-testid="escalation-chain">
            {v.chain.map((c) => (
              <li key={c.level} aria-current={c.level === v.level ? "step" : undefined} className={c.level === v.level ? "font-semibold" : ""}>
                {t("escalation.chainLevel", { level: c.level })} · <bdi>{c.name}</bdi>{c.title ? t("punct.paren", { text: c.title }) : ""} · {t("escalation.chainItem", { at: fmt(c.at), due: fmt(c.due) })}
              </li>
            ))}
          </ol>
        </div>
      )}
      {v.instruction && (
        <div role="status" data-testid="instruction" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("escalation.instruction")}</p>
          <p className="whitespace-pre-wrap"><bdi>{v.instruction.note}</bdi></p>
          <p className="text-slate-700">{t("escalation.instruction.by")}<bdi>{v.instruction.byName}</bdi> · {fmt(v.instruction.at)}</p>
          {v.canAcknowledge ? <AcknowledgeInstruction questionId={v.questionId} version={v.version} /> : <p>{t("escalation.instruction.waiting")}</p>}
        </div>
      )}
      <div data-testid="urgency" className="text-sm">
        <h3 className="font-medium">{t("urgency.title")}</h3>
        <p>
          <span className={v.urgency.urgent ? "font-semibold text-red-800" : ""} data-testid="urgency-level">{v.urgency.urgent ? t("urgency.urgent") : t("urgency.normal")}</span>
          {v.urgency.reason && <> · {t("urgency.reason", { reason: "" })}<bdi>{v.urgency.reason}</bdi></>}
          {v.urgency.reviewedAt && t("urgency.reviewed", { at: fmt(v.urgency.reviewedAt) })}
        </p>
        {v.urgency.canReview && <UrgencyForm questionId={v.questionId} version={v.version} urgent={v.urgency.urgent} mode="review" />}
        {!v.urgency.canReview && v.urgency.canRequest && <UrgencyForm questionId={v.questionId} version={v.version} urgent={false} mode="request" />}
      </div>
      {v.canAct && (
        <div aria-labelledby="escalation-act-h" role="group" className="space-y-2 border-t border-slate-200 pt-3">
          <h3 id="escalation-act-h" className="font-medium">{t("escalation.actions")}</h3>
          <p className="text-sm text-slate-700">{t("escalation.actionsHint")}</p>
          <EscalationActions questionId={v.questionId} version={v.version} receivers={v.receivers} />
        </div>
      )}
    </section>
  );
}
