// Deflection and self-service (自助解决), from the rollup of concluded ask sessions. Definitions, exactly:
//   • a session counts on the Asia/Shanghai day it started (AskSession.startedAt), for the department of
//     the asker (User.departmentId) and the 条线 it is attributed to: FILED → the 条线 of the question it
//     became; CONFIRMED_DEFLECTION → the 条线 of the policy whose clause the asker confirmed;
//     POTENTIAL_DEFLECTION → the 条线 of the policy read longest in the session (ties: read first), else
//     of the top result of its last search, else none ("未归属条线");
//   • confirmed = outcome CONFIRMED_DEFLECTION ("这解决了我的问题"); potential = POTENTIAL_DEFLECTION
//     (searched or read, then left without filing); filed = FILED (became a question); sessions still
//     OPEN are not concluded and not counted;
//   • self-service ratio = (confirmed + potential) / (confirmed + potential + filed);
//   • strict self-service ratio = confirmed / (confirmed + potential + filed) — the same denominator,
//     crediting only what the asker confirmed, so strict ≤ self-service always.
import { ratio } from "./management-split";
import type { StatSums } from "./management-stats";

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
