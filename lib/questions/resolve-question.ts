import "server-only";
import { denyAccess } from "../auth/deny-access";
import { ForbiddenError, NotFoundError, m } from "../errors";
import { parseInput } from "../validation";
import { loadCitableSections } from "../policies/citable-sections";
import { learnFromResolution } from "../search/phrasings/learn-from-resolution";
import { canActAsOwner } from "./access";
import type { Ctx } from "../kernel/context";
import { resumeClock } from "./clock";
import { appendEvent, notifyInApp } from "./events";
import { deriveExposure } from "./exposure";
import { resolveInput } from "./schemas";
import { claimTransition, conflictIfFormerOwner, conflictSince } from "./transition";
import { isAnswered } from "../kernel/question-status";

/** The owner closes the matter with a classification; 无制度 becomes a knowledge gap for the policy owner. */
export async function resolveQuestion(ctx: Ctx, raw: unknown) {
  const input = parseInput(resolveInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const q = await tx.question.findUnique({
      where: { id: input.questionId },
      select: { id: true, ownerId: true, askerId: true, body: true, status: true, lineId: true, version: true, suggestions: { select: { openedAt: true, section: { select: { policyId: true, label: true } } } } },
    });
    if (!q) throw new NotFoundError(m("errors.questionNotFound"));
    if (!canActAsOwner(ctx.actor, q)) throw (await conflictIfFormerOwner(tx, q.id, ctx.actor.id)) ?? (await denyAccess(ctx, "question.resolve", q.id, new ForbiddenError(m("errors.onlyOwnerResolves"))));
    if (isAnswered(q.status)) throw await conflictSince(tx, q.id);
    const sections = await loadCitableSections(tx, input.citedSectionIds);
    const exposure =
      input.kind === "NO_POLICY" ? null : deriveExposure(sections, q.suggestions.map((s) => ({ policyId: s.section.policyId, label: s.section.label, opened: s.openedAt !== null })));
    // Claimed before anything is written: of racing resolves, replies and handoffs one wins, the rest get 409.
    await claimTransition(tx, q);
    // The owner finished it themselves: a handoff still waiting for its receiver is withdrawn.
    const pending = await tx.handoff.findFirst({ where: { questionId: q.id, status: "PENDING" }, select: { id: true } });
    if (pending) {
      await tx.handoff.update({ where: { id: pending.id }, data: { status: "CANCELLED", respondedAt: ctx.now } });
      await appendEvent(tx, q.id, "HANDOFF_CANCELLED", ctx.actor.id, { handoffId: pending.id, reason: "resolved" }, ctx.now);
    }
    // Resolved while waiting for the asker: the clock restarts first, so the deadline moves by the paused
    // time (and a RESUMED event says so) before resolvedAt is compared with it.
    await resumeClock(tx, q.id, ctx.actor.id, ctx.now);
    for (const s of sections) await tx.citation.create({ data: { questionId: q.id, sectionId: s.id, policyId: s.policyId, forResolution: true, createdAt: ctx.now } });
    await tx.question.update({
      where: { id: q.id },
      data: { status: "RESOLVED", resolvedAt: ctx.now, resolutionKind: input.kind, resolutionNote: input.note ?? null, answerExposure: exposure, ownerResponseDueAt: null },
    });
    if (input.kind === "NO_POLICY") await tx.knowledgeGap.create({ data: { questionId: q.id, lineId: q.lineId, note: input.note ?? null, createdAt: ctx.now } });
    if (input.kind === "POLICY_UNCLEAR") {
      for (const s of sections) await tx.knowledgeGap.create({ data: { questionId: q.id, lineId: q.lineId, policyId: s.policyId, note: input.note ?? null, createdAt: ctx.now } });
    }
    // The asker's wording becomes a way to find the cited units (常见问法), with the resolution.
    const learned = input.kind === "NO_POLICY" ? [] : await learnFromResolution(tx, { body: q.body, askerId: q.askerId, resolverId: ctx.actor.id, sections, now: ctx.now });
    await appendEvent(tx, q.id, "RESOLVED", ctx.actor.id, { kind: input.kind, exposure, cited: sections.map((s) => s.id), ...(learned.length ? { phrasings: learned } : {}) }, ctx.now);
    await notifyInApp(tx, q.askerId, "question.resolved", q.id, `resolved:${q.id}:${ctx.now.getTime()}`, { kind: input.kind });
    return { exposure };
  });
}
