import "server-only";
import { ForbiddenError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { canManageLineReplies, canUseLineReplies } from "./access";
import { listSavedRepliesInput } from "./schemas";

export interface SavedReplyView {
  id: string;
  scope: "mine" | "line";
  lineId: string | null;
  lineName: string | null;
  title: string;
  body: string;
  /** whether the actor may edit or delete it */
  editable: boolean;
}

/** The actor's own saved replies, plus the shared ones of a 条线 they may use (`line`). */
export async function listSavedReplies(ctx: Ctx, raw: unknown): Promise<SavedReplyView[]> {
  const input = parseInput(listSavedRepliesInput, raw);
  if (input.line && !(await canUseLineReplies(ctx.db, ctx.actor, input.line))) throw new ForbiddenError(m("errors.savedRepliesLineForbidden"));
  const rows = await ctx.db.savedReply.findMany({
    where: { OR: [{ ownerId: ctx.actor.id }, ...(input.line ? [{ lineId: input.line }] : [])] },
    orderBy: [{ lineId: { sort: "asc", nulls: "first" } }, { title: "asc" }],
    select: { id: true, ownerId: true, lineId: true, title: true, body: true, line: { select: { name: true } } },
  });
  const manages = input.line ? await canManageLineReplies(ctx.db, ctx.actor, input.line) : false;
  return rows.map((r) => ({
    id: r.id,
    scope: r.ownerId ? "mine" : "line",
    lineId: r.lineId,
    lineName: r.line?.name ?? null,
    title: r.title,
    body: r.body,
    editable: r.ownerId === ctx.actor.id || (r.lineId !== null && manages),
  }));
}
