import { describeRole, ensureAppRole, grantAppRole, isPrivileged, roleOf } from "./app-role";
import { migrate } from "./migrate";

/**
 * Migrations as the owner, then the app role (created for the embedded server) and its grants. With
 * one URL for an external server (no DATABASE_OWNER_URL) both are the same role: it keeps working,
 * with a warning when that role could rewrite the audit trail.
 */
export async function prepareDatabase(options: { ownerUrl: string; appUrl: string; embedded: boolean; log: (m: string) => void }) {
  const { ownerUrl, appUrl, log } = options;
  const applied = await migrate(ownerUrl, { log });
  if (applied.length === 0) log("database schema is up to date");
  if (ownerUrl !== appUrl) {
    await ensureAppRole(ownerUrl, appUrl, { resetPassword: options.embedded });
    await grantAppRole(ownerUrl, roleOf(appUrl));
  }
  const role = await describeRole(appUrl);
  if (isPrivileged(role)) {
    log(
      `WARNING: the portal connects as PostgreSQL role "${role.role}", which ${role.superuser ? "is a superuser" : role.ownsTables ? "owns the tables" : "may UPDATE, DELETE or TRUNCATE the audit trail"}: ` +
        "SQL it could be tricked into could rewrite the audit trail. Set DATABASE_OWNER_URL to the owner and DATABASE_URL to a role that owns nothing (docs/operations.md).",
    );
  }
  return { ownerUrl, appUrl };
}
