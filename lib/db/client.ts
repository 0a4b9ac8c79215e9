import { PrismaPg } from "@prisma/adapter-pg";
import { serverEnv } from "../env";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;
/** A client or an interactive transaction: what domain verbs receive as ctx.db. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(connectionString: string, max = 10): Db {
  const adapter = new PrismaPg({ connectionString, max, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
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
