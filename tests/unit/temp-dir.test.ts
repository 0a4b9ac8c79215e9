// The temp-dir helpers remove what they made: after the test (tempDirForTest), after the work, also
// when it throws or rejects (withTempDir). useTempDir's removal after the file is left to its afterAll.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirForTest, useTempDir, withTempDir } from "../helpers/temp-dir";

const fileDir = useTempDir("shouwen-temp-dir-file-");

describe("temp-dir helpers", () => {
  let fromEarlierTest = "";

  it("gives each test its own directory and the file one shared directory", () => {
    fromEarlierTest = tempDirForTest("shouwen-temp-dir-test-");
    writeFileSync(path.join(fromEarlierTest, "x"), "x");
    expect(existsSync(fileDir.path)).toBe(true);
    expect(fromEarlierTest).not.toBe(fileDir.path);
  });

  it("removed the earlier test's directory when that test finished, not the file's", () => {
    expect(fromEarlierTest).not.toBe("");
    expect(existsSync(fromEarlierTest)).toBe(false);
    expect(existsSync(fileDir.path)).toBe(true);
  });

  it("withTempDir removes the directory after sync and async work, and when the work fails", async () => {
    let seen = "";
    expect(withTempDir("shouwen-temp-dir-with-", (dir) => ((seen = dir), existsSync(dir)))).toBe(true);
    expect(existsSync(seen)).toBe(false);

    await expect(withTempDir("shouwen-temp-dir-with-", async (dir) => ((seen = dir), existsSync(dir)))).resolves.toBe(true);
    expect(existsSync(seen)).toBe(false);

    expect(() => withTempDir("shouwen-temp-dir-with-", (dir) => { seen = dir; throw new Error("sync failure"); })).toThrow("sync failure");
    expect(existsSync(seen)).toBe(false);

    await expect(withTempDir("shouwen-temp-dir-with-", async (dir) => { seen = dir; throw new Error("async failure"); })).rejects.toThrow("async failure");
    expect(existsSync(seen)).toBe(false);
  });
});
