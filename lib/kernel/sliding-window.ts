// The sliding-window limit both throttles use (sign-in failures, question/complaint floods): at most
// `limit` events within `windowMs`; a block lifts when the oldest counted event leaves the window.
// Pure: the callers count the rows (under their own lock) and pass the times in.

/** Whole seconds (at least 1) until fewer than `limit` of `times` (any order) lie in the window; 0 if that holds now. */
export function slidingWindowRetrySeconds(times: readonly Date[], limit: number, windowMs: number, now: Date): number {
  if (times.length < limit) return 0;
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const oldestCounted = sorted[sorted.length - limit]!;
  return Math.max(1, Math.ceil((oldestCounted + windowMs - now.getTime()) / 1000));
}
