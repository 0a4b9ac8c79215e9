import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { serverEnv } from "../env";
import { isDatabaseDownError, noteDatabaseDown, noteDatabaseUp } from "./availability";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;
/** A client or an interactive transaction: what domain verbs receive as ctx.db. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// On the client itself, not in a module-level map: Next's dev reloads re-create modules but keep db().
const POOL = Symbol.for("shouwen.pgPool");

export function createDb(connectionString: string, max = 10): Db {
  // Our own pool under Prisma's adapter, so the few statements on every request's path can use it
  // directly (poolOf); $disconnect still ends it.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
  watchAvailability(pool);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/** Every checkout from the pool tells lib/db/availability whether PostgreSQL answers. */
function watchAvailability(pool: pg.Pool): void {
  const note = (err: unknown) => {
    if (!err) noteDatabaseUp();
    else if (isDatabaseDownError(err)) noteDatabaseDown();
  };
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | void;
  pool.connect = ((cb?: ConnectCallback) => {
    if (cb) return connect((err, client, done) => (note(err), cb(err, client, done)));
    return (connect() as Promise<pg.PoolClient>).then(
      (client) => (note(undefined), client),
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
    globalForDb.shouwenDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForDb.shouwenDb;
}
