// The accounts of the test OIDC provider (tests/setup/oidc.ts): any login name is an account.
export const oidcEmailFor = (login: string) => `${login}@sso.example`.toLowerCase();
export const oidcNameFor = (login: string) => `SSO ${login}`;
/** `email_verified` of the account: false for logins starting with `unverified-`. */
export const isOidcEmailVerified = (login: string) => !login.startsWith("unverified-");

/**
 * The directory the test provider carries for logins shaped `dir.<department code>.<owner|staff>.<anything>`:
 * a `department` claim and a `groups` claim (owners are in "shouwen-owners"). Other logins carry neither.
 */
export function oidcDirectoryFor(login: string): { department?: string; groups?: string[] } {
  const m = /^dir\.([^.]+)\.(owner|staff)\./.exec(login);
  if (!m) return {};
  return { department: m[1], groups: m[2] === "owner" ? ["shouwen-owners", "everyone"] : ["everyone"] };
}
export const OIDC_TEST_GROUP_ROLES = "shouwen-owners=FIRST_CONTACT_OWNER";
