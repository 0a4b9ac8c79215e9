// A fresh database per test FILE, copied from the migrated template (CREATE DATABASE … TEMPLATE),
// plus the environment lib/env expects (its own Meilisearch index prefix, so files never share
// an index). Call useTestDb() at the top of an integration test file.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";

export interface TestDb {
  /** Prisma client on this file's database as the restricted app role (also what db() returns in this file). */
  readonly db: Db;
  /** This file's database as the app role (what the portal connects as). */
  readonly url: string;
  /** This file's database as its owner: migrations, backups, the privilege tests. */
  readonly ownerUrl: string;
  readonly name: string;
  readonly indexPrefix: string;
  readonly meili: { host: string; apiKey: string };
}

const globalForDb = globalThis as unknown as { shouwenDb?: Db };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlFor(database: string, as: "owner" | "app" = "owner"): string {
  const adminUrl = inject(as === "owner" ? "pgAdminUrl" : "pgAppUrl");
  return `${adminUrl.slice(0, adminUrl.lastIndexOf("/"))}/${database}`;
}

/** An empty database (no migrations), for tests of the migrations themselves. Caller drops it. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `e_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}

async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export function useTestDb(): TestDb {
  const state: Partial<{ db: Db; url: string; ownerUrl: string; name: string; indexPrefix: string }> = {};
  const saved: Record<string, string | undefined> = {};
  const meili = { host: "", apiKey: "" };

  beforeAll(async () => {
    const name = `t_${randomBytes(6).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplateDb")}"`));
    const url = urlFor(name, "app");
    meili.host = inject("meiliHost");
    meili.apiKey = inject("meiliKey");
    const env: Record<string, string> = {
      NODE_ENV: "test",
      DATABASE_URL: url,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: meili.apiKey,
      MEILI_INDEX_PREFIX: name,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    resetEnvForTests();
    const db = createDb(url, 4);
    globalForDb.shouwenDb = db;
    Object.assign(state, { db, url, ownerUrl: urlFor(name), name, indexPrefix: name });
  });

  afterAll(async () => {
    if (globalForDb.shouwenDb === state.db) delete globalForDb.shouwenDb;
    await state.db?.$disconnect();
    if (state.indexPrefix) await deleteIndexes(meili, state.indexPrefix).catch(() => undefined);
    if (state.name) await dropDatabase(state.name);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  });

  const get = <K extends keyof typeof state>(key: K): NonNullable<(typeof state)[K]> => {
    const value = state[key];
    if (value === undefined) throw new Error(`useTestDb().${key} is only available inside tests and hooks.`);
    return value as NonNullable<(typeof state)[K]>;
  };
  return {
    get db() {
      return get("db");
    },
    get url() {
      return get("url");
    },
    get ownerUrl() {
      return get("ownerUrl");
    },
    get name() {
      return get("name");
    },
    get indexPrefix() {
      return get("indexPrefix");
    },
    meili,
  };
}

async function deleteIndexes(meili: { host: string; apiKey: string }, prefix: string): Promise<void> {
  const headers = { authorization: `Bearer ${meili.apiKey}`, "accept-encoding": "identity" };
  const res = await fetch(`${meili.host}/indexes?limit=1000`, { headers });
  const body = (await res.json()) as { results: { uid: string }[] };
  for (const { uid } of body.results.filter((i) => i.uid.startsWith(prefix))) {
    await fetch(`${meili.host}/indexes/${uid}`, { method: "DELETE", headers });
  }
}
