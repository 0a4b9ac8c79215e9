// The relevance index is rebuilt off the request path: while a new one builds (on a worker thread),
// searches answer from the previous one without waiting, and the new one replaces it whole.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { corpusSettled, corpusState, getCorpus } from "@/lib/search/corpus";
import { searchClauses } from "@/lib/search/search-clauses";
import { syncIndex } from "@/lib/search/sync-index";
import { useTempDir, withTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const FIXTURES = path.resolve("tests/fixtures/corpus");
const deps = () => ({ db: t.db, meili: { prefix: t.indexPrefix, config: t.meili } });

const policy = (id: string, text: string) =>
  `---\nid: "${id}"\ntitle: "测试制度 ${id}"\nline: "行政"\nowner: "行政部"\nsource: "测试"\neffective: "2025-01-01"\n---\n# 测试制度\n\n#### 第一条\n\n${text}\n`;

// Enough units (30 × 200) that a build takes a noticeable time even on a warm worker thread.
const FILLER_WORDS = ["年休假", "加班费", "差旅报销", "试用期", "劳动合同", "社会保险", "住房公积金", "病假工资", "出差住宿", "审批流程", "离职交接", "培训费用", "绩效考核", "工作时间", "安全生产"];
function fillerPolicy(n: number): string {
  const articles = Array.from({ length: 200 }, (_, k) => {
    const words = Array.from({ length: 12 }, (_, j) => FILLER_WORDS[(n * 7 + k * 3 + j * 5) % FILLER_WORDS.length]);
    return `#### 第${k + 1}条\n\n${words.join("，")}按本制度第${(k % 40) + 1}项办理。\n`;
  });
  return `---\nid: "filler-${n}"\ntitle: "填充制度 ${n}"\nline: "人力资源"\nowner: "人力资源部"\nsource: "测试"\neffective: "2025-01-01"\n---\n# 填充制度\n\n${articles.join("\n")}`;
}

const tmp = useTempDir("shouwen-swap-");
beforeAll(async () => {
  await withTempDir("shouwen-swap-filler-", async (filler) => {
    for (let n = 0; n < 30; n++) writeFileSync(path.join(filler, `filler-${n}.md`), fillerPolicy(n));
    expect((await importPolicies(t.db, filler)).failed).toEqual([]);
  });
  expect((await importPolicies(t.db, path.join(FIXTURES, "docs"))).failed).toEqual([]);
  await syncIndex(t.db, { prefix: t.indexPrefix, config: t.meili });
});

async function importOne(id: string, text: string): Promise<void> {
  writeFileSync(path.join(tmp.path, `${id}.md`), policy(id, text));
  expect((await importPolicies(t.db, tmp.path)).failed).toEqual([]);
}

const policiesOf = async (q: string) => (await searchClauses(deps(), { q, limit: 5 })).hits.map((h) => h.policyId);

describe("corpus rebuild", () => {
  it("builds the first corpus before the first search answers (nothing older to answer from)", async () => {
    expect(corpusState(t.db).signature).toBeUndefined();
    const corpus = await getCorpus(t.db);
    expect(corpus.sections.length).toBeGreaterThan(6000);
    expect(corpus.index.rows.length).toBe(corpus.sections.length);
    expect(corpusState(t.db)).toMatchObject({ signature: corpus.signature, building: false });
  });

  it("answers from the old index while a new one builds, without waiting for it, then swaps it in whole", async () => {
    const old = await getCorpus(t.db);
    expect(await policiesOf("量子保密柜钥匙交接")).not.toContain("vault-rules");
    await importOne("vault-rules", "量子保密柜钥匙交接须双人在场并登记。");

    // The next signature check (forced here by a clock past the 3 s re-check interval) sees the import.
    const during = await getCorpus(t.db, Date.now() + 4000);
    expect(during).toBe(old);
    expect(corpusState(t.db).building).toBe(true);
    const answeredWhileBuilding: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await searchClauses(deps(), { q: "量子保密柜钥匙交接", limit: 5 });
      // The answer arrived while the build was still running: no search waited for it.
      answeredWhileBuilding.push(corpusState(t.db).building);
      expect(r.hits.map((h) => h.policyId)).not.toContain("vault-rules");
    }
    expect(answeredWhileBuilding).toEqual([true, true, true, true, true]);

    const fresh = await corpusSettled(t.db);
    expect(fresh).not.toBe(old);
    expect(fresh!.signature).not.toBe(old.signature);
    expect(await getCorpus(t.db)).toBe(fresh);
    expect(await policiesOf("量子保密柜钥匙交接")).toContain("vault-rules");
    // The old corpus is untouched: a search that already held it finishes on a whole index.
    expect(old.sections.some((s) => s.policyId === "vault-rules")).toBe(false);
    expect(old.index.rows.length).toBe(old.sections.length);
    expect(fresh!.stats.buildMs).toBeGreaterThan(0);
  });

  it("builds once more when the content changes again during a build, ending on the newest content", async () => {
    await importOne("kiln-rules", "陶瓷窑炉点火前须检查排烟阀门。");
    await getCorpus(t.db, Date.now() + 8000);
    expect(corpusState(t.db).building).toBe(true);
    await importOne("loom-rules", "织布机换梭须先断电并挂牌。");
    const seen = await getCorpus(t.db, Date.now() + 12_000);
    expect(seen.sections.some((s) => s.policyId === "loom-rules")).toBe(false);
    const last = await corpusSettled(t.db);
    expect(corpusState(t.db)).toMatchObject({ building: false, signature: last!.signature, wanted: last!.signature });
    expect(await policiesOf("陶瓷窑炉点火排烟阀门")).toContain("kiln-rules");
    expect(await policiesOf("织布机换梭断电挂牌")).toContain("loom-rules");
  });

  it("lets many searches in parallel share one build and one answer per process", async () => {
    await importOne("dock-rules", "码头吊装作业须设警戒区。");
    await getCorpus(t.db, Date.now() + 16_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => searchClauses(deps(), { q: "码头吊装警戒区", limit: 5 })));
    expect(corpusState(t.db).building).toBe(true);
    for (const a of answers) expect(a.hits.map((h) => h.policyId)).not.toContain("dock-rules");
    await corpusSettled(t.db);
    expect(await policiesOf("码头吊装警戒区")).toContain("dock-rules");
  });
});
