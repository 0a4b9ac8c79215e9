import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { bootstrapAdminRoles } from "../admin/bootstrap-admin";
import { applySsoClaims, ssoOrgConfig } from "../org/apply-sso-claims";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { clientIp } from "../http/client-ip";
import { DUMMY_HASH, verifyPassword } from "./password";
import { loginThrottle, recordLoginAttempt } from "./rate-limit";

const credentialsInput = z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

async function openSession(userId: string, sessionVersion: number, ip?: string, userAgent?: string) {
  const hours = serverEnv().SESSION_MAX_AGE_HOURS;
  const id = randomBytes(32).toString("base64url");
  await db().userSession.create({
    data: { id, userId, sessionVersion, expiresAt: new Date(Date.now() + hours * 3_600_000), ip, userAgent },
  });
  return id;
}

function oidcProvider() {
  const env = serverEnv();
  if (!env.OIDC_ISSUER) return [];
  return [
    {
      id: "oidc",
      name: env.OIDC_DISPLAY_NAME,
      type: "oauth" as const,
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce" as const, "state" as const],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.sub };
      },
    },
  ];
}

/** next-auth configuration. The JWT cookie carries only a session id (`sid`); see lib/auth/session.ts. */
export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "账号密码",
        credentials: { email: { label: "邮箱", type: "email" }, password: { label: "密码", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsInput.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req?.headers ?? {});
          const throttle = await loginThrottle(db(), email, ip);
          if (throttle.limited) throw new Error("RateLimited");
          const user = await db().user.findUnique({ where: { email: email.toLowerCase() } });
          const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
          await recordLoginAttempt(db(), email, ip, ok && !!user && !user.disabledAt);
          if (!user || !ok) return null;
          if (user.disabledAt) throw new Error("AccountDisabled");
          const sid = await openSession(user.id, user.sessionVersion, ip, String(req?.headers?.["user-agent"] ?? "").slice(0, 300));
          return { id: user.id, email: user.email, name: user.name, sid };
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const subject = account.providerAccountId;
        const email = (profile?.email ?? user.email ?? "").toLowerCase();
        if (!email) return "/signin?error=OidcNoEmail";
        // Just-in-time provisioning: a new SSO user starts as an employee; admins grant more.
        const existing =
          (await db().user.findUnique({ where: { oidcSubject: subject } })) ??
          (await db().user.findUnique({ where: { email } }));
        const record = existing
          ? await db().user.update({ where: { id: existing.id }, data: { oidcSubject: subject } })
          : await db().user.create({ data: { email, name: user.name ?? email, oidcSubject: subject, roles: ["EMPLOYEE"] } });
        if (record.disabledAt) return "/signin?error=AccountDisabled";
        // The identity provider's department and groups (by configuration), then the bootstrap admin list.
        const org = await applySsoClaims(db(), record, (profile ?? {}) as Record<string, unknown>, ssoOrgConfig(), new Date());
        const current = org ? { ...record, ...org } : record;
        await bootstrapAdminRoles(db(), current, !existing?.oidcSubject, new Date());
        (user as { sid?: string }).sid = await openSession(record.id, current.sessionVersion);
        return true;
      },
      async jwt({ token, user }) {
        // Only at sign-in is `user` present: bind the token to the new server-side session row.
        const sid = (user as { sid?: string } | undefined)?.sid;
        if (sid) return { sid };
        return token;
      },
      async session({ session }) {
        // The client-side session object carries nothing authoritative; servers use getActor().
        return { expires: session.expires } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as { sid?: string } | null)?.sid;
        if (sid) await db().userSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
      },
    },
    logger: {
      error: (code, meta) => console.error(JSON.stringify({ level: "error", msg: `next-auth ${code}`, meta: String(meta) })),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
}
