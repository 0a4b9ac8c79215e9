// The portal and the worker connect as a login role that owns nothing: it can read and write rows,
// append to the audit trails (AuditLog, QuestionEvent), and nothing else. Migrations, backups,
// restores and the scale data set run as the owner (DATABASE_OWNER_URL). A role that does not own a
// table cannot ALTER it, DISABLE its triggers or (without the privilege) TRUNCATE it, so SQL the
// portal could be tricked into still cannot rewrite the trail. See docs/decisions/0012-database-roles.md.
import { quoteIdent, withPgClient } from "./pg-client";

/** The role `npm run dev` / `npm start` and the test stacks create for the embedded PostgreSQL. */
export const EMBEDDED_APP_ROLE = "shouwen_app";

/** Tables the app may only read and append to. */
export const APPEND_ONLY_TABLES = ["AuditLog", "QuestionEvent"] as const;



export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** `url` with another user and password (same server and database). */
export function urlWithCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates the app role from `appUrl`'s user and password when it does not exist (the owner needs
 * CREATEROLE, as the embedded superuser and compose's POSTGRES_USER have). With `resetPassword` an
 * existing role gets `appUrl`'s password (the embedded server, whose secrets we generate).
 */
export async function ensureAppRole(ownerUrl: string, appUrl: string, options: { resetPassword?: boolean } = {}): Promise<void> {
  const role = roleOf(appUrl);
  const password = decodeURIComponent(new URL(appUrl).password);
  await withPgClient(ownerUrl, async (c) => {
    const exists = (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount! > 0;
    // CREATE/ALTER ROLE take no bind parameters: the password goes in as an escaped literal.
    const literal = (await c.query<{ l: string }>("SELECT quote_literal($1) AS l", [password])).rows[0]!.l;
    if (!exists) {
      await c.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`).catch((err: unknown) => {
        // Several instances starting at once: another one created it first.
        if ((err as { code?: string }).code !== "42710") throw err;
      });
    } else if (options.resetPassword) {
      await c.query(`ALTER ROLE ${quoteIdent(role)} LOGIN PASSWORD ${literal}`);
    }
  });
}

/**
 * What the app role may do in `ownerUrl`'s database, granted after every migration run (new tables
 * included): read and write rows, never UPDATE, DELETE or TRUNCATE the audit trails, read-only on the
 * migration ledger, use the sequences. Idempotent.
 */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const r = quoteIdent(role);
  const trails = APPEND_ONLY_TABLES.map(quoteIdent).join(", ");
  await withPgClient(ownerUrl, async (c) => {
    await c.query("BEGIN");
    try {
      await c.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
      await c.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`);
      await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
      await c.query(`REVOKE UPDATE, DELETE ON ${trails} FROM ${r}`);
      await c.query(`REVOKE INSERT, UPDATE, DELETE ON "_shouwen_migrations" FROM ${r}`);
      await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK");
      throw err;
    }
  });
}

export interface RoleReport {
  role: string;
  superuser: boolean;
  /** Owns (directly or through membership) a table of the schema: can ALTER it and drop its triggers. */
  ownsTables: boolean;
  /** May UPDATE, DELETE or TRUNCATE an audit trail. */
  canRewriteTrail: boolean;
}

/** How privileged the role behind `url` is in its database (for the start-up warning). */
export async function describeRole(url: string): Promise<RoleReport> {
  return withPgClient(url, async (c) => {
    const { rows } = await c.query<RoleReport>(
      `SELECT current_user AS role,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'USAGE')) AS "ownsTables",
              EXISTS (SELECT 1 FROM unnest($1::text[]) t(name)
                      WHERE to_regclass(format('public.%I', t.name)) IS NOT NULL
                        AND has_table_privilege(format('public.%I', t.name), 'UPDATE, DELETE, TRUNCATE')) AS "canRewriteTrail"`,
      [[...APPEND_ONLY_TABLES]],
    );
    return rows[0]!;
  });
}

export function isPrivileged(r: RoleReport): boolean {
  return r.superuser || r.ownsTables || r.canRewriteTrail;
}
