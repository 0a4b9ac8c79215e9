import "server-only";
import { z } from "zod";
import { denyAccess } from "../auth/deny-access";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import type { Ctx } from "./context";

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
  const missing = new NotFoundError("提问会话不存在");
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
  if (!section) throw new ValidationError({ sectionId: "条款不存在" });
  await ctx.db.$transaction([
    ctx.db.policyView.create({ data: { userId: ctx.actor.id, policyId: section.policyId, sectionId: section.id, askSessionId, source: "ask", durationMs: input.durationMs, createdAt: ctx.now } }),
    ctx.db.askSession.update({ where: { id: askSessionId }, data: { lastActivityAt: ctx.now } }),
  ]);
}

/** "这解决了我的问题": a confirmed deflection, with the clause that helped. */
export async function confirmDeflection(ctx: Ctx, askSessionId: string, raw: unknown) {
  const input = parseInput(deflectInput, raw);
  const s = await ownOpenSession(ctx, askSessionId, "deflect");
  if (s.outcome === "FILED") throw new ValidationError({ askSessionId: "这个问题已经提交，不能再标记为已解决" });
  const section = await ctx.db.policySection.findUnique({ where: { id: input.sectionId }, select: { id: true } });
  if (!section) throw new ValidationError({ sectionId: "条款不存在" });
  await ctx.db.askSession.update({ where: { id: s.id }, data: { outcome: "CONFIRMED_DEFLECTION", deflectedSectionId: section.id, closedAt: ctx.now, lastActivityAt: ctx.now } });
}
