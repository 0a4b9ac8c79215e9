// 制度变更影响: resolved questions whose cited unit later changed or disappeared are listed for the policy owner.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changeImpact } from "@/lib/analytics/policies/change-impact";
import { importPolicies } from "@/lib/content/import-policies";
import { makeUser } from "../helpers/factories";
import { useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const tmp = useTempDir("shouwen-impact-");

const policy = (articles: Record<string, string>) =>
  `---\nid: "seal-rules"\ntitle: "印章管理办法"\nline: "行政"\nowner: "行政部"\n---\n# 印章管理办法\n\n${Object.entries(articles)
    .map(([label, text]) => `#### ${label}\n\n${text}\n`)
    .join("\n")}`;

async function resolvedCiting(label: string, status: "RESOLVED" | "IN_PROGRESS" = "RESOLVED") {
  const asker = await makeUser(t.db);
  const line = await t.db.businessLine.findUniqueOrThrow({ where: { name: "行政" } });
  const section = await t.db.policySection.findFirstOrThrow({ where: { policyId: "seal-rules", label, version: { currentOf: { isNot: null } } } });
  const q = await t.db.question.create({
    data: { askerId: asker.id, idempotencyKey: randomUUID(), body: `关于${label}`, lineId: line.id, contactName: "张三", status, resolvedAt: status === "RESOLVED" ? new Date() : null, resolutionKind: "EXISTING_POLICY" },
  });
  await t.db.citation.create({ data: { questionId: q.id, sectionId: section.id, policyId: "seal-rules", forResolution: true } });
  return q;
}

describe("change impact", () => {
  it("lists resolved questions whose cited article changed or was removed, not unchanged ones or open questions", async () => {
    writeFileSync(path.join(tmp.path, "seal-rules.md"), policy({ 第一条: "公章外借须登记。", 第二条: "印章遗失须报告。", 第三条: "本办法自发布之日起施行。" }));
    expect((await importPolicies(t.db, tmp.path)).created).toEqual(["seal-rules"]);
    const changed = await resolvedCiting("第一条");
    const removed = await resolvedCiting("第二条");
    await resolvedCiting("第三条");
    await resolvedCiting("第一条", "IN_PROGRESS");
    expect(await changeImpact(t.db, ["seal-rules"])).toEqual([]);

    writeFileSync(path.join(tmp.path, "seal-rules.md"), policy({ 第一条: "公章外借须经部门负责人批准并登记。", 第三条: "本办法自发布之日起施行。" }));
    expect((await importPolicies(t.db, tmp.path)).updated).toEqual(["seal-rules"]);
    const rows = await changeImpact(t.db, ["seal-rules"]);
    expect(rows.map((r) => [r.questionId, r.label, r.citedVersion, r.currentVersion, r.removed]).sort()).toEqual(
      [
        [changed.id, "第一条", 1, 2, false],
        [removed.id, "第二条", 1, 2, true],
      ].sort(),
    );
    // Another owner's documents are not theirs to see.
    expect(await changeImpact(t.db, ["other-policy"])).toEqual([]);
  });
});
