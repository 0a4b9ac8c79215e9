import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../prisma/migrations");
// Any constant works; it only has to be the same for every instance of Shouwen.
const ADVISORY_LOCK_KEY = 724_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the committed SQL migrations that are not yet recorded, each in its own transaction,
 * under an advisory lock so that several instances starting at once apply each file once.
 * A recorded migration whose file changed afterwards is an error, not silently skipped.
 */
export async function migrate(databaseUrl: string, options: { dir?: string; log?: (m: string) => void } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    // Checked first: a role without CREATE on the schema (the app role, when it is the only URL given)
    // may still confirm that everything is applied.
    const hasLedger = (await client.query<{ t: string | null }>(`SELECT to_regclass('public."_shouwen_migrations"')::text AS t`)).rows[0]!.t !== null;
    if (!hasLedger) {
      await client.query(`CREATE TABLE IF NOT EXISTS "_shouwen_migrations" (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const done = new Map<string, string>(
      (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_shouwen_migrations"`)).rows.map((r) => [r.name, r.checksum]),
    );
    for (const m of listMigrations(options.dir)) {
      const recorded = done.get(m.name);
      if (recorded) {
        if (recorded !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead of editing it.`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_shouwen_migrations" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      applied.push(m.name);
      options.log?.(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
