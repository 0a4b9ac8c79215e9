// The line CI reads at the end of `npm test`, and the rule that a full run fails on any skip.
import type { TierCounts } from "./closing-line-reporter";

export interface Verdict {
  /** `N passed, N failed, N skipped` */
  line: string;
  /** Printed before the line when skips turned into failures. */
  note?: string;
  exitCode: 0 | 1;
}

/**
 * A filtered run may skip (a file filter can leave a describe.skipIf without its service); a full
 * run may not: every skipped test is counted as failed too, so the verdict cannot be a pass.
 */
export function closingVerdict(total: TierCounts, fullRun: boolean): Verdict {
  let failed = total.failed;
  let note: string | undefined;
  if (fullRun && total.skipped > 0) {
    failed += total.skipped;
    note = `A full run must not skip: ${total.skipped} skipped test(s) count as failed (see the tier output above).`;
  }
  return { line: `${total.passed} passed, ${failed} failed, ${total.skipped} skipped`, note, exitCode: failed > 0 ? 1 : 0 };
}
