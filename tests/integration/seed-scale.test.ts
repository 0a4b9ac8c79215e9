// seed:scale's set-wise SQL stays in step with the schema: a tiny run into a fresh database produces
// every kind of row the dashboards read, consistent with each other (the full run is npm run seed:scale).
import { describe, expect, it } from "vitest";
import { refreshRollups } from "@/lib/analytics/rollup/registry";
import { seedScale } from "@/lib/seed/scale";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

describe("seed:scale", () => {
  it("creates a consistent small company at factor 0.002", { timeout: 120_000 }, async () => {
    const counts = await seedScale(t.ownerUrl, { factor: 0.002 });
    // 127 users: the fixed staff (44 managers, 7 policy owners, 70 first-contact owners, 5 QA, 1 admin)
    // already exceed the 120 asked for at this factor.
    expect(counts).toMatchObject({ users: 127, departments: 44, searchQueries: 2000, questions: 200, askSessions: 500 });
    expect(counts.impressions).toBeGreaterThan(1500);
    expect(counts.questionEvents).toBeGreaterThan(2 * counts.questions);
    const db = t.db;
    // Every question: an asker, an owner, an ASKED event first, an ownership chain ending at its owner.
    const broken = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Question" q
      WHERE q."ownerId" IS NULL
         OR NOT EXISTS (SELECT 1 FROM "QuestionEvent" e WHERE e."questionId" = q.id AND e.type = 'ASKED')
         OR q."ownerId" <> (SELECT o."userId" FROM "QuestionOwnership" o WHERE o."questionId" = q.id ORDER BY o."startedAt" DESC LIMIT 1)
         OR (q.status IN ('RESOLVED','CLOSED')) <> (q."resolvedAt" IS NOT NULL)`;
    expect(Number(broken[0]!.n)).toBe(0);
    expect(await db.askSession.count({ where: { outcome: "FILED", question: null } })).toBe(0);
    // The dashboards' rollups run on it.
    await expect(refreshRollups(db, new Date())).resolves.toBeTypeOf("object");
  });
});
