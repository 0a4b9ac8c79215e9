// (No "server-only" here or in registered rollups: the worker, plain Node, loads them — docs/decisions/0006.)
// Dashboards over a million search events cannot scan raw rows per request. Each dashboard's rollup turns
// raw rows into small tables; the worker refreshes them (scripts/worker.ts), tests call refreshRollups
// directly. How a refresh works (lock, watermark, slack, transaction) is in ./runner.ts.
import type { Db } from "../../db/client";
import { managementRollup } from "../management/rollup";
import { ownerFactsRollup } from "../owners/facts-rollup";
import { policyRollup } from "../policies/rollup";
import type { Rollup } from "./runner";

/** Registered rollups, in refresh order. Dashboard modules add theirs here. */
export const ROLLUPS: Rollup[] = [policyRollup, managementRollup, ownerFactsRollup];

export async function refreshRollups(db: Db, now: Date): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of ROLLUPS) out[r.name] = (await r.refresh(db, now)).days;
  return out;
}
