// (No "server-only" here or in any rollup: the worker, plain Node, runs them — docs/decisions/0006.)
// The one incremental-rollup engine. Each rollup (management/rollup.ts, policies/rollup.ts,
// owners/facts-rollup.ts) supplies only its step: the SQL that recomputes what changed since the last
// refresh. The runner owns the rest, the same for all three:
// - one transaction under the rollup's advisory lock, so two refreshers (the worker and a test, two
//   workers) never interleave: the second waits for the first to commit, then reads its watermark and
//   redoes little;
// - the watermark (an AppSetting row), read after the lock and written in the same transaction as the
//   rows, so a killed refresh leaves the old watermark and the next one redoes the same work (a step must
//   be idempotent: it replaces whole days or whole questions, never adds to them);
// - the slack: `since` is the watermark's moment minus SLACK_MS, because a transaction still in flight at
//   the last refresh commits rows stamped slightly before it;
// - no watermark (first run, or the row deleted to force it): `since` is null and the step rebuilds all.
import type { Db, DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";

/** A registered rollup, as the worker and the tests call it. */
export interface Rollup {
  name: string;
  /** Recomputes every day (or question) touched since the last refresh. Idempotent. */
  refresh(db: Db, now: Date): Promise<{ days: number }>;
}

// Changes committed by transactions still in flight at the last refresh carry a slightly earlier time.
export const SLACK_MS = 10 * 60_000;

/** How a rollup's watermark is stored in AppSetting and which of its moments the slack counts back from. */
export interface Watermark<M> {
  /** AppSetting key */
  key: string;
  /** the stored value as a mark; null when absent or unreadable (the next refresh rebuilds) */
  decode(value: Prisma.JsonValue | undefined): M | null;
  encode(mark: M): Prisma.InputJsonValue;
  /** the moment changes are looked for after (before the slack is taken off) */
  changedAfter(mark: M): Date;
}

export interface RollupRun<M> {
  tx: DbTx;
  /** the refresh's clock */
  now: Date;
  /** the database clock of this transaction (its start) */
  dbNow: Date;
  /** the last refresh's mark, null on a rebuild */
  last: M | null;
  /** changedAfter(last) − SLACK_MS, null on a rebuild */
  since: Date | null;
}

export interface RollupSpec<M> {
  name: string;
  /** advisory lock: a number, or a text hashed by PostgreSQL's hashtext */
  lock: number | string;
  watermark: Watermark<M>;
  /** transaction timeout; a rebuild of a large database takes minutes */
  timeoutMs: number;
  /** recomputes what changed since `run.since` (everything when null); returns the work done and the new mark */
  step(run: RollupRun<M>): Promise<{ days: number; mark: M }>;
}

export async function readWatermark<M>(db: DbTx, watermark: Watermark<M>): Promise<M | null> {
  const row = await db.appSetting.findUnique({ where: { key: watermark.key } });
  return watermark.decode(row?.value);
}

export async function runRollup<M>(db: Db, now: Date, spec: RollupSpec<M>): Promise<{ days: number }> {
  return db.$transaction(
    async (tx) => {
      if (typeof spec.lock === "number") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${spec.lock})`;
      else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${spec.lock}))`;
      const [{ dbNow }] = (await tx.$queryRaw<{ dbNow: Date }[]>`SELECT now() AS "dbNow"`) as [{ dbNow: Date }];
      const last = await readWatermark(tx, spec.watermark);
      const since = last ? new Date(spec.watermark.changedAfter(last).getTime() - SLACK_MS) : null;
      const { days, mark } = await spec.step({ tx, now, dbNow, last, since });
      const key = spec.watermark.key;
      const value = spec.watermark.encode(mark);
      await tx.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
      return { days };
    },
    { timeout: spec.timeoutMs, maxWait: 60_000 },
  );
}

export function defineRollup<M>(spec: RollupSpec<M>): Rollup {
  return { name: spec.name, refresh: (db, now) => runRollup(db, now, spec) };
}

/** A watermark stored as the ISO time of the last refresh's clock (`now`). */
export function clockWatermark(key: string): Watermark<Date> {
  return {
    key,
    decode: (value) => {
      const t = typeof value === "string" ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? null : new Date(t);
    },
    encode: (mark) => mark.toISOString(),
    changedAfter: (mark) => mark,
  };
}
