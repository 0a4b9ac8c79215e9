import { log } from "../log";
import { pingSearch, type MeiliConfig } from "./client";

// 750 ms + a 250 ms ping: a killed Meilisearch is flagged (degraded mode) within 1 s (issue 7 drill 1).
const FRESH_MS = 750;
const PING_TIMEOUT_MS = 250;
const states = new Map<string, { up: boolean; at: number; pending?: Promise<boolean> }>();

/**
 * Whether Meilisearch answers, as of at most 750 ms ago. A stale answer is refreshed with a
 * ping bounded to 250 ms (about 1 ms when it is up, immediate on a refused connection).
 */
export async function isMeiliUp(config: MeiliConfig | undefined, now = Date.now()): Promise<boolean> {
  const key = config?.host ?? "default";
  const state = states.get(key);
  if (state && now - state.at < FRESH_MS) return state.up;
  if (state?.pending) return state.pending;
  const pending = Promise.race([
    pingSearch(config).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
  ]).then((up) => {
    noteChange(key, state?.up, up);
    states.set(key, { up, at: Date.now() });
    return up;
  });
  states.set(key, { up: state?.up ?? true, at: state?.at ?? 0, pending });
  return pending;
}

/** A failed Meilisearch call marks it down at once (no need to wait for the next ping). */
export function markMeiliDown(config: MeiliConfig | undefined, err?: unknown): void {
  const key = config?.host ?? "default";
  noteChange(key, states.get(key)?.up, false, err);
  states.set(key, { up: false, at: Date.now() });
}

/** One log line per change of state (not per search while it stays down). */
function noteChange(key: string, before: boolean | undefined, up: boolean, err?: unknown): void {
  if (before === up || (before === undefined && up)) return;
  if (up) log.info("search engine answers again", { host: key });
  else log.warn("search engine unavailable: searching in degraded mode", { host: key, ...(err ? { err: String(err) } : {}) });
}
