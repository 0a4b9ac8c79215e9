// A throwaway namespace for evaluations: its own database (migrated) on the same PostgreSQL server
// and its own Meilisearch index prefix. Removed afterwards, so nothing of the portal is touched.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import type { MeiliConfig } from "../../lib/search/client";
import { deleteIndex, sectionsIndexUid } from "../../lib/search/meili-index";

export interface Namespace {
  db: Db;
  databaseUrl: string;
  prefix: string;
  meili: MeiliConfig;
  drop(): Promise<void>;
}

export async function createNamespace(databaseUrl: string, meiliConfig: MeiliConfig): Promise<Namespace> {
  const suffix = randomBytes(4).toString("hex");
  const name = `shouwen_eval_${suffix}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDb(url.toString(), 4);
  const prefix = `eval_${suffix}`;
  return {
    db,
    databaseUrl: url.toString(),
    prefix,
    meili: meiliConfig,
    async drop() {
      await db.$disconnect();
      await deleteIndex(sectionsIndexUid(prefix), meiliConfig).catch(() => undefined);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
