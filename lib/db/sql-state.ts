// Which failures are the data's fault. A statement PostgreSQL refuses for a value it carries (class 22,
// data exception: a NUL in text, 22021; class 23, integrity constraint: a user that no longer exists,
// 23503) fails the same way on every retry; a lost connection does not. Batch writers retry the first
// row by row and set the bad row aside, and retry the second whole (lib/search/search-log-buffer.ts).

const SQLSTATE = /^[0-9A-Z]{5}$/;
// Prisma's own codes for refusals of the data (value too long, unique, foreign key, constraint, null).
const PRISMA_DATA_CODES = new Set(["P2000", "P2002", "P2003", "P2004", "P2011", "P2019", "P2020"]);

/**
 * The SQLSTATE of a failed statement, as pg reports it (`code`) or Prisma with the pg adapter wraps it
 * (`meta.driverAdapterError.cause.originalCode`, `cause.code`…), or null.
 */
export function sqlStateOf(err: unknown, depth = 0): string | null {
  if (!err || typeof err !== "object" || depth > 4) return null;
  const e = err as Record<string, unknown>;
  for (const key of ["originalCode", "sqlState", "code"]) {
    const v = e[key];
    if (typeof v === "string" && SQLSTATE.test(v) && !v.startsWith("P")) return v;
  }
  for (const key of ["cause", "meta", "driverAdapterError"]) {
    const found = sqlStateOf(e[key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** True when the statement failed for the data it carried, so repeating it can never succeed. */
export function isDataError(err: unknown): boolean {
  const state = sqlStateOf(err);
  if (state) return state.startsWith("22") || state.startsWith("23");
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && PRISMA_DATA_CODES.has(code);
}
