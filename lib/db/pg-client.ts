// One short-lived pg connection for work outside the Prisma pool (migrations, roles, backups, catalog
// checks): connect, run, always close.
import pg from "pg";

export async function withPgClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL identifier, double-quoted with embedded quotes doubled. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
