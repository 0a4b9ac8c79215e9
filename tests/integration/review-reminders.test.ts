// The daily reminder names a policy owner's documents past or near their review date, once a day.
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueDigests } from "@/lib/notify/digest/enqueue-digests";
import { renderNotification } from "@/lib/notify/render-notification";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const NINE_SHANGHAI = new Date("2026-12-07T01:00:00Z"); // 09:00 on 12-07 in Shanghai

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U;
let otherOwner: U;

async function policy(id: string, lineId: string, reviewDueAt: string | null, needsRevision = false) {
  await t.db.policy.create({ data: { id, title: `制度 ${id}`, lineId, ownerName: "行政部", reviewDueAt: reviewDueAt ? new Date(`${reviewDueAt}T00:00:00Z`) : null, needsRevision } });
}

beforeAll(async () => {
  const dept = await makeDepartment(t.db);
  const otherDept = await makeDepartment(t.db);
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id, name: "制度负责人甲" });
  otherOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: otherDept.id });
  const line = await makeLine(t.db, { policyOwnerDeptId: dept.id });
  const otherLine = await makeLine(t.db, { policyOwnerDeptId: otherDept.id });
  await policy("overdue-rules", line.id, "2026-11-30");
  await policy("soon-rules", line.id, "2026-12-10");
  await policy("later-rules", line.id, "2027-03-01");
  await policy("marked-rules", line.id, null, true);
  await policy("fresh-rules", otherLine.id, "2027-06-30");
});

describe("review reminders", () => {
  it("names overdue, soon-due and marked documents to their owner once a day, and nothing to an owner with none", async () => {
    const first = await enqueueDigests({ db: t.db, now: NINE_SHANGHAI, hour: 8 });
    expect(first.reviewReminders).toBe(1);
    const rows = await t.db.notification.findMany({ where: { kind: "digest.policy-review" } });
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([owner.id]));
    const message = renderNotification({ kind: "digest.policy-review", payload: rows[0]!.payload, question: null, portalUrl: "https://shouwen.example" });
    const text = message.sections.flatMap((s) => s.lines).join("\n");
    expect(text).toMatch(/制度 overdue-rules.*已过期 7 天/);
    expect(text).toMatch(/制度 soon-rules.*还有 3 天/);
    expect(text).toMatch(/制度 marked-rules.*已标记待修订/);
    expect(text).not.toMatch(/later-rules|fresh-rules/);
    expect(message.subject).toContain("3 份待处理，1 份已过期");
    expect(message.link).toBe("https://shouwen.example/insights/policies");
    expect((await enqueueDigests({ db: t.db, now: new Date(NINE_SHANGHAI.getTime() + 3_600_000), hour: 8 })).reviewReminders).toBe(0);
    expect(await t.db.notification.count({ where: { kind: "digest.policy-review", userId: otherOwner.id } })).toBe(0);
  });
});
