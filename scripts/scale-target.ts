// The database seed:scale writes and bench:insights reads: `shouwen_scale` next to the portal's own
// database (on the embedded PostgreSQL, started if it is not running), or an explicit --database-url.
import { startStack } from "../lib/embedded/local-stack";

export const SCALE_DATABASE = "shouwen_scale";

export async function scaleDatabaseUrl(explicit?: string): Promise<{ url: string; adminUrl: string; database: string; stop: () => Promise<void> }> {
  const stack = explicit ? null : await startStack({ reuseRunning: true, log: () => undefined });
  const base = new URL(explicit ?? stack!.ownerUrl);
  const database = explicit ? decodeURIComponent(base.pathname.slice(1)) : SCALE_DATABASE;
  // seed:scale drops and recreates this database: refuse anything not named as a scale copy.
  if (!/scale/i.test(database)) throw new Error(`--database-url must name a database containing "scale" (it is dropped and recreated), got "${database}"`);
  const url = new URL(base);
  url.pathname = `/${database}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  return { url: url.toString(), adminUrl: adminUrl.toString(), database, stop: async () => void (await stack?.stop()) };
}
