import "server-only";
import { ForbiddenError, NotFoundError, ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import type { DbTx } from "../db/client";
import { parseInput } from "../validation";
import { canKeepOwnReplies, canManageLineReplies } from "./access";
import { createSavedReplyInput, savedReplyIdInput, updateSavedReplyInput } from "./schemas";
import { recordAudit } from "../kernel/audit";

const LIMIT_PER_SCOPE = 200;

export async function createSavedReply(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(createSavedReplyInput, raw);
  return ctx.db.$transaction(async (tx) => {
    if (input.scope === "mine") {
      if (!canKeepOwnReplies(ctx.actor)) throw new ForbiddenError(m("errors.savedRepliesRoleRequired"));
      // Counted under a per-user lock, so parallel saves cannot pass the cap together.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved-reply:${ctx.actor.id}`}))`;
      if ((await tx.savedReply.count({ where: { ownerId: ctx.actor.id } })) >= LIMIT_PER_SCOPE) throw new ValidationError({ title: m("errors.savedRepliesLimit", { LIMIT_PER_SCOPE }) });
    } else {
      const line = await tx.businessLine.findUnique({ where: { id: input.lineId! }, select: { id: true } });
      if (!line) throw new ValidationError({ lineId: m("errors.lineNotFound") });
      if (!(await canManageLineReplies(tx, ctx.actor, line.id))) throw new ForbiddenError(m("errors.savedRepliesLineOwnerOnly"));
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved-reply:${line.id}`}))`;
      if ((await tx.savedReply.count({ where: { lineId: line.id } })) >= LIMIT_PER_SCOPE) throw new ValidationError({ title: m("errors.savedRepliesLineLimit", { LIMIT_PER_SCOPE }) });
      await recordAudit(tx, { actorId: ctx.actor.id, action: "saved-reply.create", target: line.id, data: { title: input.title }, createdAt: ctx.now });
    }
    const row = await tx.savedReply.create({
      data: { ownerId: input.scope === "mine" ? ctx.actor.id : null, lineId: input.scope === "line" ? input.lineId! : null, title: input.title, body: input.body, authorId: ctx.actor.id, createdAt: ctx.now },
      select: { id: true },
    });
    return row;
  });
}

/** The row, if the actor may change it: their own, or a line's they keep. Others' are "not found" (no probing). */
async function editableOrThrow(tx: DbTx, ctx: Ctx, id: string) {
  const row = await tx.savedReply.findUnique({ where: { id }, select: { id: true, ownerId: true, lineId: true } });
  if (!row) throw new NotFoundError(m("errors.savedReplyNotFound"));
  if (row.ownerId !== null) {
    if (row.ownerId !== ctx.actor.id) throw new NotFoundError(m("errors.savedReplyNotFound"));
  } else if (!(await canManageLineReplies(tx, ctx.actor, row.lineId!))) {
    throw new ForbiddenError(m("errors.savedRepliesLineOwnerOnly"));
  }
  return row;
}

export async function updateSavedReply(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(updateSavedReplyInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const row = await editableOrThrow(tx, ctx, input.id);
    await tx.savedReply.update({ where: { id: row.id }, data: { ...(input.title !== undefined ? { title: input.title } : {}), ...(input.body !== undefined ? { body: input.body } : {}) } });
    if (row.lineId) await recordAudit(tx, { actorId: ctx.actor.id, action: "saved-reply.update", target: row.id, data: { lineId: row.lineId }, createdAt: ctx.now });
    return { id: row.id };
  });
}

export async function deleteSavedReply(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(savedReplyIdInput, raw);
  return ctx.db.$transaction(async (tx) => {
    const row = await editableOrThrow(tx, ctx, input.id);
    await tx.savedReply.delete({ where: { id: row.id } });
    if (row.lineId) await recordAudit(tx, { actorId: ctx.actor.id, action: "saved-reply.delete", target: row.id, data: { lineId: row.lineId }, createdAt: ctx.now });
    return { id: row.id };
  });
}
