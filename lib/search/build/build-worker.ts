// Worker thread: builds the relevance index for lib/search/build/off-thread.ts and sends it back packed.
import { parentPort, workerData } from "node:worker_threads";
import { buildIndex, type RankerOptions, type SectionInput } from "../relevance/ranker";
import { packIndex } from "./pack-index";

const { sections, options } = workerData as { sections: SectionInput[]; options: Partial<RankerOptions> };
const started = performance.now();
const { fields, transfer } = packIndex(buildIndex(sections, options));
delete fields.rows; // the caller still has them: sending them back would copy every text
parentPort!.postMessage({ fields, buildMs: performance.now() - started }, transfer);
