// The "answer already existed" rate (答案本已存在): among the questions resolved in a period, the share
// the first-contact owner classified as EXISTING_POLICY (an existing clause answered it). POLICY_UNCLEAR
// (a clause exists but did not make the answer clear) and NO_POLICY (无制度) are shown beside it.
// A question counts once, in the Asia/Shanghai period of its current resolvedAt (a reopened question
// that has not been resolved again has none), for the asker's department and the question's 条线.
import { ratio } from "./management-split";
import type { StatSums } from "./management-stats";

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
