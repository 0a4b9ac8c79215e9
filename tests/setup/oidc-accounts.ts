// The accounts of the test OIDC provider (tests/setup/oidc.ts): any login name is an account.
export const oidcEmailFor = (login: string) => `${login}@sso.example`.toLowerCase();
export const oidcNameFor = (login: string) => `SSO ${login}`;
