import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { applySsoSignIn } from "../org/apply-sso-claims";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { RateLimitedError } from "../errors";
import { clientIp } from "../http/client-ip";
import { safeLocalPath } from "../navigation";
import { noteSignInRefusal } from "./credentials-refusal";
import { linkOidcAccount } from "./link-oidc-account";
import { openSession, signInWithPassword } from "./sign-in-with-password";

// The e-mail becomes a LoginAttempt / AuditLog key: no NUL (PostgreSQL refuses it), no control
// characters, no lone surrogates. Such an e-mail is no account, so it is simply a failed sign-in.
const isPlainText = (s: string) => !/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const credentialsInput = z.object({ email: z.string().trim().min(1).max(200).refine(isPlainText), password: z.string().min(1).max(200) });

function oidcProvider() {
  const env = serverEnv();
  if (!env.OIDC_ISSUER) return [];
  return [
    {
      id: "oidc",
      // next-auth's own pages are not used (/signin is ours), so this name is never shown.
      name: env.OIDC_DISPLAY_NAME ?? "SSO",
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
          const userAgent = String(req?.headers?.["user-agent"] ?? "").slice(0, 300);
          const result = await signInWithPassword({ db: db(), now: new Date() }, { ...parsed.data, ip: clientIp(req?.headers ?? {}), userAgent }).catch((err: unknown) => {
            if (!(err instanceof RateLimitedError)) throw err;
            noteSignInRefusal(err);
            throw new Error("RateLimited");
          });
          if (!result.ok) {
            if (result.reason === "disabled") throw new Error("AccountDisabled");
            return null;
          }
          return { ...result.user, sid: result.sessionId };
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      // next-auth's default, except that nothing here throws: it parsed the callbackUrl with new URL()
      // (500 on a host it cannot parse) and sent a path as given (500 on one that is no ASCII, which
      // cannot be a Location header), both after the session row was made. A path on this site is
      // normalised; anything else goes to the site's root.
      redirect({ url, baseUrl }) {
        const local = safeLocalPath(url, "", baseUrl);
        return local && url !== baseUrl ? `${baseUrl}${local}` : baseUrl;
      },
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const claims = (profile ?? {}) as { email?: string; email_verified?: unknown };
        const ctx = { db: db(), now: new Date() };
        const firstSsoSignIn = !(await db().user.findUnique({ where: { oidcSubject: account.providerAccountId }, select: { id: true } }));
        const linked = await linkOidcAccount(ctx, {
          subject: account.providerAccountId,
          email: claims.email ?? user.email,
          emailVerified: claims.email_verified,
          name: user.name,
        });
        if (!linked.ok) return `/signin?error=${linked.error}`;
        // The identity provider's department and groups (by configuration), then the bootstrap admin list.
        const current = await applySsoSignIn(db(), { userId: linked.userId, claims: (profile ?? {}) as Record<string, unknown>, isFirstSsoSignIn: firstSsoSignIn, now: ctx.now });
        (user as { sid?: string }).sid = await openSession(ctx, { userId: linked.userId, sessionVersion: current.sessionVersion });
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
