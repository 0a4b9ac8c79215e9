import type { Actor } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import type { Ctx } from "@/lib/kernel/context";

export function actorOf(user: { id: string; name: string; email: string; roles: Actor["roles"]; departmentId: string | null }): Actor {
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, departmentId: user.departmentId, sessionId: "test-session" };
}

export function ctxOf(db: Db, user: Parameters<typeof actorOf>[0], now = new Date()): Ctx {
  return { actor: actorOf(user), db, now };
}
