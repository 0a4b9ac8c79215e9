import Link from "next/link";
import { getT } from "@/lib/i18n/t";
import { fillTemplate } from "./fill-template";
import { fmt } from "@/lib/questions/labels";
import type { QuestionDetail } from "@/lib/questions/get-question-detail";

type Q = QuestionDetail["q"];
type Item =
  | { kind: "reply"; at: Date; key: string; reply: Q["replies"][number] }
  | { kind: "handoff"; at: Date; key: string; handoff: Q["handoffs"][number] }
  | { kind: "event"; at: Date; key: string; event: Q["events"][number] };

// Shown as their own cards (the reply, the handoff with its note), so not repeated as event lines.
const CARDED = new Set(["REPLIED", "HANDOFF_REQUESTED", "ASKED"]);

/** The conversation as one thread, oldest first: the question, replies with checklists and citations, handoffs, events. */
export async function QuestionThread({ q, events }: { q: Pick<Q, "body" | "createdAt" | "asker" | "replies" | "handoffs">; events: Q["events"] }) {
  const t = await getT();
  const items: Item[] = [
    ...q.replies.map((r) => ({ kind: "reply" as const, at: r.createdAt, key: `r${r.id}`, reply: r })),
    ...q.handoffs.map((h) => ({ kind: "handoff" as const, at: h.createdAt, key: `h${h.id}`, handoff: h })),
    ...events.filter((e) => !CARDED.has(e.type)).map((e) => ({ kind: "event" as const, at: e.createdAt, key: `e${e.id}`, event: e })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === "event" ? 1 : 0) - (b.kind === "event" ? 1 : 0));
  return (
    <section aria-labelledby="thread-h">
      <h2 id="thread-h" className="font-semibold">{t("thread.title")}</h2>
      <ol className="mt-2 space-y-3" data-testid="thread">
        <li className="rounded-md border border-slate-300 bg-slate-50 p-3">
          <p className="text-xs text-slate-600">{fillTemplate(t("thread.asked"), { name: <bdi>{q.asker.name}</bdi>, at: fmt(q.createdAt) })}</p>
          <p className="mt-1 whitespace-pre-wrap">{q.body}</p>
        </li>
        {items.map((item) => {
          if (item.kind === "reply") return <ReplyCard key={item.key} r={item.reply} t={t} />;
          if (item.kind === "handoff") return <HandoffCard key={item.key} h={item.handoff} t={t} />;
          const e = item.event;
          return <li key={item.key} className="pl-3 text-sm text-slate-700" data-testid="thread-event">{fmt(e.createdAt)} · {t(`event.${e.type}`)}{e.actor && <> · <bdi>{e.actor.name}</bdi></>}</li>;
        })}
      </ol>
    </section>
  );
}

function ReplyCard({ r, t }: { r: Q["replies"][number]; t: Awaited<ReturnType<typeof getT>> }) {
  return (
    <li className="rounded-md border border-slate-300 bg-white p-3" data-testid="reply">
      <p className="text-xs text-slate-600"><bdi>{r.author.name}</bdi> · {fmt(r.createdAt)}</p>
      <p className="mt-1 whitespace-pre-wrap">{r.body}</p>
      {r.checklist.length > 0 && (
        <div className="mt-2">
          <p className="text-sm font-medium">{t("thread.checklist")}</p>
          <ol className="list-decimal pl-6 text-sm">{r.checklist.map((c, i) => <li key={i}>{c}</li>)}</ol>
        </div>
      )}
      {r.expectedResolutionAt && <p className="mt-1 text-sm">{t("thread.expected", { at: fmt(r.expectedResolutionAt) })}</p>}
      {r.citations.length > 0 && (
        <ul className="mt-1 text-sm">
          {r.citations.map((c) => (
            <li key={c.id}>
              {t("thread.cited")}<Link className="text-blue-700 underline" href={`/policies/${c.section.policy.id}#${encodeURIComponent(c.section.label)}`}>{c.section.policy.title} {c.section.label}</Link>
              {c.section.versionId !== c.section.policy.currentVersionId && (
                // The link above opens the current text; this says the answer cited an older one and opens it.
                <span data-testid="citation-superseded" className="ml-2 rounded bg-amber-100 px-1 text-amber-900">
                  {fillTemplate(t("question.citedOld"), {
                    link: <Link className="underline" href={`/policies/${c.section.policy.id}?v=${c.section.version.version}#${encodeURIComponent(c.section.label)}`}>{t("question.oldVersion", { version: c.section.version.version })}</Link>,
                    current: c.section.policy.currentVersion?.version ?? "?",
                  })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function HandoffCard({ h, t }: { h: Q["handoffs"][number]; t: Awaited<ReturnType<typeof getT>> }) {
  const state = t(`handoff.${h.status}`, { reason: h.declineReason ?? "" });
  return (
    <li className="rounded-md border border-dashed border-slate-400 bg-white p-3 text-sm" data-testid="handoff">
      <p className="font-medium">{fillTemplate(t("handoff.card"), { at: fmt(h.createdAt), from: <bdi>{h.fromUser.name}</bdi>, to: <bdi>{h.toUser?.name ?? h.toLine?.name}</bdi>, state })}</p>
      <p className="whitespace-pre-wrap">{t("handoff.done", { text: h.noteDone })}</p>
      <p className="whitespace-pre-wrap">{t("handoff.pending", { text: h.notePending })}</p>
      <p className="whitespace-pre-wrap">{fillTemplate(t("handoff.promised"), { text: <bdi>{h.notePromised}</bdi> })}{h.promisedBy ? t("handoff.promisedBy", { at: fmt(h.promisedBy) }) : ""}</p>
    </li>
  );
}
