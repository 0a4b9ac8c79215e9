// Worker thread: builds relevance indexes for lib/search/build/off-thread.ts, one request at a time,
// and sends each back packed. It stays up between builds (jieba and OpenCC load once per worker).
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import { buildIndex, type RankerOptions, type SectionInput } from "../relevance/ranker";
import { packIndex } from "./pack-index";

interface BuildRequest {
  id: number;
  sections: SectionInput[];
  options: Partial<RankerOptions>;
}

parentPort!.on("message", ({ id, sections, options }: BuildRequest) => {
  try {
    const started = performance.now();
    const index = buildIndex(sections, options);
    const heapBytes = v8.getHeapStatistics().used_heap_size; // the high-water mark: the index as JS arrays, before packing
    const { fields, transfer } = packIndex(index);
    delete fields.rows; // the caller still has them: sending them back would copy every text
    parentPort!.postMessage({ id, fields, buildMs: performance.now() - started, heapBytes }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error)?.stack ?? String(err) });
  }
});
parentPort!.postMessage({ ready: true });
