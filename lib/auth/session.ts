import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { db, poolOf } from "../db/client";
import type { Role } from "../db/generated/enums";
import { UnauthenticatedError } from "../errors";
import { serverEnv } from "../env";
import { isLocale, type Locale } from "../i18n/locales";
import { hasRole, type Actor } from "./roles";

// A named prepared statement through pg: parsed and planned once per connection. Prisma's
// findUnique of the same row costs about five times the CPU, on a path every request takes.
const SESSION_ACTOR = {
  name: "shouwen_session_actor",
  text: `SELECT s."revokedAt" AS "revokedAt", s."expiresAt" AS "expiresAt", s."sessionVersion" AS "sessionVersion",
                u."sessionVersion" AS "userSessionVersion", u."disabledAt" AS "disabledAt",
                u.id, u.name, u.email, u.roles::text[] AS roles, u."departmentId" AS "departmentId", u.locale
         FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`,
};

interface SessionActorRow {
  revokedAt: Date | null;
  expiresAt: Date;
  sessionVersion: number;
  userSessionVersion: number;
  disabledAt: Date | null;
  id: string;
  name: string;
  email: string;
  roles: Role[];
  departmentId: string | null;
  locale: string | null;
}

// The session's row, once per request: a revoked or expired session, a disabled user or a bumped
// session version (role change) gives null.
const sessionRow = cache(async (): Promise<(SessionActorRow & { sid: string }) | null> => {
  const token = await currentToken();
  const sid = token?.sid;
  if (typeof sid !== "string") return null;
  const { rows } = await poolOf(db()).query<SessionActorRow>({ ...SESSION_ACTOR, values: [sid] });
  const row = rows[0];
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  if (row.disabledAt || row.userSessionVersion !== row.sessionVersion) return null;
  return { ...row, sid };
});

/** The signed-in user and the language they stored (POST /locale; null: never chosen), from one read of the session row. */
interface Session {
  actor: Actor;
  locale: Locale | null;
}

// `cache` shares the row within a page's render only: a route handler has no render, so a route that needs
// both the actor and the stored language takes them from one call (requireSession), not two.
const getSession = cache(async (): Promise<Session | null> => {
  const row = await sessionRow();
  if (!row) return null;
  return { actor: { id: row.id, name: row.name, email: row.email, roles: row.roles, departmentId: row.departmentId, sessionId: row.sid }, locale: isLocale(row.locale) ? row.locale : null };
});

/** The signed-in user for this request, or null. Checked against the database on every request. */
export const getActor = cache(async (): Promise<Actor | null> => (await getSession())?.actor ?? null);

/** The language the signed-in user chose (POST /locale), or null: not signed in, or never chosen. */
export async function getActorLocale(): Promise<Locale | null> {
  return (await getSession())?.locale ?? null;
}

async function currentToken(): Promise<{ sid?: unknown } | null> {
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw) return null;
  return (await decode({ token: raw, secret: serverEnv().NEXTAUTH_SECRET }).catch(() => null)) as { sid?: unknown } | null;
}

/** For route handlers (authedRoute): the signed-in user and their stored language, or UnauthenticatedError (401). */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) throw new UnauthenticatedError();
  return session;
}

/** For pages: renders the 401 / 403 page (with that status) instead of the page. */
export async function requirePageActor(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  if (roles.length > 0 && !hasRole(actor, ...roles)) forbidden();
  return actor;
}
