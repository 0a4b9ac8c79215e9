// Brings up what the portal needs: PostgreSQL and Meilisearch (embedded unless configured),
// migrations, demo data. Used by `npm run dev`, `npm start`, `npm run services` and the CLIs.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import { dataDir, launcherEnv } from "../env";
import pg from "pg";
import { EMBEDDED_APP_ROLE, urlWithCredentials } from "../db/app-role";
import { prepareDatabase } from "../db/prepare-database";
import { pingSearch } from "../search/client";
import { superviseMeilisearch } from "./supervise-meilisearch";
import { startPostgres, type LocalPostgres } from "./postgres";

interface Secrets {
  postgresPassword: string;
  /** The portal's restricted role (shouwen_app); added to older secrets files on their next start. */
  appPassword: string;
  meiliMasterKey: string;
  nextauthSecret: string;
}

/** Generated once per checkout and kept in .data/secrets.json (git-ignored, mode 0600). */
export function localSecrets(dir = dataDir()): Secrets {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
    if (saved.appPassword) return saved as Secrets;
    const upgraded = { ...saved, appPassword: randomBytes(18).toString("base64url") } as Secrets;
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(dir, { recursive: true });
  const secrets: Secrets = {
    postgresPassword: randomBytes(18).toString("base64url"),
    appPassword: randomBytes(18).toString("base64url"),
    meiliMasterKey: randomBytes(24).toString("base64url"),
    nextauthSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(dir, 0o755);
  return secrets;
}

export interface Stack {
  /** What the portal and worker get: DATABASE_URL is the restricted app role. */
  env: Record<string, string>;
  /** The schema owner's URL (migrations, backup/restore, scale data, throwaway databases); never given to the portal. */
  ownerUrl: string;
  stop(): Promise<void>;
  /** Something else to stop (first) when the stack stops. */
  onStop(stop: () => Promise<void>): void;
  /** Work that must finish before the embedded PostgreSQL stops, also when its own exit hook stops it. */
  beforeDatabaseStops(wait: () => Promise<void>): void;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * @param options.reuseRunning for CLIs (content import, eval): when `npm run dev` already runs the
 *   embedded servers of this checkout, use them instead of failing on the taken ports.
 */
export async function startStack(options: { log?: (m: string) => void; reuseRunning?: boolean } = {}): Promise<Stack> {
  const log = options.log ?? ((m: string) => console.log(`[shouwen] ${m}`));
  const env = launcherEnv();
  const dir = dataDir();
  const stops: (() => Promise<void>)[] = [];
  let postgres: LocalPostgres | undefined;
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const needsLocal = !env.DATABASE_URL || !env.MEILI_HOST || !env.NEXTAUTH_SECRET;
    const secrets = needsLocal ? localSecrets(dir) : undefined;
    let databaseUrl = env.DATABASE_URL;
    const localPgUrl = `postgresql://postgres:${encodeURIComponent(secrets?.postgresPassword ?? "")}@127.0.0.1:${env.SHOUWEN_PG_PORT}/shouwen`;
    if (!databaseUrl && options.reuseRunning && (await canConnect(localPgUrl))) {
      databaseUrl = localPgUrl;
      log(`using the running embedded PostgreSQL on 127.0.0.1:${env.SHOUWEN_PG_PORT}`);
    }
    if (!databaseUrl) {
      postgres = await startPostgres({ dataDir: path.join(dir, "postgres"), port: env.SHOUWEN_PG_PORT, password: secrets!.postgresPassword });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
      log(`PostgreSQL (embedded) on 127.0.0.1:${postgres.port}, data in ${path.join(dir, "postgres")}`);
    } else log("using PostgreSQL from DATABASE_URL");
    let meiliHost = env.MEILI_HOST;
    let meiliKey = env.MEILI_MASTER_KEY;
    if (!meiliHost && options.reuseRunning && secrets && (await pingSearch({ host: `http://127.0.0.1:${env.SHOUWEN_MEILI_PORT}`, apiKey: secrets.meiliMasterKey }).catch(() => false))) {
      meiliHost = `http://127.0.0.1:${env.SHOUWEN_MEILI_PORT}`;
      meiliKey = secrets.meiliMasterKey;
      log(`using the running embedded Meilisearch on ${meiliHost}`);
    }
    if (!meiliHost) {
      // Supervised: a Meilisearch that dies is started again (with back-off), not left dead.
      const meili = await superviseMeilisearch({ dataDir: path.join(dir, "meilisearch"), port: env.SHOUWEN_MEILI_PORT, masterKey: secrets!.meiliMasterKey }, log);
      stops.push(meili.stop);
      meiliHost = meili.host;
      meiliKey = meili.masterKey;
      log(`Meilisearch (embedded) on ${meili.host} (pid ${meili.current()?.process.pid})`);
    } else log("using Meilisearch from MEILI_HOST");
    const { ownerUrl, appUrl } = await prepareDatabase({
      ownerUrl: env.DATABASE_OWNER_URL ?? databaseUrl,
      appUrl: env.DATABASE_URL
        ? env.DATABASE_URL
        : urlWithCredentials(databaseUrl, EMBEDDED_APP_ROLE, secrets!.appPassword),
      embedded: !env.DATABASE_URL,
      log,
    });
    return {
      ownerUrl,
      env: {
        DATABASE_URL: appUrl,
        MEILI_HOST: meiliHost,
        MEILI_MASTER_KEY: meiliKey!,
        MEILI_INDEX_PREFIX: env.MEILI_INDEX_PREFIX,
        NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets!.nextauthSecret,
        NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://${env.HOSTNAME === "0.0.0.0" ? "127.0.0.1" : env.HOSTNAME}:${env.PORT}`,
      },
      stop,
      onStop: (extra) => void stops.push(extra),
      // With an external PostgreSQL there is nothing of ours to hold back.
      beforeDatabaseStops: (wait) => postgres?.stopAfter(wait),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

