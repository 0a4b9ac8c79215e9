import "server-only";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import { parseInput } from "../validation";
import { recordAudit } from "../kernel/audit";
import { fieldKey } from "../errors";

export const createAdminInput = z
  .object({
    email: z.string().trim().toLowerCase().email(fieldKey("errors.field.emailInvalid")).max(200),
    name: z.string().trim().min(1, fieldKey("errors.field.nameRequired")).max(100).optional(),
    // Long enough that an operator cannot pick a guessable first-admin password; there is no upper-class rule.
    password: z.string().min(12, fieldKey("errors.field.passwordTooShort")).max(200, fieldKey("errors.field.passwordTooLong")),
  })
  .strict();

/**
 * The first admin of a new company (npm run admin:create), or an admin again after a lock-out. There is
 * no actor yet, so the audit row has none. An existing account keeps its history: it gains ADMIN, the new
 * password, and is re-enabled; its sessions end (the session version moves on).
 */
export async function createAdmin(ctx: { db: Db; now: Date }, raw: unknown) {
  const input = parseInput(createAdminInput, raw);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, roles: true } });
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: {
            roles: [...new Set([...existing.roles, "EMPLOYEE" as const, "ADMIN" as const])],
            passwordHash,
            disabledAt: null,
            ...(input.name ? { name: input.name } : {}),
            sessionVersion: { increment: 1 },
          },
        })
      : await tx.user.create({ data: { email: input.email, name: input.name ?? input.email, roles: ["EMPLOYEE", "ADMIN"], passwordHash } });
    await recordAudit(tx, { actorId: null, action: "admin.create", target: user.id, data: { email: user.email, existed: !!existing }, createdAt: ctx.now });
    return { id: user.id, email: user.email, created: !existing };
  });
}
