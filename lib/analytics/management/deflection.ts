// Self-service and deflection (自助解决) from the MgmtStat sums. Definitions: docs/metrics.md.
import { ratio } from "./split";
import type { StatSums } from "./stats";

export interface DeflectionCounts {
  confirmed: number;
  potential: number;
  filed: number;
  /** confirmed + potential + filed */
  concluded: number;
  selfService: number | null;
  strictSelfService: number | null;
}

export function deflectionCounts(confirmed: number, potential: number, filed: number): DeflectionCounts {
  const concluded = confirmed + potential + filed;
  return { confirmed, potential, filed, concluded, selfService: ratio(confirmed + potential, concluded), strictSelfService: ratio(confirmed, concluded) };
}

export const deflectionFrom = (s: StatSums): DeflectionCounts => deflectionCounts(s.confirmed, s.potential, s.sessionsFiled);
