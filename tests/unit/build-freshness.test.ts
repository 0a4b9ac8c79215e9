import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productionBuildState } from "../../scripts/lib/build-freshness";
import { tempDirForTest } from "../helpers/temp-dir";

function project(): string {
  const root = tempDirForTest("shouwen-build-");
  mkdirSync(path.join(root, "app", "ask"), { recursive: true });
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, "app", "ask", "page.tsx"), "export default 1;");
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  return root;
}
const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe("production build freshness", () => {
  it("asks for a build when there is none", () => {
    const root = project();
    rmSync(path.join(root, ".next"), { recursive: true });
    expect(productionBuildState(root)).toEqual({ fresh: false, reason: "no production build found" });
  });

  it("is fresh when the build is newer than every source file", () => {
    const root = project();
    at(path.join(root, "app", "ask", "page.tsx"), 1_000);
    at(path.join(root, ".next", "BUILD_ID"), 2_000);
    expect(productionBuildState(root)).toEqual({ fresh: true });
  });

  it("is stale when a nested source file changed after the build", () => {
    const root = project();
    at(path.join(root, ".next", "BUILD_ID"), 2_000);
    at(path.join(root, "app", "ask", "page.tsx"), 3_000);
    expect(productionBuildState(root)).toMatchObject({ fresh: false });
  });

  it("ignores dependency folders", () => {
    const root = project();
    mkdirSync(path.join(root, "lib", "node_modules"), { recursive: true });
    writeFileSync(path.join(root, "lib", "node_modules", "x.js"), "");
    at(path.join(root, "app", "ask", "page.tsx"), 1_000);
    at(path.join(root, "lib", "node_modules", "x.js"), 5_000);
    at(path.join(root, ".next", "BUILD_ID"), 2_000);
    expect(productionBuildState(root)).toEqual({ fresh: true });
  });
});
