// Entry of the index-build worker thread: the portal's code is TypeScript, so the worker loads it
// through tsx (a dependency; the portal's own launcher uses it too) whatever bundled the caller.
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
