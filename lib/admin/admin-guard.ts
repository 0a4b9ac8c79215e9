import "server-only";
// What the admin verbs share: the role check and their audit row.
import { hasRole } from "../auth/roles";
import { ForbiddenError, m } from "../errors";
import type { DbTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { recordAudit } from "../kernel/audit";
import type { Ctx } from "../kernel/context";

export function requireAdmin(ctx: Ctx) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
}

export async function adminAudit(ctx: Ctx, action: string, target: string, data: Record<string, unknown>) {
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action, target, data: JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue, createdAt: ctx.now });
}

/**
 * Inside a write that changes people: locks the acting admin's row and the others' (in id order, so two
 * such writes queue rather than deadlock) and checks, on the rows as stored, that the actor is still an
 * enabled admin. Two admins removing each other at once therefore leave one of them an admin.
 */
export async function lockPeopleAsAdmin(tx: DbTx, actorId: string, userIds: readonly string[]) {
  const ids = [...new Set([actorId, ...userIds])].sort();
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { roles: true, disabledAt: true } });
  if (!actor || actor.disabledAt || !hasRole(actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
}
