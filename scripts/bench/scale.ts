// bench:search --scale N: a corpus of N documents made from the dev corpus (distinct ids), imported
// into a fresh namespace and made searchable as content:import and a portal do it — the PostgreSQL
// import with the Meilisearch sync running beside it (syncIndexDuring), then the relevance model's
// build on its worker thread — at 20 documents and at N documents in the same run. Then every
// question of the corpus is searched through searchClauses (no answer cache) against both, A/B
// interleaved per question, so load from other jobs on the machine falls on both sizes alike.
// Besides wall time, it prints the CPU seconds of this process, PostgreSQL and Meilisearch (the work
// an import costs, which the machine's other jobs do not change) and each process's memory.
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { importPolicies } from "../../lib/content/import-policies";
import type { MeiliConfig } from "../../lib/search/client";
import { getCorpus } from "../../lib/search/corpus";
import { searchClauses } from "../../lib/search/search-clauses";
import { syncIndexDuring } from "../../lib/search/sync-index";
import { createNamespace, type Namespace } from "../eval/isolated-namespace";
import type { Cleanups } from "../lib/cleanups";
import { ms, percentile, seconds, table, verdict } from "../lib/report";
import { cpuSample, cpuSince, findServers, memoryOf, type CpuSample } from "./cpu";
import { makeScaledCorpus } from "./scaled-corpus";

interface Loaded {
  ns: Namespace;
  documents: number;
  units: number;
  importMs: number;
  /** import start → the last sync done (it runs during the import) */
  syncMs: number;
  /** import end → the model built */
  buildMs: number;
  /** import start → Meilisearch synced and the model built */
  searchableMs: number;
  cpu: CpuSample;
  /** heap + ArrayBuffers after a full GC with the corpus held, minus the same before the import */
  corpusHeapBytes: number;
  /** heap the build worker used (transient) */
  buildHeapBytes: number;
  rssAfterBytes: number;
}

const MB = 1024 * 1024;
const mb = (b: number | null) => (b === null ? "n/a" : `${(b / MB).toFixed(0)} MB`);
const cpuS = (s: number | null) => (s === null ? "n/a" : `${s.toFixed(1)} s`);

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

async function load(ownerUrl: string, config: MeiliConfig, servers: ReturnType<typeof findServers>, dir: string, documents: number, units: number, cleanups: Cleanups): Promise<Loaded> {
  const ns = await createNamespace(ownerUrl, config);
  cleanups.add(`namespace ${ns.prefix}`, ns.drop);
  const heapBefore = heapAfterGc();
  const cpu0 = cpuSample(servers);
  const t0 = performance.now();
  const importing = importPolicies(ns.db, dir);
  const syncing = syncIndexDuring(ns.db, { prefix: ns.prefix, config }, importing).then(() => performance.now() - t0);
  const report = await importing;
  if (report.failed.length) throw new Error(`import failed:\n${report.failed.map((f) => f.error).join("\n")}`);
  const t1 = performance.now();
  // The portal's next signature check after the import starts the model build on its worker thread,
  // while the last policies are still being indexed by Meilisearch.
  const [syncMs, buildMs] = await Promise.all([syncing, getCorpus(ns.db).then(() => performance.now() - t1)]);
  const searchableMs = performance.now() - t0;
  const cpu = cpuSince(cpu0, cpuSample(servers));
  const corpusHeapBytes = heapAfterGc() - heapBefore;
  const buildHeapBytes = (await getCorpus(ns.db)).stats.buildHeapBytes;
  return { ns, documents, units, importMs: t1 - t0, syncMs, buildMs, searchableMs, cpu, corpusHeapBytes, buildHeapBytes, rssAfterBytes: process.memoryUsage().rss };
}

/** Every question against every namespace, the order alternating per question; pass 0 warms up. */
async function searchInterleaved(loaded: Loaded[], config: MeiliConfig, questions: string[], passes = 3): Promise<number[][]> {
  const deps = loaded.map((l) => ({ db: l.ns.db, meili: { prefix: l.ns.prefix, config } }));
  const latencies = loaded.map(() => [] as number[]);
  for (let pass = 0; pass <= passes; pass++) {
    for (let i = 0; i < questions.length; i++) {
      for (let j = 0; j < deps.length; j++) {
        const k = (j + i + pass) % deps.length;
        const started = performance.now();
        await searchClauses(deps[k]!, { q: questions[i]!, limit: 10 });
        if (pass > 0) latencies[k]!.push(performance.now() - started);
      }
    }
  }
  return latencies;
}

