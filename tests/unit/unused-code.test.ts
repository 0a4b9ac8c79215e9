// No dead code: knip (knip.json) reports unused files, dependencies and exports; any finding fails
// the run, so a removed caller takes its helper with it instead of leaving it to rot.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("unused code", () => {
  it("knip finds no unused file, dependency or export", { timeout: 180_000 }, () => {
    const pkg = createRequire(import.meta.url).resolve("knip/package.json");
    const bin = path.join(path.dirname(pkg), "bin", "knip.js");
    const run = spawnSync(process.execPath, [bin, "--no-progress", "--no-config-hints"], { encoding: "utf8", cwd: process.cwd(), timeout: 170_000 });
    expect(run.error).toBeUndefined();
    expect(`${run.stdout}${run.stderr}`.trim(), "knip's report").toBe("");
    expect(run.status).toBe(0);
  });
});
