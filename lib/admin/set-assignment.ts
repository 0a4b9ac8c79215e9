import "server-only";
import { ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { assignmentInput } from "./schemas";

/** Responsibility matrix: add, re-activate or deactivate a first-contact owner of a 条线. */
export async function setAssignment(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(assignmentInput, raw);
  const user = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { roles: true } });
  if (!user) throw new ValidationError({ userId: m("errors.personNotFound") });
  if (input.active && !user.roles.includes("FIRST_CONTACT_OWNER")) throw new ValidationError({ userId: m("errors.notAnOwner") });
  await ctx.db.responsibilityAssignment.upsert({ where: { lineId_userId: { lineId: input.lineId, userId: input.userId } }, create: { lineId: input.lineId, userId: input.userId, active: input.active }, update: { active: input.active } });
  await adminAudit(ctx, "matrix.set", input.lineId, input);
}
