import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { serverEnv } from "../env";
import { isDatabaseDownError, noteDatabaseDown, noteDatabaseUp } from "./availability";
import { PrismaClient } from "./generated/client";
import { retryTransient } from "./transient";

export type Db = InstanceType<typeof PrismaClient>;
/** A client or an interactive transaction: what domain verbs receive as ctx.db. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// On the client itself, not in a module-level map: Next's dev reloads re-create modules but keep db().
const POOL = Symbol.for("shouwen.pgPool");

export interface DbOptions {
  /**
   * A query without an answer for this long fails as "database unavailable" (503 + Retry-After), and
   * so does waiting this long for a pool connection. Without it a stalled PostgreSQL (paused, a
   * network path that drops packets) keeps requests hanging until the client gives up. The server
   * cancels the statement a second earlier, so a merely slow query ends there, cleanly.
   */
  queryTimeoutMs?: number;
}

export function createDb(connectionString: string, max = 10, options: DbOptions = {}): Db {
  // Our own pool under Prisma's adapter, so the few statements on every request's path can use it
  // directly (poolOf); $disconnect still ends it.
  const timeout = options.queryTimeoutMs;
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: timeout ?? 5_000,
    ...(timeout ? { query_timeout: timeout + 1_000, statement_timeout: timeout } : {}),
  });
  watchAvailability(pool);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, POOL, { value: pool });
  retryTransactions(client);
  return client;
}

/**
 * Every interactive transaction (`$transaction(async (tx) => …)`) runs again, whole, when PostgreSQL
 * ends it with a deadlock, serialization failure or lock timeout (lib/db/transient.ts, ADR 0023), so no
 * verb has to remember to. The batch form (`$transaction([...])`) is passed through: its statements are
 * promises made once, not safely made again here; the writes that use it are single-key upserts.
 */
function retryTransactions(client: Db): void {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const retrying = (arg: unknown, options?: unknown) => (typeof arg === "function" ? retryTransient(() => transaction(arg, options)) : transaction(arg, options));
  Object.defineProperty(client, "$transaction", { value: retrying as Db["$transaction"] });
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;
type QueryCallback = (err: Error | null, result: unknown) => void;

const WATCHED = Symbol("shouwen.watched");
const STALLED = Symbol("shouwen.stalled");
type WatchedClient = pg.PoolClient & { [WATCHED]?: true; [STALLED]?: boolean };

const note = (err: unknown) => {
  if (!err) noteDatabaseUp();
  else if (isDatabaseDownError(err)) noteDatabaseDown();
};

/**
 * Every query tells lib/db/availability whether PostgreSQL answers. A query that timed out leaves
 * its connection in an unknown state (the late answer may still arrive), so that connection is
 * destroyed when it goes back to the pool instead of being handed to the next request.
 */
function watchClient(client: WatchedClient): void {
  const release = client.release;
  client.release = ((err?: Error | boolean) => release(err || (client[STALLED] ? new Error("query timed out: connection discarded") : undefined))) as typeof client.release;
  if (client[WATCHED]) return;
  client[WATCHED] = true;
  const failed = (err: unknown) => {
    note(err);
    if (isDatabaseDownError(err)) client[STALLED] = true;
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = ((err, result) => {
        if (err) failed(err);
        else noteDatabaseUp();
        (last as QueryCallback)(err, result);
      }) satisfies QueryCallback;
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) {
      return result.then(
        (r: unknown) => (noteDatabaseUp(), r),
        (err: unknown) => {
          failed(err);
          throw err;
        },
      );
    }
    return result;
  }) as typeof client.query;
}

/** Checkouts that fail and queries that fail or succeed tell lib/db/availability whether PostgreSQL answers. */
function watchAvailability(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | void;
  // A successful checkout proves nothing (an idle connection is handed out without asking the
  // server), so only failures are noted here; a query's answer notes the database up.
  pool.connect = ((cb?: ConnectCallback) => {
    if (cb) {
      return connect((err, client, done) => {
        if (err) note(err);
        if (client) watchClient(client);
        cb(err, client, client ? (release) => client.release(release as Error | boolean | undefined) : done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).then(
      (client) => (watchClient(client), client),
      (err: unknown) => {
        note(err);
        throw err;
      },
    );
  }) as typeof pool.connect;
  // An idle connection dropped by the server (PostgreSQL stopping or restarting).
  pool.on("error", note);
}

/**
 * The pg pool under a client made by createDb. Only for statements that run on every request
 * (the session check): a named prepared statement through pg costs about a fifth of the CPU of the
 * same query through Prisma (scripts/lab/search-parts.ts). Everything else goes through Prisma.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as unknown as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("poolOf: this client was not made by createDb");
  return pool;
}

const globalForDb = globalThis as unknown as { shouwenDb?: Db };

/** The process-wide client (one pool per process; survives Next's dev reloads). */
export function db(): Db {
  if (!globalForDb.shouwenDb) {
    const env = serverEnv();
    globalForDb.shouwenDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE, { queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS });
  }
  return globalForDb.shouwenDb;
}
