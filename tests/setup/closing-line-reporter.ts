// Counts tests the way CI reads them: a closing line `N passed, N failed, N skipped`. A skipped or
// todo test is counted as skipped (scripts/test.ts fails a full run that has any); a test file that could not load, or an error outside any test, counts as a failure.
import { writeFileSync } from "node:fs";
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from "vitest/node";

export interface TierCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countTests(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): TierCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const mod of testModules) {
    let failedHere = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") passed++;
      else if (state === "failed") failedHere++;
      else skipped++;
    }
    // A file that failed to import or whose hooks threw has no failed test of its own to show for it.
    if (failedHere === 0 && (mod.state() === "failed" || mod.errors().length > 0)) failedHere = 1;
    failed += failedHere;
  }
  failed += unhandledErrors.length;
  if (reason !== "passed" && failed === 0) failed = 1;
  return { passed, failed, skipped };
}

/** With SHOUWEN_TEST_COUNTS_FILE set (scripts/test.ts), writes the counts there instead of printing. */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const counts = countTests(testModules, unhandledErrors, reason);
    const file = process.env.SHOUWEN_TEST_COUNTS_FILE;
    if (file) writeFileSync(file, JSON.stringify(counts));
    else process.stdout.write(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
