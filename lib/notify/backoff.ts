/** After this many attempts a delivery is FAILED and waits for an administrator's 重试. */
export const MAX_ATTEMPTS = 6;

/** How long a claimed row stays invisible to other workers; a crashed worker's rows return after it. */
export const LEASE_MS = 5 * 60_000;

/** Delay before attempt n+1 after n failed attempts: 1, 2, 4, 8, 16 … minutes, at most 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}
