// PostgreSQL and Meilisearch for one test tier, in a throwaway directory on free ports.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMBEDDED_APP_ROLE, urlWithCredentials } from "../../lib/db/app-role";
import { startMeilisearch } from "../../lib/embedded/meilisearch";
import { findFreePort } from "../../lib/embedded/ports";
import { startPostgres } from "../../lib/embedded/postgres";

export interface TestStack {
  dir: string;
  /** The `postgres` maintenance database: for CREATE / DROP DATABASE. */
  adminUrl: string;
  /** The owner's (superuser's) URL for another database on the same server: migrations, test setup. */
  urlFor(database: string): string;
  /** The portal's restricted role (lib/db/app-role.ts) on that database: what the app connects as. */
  appUrlFor(database: string): string;
  appRole: string;
  meiliHost: string;
  meiliKey: string;
  stop(): Promise<void>;
}

export async function startTestStack(label: string): Promise<TestStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `shouwen-${label}-`));
  // mkdtemp makes 0700 directories; the `postgres` user must traverse this one.
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const password = randomBytes(12).toString("base64url");
    const pg = await startPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), password, database: "postgres" });
    stops.push(pg.stop);
    const meiliKey = randomBytes(24).toString("base64url");
    const meili = await startMeilisearch({ dataDir: path.join(dir, "meili"), port: await findFreePort(), masterKey: meiliKey });
    stops.push(meili.stop);
    const base = pg.url.slice(0, pg.url.lastIndexOf("/"));
    const urlFor = (db: string) => `${base}/${db}`;
    const appPassword = randomBytes(12).toString("base64url");
    const appUrlFor = (db: string) => urlWithCredentials(urlFor(db), EMBEDDED_APP_ROLE, appPassword);
    return { dir, adminUrl: pg.url, urlFor, appUrlFor, appRole: EMBEDDED_APP_ROLE, meiliHost: meili.host, meiliKey, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
