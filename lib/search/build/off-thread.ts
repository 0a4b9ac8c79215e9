// Builds the relevance index on a worker thread, so a portal process keeps answering (from the
// index it already has) while a new one is built: the build takes seconds at company scale
// (about 0.2 ms of CPU per unit: normalisation, jieba, postings) and would block the event loop.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { buildIndex, type RankerOptions, type RelevanceIndex, type SectionInput } from "../relevance/ranker";
import { compactIndex, unpackIndex } from "./pack-index";

export interface BuiltIndex {
  index: RelevanceIndex;
  /** CPU time of the build itself (in the worker, or here when built inline) */
  buildMs: number;
  where: "worker" | "inline";
}

function workerFiles(): { boot: string; entry: string } | null {
  const dir = path.join(process.cwd(), "lib", "search", "build");
  const boot = path.join(dir, "build-worker-boot.mjs");
  const entry = path.join(dir, "build-worker.ts");
  return existsSync(boot) && existsSync(entry) ? { boot, entry } : null;
}

let warned = false;

/** Builds on a worker thread; inline (blocking) only when the worker's files are not beside the process. */
export async function buildIndexOffThread(sections: readonly SectionInput[], options: Partial<RankerOptions> = {}): Promise<BuiltIndex> {
  const files = workerFiles();
  if (!files) {
    if (!warned) console.warn(`search: ${path.join(process.cwd(), "lib/search/build")} has no build worker; the relevance index is built on the request thread`);
    warned = true;
    const started = performance.now();
    const index = compactIndex(buildIndex(sections, options));
    return { index, buildMs: performance.now() - started, where: "inline" };
  }
  return new Promise<BuiltIndex>((resolve, reject) => {
    const worker = new Worker(files.boot, { workerData: { entry: pathToFileURL(files.entry).href, sections, options } });
    let settled = false;
    worker.once("message", (m: { fields: Record<string, unknown>; buildMs: number }) => {
      settled = true;
      resolve({ index: { ...unpackIndex(m.fields), rows: [...sections] }, buildMs: m.buildMs, where: "worker" });
      void worker.terminate();
    });
    worker.once("error", (err) => {
      settled = true;
      reject(new Error(`the relevance index build failed on its worker thread: ${err.message}`, { cause: err }));
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the relevance index build worker exited with code ${code} before answering`));
    });
  });
}
