// Every resource a long-running script starts registers its undo here; they run once, newest first,
// at the end, on an error, or on Ctrl-C / SIGTERM, so no PostgreSQL, Meilisearch or portal is left behind.
export interface Cleanups {
  add(what: string, run: () => Promise<void>): void;
  run(): Promise<void>;
}

export function createCleanups(label: string): Cleanups {
  const list: { what: string; run: () => Promise<void> }[] = [];
  let running: Promise<void> | undefined;
  const run = () =>
    (running ??= (async () => {
      for (const c of list.reverse()) {
        await c.run().catch((err) => console.error(`cleanup (${c.what}) failed: ${(err as Error).message}`));
      }
    })());
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: ${label} stops its children and removes what it created`);
      void run().then(() => process.exit(130));
    });
  }
  return { add: (what, fn) => void list.push({ what, run: fn }), run };
}

/**
 * Runs a script's main, reports a failure with its stack, always runs the cleanups, prints the wall time
 * and exits: 0, or 1 when main threw.
 */
export async function runScript(name: string, cleanups: Cleanups, started: number, main: () => Promise<void>): Promise<never> {
  let code = 0;
  try {
    await main();
  } catch (err) {
    console.error(`\n${name} failed: ${(err as Error)?.stack ?? err}`);
    code = 1;
  } finally {
    await cleanups.run();
  }
  console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s${code ? " (failed)" : ""}`);
  process.exit(code);
}
