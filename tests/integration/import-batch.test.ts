// The folder import stores policies in batches (lib/content/import-policies.ts, writePolicyVersions):
// the same rows as one policy at a time, and a policy that PostgreSQL refuses fails alone.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { makeDepartment } from "../helpers/factories";
import { tempDirForTest, useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

const FM = (id: string, extra = "", body = "印章外借须登记。") =>
  `---\nid: "${id}"\ntitle: "批量制度 ${id}"\nline: "行政"\nowner: "${id.startsWith("hr") ? "人力资源部" : "行政部"}"\nsource: "测试"\neffective: "2025-01-01"\n${extra}---\n# 批量制度\n\n## 第一章 总则\n\n#### 第一条 目的\n\n${body}\n\n#### 第二条 范围\n\n适用于全体员工。\n`;

const tmp = useTempDir("shouwen-import-batch-");

describe("batched policy import", () => {
  it("stores every policy of a large folder with its version, units and current-version pointer", async () => {
    const dept = await makeDepartment(t.db, { name: "人力资源部" });
    for (let i = 0; i < 120; i++) writeFileSync(path.join(tmp.path, `p${String(i).padStart(3, "0")}.md`), FM(`p${String(i).padStart(3, "0")}`));
    writeFileSync(path.join(tmp.path, "hr-leave.md"), FM("hr-leave", 'review: "2027-06-30"\n'));
    const report = await importPolicies(t.db, tmp.path);
    expect(report.failed).toEqual([]);
    expect(report.created).toHaveLength(121);
    expect(report.created.slice(0, 3)).toEqual(["hr-leave", "p000", "p001"]); // the files' order
    const hr = await t.db.policy.findUniqueOrThrow({ where: { id: "hr-leave" }, include: { currentVersion: { include: { sections: { orderBy: { ordinal: "asc" } } } }, line: true } });
    expect(hr).toMatchObject({ title: "批量制度 hr-leave", ownerName: "人力资源部", ownerDeptId: dept.id, source: "测试", status: "ACTIVE", indexedVersionId: null, retiredAt: null });
    expect(hr.line.name).toBe("行政");
    expect(hr.effective?.toISOString().slice(0, 10)).toBe("2025-01-01");
    expect(hr.reviewDueAt?.toISOString().slice(0, 10)).toBe("2027-06-30");
    expect(hr.currentVersion).toMatchObject({ version: 1, title: "批量制度 hr-leave", originalName: null, publishedById: null });
    expect(hr.currentVersion!.sections.map((s) => [s.ordinal, s.label, s.heading, s.chapter, s.text])).toEqual([
      [0, "第一条", "第一条 目的", "第一章 总则", "印章外借须登记。"],
      [1, "第二条", "第二条 范围", "第一章 总则", "适用于全体员工。"],
    ]);
    const p = await t.db.policy.findUniqueOrThrow({ where: { id: "p007" } });
    expect(p.ownerDeptId).toBeNull();
    expect(await t.db.policySection.count({ where: { policyId: { startsWith: "p" } } })).toBe(240);
  });

  it("adds a new version to changed policies, keeps a review date the file no longer gives, and skips unchanged ones", async () => {
    await t.db.policy.update({ where: { id: "p001" }, data: { status: "ARCHIVED", retiredAt: new Date() } });
    writeFileSync(path.join(tmp.path, "hr-leave.md"), FM("hr-leave", "", "印章外借须登记，并在三日内归还。"));
    const report = await importPolicies(t.db, tmp.path);
    expect(report.failed).toEqual([]);
    expect(report.updated).toEqual(["hr-leave", "p001"]); // p001: same file, but retired, so active again
    expect(report.unchanged).toHaveLength(119);
    const hr = await t.db.policy.findUniqueOrThrow({ where: { id: "hr-leave" }, include: { currentVersion: { include: { sections: true } }, versions: true } });
    expect(hr.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(hr.currentVersion!.version).toBe(2);
    expect(hr.currentVersion!.sections.map((s) => s.text)).toContain("印章外借须登记，并在三日内归还。");
    expect(hr.reviewDueAt?.toISOString().slice(0, 10)).toBe("2027-06-30");
    const p1 = await t.db.policy.findUniqueOrThrow({ where: { id: "p001" }, include: { currentVersion: true } });
    expect(p1).toMatchObject({ status: "ACTIVE", retiredAt: null });
    expect(p1.currentVersion!.version).toBe(2);
  });

  it("reports a policy PostgreSQL refuses on its own file and still stores the rest of its batch", async () => {
    const other = tempDirForTest("shouwen-import-batch-bad-");
    for (const id of ["q1", "q2", "q3"]) writeFileSync(path.join(other, `${id}.md`), FM(id));
    writeFileSync(path.join(other, "q2.md"), FM("q2", "", "印章\u0000外借")); // a NUL byte: valid UTF-8, not storable in PostgreSQL text
    const report = await importPolicies(t.db, other);
    expect(report.created).toEqual(["q1", "q3"]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.file).toBe("q2.md");
    expect(await t.db.policy.count({ where: { id: "q2" } })).toBe(0);
    expect(await t.db.policySection.count({ where: { policyId: { in: ["q1", "q3"] } } })).toBe(4);
  });
});
