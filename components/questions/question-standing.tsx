import { getT } from "@/lib/i18n/t";
import { deadlineSentenceParts } from "@/lib/questions/deadline-sentence";
import { fmt } from "@/lib/questions/labels";
import { currentOwnerReason, ownerChanges, type EventRow, type OwnershipRow } from "@/lib/questions/owner-standing";
import type { QuestionStatus } from "@/lib/db/generated/enums";
import { fillTemplate } from "./fill-template";

export interface StandingProps {
  status: QuestionStatus;
  owner: { id: string; name: string } | null;
  escalationLevel: number;
  escalatedTo: { name: string; title: string | null } | null;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  expectedResolutionAt: Date | null;
  ownerships: OwnershipRow[];
  events: EventRow[];
  /** "me" on the owner's page, "him" on everyone else's */
  whyFor: "me" | "him";
  now: Date;
}

/** Where the question stands: owner and why them, level, both deadlines, and each change of owner. */
export async function QuestionStanding(p: StandingProps) {
  const t = await getT();
  const reason = currentOwnerReason(p.owner?.id ?? null, p.ownerships, p.events);
  const changes = ownerChanges(p.ownerships, p.events);
  const open = p.status !== "RESOLVED" && p.status !== "CLOSED";
  return (
    <section aria-labelledby="standing-h" className="rounded-md border border-slate-300 bg-white p-3 text-sm" data-testid="standing">
      <h2 id="standing-h" className="font-semibold">{t("standing.title")}</h2>
      {open && p.firstResponseDueAt && p.resolutionDueAt && !p.firstRespondedAt && (
        <p className="mt-1 font-medium text-blue-900" data-testid="deadline-sentence">
          {t("deadline.sentence", { ...deadlineSentenceParts(p.firstResponseDueAt, p.resolutionDueAt, p.now, t.locale) })}
        </p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">{t("standing.status")}</dt>
        <dd data-testid="question-status">{t(`status.${p.status}`)}</dd>
        <dt className="font-medium">{t("standing.owner")}</dt>
        <dd data-testid="question-owner">{p.owner ? <bdi>{p.owner.name}</bdi> : t("standing.unassigned")}</dd>
        <dt className="font-medium">{t("standing.level")}</dt>
        <dd data-testid="question-level">{p.escalationLevel > 0 && p.escalatedTo ? fillTemplate(t("standing.levelN"), { level: p.escalationLevel, name: <bdi>{p.escalatedTo.name}</bdi> }) : t("standing.level0")}</dd>
        <dt className="font-medium">{t("standing.firstResponse")}</dt>
        <dd data-testid="first-response-due">{p.firstRespondedAt ? t("standing.firstResponded", { at: fmt(p.firstRespondedAt) }) : fmt(p.firstResponseDueAt)}</dd>
        <dt className="font-medium">{t("standing.resolutionDue")}</dt>
        <dd data-testid="resolution-due">{fmt(p.resolutionDueAt)}</dd>
        {p.expectedResolutionAt && (<><dt className="font-medium">{t("standing.expected")}</dt><dd>{fmt(p.expectedResolutionAt)}</dd></>)}
      </dl>
      {reason && (
        <details className="mt-2" open={p.whyFor === "me"}>
          <summary className="cursor-pointer font-medium text-blue-800">{p.whyFor === "me" ? t("standing.whyMe") : t("standing.whyHim")}</summary>
          <p className="mt-1" data-testid="owner-reason" data-reason={reason}>{t(`reason.${reason}`)}</p>
        </details>
      )}
      {changes.length > 0 && (
        <>
          <h3 className="mt-2 font-medium">{t("standing.timeline")}</h3>
          <ol className="mt-1 space-y-1 border-l-2 border-slate-300 pl-3" data-testid="owner-changes">
            {changes.map((c) => (
              <li key={c.id}>
                {c.fromName === null
                  ? fillTemplate(t("change.first"), { at: fmt(c.at), to: <bdi>{c.toName}</bdi> })
                  : fillTemplate(t("change.next"), { at: fmt(c.at), from: <bdi>{c.fromName}</bdi>, to: <bdi>{c.toName}</bdi> })}
                <span className="block text-xs text-slate-600">{t(`reason.${c.reason}`)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
