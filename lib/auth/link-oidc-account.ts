import "server-only";
// Which portal account an OpenID Connect sign-in becomes. The provider's subject (`sub`) is the
// stable identity; the e-mail is only trusted when the provider says it verified it: otherwise
// whoever registers someone else's address at the provider would sign in as that person.
//  1. an account already bound to this subject (by an earlier sign-in, or set by an admin) — signed in
//     whatever the e-mail says;
//  2. else, with a verified e-mail, the account with that e-mail, bound now — unless it is already
//     bound to another subject;
//  3. else, with a verified e-mail, a new employee account (just-in-time provisioning).
// An unverified e-mail neither links nor provisions: an admin binds such a person by subject.
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { log } from "../log";
import { recordAudit } from "../kernel/audit";

export interface OidcIdentity {
  subject: string;
  email?: string | null;
  /** The provider's `email_verified` claim as received (some providers send the string "true"). */
  emailVerified?: unknown;
  name?: string | null;
}

export type OidcRefusal = "OidcNoEmail" | "OidcEmailUnverified" | "OidcSubjectMismatch" | "AccountDisabled";

export type OidcLinkResult = { ok: true; userId: string; sessionVersion: number } | { ok: false; error: OidcRefusal };

export const isEmailVerified = (claim: unknown): boolean => claim === true || claim === "true";

export async function linkOidcAccount(ctx: { db: Db; now: Date }, identity: OidcIdentity): Promise<OidcLinkResult> {
  const found = await findOrBind(ctx, identity);
  if ("error" in found) {
    log.warn("sso sign-in refused", { error: found.error });
    await ctx.db.auditLog
      .create({ data: { action: "sso.signin.denied", target: (identity.email ?? identity.subject).slice(0, 200), data: { reason: found.error, subject: identity.subject.slice(0, 200) }, createdAt: ctx.now } })
      .catch((err: unknown) => log.error("sso refusal not audited", { err: String(err) }));
    return { ok: false, error: found.error };
  }
  if (found.user.disabledAt) return { ok: false, error: "AccountDisabled" };
  return { ok: true, userId: found.user.id, sessionVersion: found.user.sessionVersion };
}

type Found = { user: { id: string; disabledAt: Date | null; sessionVersion: number } } | { error: OidcRefusal };

async function findOrBind(ctx: { db: Db; now: Date }, identity: OidcIdentity, retried = false): Promise<Found> {
  const bySubject = await ctx.db.user.findUnique({ where: { oidcSubject: identity.subject } });
  if (bySubject) return { user: bySubject };
  const email = (identity.email ?? "").trim().toLowerCase();
  if (!email) return { error: "OidcNoEmail" };
  if (!isEmailVerified(identity.emailVerified)) return { error: "OidcEmailUnverified" };

  const byEmail = await ctx.db.user.findUnique({ where: { email } });
  if (byEmail) {
    if (byEmail.oidcSubject && byEmail.oidcSubject !== identity.subject) return { error: "OidcSubjectMismatch" };
    // Conditional: only an account not yet bound. A parallel first sign-in of the same person binds
    // it to the same subject (found above on the retry); another subject never overwrites it.
    const { count } = await ctx.db.user.updateMany({ where: { id: byEmail.id, oidcSubject: null }, data: { oidcSubject: identity.subject } });
    if (count === 0) return retried ? { error: "OidcSubjectMismatch" } : findOrBind(ctx, identity, true);
    await recordAudit(ctx.db, { actorId: byEmail.id, action: "sso.linked", target: byEmail.id, data: { subject: identity.subject.slice(0, 200) }, createdAt: ctx.now });
    return { user: byEmail };
  }
  try {
    // Just-in-time provisioning: a new SSO user starts as an employee; admins grant more.
    const created = await ctx.db.user.create({
      data: { email, name: (identity.name ?? "").trim().slice(0, 200) || email, oidcSubject: identity.subject, roles: ["EMPLOYEE"] },
    });
    return { user: created };
  } catch (err) {
    // A parallel first sign-in created it (same subject or same e-mail): decide again on what is stored.
    if (isUniqueViolation(err) && !retried) return findOrBind(ctx, identity, true);
    throw err;
  }
}
