// bench:search --scale N: a corpus of N documents made from the dev corpus (distinct ids), imported
// into a fresh namespace and made searchable — PostgreSQL import, Meilisearch sync, the relevance
// model's build — then every question of the corpus searched through searchClauses (no answer cache),
// at 20 documents and at N documents in the same run, with this process's memory.
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { importPolicies } from "../../lib/content/import-policies";
import type { MeiliConfig } from "../../lib/search/client";
import { getCorpus } from "../../lib/search/corpus";
import { createNamespace, type Namespace } from "../eval/isolated-namespace";
import { searchClauses } from "../../lib/search/search-clauses";
import { syncIndex } from "../../lib/search/sync-index";
import type { Cleanups } from "../lib/cleanups";
import { ms, percentile, seconds, table, verdict } from "../lib/report";
import { makeScaledCorpus } from "./scaled-corpus";

export interface ScaleRun {
  documents: number;
  units: number;
  importMs: number;
  /** from the end of the import, running side by side */
  syncMs: number;
  buildMs: number;
  /** import start → Meilisearch synced and the model built */
  searchableMs: number;
  latencies: number[];
  /** heap + ArrayBuffers after a full GC with the corpus held, minus the same before the import */
  corpusHeapBytes: number;
  /** heap the build worker used (transient, freed when it exits) */
  buildHeapBytes: number;
  rssAfterBytes: number;
}

const MB = 1024 * 1024;
const mb = (b: number) => `${(b / MB).toFixed(0)} MB`;

/** JS heap in use plus ArrayBuffers (the packed postings live outside the heap), after a full GC. */
function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Peak RSS of this process, sampled every 50 ms between start() and stop(). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}

async function runScale(ownerUrl: string, config: MeiliConfig, dir: string, documents: number, units: number, questions: string[], cleanups: Cleanups, onNamespace?: (ns: Namespace) => Promise<void>): Promise<ScaleRun> {
  const ns = await createNamespace(ownerUrl, config);
  cleanups.add(`namespace ${ns.prefix}`, ns.drop);
  try {
    const heapBefore = heapAfterGc();
    const t0 = performance.now();
    const report = await importPolicies(ns.db, dir);
    if (report.failed.length) throw new Error(`import failed:\n${report.failed.map((f) => f.error).join("\n")}`);
    const t1 = performance.now();
    // As in the portal: the Meilisearch sync (content:import) and the model build (the portal's
    // worker thread, started by its next signature check) run at the same time.
    const [syncMs, buildMs] = await Promise.all([
      syncIndex(ns.db, { prefix: ns.prefix, config }).then(() => performance.now() - t1),
      getCorpus(ns.db).then(() => performance.now() - t1),
    ]);
    const t3 = performance.now();
    const deps = { db: ns.db, meili: { prefix: ns.prefix, config } };
    for (const q of questions) await searchClauses(deps, { q, limit: 10 }); // warm-up, not measured
    const latencies: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      for (const q of questions) {
        const started = performance.now();
        await searchClauses(deps, { q, limit: 10 });
        latencies.push(performance.now() - started);
      }
    }
    const corpusHeapBytes = heapAfterGc() - heapBefore;
    const buildHeapBytes = (await getCorpus(ns.db)).stats.buildHeapBytes;
    await onNamespace?.(ns);
    return { documents, units, importMs: t1 - t0, syncMs, buildMs, searchableMs: t3 - t0, latencies, corpusHeapBytes, buildHeapBytes, rssAfterBytes: process.memoryUsage().rss };
  } finally {
    await ns.drop();
  }
}

export async function scaleBench(options: {
  corpus: string;
  scale: number;
  ownerUrl: string;
  config: MeiliConfig;
  questions: string[];
  tmp: string;
  cleanups: Cleanups;
  /** runs against each namespace after its searches (e.g. the client comparison) */
  atScale?: (ns: Namespace) => Promise<void>;
}): Promise<void> {
  const { corpus, scale, questions, tmp, cleanups } = options;
  console.log(`\n== Scale: 20 and ${scale} documents, imported, indexed and searched in this process (load average ${os.loadavg()[0]!.toFixed(1)}) ==`);
  if (!(globalThis as { gc?: () => void }).gc) console.log("(no --expose-gc: the corpus heap figure includes garbage)");
  const small = makeScaledCorpus(path.join(corpus, "docs"), path.join(tmp, "scale-20"), 20);
  const large = makeScaledCorpus(path.join(corpus, "docs"), path.join(tmp, `scale-${scale}`), scale);
  const rss = rssSampler();
  const runs: ScaleRun[] = [];
  for (const c of [small, large]) {
    const run = await runScale(options.ownerUrl, options.config, c.dir, c.documents, c.units, questions, cleanups, options.atScale);
    runs.push(run);
    console.log(`  ${c.documents} documents done: import ${seconds(run.importMs)}, then Meilisearch ${seconds(run.syncMs)} ∥ model ${seconds(run.buildMs)}`);
  }
  rss.stop();
  console.log("import (PG): files parsed and stored in PostgreSQL; then, side by side, index (Meili) = syncIndex and model build = the relevance index on its worker thread");
  console.log(
    table(
      ["documents", "units", "import (PG)", "∥ index (Meili)", "∥ model build", "searchable after", "search p50", "search p97.5", "searches", "corpus memory", "build worker heap", "RSS after"],
      runs.map((r) => [
        r.documents,
        r.units,
        seconds(r.importMs),
        seconds(r.syncMs),
        seconds(r.buildMs),
        seconds(r.searchableMs),
        `${ms(percentile(r.latencies, 50))} ms`,
        `${ms(percentile(r.latencies, 97.5))} ms`,
        r.latencies.length,
        mb(r.corpusHeapBytes),
        mb(r.buildHeapBytes),
        mb(r.rssAfterBytes),
      ]),
    ),
  );
  const [s, l] = runs as [ScaleRun, ScaleRun];
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  console.log(`load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs (other jobs on this machine slow every figure alike)`);
  console.log(`peak RSS of this process (importer + Meilisearch sync + model + searches): ${mb(rss.peak())}; V8 heap limit ${mb(heapLimit)}; ${os.cpus().length} CPUs`);
  console.log("targets:");
  const total = l.searchableMs;
  console.log(`  ${l.documents} documents imported and searchable ≤ 120 s: ${seconds(total)} → ${verdict(total <= 120_000)}`);
  const p = (r: ScaleRun) => percentile(r.latencies, 97.5);
  console.log(`  search p97.5 at ${l.documents} documents ≤ 2 × at ${s.documents}: ${ms(p(l))} ms vs 2 × ${ms(p(s))} ms → ${verdict(p(l) <= 2 * p(s))}`);
}
