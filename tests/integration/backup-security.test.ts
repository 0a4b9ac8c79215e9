// Backups hold password hashes, session ids and webhook keys: owner-only modes (issue 15.10). A
// restore run with an environment's settings must not rebuild that environment's live search index.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { backupDatabase } from "@/lib/ops/backup";
import { sectionsIndexUid } from "@/lib/search/meili-index";
import { syncIndex } from "@/lib/search/sync-index";
import { useTempDir } from "../helpers/temp-dir";
import { createEmptyDatabase, useTestDb } from "../helpers/test-db";

const t = useTestDb();
const cleanups: (() => Promise<void> | void)[] = [];
const tmp = useTempDir("shouwen-backup-modes-");
let previousUmask: number;

beforeAll(() => {
  // The usual umask: files a process creates without a mode come out 0644.
  previousUmask = process.umask(0o022);
});
afterAll(async () => {
  process.umask(previousUmask);
  for (const c of cleanups.reverse()) await c();
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe("backup file modes", () => {
  it("writes a new backup as a 0700 folder of 0600 files", async () => {
    const dir = path.join(tmp.path, "nested", "new-backup");
    const manifest = await backupDatabase(t.url, dir);
    expect(manifest.tables.length).toBeGreaterThan(5);
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toContain("manifest.json");
    expect(files).toContain("User.bin.gz");
    for (const f of files) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
  });

  it("narrows an existing folder and files that were readable by others", async () => {
    const dir = path.join(tmp.path, "existing");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, "manifest.json"), "{}", { mode: 0o644 });
    writeFileSync(path.join(dir, "User.bin.gz"), "", { mode: 0o666 });
    chmodSync(path.join(dir, "User.bin.gz"), 0o666);
    await backupDatabase(t.url, dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
  });
});

describe("npm run restore and the live search index", () => {
  let backupDir: string;
  const liveUid = () => sectionsIndexUid(t.indexPrefix);
  const indexInfo = async (uid: string) => {
    const res = await fetch(`${t.meili.host}/indexes/${uid}/stats`, { headers: { authorization: `Bearer ${t.meili.apiKey}` } });
    const created = await fetch(`${t.meili.host}/indexes/${uid}`, { headers: { authorization: `Bearer ${t.meili.apiKey}` } });
    if (!res.ok || !created.ok) return null;
    return { documents: ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments, createdAt: ((await created.json()) as { createdAt: string }).createdAt };
  };
  /** `npm run restore` with this environment's settings (MEILI_INDEX_PREFIX = the live index). */
  const restore = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/restore.ts", backupDir, ...args], { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.on("exit", (code) => resolve({ code, out }));
    });
  const tableCount = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return Number((await c.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    const report = await importPolicies(t.db, path.resolve("tests/fixtures/corpus/docs"));
    expect(report.failed).toEqual([]);
    backupDir = path.join(tmp.path, "for-restore");
    await backupDatabase(t.url, backupDir);
    // The live index serves the live database; it is what a careless restore would replace.
    await syncIndex(t.db, { prefix: t.indexPrefix, config: t.meili });
  }, 120_000);

  it("refuses without --index-prefix and with the live prefix, before touching any database or index", { timeout: 120_000 }, async () => {
    const live = await indexInfo(liveUid());
    expect(live?.documents).toBeGreaterThan(0);
    const target = await createEmptyDatabase();
    cleanups.push(() => target.drop());

    const missing = await restore(["--database-url", target.url]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("--index-prefix is required");
    expect(missing.out).toContain(`"${t.indexPrefix}"`);

    const same = await restore(["--database-url", target.url, "--index-prefix", t.indexPrefix]);
    expect(same.code).toBe(1);
    expect(same.out).toContain("live index");

    expect(await tableCount(target.url)).toBe(0); // nothing restored
    expect(await indexInfo(liveUid())).toEqual(live); // same index (createdAt), same documents
  });

  it("restores and rebuilds under an explicit other prefix, leaving the live index alone", { timeout: 180_000 }, async () => {
    const live = await indexInfo(liveUid());
    const target = await createEmptyDatabase();
    cleanups.push(() => target.drop());
    const prefix = `${t.indexPrefix}_restored`;
    const done = await restore(["--database-url", target.url, "--index-prefix", prefix]);
    expect(done.out).toContain(`search index "${prefix}" rebuilt`);
    expect(done.code).toBe(0);
    expect((await indexInfo(sectionsIndexUid(prefix)))?.documents).toBe(live?.documents);
    expect(await indexInfo(liveUid())).toEqual(live);
    await fetch(`${t.meili.host}/indexes/${sectionsIndexUid(prefix)}`, { method: "DELETE", headers: { authorization: `Bearer ${t.meili.apiKey}` } });
  });
});
