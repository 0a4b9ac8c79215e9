// Temporary directories under the OS temp folder, each removed when its owner is done, whatever
// happened: for a whole test file (useTempDir), for one test (tempDirForTest) or for one piece of
// work in a hook or helper (withTempDir).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, onTestFinished } from "vitest";

function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A directory for this test file: made before its tests, removed after them. Call at the top of the
 * file (like useTestDb) and read `.path` inside tests and hooks.
 */
export function useTempDir(prefix: string): { readonly path: string } {
  let dir: string | null = null;
  beforeAll(() => {
    dir = makeTempDir(prefix);
  });
  afterAll(() => {
    if (dir) removeTempDir(dir);
  });
  return {
    get path() {
      if (!dir) throw new Error("useTempDir(): read .path inside a test or hook, not while the file is collected");
      return dir;
    },
  };
}

/** A directory for the running test, removed when it finishes, passed or failed. Call inside a test. */
export function tempDirForTest(prefix: string): string {
  const dir = makeTempDir(prefix);
  onTestFinished(() => removeTempDir(dir));
  return dir;
}

/** Runs `work` with a fresh directory and removes it afterwards (after the promise settles, if it returns one). */
export function withTempDir<T>(prefix: string, work: (dir: string) => T): T {
  const dir = makeTempDir(prefix);
  let result: T;
  try {
    result = work(dir);
  } catch (err) {
    removeTempDir(dir);
    throw err;
  }
  if (result instanceof Promise) return result.finally(() => removeTempDir(dir)) as T;
  removeTempDir(dir);
  return result;
}