export async function scaleBench(options: {
  corpus: string;
  scale: number;
  ownerUrl: string;
  config: MeiliConfig;
  questions: string[];
  tmp: string;
  cleanups: Cleanups;
  /** runs against each namespace after the searches (e.g. the client comparison) */
  atScale?: (ns: Namespace) => Promise<void>;
}): Promise<void> {
  const { corpus, scale, questions, tmp, cleanups, config } = options;
  console.log(`\n== Scale: 20 and ${scale} documents, imported, indexed and searched in this process (load average ${os.loadavg()[0]!.toFixed(1)}) ==`);
  if (!(globalThis as { gc?: () => void }).gc) console.log("(no --expose-gc: the corpus heap figure includes garbage)");
  const servers = findServers(Number(new URL(options.ownerUrl).port || 5432), Number(new URL(config.host).port || 7700));
  const small = makeScaledCorpus(path.join(corpus, "docs"), path.join(tmp, "scale-20"), 20);
  const large = makeScaledCorpus(path.join(corpus, "docs"), path.join(tmp, `scale-${scale}`), scale);
  const rss = rssSampler();
  const loaded: Loaded[] = [];
  try {
    for (const c of [small, large]) {
      const l = await load(options.ownerUrl, config, servers, c.dir, c.documents, c.units, cleanups);
      loaded.push(l);
      console.log(`  ${c.documents} documents searchable after ${seconds(l.searchableMs)} (load average ${os.loadavg()[0]!.toFixed(1)})`);
    }
    const latencies = await searchInterleaved(loaded, config, questions);
    rss.stop();
    const memory = memoryOf(servers);
    console.log("import (PG) = files parsed and stored; index (Meili) = syncIndexDuring, from the import's start (it syncs what is committed while the import runs); model build = from the import's end, on its worker thread");
    console.log(
      table(
        ["documents", "units", "import (PG)", "index (Meili)", "model build", "searchable after", "CPU: bench", "PG", "Meili", "search p50", "search p97.5", "searches", "corpus memory", "build heap", "RSS after"],
        loaded.map((r, k) => [
          r.documents,
          r.units,
          seconds(r.importMs),
          seconds(r.syncMs),
          seconds(r.buildMs),
          seconds(r.searchableMs),
          cpuS(r.cpu.self),
          cpuS(r.cpu.postgres),
          cpuS(r.cpu.meilisearch),
          `${ms(percentile(latencies[k]!, 50))} ms`,
          `${ms(percentile(latencies[k]!, 97.5))} ms`,
          latencies[k]!.length,
          mb(r.corpusHeapBytes),
          mb(r.buildHeapBytes),
          mb(r.rssAfterBytes),
        ]),
      ),
    );
    console.log("CPU = seconds of CPU from the import's start until searchable: this process (importer, sync, model build on its worker), PostgreSQL (server and backends), Meilisearch");
    const heapLimit = v8.getHeapStatistics().heap_size_limit;
    console.log(`load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs (other jobs on this machine slow every wall-clock figure alike)`);
    console.log(`memory per process: this process (importer + sync + both corpora + searches) RSS peak ${mb(rss.peak())}, now ${mb(process.memoryUsage().rss)} (V8 heap limit ${mb(heapLimit)}); Meilisearch RSS ${mb(memory.meilisearchRss)}; PostgreSQL ${memory.postgresProcesses ?? "n/a"} processes, PSS ${mb(memory.postgresPss)} together`);
    for (const l of loaded) await options.atScale?.(l.ns);
    console.log("targets:");
    const [s, l] = [loaded[0]!, loaded[1]!];
    console.log(`  ${l.documents} documents imported and searchable ≤ 120 s: ${seconds(l.searchableMs)} → ${verdict(l.searchableMs <= 120_000)}`);
    const p97 = (k: number) => percentile(latencies[k]!, 97.5);
    console.log(`  search p97.5 at ${l.documents} documents ≤ 2 × at ${s.documents} (interleaved, same run): ${ms(p97(1))} ms vs 2 × ${ms(p97(0))} ms → ${verdict(p97(1) <= 2 * p97(0))}`);
  } finally {
    rss.stop();
    for (const l of loaded) await l.ns.drop();
  }
}
