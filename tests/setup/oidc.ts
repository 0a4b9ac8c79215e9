// A real OpenID Connect provider for the browser tier (the `oidc-provider` package). Its built-in
// development login form accepts any login name: that name becomes the subject, and the account
// has e-mail `<login>@sso.example` and name `SSO <login>`; the e-mail is verified unless the login
// starts with `unverified-` (as a provider that lets users enter addresses it never checked). Consent is granted without a prompt,
// as an enterprise IdP does for its own applications.
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { isOidcEmailVerified, oidcDirectoryFor, oidcEmailFor, oidcNameFor } from "./oidc-accounts";

export interface TestOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** oidc-provider warns about its development defaults (keys, login form, Node 20): the point here. */
async function withoutProviderWarnings<T>(work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("oidc-provider WARNING")) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): GrantLike; find(id: string): Promise<GrantLike> } };
  };
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

export async function startOidcProvider(options: { port: number; redirectUri: string }): Promise<TestOidc> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const clientId = "shouwen-test";
  const clientSecret = randomBytes(24).toString("base64url");
  const { default: Provider } = await withoutProviderWarnings(() => import("oidc-provider"));
  const provider = await withoutProviderWarnings(async () => new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    cookies: { keys: [randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "department", "groups"] },
    // next-auth reads the profile from the ID token, so the claims must be in it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx: unknown, id: string) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: oidcEmailFor(id), email_verified: isOidcEmailVerified(id), name: oidcNameFor(id), ...oidcDirectoryFor(id) }),
      };
    },
    async loadExistingGrant(ctx: GrantContext) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  }));
  provider.on?.("server_error", (_ctx: unknown, err: Error) => console.error(`[oidc] ${err.message}`));
  const server: Server = await new Promise((resolve, reject) => {
    const s: Server = provider.listen(options.port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
