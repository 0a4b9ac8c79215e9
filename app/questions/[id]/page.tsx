import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AskerActions, HandoffResponse } from "@/components/questions/asker-actions";
import { EscalationPanel } from "@/components/questions/escalation-panel";
import { OwnerActions } from "@/components/questions/owner-actions";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { ctxFor } from "@/lib/http/ctx";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { listHandoffReceivers } from "@/lib/questions/handoff-receivers";
import { EVENT_LABEL, EXPOSURE_LABEL, fmt, RESOLUTION_LABEL, STATUS_LABEL } from "@/lib/questions/labels";
import { portalSearchDeps } from "@/lib/search/portal-search";
import { searchClauses } from "@/lib/search/search-clauses";

export const dynamic = "force-dynamic";

async function load(id: string) {
  const actor = await requirePageActor();
  try {
    return { actor, detail: await getQuestionDetail(ctxFor(actor), id) };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) forbidden();
    throw err;
  }
}

export default async function QuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, detail } = await load(id);
  const { q, isAsker, isOwner, complaints, searchTrail, pendingHandoff, canRespondToHandoff } = detail;
  const open = q.status !== "RESOLVED" && q.status !== "CLOSED";
  const escalatedTo = q.escalations.at(-1)?.toUser;
  const ownerExtras = isOwner && open ? await ownerOptions(q.id, q.body, q.suggestions.map((s) => ({ sectionId: s.section.id, label: `${s.section.policy.title} ${s.section.label}` })), actor.id) : null;
  return (
    <article className="mx-auto max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-slate-600">Q-{String(q.number).padStart(6, "0")} · {q.line.name} · 提问人 {q.asker.name}</p>
        <h1 className="mt-1 whitespace-pre-wrap text-xl font-bold" data-testid="question-body">{q.body}</h1>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-4">
          <div><dt className="font-medium">状态</dt><dd data-testid="question-status">{STATUS_LABEL[q.status]}</dd></div>
          <div><dt className="font-medium">首问责任人</dt><dd data-testid="question-owner">{q.owner?.name ?? "待分派"}</dd></div>
          <div><dt className="font-medium">办结时限</dt><dd>{fmt(q.resolutionDueAt)}</dd></div>
          <div><dt className="font-medium">预计解决</dt><dd>{fmt(q.expectedResolutionAt)}</dd></div>
        </dl>
        {q.pausedAt && <p role="status" data-testid="paused" className="mt-2 text-slate-800">计时已暂停：{q.pauseReason}</p>}
        {q.neededBy && <p className="mt-1 text-sm text-slate-700">提问人希望在 {fmt(q.neededBy)} 前解决{q.resolutionDueAt && q.neededBy < q.resolutionDueAt ? "（早于办结时限）" : ""}</p>}
        {escalatedTo && (
          <p role="status" data-testid="escalated" className="mt-2 text-amber-900">
            已升级至 <bdi>{escalatedTo.name}</bdi>{escalatedTo.title ? `（${escalatedTo.title}）` : ""}
          </p>
        )}
        {q.resolutionKind && (
          <p className="mt-2 rounded bg-slate-100 p-2 text-sm" data-testid="resolution">
            {RESOLUTION_LABEL[q.resolutionKind]}{q.answerExposure ? ` · ${EXPOSURE_LABEL[q.answerExposure]}` : ""}{q.resolutionNote ? ` · ${q.resolutionNote}` : ""}
          </p>
        )}
      </header>

      <EscalationPanel questionId={q.id} />

      <section aria-labelledby="chain-h">
        <h2 id="chain-h" className="font-semibold">责任链</h2>
        <ol className="mt-1 flex flex-wrap gap-2 text-sm" data-testid="owner-chain">
          {q.ownerships.map((o) => <li key={o.id} className="rounded-full border border-slate-400 px-2">{o.user.name}</li>)}
        </ol>
        {q.handoffs.map((h) => (
          <div key={h.id} className="mt-2 rounded border border-slate-300 p-2 text-sm">
            <p className="font-medium"><bdi>{h.fromUser.name}</bdi> → <bdi>{h.toUser?.name ?? h.toLine?.name}</bdi> · {h.status === "PENDING" ? "待接收" : h.status === "ACCEPTED" ? "已接收" : h.status === "DECLINED" ? `已拒绝：${h.declineReason ?? ""}` : "已撤回"}</p>
            <p className="whitespace-pre-wrap">已做：{h.noteDone}</p>
            <p className="whitespace-pre-wrap">待办：{h.notePending}</p>
            <p className="whitespace-pre-wrap">承诺：<bdi>{h.notePromised}</bdi>{h.promisedBy ? `（${fmt(h.promisedBy)} 前）` : ""}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="replies-h">
        <h2 id="replies-h" className="font-semibold">往来</h2>
        <ol className="mt-2 space-y-3" data-testid="replies">
          {q.replies.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 bg-white p-3">
              <p className="text-xs text-slate-600"><bdi>{r.author.name}</bdi> · {fmt(r.createdAt)}</p>
              <p className="mt-1 whitespace-pre-wrap">{r.body}</p>
              {r.checklist.length > 0 && (
                <div className="mt-2">
                  <p className="text-sm font-medium">一次性告知：请准备以下全部材料</p>
                  <ol className="list-decimal pl-6 text-sm">{r.checklist.map((c, i) => <li key={i}>{c}</li>)}</ol>
                </div>
              )}
              {r.expectedResolutionAt && <p className="mt-1 text-sm">预计解决时间：{fmt(r.expectedResolutionAt)}</p>}
              {r.citations.length > 0 && (
                <ul className="mt-1 text-sm">
                  {r.citations.map((c) => (
                    <li key={c.id}>
                      依据：<Link className="text-blue-700 underline" href={`/policies/${c.section.policy.id}#${encodeURIComponent(c.section.label)}`}>{c.section.policy.title} {c.section.label}</Link>
                      {c.section.versionId !== c.section.policy.currentVersionId && (
                        // The link above opens the current text; this says the answer cited an older one and opens it.
                        <span data-testid="citation-superseded" className="ml-2 rounded bg-amber-100 px-1 text-amber-900">
                          答复时引用的是<Link className="underline" href={`/policies/${c.section.policy.id}?v=${c.section.version.version}#${encodeURIComponent(c.section.label)}`}>旧版本 v{c.section.version.version}</Link>，现已被 v{c.section.policy.currentVersion?.version ?? "?"} 取代
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      {(isOwner || searchTrail.length > 0) && (
        <section aria-labelledby="trail-h">
          <h2 id="trail-h" className="font-semibold">提问人的查询记录</h2>
          <ul className="mt-1 text-sm">{searchTrail.map((s, i) => <li key={i}>“<bdi>{s.query}</bdi>” · {s.resultCount} 条结果 · {fmt(s.createdAt)}</li>)}</ul>
          <ul className="mt-1 text-sm" data-testid="trail-suggestions">
            {q.suggestions.map((s) => <li key={s.id}>{s.section.policy.title} {s.section.label}：{s.openedAt ? `打开过${s.openMs ? `（${Math.round(s.openMs / 1000)} 秒）` : ""}` : "看到但未打开"}</li>)}
          </ul>
        </section>
      )}

      {complaints.length > 0 && (
        <section aria-labelledby="complaints-h">
          <h2 id="complaints-h" className="font-semibold">投诉</h2>
          <ul className="text-sm">{complaints.map((c) => <li key={c.id} className="whitespace-pre-wrap">{fmt(c.createdAt)} · {c.status === "OPEN" ? "待复核" : c.status === "UPHELD" ? "成立" : "不成立"} · {c.reason}</li>)}</ul>
        </section>
      )}

      {canRespondToHandoff && pendingHandoff && (
        <section aria-labelledby="respond-h" className="rounded-md border border-amber-400 bg-amber-50 p-4">
          <h2 id="respond-h" className="font-semibold">这个问题转交给你</h2>
          <HandoffResponse handoffId={pendingHandoff.id} />
        </section>
      )}
      {isOwner && open && ownerExtras && !pendingHandoff && <OwnerActions questionId={q.id} version={q.version} {...ownerExtras} />}
      {isOwner && open && pendingHandoff && <p role="status">转交待对方接收；接收前你仍是首问责任人。</p>}
      {isAsker && <AskerActions questionId={q.id} status={q.status} rated={!!q.rating} />}

      <section aria-labelledby="history-h">
        <h2 id="history-h" className="font-semibold">处理记录</h2>
        <ol className="mt-1 text-sm text-slate-700" data-testid="events">
          {q.events.map((e) => <li key={String(e.id)}>{fmt(e.createdAt)} · {EVENT_LABEL[e.type]}{e.actor ? ` · ${e.actor.name}` : ""}</li>)}
        </ol>
      </section>
    </article>
  );
}

/** Clause suggestions for the owner (one-click citation) and the people / queues to hand over to. */
async function ownerOptions(questionId: string, body: string, shown: { sectionId: string; label: string }[], actorId: string) {
  const found = await searchClauses(portalSearchDeps(), { q: body.slice(0, 200), limit: 5 }).catch(() => null);
  const cite = [...shown];
  for (const h of found?.hits ?? []) if (!cite.some((c) => c.sectionId === h.sectionId)) cite.push({ sectionId: h.sectionId, label: `${h.policyTitle} ${h.label}` });
  const [people, lines] = await Promise.all([
    listHandoffReceivers(db(), questionId, actorId),
    db().businessLine.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  // Citing a superseded 条款 is refused by the verbs; offer only sections of current versions.
  const current = new Set((await db().policySection.findMany({ where: { id: { in: cite.map((c) => c.sectionId) }, policy: { status: "ACTIVE" }, version: { currentOf: { isNot: null } } }, select: { id: true } })).map((s) => s.id));
  return { cite: cite.filter((c) => current.has(c.sectionId)), people: people.map((p) => ({ id: p.id, label: `${p.name}${p.title ? `（${p.title}）` : ""}` })), lines };
}
