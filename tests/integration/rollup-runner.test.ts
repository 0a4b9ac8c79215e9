// The one rollup runner (lib/analytics/rollup/runner.ts) on real PostgreSQL: refreshes of one rollup
// never overlap and the second reads the first's watermark, a failed step changes nothing, `since` is the
// watermark less the slack; and the three dashboards' rollups run in parallel to the same rows as in turn.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ROLLUPS } from "@/lib/analytics/rollup/registry";
import { clockWatermark, readWatermark, runRollup, SLACK_MS, type RollupRun, type RollupSpec } from "@/lib/analytics/rollup/runner";
import { fileQuestion } from "@/lib/questions/file-question";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

/** A toy rollup whose "table" is one AppSetting row; `seen` records what each step was given. */
function toy(step: (run: RollupRun<Date>) => Promise<void>) {
  const key = `test.rollup.${randomUUID()}`;
  const seen: { last: Date | null; since: Date | null; began: number; ended: number }[] = [];
  const spec: RollupSpec<Date> = {
    name: "toy",
    lock: key,
    watermark: clockWatermark(key),
    timeoutMs: 30_000,
    async step(run) {
      const began = performance.now();
      await step(run);
      seen.push({ last: run.last, since: run.since, began, ended: performance.now() });
      return { days: 1, mark: run.now };
    },
  };
  return { key, spec, seen };
}

describe("rollup runner", () => {
  it("runs one refresh at a time: the second waits for the lock, then reads the first's watermark", async () => {
    const { spec, seen } = toy(async ({ tx }) => {
      await tx.$executeRaw`SELECT pg_sleep(0.3)`;
    });
    const t1 = new Date("2026-11-20T04:00:00Z");
    const t2 = new Date("2026-11-20T05:00:00Z");
    await Promise.all([runRollup(t.db, t1, spec), runRollup(t.db, t2, spec)]);
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [(typeof seen)[0], (typeof seen)[0]];
    expect(second.began).toBeGreaterThanOrEqual(first.ended);
    expect(first.last).toBeNull(); // nothing before: a rebuild
    expect(first.since).toBeNull();
    // The second sees the first's mark, whichever of the two calls won the lock.
    expect([t1.getTime(), t2.getTime()]).toContain(second.last?.getTime());
    expect(second.since?.getTime()).toBe(second.last!.getTime() - SLACK_MS);
    expect((await readWatermark(t.db, spec.watermark))?.getTime()).not.toBe(second.last!.getTime());
  });

  it("looks for changes from the last refresh's clock less the slack", async () => {
    const { spec, seen } = toy(async () => {});
    const t1 = new Date("2026-11-20T04:00:00Z");
    await runRollup(t.db, t1, spec);
    await runRollup(t.db, new Date("2026-11-20T04:05:00Z"), spec);
    expect(seen[1]).toMatchObject({ last: t1, since: new Date(t1.getTime() - 10 * 60_000) });
  });

  it("leaves the watermark and the rows as they were when a step fails", async () => {
    const rows = `test.rows.${randomUUID()}`;
    let fail = false;
    const { spec } = toy(async ({ tx, now }) => {
      await tx.appSetting.upsert({ where: { key: rows }, create: { key: rows, value: now.toISOString() }, update: { value: now.toISOString() } });
      if (fail) throw new Error("killed mid-refresh");
    });
    const t1 = new Date("2026-11-20T04:00:00Z");
    await runRollup(t.db, t1, spec);
    fail = true;
    await expect(runRollup(t.db, new Date("2026-11-20T06:00:00Z"), spec)).rejects.toThrow("killed mid-refresh");
    expect(await readWatermark(t.db, spec.watermark)).toEqual(t1);
    expect((await t.db.appSetting.findUnique({ where: { key: rows } }))?.value).toBe(t1.toISOString());
  });

  it("gives the same rows when the dashboards' rollups run twice in parallel as when they run in turn", { timeout: 60_000 }, async () => {
    const db = t.db;
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const asker = await makeUser(db, { roles: ["EMPLOYEE"] });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    const base = new Date(Date.now() - 3 * 3600_000);
    const at = (min: number) => new Date(base.getTime() + min * 60_000);
    for (let i = 0; i < 3; i++) {
      const q = await fileQuestion(ctxOf(db, asker, at(i)), {
        idempotencyKey: randomUUID(),
        body: `报销的标准是什么？（${i}）`,
        lineId: line.id,
        contactName: "提问人",
        askSessionId: (await makeSearchedAskSession(db, asker.id, { at: at(i) })).id,
      });
      await replyToQuestion(ctxOf(db, owner, at(i + 5)), { questionId: q.id, body: "按差旅制度第三条执行。" });
      if (i < 2) await resolveQuestion(ctxOf(db, owner, at(i + 10)), { questionId: q.id, kind: "NO_POLICY", note: "制度未规定" });
    }
    const now = new Date();
    const snapshot = async () => ({
      mgmtFacts: await db.mgmtQuestionFact.findMany({ omit: { id: true }, orderBy: [{ questionId: "asc" }, { kind: "asc" }, { level: "asc" }] }),
      mgmtStats: await db.mgmtStat.findMany({ omit: { id: true }, orderBy: [{ span: "asc" }, { day: "asc" }, { lineId: "asc" }, { departmentId: "asc" }] }),
      ownerFacts: await db.ownerQuestionFact.findMany({ orderBy: { questionId: "asc" } }),
      policyDays: await db.policyDailyStat.findMany({ orderBy: [{ day: "asc" }, { policyId: "asc" }] }),
      queries: (await db.queryStat.findMany({ orderBy: [{ grain: "asc" }, { day: "asc" }, { query: "asc" }] })).map(({ id: _id, ...r }) => r),
    });
    await Promise.all(ROLLUPS.flatMap((r) => [r.refresh(db, now), r.refresh(db, now)]));
    const parallel = await snapshot();
    expect(parallel.ownerFacts).toHaveLength(3);
    expect(parallel.mgmtFacts.filter((f) => f.kind === "filed")).toHaveLength(3);
    expect(parallel.queries.length).toBeGreaterThan(0);
    for (const r of ROLLUPS) await r.refresh(db, now);
    expect(await snapshot()).toEqual(parallel);
  });
});
