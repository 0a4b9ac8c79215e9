// (No "server-only" here or in registered rollups: the worker, plain Node, loads them — docs/decisions/0006.)
// Dashboards over a million search events cannot scan raw rows per request. Each rollup here turns raw
// rows into small daily tables; the worker refreshes them (scripts/worker.ts), tests call
// refreshRollups directly. A refresh recomputes whole days from a watermark, so it is idempotent and a
// killed worker just recomputes the same days next time.
import type { Db } from "../../db/client";
import { managementRollup } from "../management/rollup";
import { ownerFactsRollup } from "../owners/facts-rollup";
import { policyRollup } from "../policies/rollup";

export interface Rollup {
  name: string;
  /** Recomputes every day touched since the last refresh (and `now`'s day). Must be idempotent. */
  refresh(db: Db, now: Date): Promise<{ days: number }>;
}

/** Registered rollups, in refresh order. Dashboard modules add theirs here. */
export const ROLLUPS: Rollup[] = [policyRollup, managementRollup, ownerFactsRollup];

export async function refreshRollups(db: Db, now: Date): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of ROLLUPS) out[r.name] = (await r.refresh(db, now)).days;
  return out;
}
