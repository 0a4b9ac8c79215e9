// The embedded Meilisearch under `npm run dev` / `npm start`: when it dies (killed, out of memory,
// crashed) it is started again on the same port and data, after a back-off that doubles from 1 s to
// 30 s while restarts keep failing or the process keeps dying young. Search runs degraded (from
// PostgreSQL) meanwhile and recovers by itself once Meilisearch answers again.
import { startMeilisearch, type LocalMeilisearch } from "./meilisearch";

export interface SupervisedMeilisearch {
  host: string;
  masterKey: string;
  /** The current process (a new one after each restart). */
  current(): LocalMeilisearch | undefined;
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A process that ran this long counts as healthy: the next death starts the back-off again at 1 s. */
const STABLE_MS = 60_000;

export async function superviseMeilisearch(
  options: Parameters<typeof startMeilisearch>[0],
  log: (m: string) => void,
): Promise<SupervisedMeilisearch> {
  let meili: LocalMeilisearch | undefined = await startMeilisearch(options);
  let stopping = false;
  let delay = FIRST_DELAY_MS;
  let timer: NodeJS.Timeout | undefined;

  const watch = (m: LocalMeilisearch) => {
    const startedAt = Date.now();
    m.process.once("exit", (code, signal) => {
      if (stopping) return;
      meili = undefined;
      if (Date.now() - startedAt >= STABLE_MS) delay = FIRST_DELAY_MS;
      log(`Meilisearch exited (${signal ?? `code ${code}`}); search is degraded, restarting in ${delay / 1000} s`);
      schedule();
    });
  };

  const schedule = () => {
    const wait = delay;
    delay = Math.min(delay * 2, MAX_DELAY_MS);
    timer = setTimeout(() => void restart(), wait);
  };

  const restart = async () => {
    if (stopping) return;
    try {
      const m = await startMeilisearch(options);
      if (stopping) return void (await m.stop());
      meili = m;
      watch(m);
      log(`Meilisearch restarted on ${m.host} (pid ${m.process.pid})`);
    } catch (err) {
      log(`Meilisearch did not restart (${(err as Error).message}); next attempt in ${delay / 1000} s`);
      schedule();
    }
  };

  // Ctrl-C reaches Meilisearch too (same process group): its exit then is no crash to restart from.
  const onSignal = () => void (stopping = true);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, onSignal);

  watch(meili);
  return {
    host: meili.host,
    masterKey: meili.masterKey,
    current: () => meili,
    stop: async () => {
      stopping = true;
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.off(signal, onSignal);
      clearTimeout(timer);
      await meili?.stop();
    },
  };
}
