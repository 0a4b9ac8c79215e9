// 答案本已存在, 制度不清 and 无制度 from the MgmtStat sums. Definitions: docs/metrics.md.
import { ratio } from "./split";
import type { StatSums } from "./stats";

export interface ExistedCounts {
  resolved: number;
  existing: number;
  unclear: number;
  noPolicy: number;
  /** existing / resolved */
  existingRate: number | null;
  /** unclear / resolved */
  unclearRate: number | null;
  /** noPolicy / resolved */
  noPolicyRate: number | null;
}

export function existedFrom(s: StatSums): ExistedCounts {
  const { resolved, resolvedExisting: existing, resolvedUnclear: unclear, resolvedNoPolicy: noPolicy } = s;
  return { resolved, existing, unclear, noPolicy, existingRate: ratio(existing, resolved), unclearRate: ratio(unclear, resolved), noPolicyRate: ratio(noPolicy, resolved) };
}
