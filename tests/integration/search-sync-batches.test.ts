// How syncIndex talks to Meilisearch at scale (lib/search/sync-index.ts): a first sync of new policies
// sends no delete (nothing of theirs can be in the index), a changed policy's old units are deleted
// before its new ones are added, the settings are sent only when they change, and syncIndexDuring
// keeps the index in step while an import runs.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { meiliClient } from "@/lib/search/client";
import { sectionsIndexUid } from "@/lib/search/meili-index";
import { indexCounts, staleIndexCount, syncIndex, syncIndexDuring } from "@/lib/search/sync-index";
import { tempDirForTest, useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const opts = () => ({ prefix: t.indexPrefix, config: t.meili });
const FM = (id: string, body = "印章外借须登记。") => `---\nid: "${id}"\ntitle: "同步制度 ${id}"\nline: "行政"\nowner: "行政部"\neffective: "2025-01-01"\n---\n# 同步制度\n\n#### 第一条\n\n${body}\n\n#### 第二条\n\n适用于全体员工。\n`;

async function taskTypes(): Promise<string[]> {
  const tasks = await meiliClient(t.meili).tasks.getTasks({ indexUids: [sectionsIndexUid(t.indexPrefix)], limit: 1000 });
  return tasks.results.map((task) => task.type).reverse();
}

async function unitsInIndex(policyId: string): Promise<string[]> {
  const r = await meiliClient(t.meili).index(sectionsIndexUid(t.indexPrefix)).getDocuments<{ text: string }>({ filter: `policyId = "${policyId}"`, fields: ["text"], limit: 100 });
  return r.results.map((d) => d.text).sort();
}

const tmp = useTempDir("shouwen-sync-");

describe("syncIndex at scale", () => {
  it("indexes a first import with document additions only, and sends unchanged settings once", async () => {
    for (let i = 0; i < 150; i++) writeFileSync(path.join(tmp.path, `s${i}.md`), FM(`s${i}`));
    expect((await importPolicies(t.db, tmp.path)).created).toHaveLength(150);
    await syncIndex(t.db, opts());
    const types = await taskTypes();
    expect(types.filter((x) => x === "documentDeletion")).toEqual([]);
    expect(types.filter((x) => x === "settingsUpdate")).toHaveLength(1);
    const counts = await indexCounts(t.db, opts());
    expect(counts).toEqual({ postgres: 300, meilisearch: 300 });
    expect(await staleIndexCount(t.db)).toBe(0);
    await syncIndex(t.db, opts()); // nothing stale, settings unchanged: no task at all
    expect(await taskTypes()).toHaveLength(types.length);
  });

  it("deletes a changed policy's old units before adding the new ones, and a retired policy's units", async () => {
    writeFileSync(path.join(tmp.path, "s1.md"), FM("s1", "印章外借须登记，并在三日内归还。"));
    const before = (await taskTypes()).length;
    expect((await importPolicies(t.db, tmp.path)).updated).toEqual(["s1"]);
    await t.db.policy.update({ where: { id: "s2" }, data: { status: "ARCHIVED" } });
    const r = await syncIndex(t.db, opts());
    expect(r).toEqual({ synced: ["s1"], removed: ["s2"] });
    expect((await taskTypes()).slice(before)).toEqual(["documentDeletion", "documentAdditionOrUpdate"]);
    expect(await unitsInIndex("s1")).toEqual(["印章外借须登记，并在三日内归还。", "适用于全体员工。"]);
    expect(await unitsInIndex("s2")).toEqual([]);
    expect(await indexCounts(t.db, opts())).toEqual({ postgres: 298, meilisearch: 298 });
  });

  it("re-adds a re-activated policy without a delete, replacing whatever of it the index holds", async () => {
    await t.db.policy.update({ where: { id: "s2" }, data: { status: "ACTIVE" } });
    await syncIndex(t.db, opts());
    expect(await unitsInIndex("s2")).toEqual(["印章外借须登记。", "适用于全体员工。"]);
    expect(await indexCounts(t.db, opts())).toEqual({ postgres: 300, meilisearch: 300 });
  });

  it("syncIndexDuring keeps the index in step with an import as it runs and ends converged", async () => {
    const more = tempDirForTest("shouwen-sync-more-");
    for (let i = 0; i < 200; i++) writeFileSync(path.join(more, `m${String(i).padStart(3, "0")}.md`), FM(`m${String(i).padStart(3, "0")}`));
    const report = await syncIndexDuring(t.db, opts(), importPolicies(t.db, more));
    expect(report.created).toHaveLength(200);
    expect(await indexCounts(t.db, opts())).toEqual({ postgres: 700, meilisearch: 700 });
    expect(await staleIndexCount(t.db)).toBe(0);
  });

  it("syncIndexDuring rejects with the work's error after a last sync of what was committed", async () => {
    await expect(syncIndexDuring(t.db, opts(), Promise.reject(new Error("import broke")))).rejects.toThrow("import broke");
  });
});
