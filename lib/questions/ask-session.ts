import "server-only";
import { z } from "zod";
import { denyAccess } from "../auth/deny-access";
import type { DbTx } from "../db/client";
import { ConflictError, NotFoundError, ValidationError, m, fieldKey } from "../errors";
import { parseInput } from "../validation";
import { logSearch } from "../search/log-search";
import { recordPhrasingSignal } from "../search/phrasings/record-phrasing-signal";
import { portalSearchDeps } from "../search/portal-search";
import { searchClauses } from "../search/search-clauses";
import { searchLogBuffer } from "../search/search-log-buffer";
import type { Ctx } from "../kernel/context";

const viewInput = z.object({ sectionId: z.string().uuid(), durationMs: z.number().int().min(0).max(3_600_000).default(0) }).strict();
const deflectInput = z.object({ sectionId: z.string().uuid() }).strict();

export async function startAskSession(ctx: Ctx): Promise<{ id: string }> {
  return ctx.db.askSession.create({ data: { userId: ctx.actor.id, startedAt: ctx.now, lastActivityAt: ctx.now }, select: { id: true } });
}

const sessionId = z.string().uuid();

/**
 * Someone else's session answers exactly like a missing one (404): a session id says what a person
 * was about to ask, so not even its existence is confirmed. The attempt is still recorded.
 */
async function ownOpenSession(ctx: Ctx, id: string, verb: "view" | "deflect") {
  const missing = new NotFoundError(m("errors.askSessionNotFound"));
  if (!sessionId.safeParse(id).success) throw missing;
  const s = await ctx.db.askSession.findUnique({ where: { id }, select: { id: true, userId: true, outcome: true } });
  if (!s) throw missing;
  if (s.userId !== ctx.actor.id) throw await denyAccess(ctx, `ask-session.${verb}`, id, missing);
  return s;
}

/** The asker opened a suggested clause (inline preview or reader) for `durationMs`. */
export async function recordSuggestionView(ctx: Ctx, askSessionId: string, raw: unknown) {
  const input = parseInput(viewInput, raw);
  await ownOpenSession(ctx, askSessionId, "view");
  const section = await ctx.db.policySection.findUnique({ where: { id: input.sectionId }, select: { id: true, policyId: true } });
  if (!section) throw new ValidationError({ sectionId: m("errors.sectionNotFound") });
  await ctx.db.$transaction([
    ctx.db.policyView.create({ data: { userId: ctx.actor.id, policyId: section.policyId, sectionId: section.id, askSessionId, source: "ask", durationMs: input.durationMs, createdAt: ctx.now } }),
    ctx.db.askSession.update({ where: { id: askSessionId }, data: { lastActivityAt: ctx.now } }),
  ]);
}

/** "这解决了我的问题": a confirmed deflection, with the clause that helped. */
export async function confirmDeflection(ctx: Ctx, askSessionId: string, raw: unknown) {
  const input = parseInput(deflectInput, raw);
  const s = await ownOpenSession(ctx, askSessionId, "deflect");
  const filed = new ValidationError({ askSessionId: m("errors.askSessionAlreadyFiled") });
  if (s.outcome === "FILED") throw filed;
  const section = await ctx.db.policySection.findUnique({ where: { id: input.sectionId }, select: { id: true, policyId: true, label: true } });
  if (!section) throw new ValidationError({ sectionId: m("errors.sectionNotFound") });
  // The session's last search is the wording that found the clause (it may still be queued here).
  await searchLogBuffer(ctx.db).flush();
  const lastSearch = await ctx.db.searchQuery.findFirst({ where: { askSessionId: s.id, userId: ctx.actor.id }, orderBy: { createdAt: "desc" }, select: { query: true } });
  await ctx.db.$transaction(async (tx) => {
    // Decided on the row as it is when written: a filing that locked the session first wins.
    const marked = await tx.askSession.updateMany({
      where: { id: s.id, outcome: { not: "FILED" } },
      data: { outcome: "CONFIRMED_DEFLECTION", deflectedSectionId: section.id, closedAt: ctx.now, lastActivityAt: ctx.now },
    });
    if (marked.count !== 1) throw filed;
    // 常见问法: that wording strengthens its pairing with the clause, once per person.
    if (lastSearch) await recordPhrasingSignal(tx, { policyId: section.policyId, label: section.label, text: lastSearch.query, userId: ctx.actor.id, source: "DEFLECTION", now: ctx.now });
  });
}

/**
 * Search first, enforced on the server (the browser's flow is only a convenience): a question is
 * filed from the asker's own open ask session in which at least one search was logged. "仍需人工解答"
 * after the suggestions, found or not, is that step; its searches are the record that the asker looked.
 * Read in the filing transaction; the unique Question.askSessionId lets only one filing use a session.
 * Someone else's session reads exactly like a missing one (and the attempt is audited).
 */
export async function searchedSessionOrThrow(ctx: Ctx, tx: DbTx, askSessionId: string | undefined): Promise<string> {
  if (!askSessionId) throw new ConflictError(m("errors.searchPoliciesFirst"));
  // Locked until the filing commits, so a "这解决了我的问题" at the same moment waits and then sees FILED.
  await tx.$queryRaw`SELECT 1 FROM "AskSession" WHERE id = ${askSessionId}::uuid FOR UPDATE`;
  const s = await tx.askSession.findUnique({
    where: { id: askSessionId },
    select: { id: true, userId: true, outcome: true, question: { select: { id: true } }, _count: { select: { searches: true } } },
  });
  const missing = new ConflictError(m("errors.askSessionExpired"));
  if (!s) throw missing;
  if (s.userId !== ctx.actor.id) {
    await denyAccess(ctx, "ask-session.file", askSessionId, new NotFoundError());
    throw missing;
  }
  if (s.question || s.outcome === "FILED") throw new ConflictError(m("errors.askSessionUsed"));
  if (s.outcome === "CONFIRMED_DEFLECTION") throw new ConflictError(m("errors.askSessionSolved"));
  if (s._count.searches === 0) throw new ConflictError(m("errors.askSessionNoSearch"));
  return s.id;
}

const suggestInput = z.object({
  q: z.string().trim().min(1, fieldKey("errors.field.queryRequired")).max(200, fieldKey("errors.field.suggestQueryTooLong")),
  session: z.string().uuid(fieldKey("errors.field.askSessionInvalid")),
});

/**
 * Suggestions while the asker types: the same pipeline as eval:search, logged into the asker's own ask
 * session. Another person's (or a missing) session gets no suggestions and no log row.
 */
export async function suggestClauses(ctx: Ctx, raw: unknown) {
  const params = parseInput(suggestInput, raw);
  const session = await ctx.db.askSession.findFirst({ where: { id: params.session, userId: ctx.actor.id }, select: { id: true } });
  if (!session) return { hits: [], deflected: false, state: "none" as const, degraded: false };
  const started = performance.now();
  const result = await searchClauses(portalSearchDeps(), { q: params.q, limit: 5 });
  // Stored before answering: filing moments later must find what was shown.
  await logSearch(ctx.db, { userId: ctx.actor.id, askSessionId: session.id, query: params.q, latencyMs: performance.now() - started, result });
  await ctx.db.askSession.update({ where: { id: session.id }, data: { lastActivityAt: new Date() } });
  return { hits: result.hits, deflected: result.deflected, state: result.state, degraded: result.degraded };
}
