// Search rows written in batches. Under load the portal answers hundreds of searches a second and
// one INSERT per search costs more CPU (Prisma, PostgreSQL) than the search itself; one statement per
// batch costs about the same as one search's did (npm run bench:load). A row waits at most
// SEARCH_LOG_FLUSH_MS (200 ms). They are analytics, not questions: a crash can lose at most that much of them, a
// SIGTERM loses none (scripts/serve.ts runs the shutdown hooks), and a PostgreSQL outage keeps them
// in memory (up to MAX_PENDING, oldest dropped first and counted in the log) until it is back.
// A row PostgreSQL refuses for its data (lib/db/sql-state.ts) is quarantined: the batch is written
// again row by row, the bad row logged and counted, the others stored, so one row never blocks the queue.
import { randomUUID } from "node:crypto";
import type { DbTx } from "../db/client";
import { isDataError, sqlStateOf } from "../db/sql-state";
import { serverEnv } from "../env";
import { log } from "../log";
import { onShutdown } from "../ops/shutdown-hooks";
import type { SearchLogEntry } from "./log-search";

const MAX_BATCH = 500;
const MAX_PENDING = 50_000;
const RETRY_MS = [500, 1_000, 2_000, 5_000];

interface PendingSearch {
  id: string;
  userId: string | null;
  askSessionId: string | null;
  query: string;
  line: string | null;
  owner: string | null;
  resultCount: number;
  latencyMs: number;
  degraded: boolean;
  createdAt: Date;
  sectionIds: string[];
  policyIds: string[];
}

export function toPending(entry: SearchLogEntry, now: Date): PendingSearch {
  const hits = entry.result.hits;
  return {
    id: entry.id ?? randomUUID(),
    userId: entry.userId,
    askSessionId: entry.askSessionId ?? null,
    query: entry.query.slice(0, 500),
    line: entry.line ?? null,
    owner: entry.owner ?? null,
    resultCount: hits.length,
    latencyMs: Math.round(entry.latencyMs),
    degraded: entry.result.degraded,
    createdAt: now,
    sectionIds: hits.map((h) => h.sectionId),
    policyIds: hits.map((h) => h.policyId),
  };
}

/** One statement for a whole batch: the searches, and their impressions in the order shown. */
export async function writeBatch(db: DbTx, batch: PendingSearch[]): Promise<void> {
  const impressions = batch.flatMap((s) => s.sectionIds.map((sectionId, i) => ({ queryId: s.id, sectionId, policyId: s.policyIds[i]!, rank: i + 1, at: s.createdAt })));
  await db.$executeRaw`
    WITH q AS (
      INSERT INTO "SearchQuery" (id, "userId", "askSessionId", query, "lineFilter", "ownerFilter", "resultCount", "latencyMs", degraded, "createdAt")
      SELECT * FROM unnest(${batch.map((s) => s.id)}::uuid[], ${batch.map((s) => s.userId)}::uuid[], ${batch.map((s) => s.askSessionId)}::uuid[],
                           ${batch.map((s) => s.query)}::text[], ${batch.map((s) => s.line)}::text[], ${batch.map((s) => s.owner)}::text[],
                           ${batch.map((s) => s.resultCount)}::int[], ${batch.map((s) => s.latencyMs)}::int[], ${batch.map((s) => s.degraded)}::boolean[],
                           ${batch.map((s) => s.createdAt)}::timestamptz[])
      RETURNING 1)
    INSERT INTO "SearchImpression" ("searchQueryId", "sectionId", "policyId", rank, "createdAt")
    SELECT * FROM unnest(${impressions.map((x) => x.queryId)}::uuid[], ${impressions.map((x) => x.sectionId)}::uuid[],
                         ${impressions.map((x) => x.policyId)}::text[], ${impressions.map((x) => x.rank)}::int[], ${impressions.map((x) => x.at)}::timestamptz[])`;
}

export class SearchLogBuffer {
  private pending: PendingSearch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private dropped = 0;
  private quarantinedRows = 0;

  constructor(
    private readonly db: DbTx,
    private readonly write: (db: DbTx, batch: PendingSearch[]) => Promise<void> = writeBatch,
    private readonly flushDelayMs = 200,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  /** Rows set aside since the start because PostgreSQL refused their data (each one logged). */
  get quarantined(): number {
    return this.quarantinedRows;
  }

  /** Queues the search; returns its id at once (links on the page carry it for click logging). */
  add(entry: SearchLogEntry, now = new Date()): string {
    const row = toPending(entry, now);
    this.pending.push(row);
    if (this.pending.length > MAX_PENDING) {
      const over = this.pending.length - MAX_PENDING;
      this.pending.splice(0, over);
      this.dropped += over;
    }
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.schedule(this.flushDelayMs);
    return row.id;
  }

  /** Writes everything queued so far; resolves when it is stored (or the attempt failed and was re-queued). */
  flush(): Promise<void> {
    this.running = (this.running ?? Promise.resolve()).then(() => this.writeAll());
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    this.timer.unref?.();
  }

  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.write(this.db, batch);
      } catch (err) {
        if (!isDataError(err)) return this.retryLater(batch, err);
        // Some row's data is refused and would be on every retry: find it row by row, keep the rest.
        const unwritten = await this.writeRowByRow(batch);
        if (unwritten) return this.retryLater(unwritten.rows, unwritten.err);
      }
      if (this.failures > 0 || this.dropped > 0) log.info("search log writes resumed", { afterFailures: this.failures, dropped: this.dropped });
      this.failures = 0;
      this.dropped = 0;
    }
  }

  /** Writes each row alone; a refused row is quarantined. Stops at the first error that is not the data's (an outage). */
  private async writeRowByRow(batch: PendingSearch[]): Promise<{ rows: PendingSearch[]; err: unknown } | null> {
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      try {
        await this.write(this.db, [row]);
      } catch (err) {
        if (!isDataError(err)) return { rows: batch.slice(i), err };
        this.quarantinedRows++;
        log.error("search log row quarantined", {
          id: row.id,
          userId: row.userId,
          query: row.query.slice(0, 200),
          sqlState: sqlStateOf(err),
          quarantined: this.quarantinedRows,
          err: String((err as Error)?.message ?? err).slice(0, 500),
        });
      }
    }
    return null;
  }

  /** Back at the front, in order; retried with backoff (a PostgreSQL outage, a deploy). */
  private retryLater(rows: PendingSearch[], err: unknown): void {
    this.pending.unshift(...rows);
    const retryMs = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.failures++;
    // Once per outage and then every 20th attempt: a PostgreSQL outage must not flood the log.
    if (this.failures === 1 || this.failures % 20 === 0) {
      log.warn("search log write failed; will retry", { rows: this.pending.length, attempts: this.failures, retryMs, err: String((err as Error)?.message ?? err) });
    }
    this.schedule(retryMs);
  }
}

const buffers = new WeakMap<DbTx, SearchLogBuffer>();

/** The buffer of this client (one per process for the portal's db()); flushed on shutdown. */
export function searchLogBuffer(db: DbTx): SearchLogBuffer {
  let buffer = buffers.get(db);
  if (!buffer) {
    const created = new SearchLogBuffer(db, writeBatch, serverEnv().SEARCH_LOG_FLUSH_MS);
    buffers.set(db, (buffer = created));
    onShutdown(`search log ${randomUUID()}`, () => created.flush());
  }
  return buffer;
}
