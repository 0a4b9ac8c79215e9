// Builds the relevance index on a worker thread, so a portal process keeps answering (from the
// index it already has) while a new one is built: the build takes seconds at company scale
// (about 0.16 ms of CPU per unit: normalisation, jieba, postings) and would block the event loop.
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
  /** JS heap the build used (on the worker, freed when it exits); 0 when built inline */
  buildHeapBytes: number;
}

/**
 * Old-generation limit of the build worker: the build holds about 4 KB of heap per unit (42,625 units:
 * ≈ 174 MB, bench:search --scale 1000, ADR 0003 "Round 4"), so 1.5 GB leaves room for roughly 300,000
 * units. A larger corpus fails the build with an out-of-memory error on the worker (the portal keeps its
 * current index) instead of growing the portal process without bound. SEARCH_BUILD_HEAP_MB overrides it.
 */
const BUILD_HEAP_MB = Number(process.env.SEARCH_BUILD_HEAP_MB) > 0 ? Number(process.env.SEARCH_BUILD_HEAP_MB) : 1536;

function workerFiles(): { boot: string; entry: string } | null {
  const dir = path.join(process.cwd(), "lib", "search", "build");
  const boot = path.join(dir, "build-worker-boot.mjs");
  const entry = path.join(dir, "build-worker.ts");
  return existsSync(boot) && existsSync(entry) ? { boot, entry } : null;
}

let warned = false;

type Reply = { id: number; fields: Record<string, unknown>; buildMs: number; heapBytes: number } | { id: number; error: string };

/**
 * One build worker per process, started by the first build and kept for the next ones (a new worker
 * costs about a second of CPU to load tsx, jieba and OpenCC); unref'd while idle, so it never keeps
 * a process alive. Builds are queued on it one at a time. If it dies (e.g. its heap cap), pending builds fail
 * and the next build starts a new one.
 */
type WorkerState = { worker: Worker; pending: Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>; nextId: number };
// The one worker is kept on globalThis: Next loads this module once per bundle.
const WORKER = Symbol.for("shouwen.searchBuildWorker");
const holder = globalThis as unknown as { [WORKER]?: WorkerState | null };

function buildWorker(files: { boot: string; entry: string }) {
  const running = holder[WORKER];
  if (running) return running;
  const worker = new Worker(files.boot, { workerData: { entry: pathToFileURL(files.entry).href }, resourceLimits: { maxOldGenerationSizeMb: BUILD_HEAP_MB } });
  worker.unref();
  const state: WorkerState = { worker, pending: new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>(), nextId: 1 };
  const fail = (err: Error) => {
    if (holder[WORKER] === state) holder[WORKER] = null;
    for (const p of state.pending.values()) p.reject(err);
    state.pending.clear();
  };
  worker.on("message", (m: Reply | { ready: true }) => {
    if ("ready" in m) return;
    const p = state.pending.get(m.id);
    state.pending.delete(m.id);
    if (!state.pending.size) worker.unref(); // idle: no reason to keep the process alive
    p?.resolve(m);
  });
  worker.on("error", (err) => fail(new Error(`the relevance index build worker failed: ${err.message}`, { cause: err })));
  worker.on("exit", (code) => fail(new Error(`the relevance index build worker exited with code ${code}`)));
  holder[WORKER] = state;
  return state;
}

/** Builds on the worker thread; inline (blocking) only when the worker's files are not beside the process. */
export async function buildIndexOffThread(sections: readonly SectionInput[], options: Partial<RankerOptions> = {}): Promise<BuiltIndex> {
  const files = workerFiles();
  if (!files) {
    if (!warned) console.warn(`search: ${path.join(process.cwd(), "lib/search/build")} has no build worker; the relevance index is built on the request thread`);
    warned = true;
    const started = performance.now();
    const index = compactIndex(buildIndex(sections, options));
    return { index, buildMs: performance.now() - started, where: "inline", buildHeapBytes: 0 };
  }
  const state = buildWorker(files);
  const id = state.nextId++;
  const reply = await new Promise<Reply>((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.ref(); // a build in progress keeps the process alive until it answers
    state.worker.postMessage({ id, sections, options });
  });
  if ("error" in reply) throw new Error(`the relevance index build failed on its worker thread: ${reply.error}`);
  return { index: { ...unpackIndex(reply.fields), rows: [...sections] }, buildMs: reply.buildMs, where: "worker", buildHeapBytes: reply.heapBytes };
}
