// No dead code: knip (knip.json) reports unused files, dependencies and exports; any finding fails
// the run, so a removed caller takes its helper with it instead of leaving it to rot.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("unused code", () => {
  it("knip finds no unused file, dependency or export", { timeout: 180_000 }, () => {
    // knip's package.json is not exported; its bin sits beside the installed package.
    const bin = path.join(process.cwd(), "node_modules", "knip", "bin", "knip.js");
    const run = spawnSync(process.execPath, [bin, "--no-progress", "--no-config-hints"], { encoding: "utf8", cwd: process.cwd(), timeout: 170_000 });
    expect(run.error).toBeUndefined();
    expect(`${run.stdout}${run.stderr}`.trim(), "knip's report").toBe("");
    expect(run.status).toBe(0);
  });
});
