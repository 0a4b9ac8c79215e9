// Failures PostgreSQL itself calls worth repeating: the transaction was chosen as a deadlock's victim
// (40P01), failed a serialization check (40001) or waited too long for a lock (55P03). It was rolled
// back whole, so running the same transaction again is safe and normally succeeds: the write paths
// decide inside their transaction (ADR 0023), so a rerun decides again on what it reads then.
import { log } from "../log";
import { sqlStateOf } from "./sql-state";

const TRANSIENT = new Set(["40001", "40P01", "55P03"]);
// Prisma's code for "write conflict or deadlock" when no SQLSTATE comes with it.
const PRISMA_TRANSIENT = "P2034";

/** The SQLSTATE (or Prisma code) of a failure that is worth running the whole transaction again for, or null. */
export function transientStateOf(err: unknown): string | null {
  const state = sqlStateOf(err);
  if (state) return TRANSIENT.has(state) ? state : null;
  return (err as { code?: unknown } | null)?.code === PRISMA_TRANSIENT ? PRISMA_TRANSIENT : null;
}

export interface RetryPolicy {
  /** runs in all, the first included */
  attempts: number;
  /** the backoff before the second run; it doubles each time, capped at maxDelayMs, then jittered */
  baseDelayMs: number;
  maxDelayMs: number;
}

// Four runs within about half a second: a deadlock victim's rival commits in milliseconds, and a request
// should answer 503 (try again) quickly rather than hang.
export const TRANSACTION_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 25, maxDelayMs: 200 };

/** The pause before run `attempt + 1`: "equal jitter", between half and all of the capped exponential step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + (step / 2) * random();
}

/**
 * Runs `run`, and again after a jittered pause while it fails with a transient failure, at most
 * policy.attempts times; any other failure, and the last transient one, is thrown as it is.
 * `run` must have no effect outside the database transaction it runs (it is repeated whole).
 */
export async function retryTransient<T>(run: () => Promise<T>, policy: RetryPolicy = TRANSACTION_RETRY, sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const sqlState = transientStateOf(err);
      if (!sqlState || attempt >= policy.attempts) throw err;
      const ms = backoffMs(attempt, policy);
      log.warn("transaction failed transiently; running it again", { sqlState, attempt, backoffMs: Math.round(ms) });
      await sleep(ms);
    }
  }
}
