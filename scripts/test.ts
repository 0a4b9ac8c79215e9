// npm test [-- <file filters> | --project <tier>]
// Runs the three tiers (unit, integration, browser) one after another, each in its own Vitest
// process so that a tier whose services fail to start cannot take the others' results with it.
// The last line is the one CI reads: `N passed, N failed, N skipped`, summed over the tiers. A full
// run (no file filters) fails on any skipped test: a skip would otherwise hide what it did not check.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { closingVerdict } from "../tests/setup/closing-line";
import type { TierCounts } from "../tests/setup/closing-line-reporter";

const TIERS = ["unit", "integration", "browser"] as const;

function parseArgs(argv: string[]): { tiers: string[]; passThrough: string[] } {
  const tiers: string[] = [];
  const passThrough: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--project") tiers.push(argv[++i] ?? "");
    else if (arg.startsWith("--project=")) tiers.push(arg.slice("--project=".length));
    else passThrough.push(arg);
  }
  const unknown = tiers.filter((t) => !(TIERS as readonly string[]).includes(t));
  if (unknown.length) throw new Error(`Unknown test tier ${unknown.join(", ")}; use ${TIERS.join(", ")}.`);
  return { tiers: tiers.length ? tiers : [...TIERS], passThrough };
}

function runTier(tier: string, passThrough: string[], countsFile: string): Promise<number> {
  const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  // With file filters a tier may legitimately match nothing; a full run that finds nothing fails.
  const noTestsOk = passThrough.length > 0 ? ["--passWithNoTests"] : [];
  const child = spawn(process.execPath, [vitest, "run", "--project", tier, ...noTestsOk, ...passThrough], {
    stdio: "inherit",
    env: { ...process.env, SHOUWEN_TEST_COUNTS_FILE: countsFile },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const { tiers, passThrough } = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(path.join(os.tmpdir(), "shouwen-test-counts-"));
  const total: TierCounts = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  const started = Date.now();
  try {
    for (const tier of tiers) {
      const countsFile = path.join(work, `${tier}.json`);
      const tierStarted = Date.now();
      const code = await runTier(tier, passThrough, countsFile);
      const counts: TierCounts = existsSync(countsFile)
        ? (JSON.parse(readFileSync(countsFile, "utf8")) as TierCounts)
        : { passed: 0, failed: 0, skipped: 0 };
      // A tier that exits non-zero without a failed test (its global setup threw, it crashed) failed.
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      // A whole tier that ran nothing did not pass: a global setup that throws can end Vitest with
      // exit code 0 and no tests, and CI must never pass by skipping.
      if (passThrough.length === 0 && counts.passed + counts.failed === 0) counts.failed = 1;
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      lines.push(
        `  ${tier.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${((Date.now() - tierStarted) / 1000).toFixed(1)} s)${code !== 0 && !existsSync(countsFile) ? " — did not report: see the errors above" : ""}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nTest tiers (${((Date.now() - started) / 1000).toFixed(1)} s):\n${lines.join("\n")}`);
  const verdict = closingVerdict(total, passThrough.length === 0);
  if (verdict.note) console.log(verdict.note);
  console.log(verdict.line);
  return verdict.exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error((err as Error).message);
    console.log("0 passed, 1 failed, 0 skipped");
    process.exit(1);
  },
);
