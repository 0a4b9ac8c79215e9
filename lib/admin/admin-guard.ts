import "server-only";
// What the admin verbs share: the role check and their audit row.
import { hasRole } from "../auth/roles";
import { ForbiddenError, m } from "../errors";
import type { Prisma } from "../db/generated/client";
import { recordAudit } from "../kernel/audit";
import type { Ctx } from "../kernel/context";

export function requireAdmin(ctx: Ctx) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
}

export async function adminAudit(ctx: Ctx, action: string, target: string, data: Record<string, unknown>) {
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action, target, data: JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue, createdAt: ctx.now });
}
