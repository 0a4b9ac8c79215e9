import "server-only";
import { hasRole } from "../auth/roles";
import { ForbiddenError, isUniqueViolation, ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { userUpdateInput } from "./schemas";

/**
 * Role changes and disabling take effect on the user's next request (the session version moves on).
 * Decided under row locks on the acting admin and the target (taken in id order, so two admins acting
 * on each other queue instead of deadlocking): the actor must still be an enabled admin as stored. Two
 * admins removing each other at once therefore leave one of them an admin; the second is refused.
 */
export async function updateUser(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(userUpdateInput, raw);
  if (input.userId === ctx.actor.id && (input.disabled || (input.roles && !input.roles.includes("ADMIN")))) {
    throw new ValidationError({ userId: m("errors.cannotDemoteSelf") });
  }
  await ctx.db.$transaction(async (tx) => {
    const ids = [...new Set([ctx.actor.id, input.userId])].sort();
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const actor = await tx.user.findUnique({ where: { id: ctx.actor.id }, select: { roles: true, disabledAt: true } });
    if (!actor || actor.disabledAt || !hasRole(actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
    await tx.user
      .update({
        where: { id: input.userId },
        data: {
          ...(input.roles ? { roles: input.roles } : {}),
          ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? ctx.now : null }),
          ...(input.oidcSubject === undefined ? {} : { oidcSubject: input.oidcSubject }),
          sessionVersion: { increment: 1 },
        },
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new ValidationError({ oidcSubject: m("errors.ssoSubjectTaken") });
        throw err;
      });
  });
  await adminAudit(ctx, "user.update", input.userId, input);
}
