// In-memory scale bench of the relevance model alone (no PostgreSQL, no Meilisearch): the documents of
// <corpus>/docs copied round-robin to 20 and to N documents with distinct ids (as bench:search --scale
// does), each index built and packed on this thread, then every question searched against both, A/B
// interleaved per question. Prints the build time per size and search p50/p97.5, and with --out the
// answers (results, state, confidence) as JSON lines, to compare two versions of the ranker byte for byte.
// --limit is the ranker's limit (30: what searchClauses asks for a page of 10); --share sets the exact
// pruning's share (0 = every search exhaustive).
//   npx tsx scripts/bench/ranker-scale.ts --corpus ../shared/corpus [--scale 1000] [--passes 3] [--limit 30] [--share 0.2] [--out /tmp/x.jsonl]
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { compactIndex } from "../../lib/search/build/pack-index";
import { buildIndex, pruningStats, search, searchPruning, type SectionInput } from "../../lib/search/relevance/ranker";
import { loadCorpus, loadQueries } from "../lab/corpus";
import { ms, percentile, seconds, table } from "../lib/report";

const { values } = parseArgs({ options: { corpus: { type: "string" }, scale: { type: "string" }, passes: { type: "string" }, limit: { type: "string" }, share: { type: "string" }, out: { type: "string" } } });
const corpus = values.corpus ?? "../shared/corpus";
const scale = Number(values.scale ?? 1000);
const passes = Number(values.passes ?? 3);
const limit = Number(values.limit ?? 30);
if (values.share !== undefined) searchPruning.share = Number(values.share);

/** The corpus' rows, its documents repeated round-robin to `count` documents (copy k > 0 gets id "<id>-copyk"). */
function scaled(rows: readonly SectionInput[], count: number): SectionInput[] {
  const byDoc = new Map<string, SectionInput[]>();
  for (const r of rows) byDoc.set(r.docId, [...(byDoc.get(r.docId) ?? []), r]);
  const docs = [...byDoc.values()];
  const out: SectionInput[] = [];
  for (let i = 0; i < count; i++) {
    const k = Math.floor(i / docs.length);
    for (const r of docs[i % docs.length]!) out.push(k === 0 ? r : { ...r, docId: `${r.docId}-copy${k}` });
  }
  return out;
}

const rows = loadCorpus(corpus);
const questions = loadQueries(corpus).map((q) => q.question);
console.log(`ranker-scale: ${path.resolve(corpus)}, ${questions.length} questions, load average ${os.loadavg()[0]!.toFixed(1)}`);
const sizes = [20, scale].map((documents) => {
  const sections = scaled(rows, documents);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = compactIndex(buildIndex(sections));
  const buildMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { documents, units: sections.length, index, buildMs, buildCpuMs: (cpu.user + cpu.system) / 1000 };
});

const latencies = sizes.map(() => [] as number[]);
const cpuMs = sizes.map(() => 0);
const prunedSearches = sizes.map(() => 0);
const answers: string[] = [];
for (let pass = 0; pass <= passes; pass++) {
  for (let i = 0; i < questions.length; i++) {
    for (let j = 0; j < sizes.length; j++) {
      const k = (j + i + pass) % sizes.length;
      const t = performance.now();
      const c = process.cpuUsage();
      const before = pruningStats.exhaustive;
      const r = search(sizes[k]!.index, questions[i]!, { limit });
      if (pass > 0 && pruningStats.exhaustive === before) prunedSearches[k]!++;
      if (pass > 0) {
        latencies[k]!.push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpuMs[k] = cpuMs[k]! + (d.user + d.system) / 1000;
      }
      if (pass === 0) answers.push(JSON.stringify({ documents: sizes[k]!.documents, q: i, state: r.state, confidence: r.confidence, features: r.features, results: r.results }));
    }
  }
}
if (values.out) writeFileSync(values.out, `${answers.sort().join("\n")}\n`);
console.log(
  table(
    ["documents", "units", "build (wall)", "build (CPU)", "search p50", "p90", "p97.5", "max", "CPU per search", "searches"],
    sizes.map((s, k) => [s.documents, s.units, seconds(s.buildMs), seconds(s.buildCpuMs), `${ms(percentile(latencies[k]!, 50))} ms`, `${ms(percentile(latencies[k]!, 90))} ms`, `${ms(percentile(latencies[k]!, 97.5))} ms`, `${ms(percentile(latencies[k]!, 100))} ms`, `${ms(cpuMs[k]! / latencies[k]!.length)} ms`, latencies[k]!.length]),
  ),
);
console.log(`searches answered without an exhaustive pass (pruning share ${searchPruning.share}): ${sizes.map((s, k) => `${prunedSearches[k]} of ${latencies[k]!.length} at ${s.documents} documents`).join(", ")}`);
const p97 = (k: number) => percentile(latencies[k]!, 97.5);
console.log(`p97.5 ratio ${sizes[1]!.documents} / ${sizes[0]!.documents} documents: ${(p97(1) / p97(0)).toFixed(2)} (load average ${os.loadavg()[0]!.toFixed(1)})`);
