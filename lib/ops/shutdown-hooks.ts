// Work a process must finish before it exits (buffered rows). Kept on globalThis: the portal's
// route bundles and scripts/serve.ts, which runs the hooks on SIGTERM, load separate module copies.
const KEY = Symbol.for("shouwen.shutdownHooks");
type Hook = () => Promise<void>;

function hooks(): Map<string, Hook> {
  const g = globalThis as unknown as { [KEY]?: Map<string, Hook> };
  return (g[KEY] ??= new Map());
}

/** Registers (or replaces) the hook with this name. */
export function onShutdown(name: string, hook: Hook): void {
  hooks().set(name, hook);
}

/** Runs every hook, each bounded by timeoutMs; returns the names of those that failed or timed out. */
export async function runShutdownHooks(timeoutMs: number): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    [...hooks()].map(async ([name, hook]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
      const outcome = await Promise.race([hook().then(() => "ok" as const, () => "failed" as const), timeout]);
      clearTimeout(timer);
      if (outcome !== "ok") failed.push(name);
    }),
  );
  return failed;
}
