import "server-only";
import { isUniqueViolation, ValidationError, m } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, lockPeopleAsAdmin, requireAdmin } from "./admin-guard";
import { userUpdateInput } from "./schemas";

/**
 * Role changes and disabling take effect on the user's next request (the session version moves on).
 * Decided under row locks on the acting admin and the target: the actor must still be an enabled admin
 * as stored, so of two admins removing each other at once the second is refused (lockPeopleAsAdmin).
 */
export async function updateUser(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(userUpdateInput, raw);
  if (input.userId === ctx.actor.id && (input.disabled || (input.roles && !input.roles.includes("ADMIN")))) {
    throw new ValidationError({ userId: m("errors.cannotDemoteSelf") });
  }
  await ctx.db.$transaction(async (tx) => {
    await lockPeopleAsAdmin(tx, ctx.actor.id, [input.userId]);
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
