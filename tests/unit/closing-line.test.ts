import { describe, expect, it } from "vitest";
import { closingVerdict } from "../setup/closing-line";

describe("the closing line CI reads", () => {
  it("reports passed, failed and skipped, and passes a clean full run", () => {
    expect(closingVerdict({ passed: 12, failed: 0, skipped: 0 }, true)).toEqual({ line: "12 passed, 0 failed, 0 skipped", note: undefined, exitCode: 0 });
  });

  it("fails a full run with a skipped test, counting the skip as a failure", () => {
    const v = closingVerdict({ passed: 12, failed: 0, skipped: 2 }, true);
    expect(v.line).toBe("12 passed, 2 failed, 2 skipped");
    expect(v.exitCode).toBe(1);
    expect(v.note).toMatch(/must not skip/);
  });

  it("lets a filtered run report a skip without failing", () => {
    expect(closingVerdict({ passed: 3, failed: 0, skipped: 1 }, false)).toMatchObject({ line: "3 passed, 0 failed, 1 skipped", exitCode: 0 });
  });

  it("fails on any failed test", () => {
    expect(closingVerdict({ passed: 3, failed: 1, skipped: 0 }, false).exitCode).toBe(1);
  });
});
