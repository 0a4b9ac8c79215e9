import "server-only";
// After a policy is published or retired in the browser: bring Meilisearch up to date now, without making
// the owner wait for or fail on it. The portal's own ranking reads PostgreSQL and sees the change at once;
// if Meilisearch is away, the worker's next sync (scripts/worker.ts) catches up.
import { db } from "../db/client";
import { serverEnv } from "../env";
import { log } from "../log";
import { syncIndex } from "./sync-index";

export function syncIndexInBackground(reason: string): void {
  void syncIndex(db(), { prefix: serverEnv().MEILI_INDEX_PREFIX }).then(
    (r) => log.info("search index synced", { reason, synced: r.synced.length, removed: r.removed.length }),
    (err) => log.warn("search index sync failed; the worker retries", { reason, err: String((err as Error)?.message ?? err) }),
  );
}
