// The accounts of the test OIDC provider (tests/setup/oidc.ts): any login name is an account.
export const oidcEmailFor = (login: string) => `${login}@sso.example`.toLowerCase();
export const oidcNameFor = (login: string) => `SSO ${login}`;
/** `email_verified` of the account: false for logins starting with `unverified-`. */
export const isOidcEmailVerified = (login: string) => !login.startsWith("unverified-");
