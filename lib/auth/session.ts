import "server-only";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { db } from "../db/client";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { authOptions } from "./options";
import { hasRole, type Actor, type Role } from "./roles";

/**
 * The signed-in user for this request, or null. Checked against the database on every request:
 * a revoked or expired session, a disabled user or a bumped session version (role change) ends it.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await currentToken();
  const sid = token?.sid;
  if (typeof sid !== "string") return null;
  const row = await db().userSession.findUnique({ where: { id: sid }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  const user = row.user;
  if (user.disabledAt || user.sessionVersion !== row.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, departmentId: user.departmentId, sessionId: row.id };
});

async function currentToken(): Promise<{ sid?: unknown } | null> {
  const { cookies } = await import("next/headers");
  const { decode } = await import("next-auth/jwt");
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw) return null;
  return (await decode({ token: raw, secret: authOptions().secret! }).catch(() => null)) as { sid?: unknown } | null;
}

/** For route handlers and server actions: throws typed errors the transport maps to 401/403. */
export async function requireActor(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  if (roles.length > 0 && !hasRole(actor, ...roles)) throw new ForbiddenError();
  return actor;
}

/** For pages: renders the 401 / 403 page (with that status) instead of the page. */
export async function requirePageActor(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  if (roles.length > 0 && !hasRole(actor, ...roles)) forbidden();
  return actor;
}
