// npm run bench:ingest -- <dir with policy files [+ manifest.csv]> [--runs 3]
// Times the ingestion pipeline alone (file → units, no database): per format, files, units and
// milliseconds (the median of the runs), so a converter change shows its cost. Prints figures only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ingestFile } from "../lib/content/ingest/ingest-file";
import { requireCorpusArg } from "./eval/corpus-arg";
import { MANIFEST_FILE, parseManifest } from "../lib/content/ingest/manifest";

const { values, positionals } = parseArgs({ options: { runs: { type: "string", default: "3" } }, allowPositionals: true });
const dir = requireCorpusArg(positionals[0], "<dir>", "npm run bench:ingest -- <dir with policy files [+ manifest.csv]> [--runs 3]", []);
const runs = Math.max(1, Number(values.runs) || 3);
const manifestFile = path.join(dir, MANIFEST_FILE);
const manifest = (() => {
  try {
    return parseManifest(readFileSync(manifestFile)).rows;
  } catch {
    return new Map();
  }
})();
const files = readdirSync(dir).filter((f) => f !== MANIFEST_FILE && !f.startsWith(".")).sort();
const byKind = new Map<string, { files: number; units: number; ms: number[] }>();
let failed = 0;
const totals: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    const t = performance.now();
    try {
      const r = await ingestFile(f, bytes, manifest.get(f) ?? null);
      const k = byKind.get(r.kind) ?? { files: 0, units: 0, ms: Array(runs).fill(0) };
      if (run === 0) {
        k.files++;
        k.units += r.parsed.sections.length;
      }
      k.ms[run]! += performance.now() - t;
      byKind.set(r.kind, k);
    } catch (err) {
      if (run === 0) {
        failed++;
        console.error(`✗ ${(err as Error).message}`);
      }
    }
  }
  totals.push(performance.now() - started);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`format     files  units   ms (median of ${runs})  ms/file`);
for (const [kind, k] of [...byKind].sort()) {
  const ms = median(k.ms);
  console.log(`${kind.padEnd(10)} ${String(k.files).padStart(5)} ${String(k.units).padStart(6)} ${ms.toFixed(0).padStart(12)} ${(ms / k.files).toFixed(1).padStart(14)}`);
}
console.log(`all        ${String(files.length - failed).padStart(5)}        ${median(totals).toFixed(0).padStart(12)}   (first run ${totals[0]!.toFixed(0)} ms, includes loading the converters)`);
process.exit(failed ? 1 : 0);
