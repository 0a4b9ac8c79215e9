// Whether this process can currently reach PostgreSQL, as its connection pool last saw it. Kept on
// globalThis: the portal's route bundles (which connect) and scripts/serve.ts (which turns a page's
// 500 into a 503 while the database is away) load separate copies of this module.
const KEY = Symbol.for("shouwen.databaseAvailability");

interface Availability {
  down: boolean;
}

function state(): Availability {
  const g = globalThis as unknown as { [KEY]?: Availability };
  return (g[KEY] ??= { down: false });
}

// Prisma's codes for "no usable connection": can't reach, timed out, closed by the server, pool exhausted.
const DATABASE_DOWN_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/**
 * PostgreSQL unreachable, restarting or shutting down (npm run test:drills stops it under load), or
 * stalled: no answer within the query timeout, no pool connection within the acquisition timeout, or
 * a statement cancelled by statement_timeout (lib/db/client.ts sets all three).
 */
export function isDatabaseDownError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && DATABASE_DOWN_CODES.has(code)) return true;
  const text = String((err as Error | null)?.message ?? err);
  // An interactive transaction that outlived its timeout, or found no connection within maxWait: with
  // a stalled server these come before the query timeout.
  if (code === "P2028" && /expired transaction|timeout for this transaction|unable to start a transaction in the given time/i.test(text)) return true;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|terminating connection|Can't reach database server|Server has closed the connection|not queryable|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|timeout exceeded when trying to connect|Query read timeout|canceling statement due to statement timeout|57P0[1-3]/i.test(text);
}

export function noteDatabaseDown(): void {
  state().down = true;
}

export function noteDatabaseUp(): void {
  state().down = false;
}

/** True from a failed connection until the next successful one. */
export function isDatabaseMarkedDown(): boolean {
  return state().down;
}
