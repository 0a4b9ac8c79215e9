// Whether the production build in .next/ still matches the source: `npm start` builds when it is
// missing or older than any file Next compiles, so a newcomer never serves yesterday's code.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What `next build` reads: the app, its modules and the configuration that shapes the bundle. */
const SOURCE_DIRS = ["app", "components", "lib", "types"];
const SOURCE_FILES = ["next.config.js", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts"];
// The generated Prisma client is compiled into the build too, so it counts (npm install regenerates it).
const SKIP = new Set(["node_modules", ".next"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry, { withFileTypes: true })) {
    if (SKIP.has(child.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

export type BuildState = { fresh: true } | { fresh: false; reason: string };

/** The build in `<root>/.next` is fresh when it exists and is newer than every source file. */
export function productionBuildState(root = process.cwd()): BuildState {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return { fresh: false, reason: "no production build found" };
  const builtAt = statSync(marker).mtimeMs;
  const newest = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((e) => newestMtime(path.join(root, e))));
  return newest > builtAt ? { fresh: false, reason: "the source changed since the last production build" } : { fresh: true };
}
