import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importPolicies } from "@/lib/content/import-policies";
import { corpusSettled } from "@/lib/search/corpus";
import { evalCorpus } from "@/scripts/eval/eval-corpus";
import { logSearch } from "@/lib/search/log-search";
import { SearchLogBuffer } from "@/lib/search/search-log-buffer";
import { countDocuments, deleteDocumentsWhere, filterValue, sectionsIndexUid } from "@/lib/search/meili-index";
import { SearchResultCache, searchClauses } from "@/lib/search/search-clauses";
import { indexCounts, syncIndex } from "@/lib/search/sync-index";
import { tempDirForTest, useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const FIXTURES = path.resolve("tests/fixtures/corpus");
const opts = () => ({ prefix: t.indexPrefix, config: t.meili });
const deps = () => ({ db: t.db, meili: { prefix: t.indexPrefix, config: t.meili } });

const FM = (id: string, extra = "") => `---\nid: "${id}"\ntitle: "测试制度 ${id}"\nline: "行政"\nowner: "行政部"\nsource: "测试"\neffective: "2025-01-01"\n${extra}---\n# 测试制度\n\n#### 第一条\n\n印章外借须登记。\n`;

const tmp = useTempDir("shouwen-import-");
beforeAll(async () => {
  const report = await importPolicies(t.db, path.join(FIXTURES, "docs"));
  expect(report.failed).toEqual([]);
  await syncIndex(t.db, opts());
});

describe("import", () => {
  it("reports each bad file with file, field or line and why, and still imports the good ones", async () => {
    writeFileSync(path.join(tmp.path, "good.md"), FM("good"));
    writeFileSync(path.join(tmp.path, "bad-date.md"), FM("bad-date").replace('effective: "2025-01-01"', 'effective: "soon"'));
    writeFileSync(path.join(tmp.path, "empty.md"), "");
    writeFileSync(path.join(tmp.path, "latin1.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    writeFileSync(path.join(tmp.path, "zz-dup.md"), FM("good"));
    const report = await importPolicies(t.db, tmp.path);
    expect(report.created).toEqual(["good"]);
    const byFile = Object.fromEntries(report.failed.map((f) => [f.error.split(/[:\s]/)[0], f.error]));
    expect(byFile["bad-date.md"]).toMatch(/\[effective\].*YYYY-MM-DD/);
    expect(byFile["empty.md"]).toMatch(/empty/);
    expect(byFile["latin1.md"]).toMatch(/UTF-8/);
    expect(byFile["zz-dup.md"]).toMatch(/id .*must equal the file name|duplicate id/);
    expect(await t.db.policy.count({ where: { id: { in: ["bad-date", "empty", "latin1"] } } })).toBe(0);
  });

  it("skips unchanged files by checksum and stores a changed file as a new version", async () => {
    writeFileSync(path.join(tmp.path, "versioned.md"), FM("versioned"));
    expect((await importPolicies(t.db, tmp.path)).created).toContain("versioned");
    expect((await importPolicies(t.db, tmp.path)).unchanged).toContain("versioned");
    writeFileSync(path.join(tmp.path, "versioned.md"), FM("versioned").replace("印章外借须登记。", "印章外借须登记，并在三日内归还。"));
    expect((await importPolicies(t.db, tmp.path)).updated).toContain("versioned");
    const policy = await t.db.policy.findUniqueOrThrow({ where: { id: "versioned" }, include: { currentVersion: { include: { sections: true } }, versions: true } });
    expect(policy.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(policy.currentVersion!.version).toBe(2);
    expect(policy.currentVersion!.sections[0]!.text).toContain("三日内归还");
  });
});

describe("index sync", () => {
  it("converges after a crash between deleting a policy's documents and adding its new version", async () => {
    await syncIndex(t.db, opts());
    const before = await indexCounts(t.db, opts());
    expect(before.meilisearch).toBe(before.postgres);
    // A new version, then a sync that "crashes" right after removing the old documents.
    writeFileSync(path.join(tmp.path, "versioned.md"), FM("versioned").replace("印章外借须登记。", "#### 第二条\n\n第三版。\n\n#### 第三条\n\n新增条款。"));
    await importPolicies(t.db, tmp.path);
    await deleteDocumentsWhere(sectionsIndexUid(t.indexPrefix), `policyId = ${filterValue("versioned")}`, t.meili);
    const during = await indexCounts(t.db, opts());
    expect(during.meilisearch).not.toBe(during.postgres);
    await syncIndex(t.db, opts());
    const after = await indexCounts(t.db, opts());
    expect(after.meilisearch).toBe(after.postgres);
    expect(await countDocuments(sectionsIndexUid(t.indexPrefix), t.meili)).toBe(after.postgres);
  });
});

describe("search", () => {
  it("finds the clauses for a colloquial question (maternity and paternity leave both answer it)", async () => {
    const r = await searchClauses(deps(), { q: "生孩子能休几天", limit: 5 });
    expect(r.degraded).toBe(false);
    expect(r.hits.slice(0, 2).map((h) => `${h.policyId} ${h.label}`).sort()).toEqual(["leave-rules 第三条", "leave-rules 第四条"]);
  });

  it("finds Traditional text with a Simplified query and Simplified text with a Traditional query", async () => {
    const s2t = await searchClauses(deps(), { q: "出差住宿标准", limit: 5 });
    expect(s2t.hits[0]?.policyId).toBe("travel-rules");
    const t2s = await searchClauses(deps(), { q: "陪產假幾天", limit: 5 });
    expect(t2s.hits[0]).toMatchObject({ policyId: "leave-rules", label: "第四条" });
  });

  it("filters by 条线", async () => {
    const r = await searchClauses(deps(), { q: "申请", line: "财务", limit: 10 });
    expect(r.hits.every((h) => h.line === "财务")).toBe(true);
  });

  it("keeps markup in policy text as text in snippets", async () => {
    const r = await searchClauses(deps(), { q: "钓鱼邮件 链接", limit: 3 });
    expect(r.hits[0]?.policyId).toBe("xss-notice");
    expect(r.hits[0]!.snippet.map((s) => s.text).join("")).toContain("<img src=x onerror=alert(1)>");
  });

  it("answers from PostgreSQL within a second when Meilisearch is unreachable, flagged as degraded", async () => {
    const started = performance.now();
    const r = await searchClauses({ db: t.db, meili: { prefix: t.indexPrefix, config: { host: "http://127.0.0.1:9", apiKey: "x".repeat(16) } } }, { q: "年休假申请", limit: 5 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.degraded).toBe(true);
    expect(r.hits[0]?.policyId).toBe("leave-rules");
  });

  it("says nothing was found only when nothing is plausible, and logs exactly those searches with zero results", async () => {
    const none = await searchClauses(deps(), { q: "食堂中午有什么菜", limit: 5 });
    expect(none).toMatchObject({ state: "none", hits: [], deflected: false });
    const related = await searchClauses(deps(), { q: "年休假申请", limit: 5 });
    expect(related.state).not.toBe("none");
    expect(related.hits.length).toBeGreaterThan(0);
    const noneId = await logSearch(t.db, { userId: null, query: "食堂中午有什么菜", latencyMs: 1, result: none });
    const relatedId = await logSearch(t.db, { userId: null, query: "年休假申请", latencyMs: 1, result: related });
    const rows = await t.db.searchQuery.findMany({ where: { id: { in: [noneId, relatedId] } }, select: { id: true, resultCount: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.resultCount]))).toEqual({ [noneId]: 0, [relatedId]: related.hits.length });
  });

  it("logs the search with the shown results in order", async () => {
    const r = await searchClauses(deps(), { q: "产假", limit: 3 });
    const id = await logSearch(t.db, { userId: null, query: "产假", latencyMs: 4.2, result: r });
    const row = await t.db.searchQuery.findUniqueOrThrow({ where: { id }, include: { impressions: { orderBy: { rank: "asc" } } } });
    expect(row.resultCount).toBe(r.hits.length);
    expect(row.impressions.map((i) => i.sectionId)).toEqual(r.hits.map((h) => h.sectionId));
  });
});

describe("answer cache", () => {
  it("answers a repeated query from the cache, and again from the corpus after an import changes it", async () => {
    const cache = new SearchResultCache();
    const cached = () => ({ ...deps(), cache });
    const first = await searchClauses(cached(), { q: "印章外借", limit: 5 });
    expect(await searchClauses(cached(), { q: "印章外借", limit: 5 })).toBe(first);
    // Another filter or limit is another answer.
    expect(await searchClauses(cached(), { q: "印章外借", limit: 4 })).not.toBe(first);
    expect(cache.size).toBe(2);

    const fresh = tempDirForTest("shouwen-cache-");
    writeFileSync(path.join(fresh, "seal-cache.md"), FM("seal-cache").replace("印章外借须登记。", "印章外借须经部门负责人批准并登记。"));
    expect(await importPolicies(t.db, fresh)).toMatchObject({ created: ["seal-cache"], failed: [] });
    // getCorpus re-reads the signature at most every 3 s; a change starts a rebuild off the request
    // path (answers meanwhile come from the previous corpus), and the rebuilt corpus replaces it.
    await new Promise((r) => setTimeout(r, 3100));
    await searchClauses(cached(), { q: "印章外借", limit: 5 });
    await corpusSettled(t.db);
    const after = await searchClauses(cached(), { q: "印章外借", limit: 5 });
    expect(after).not.toBe(first);
    expect(after.hits.map((h) => h.policyId)).toContain("seal-cache");
  });

  it("does not keep a degraded answer, and does not serve a cached one while Meilisearch is down", async () => {
    const cache = new SearchResultCache();
    const up = { ...deps(), cache };
    const down = { db: t.db, meili: { prefix: t.indexPrefix, config: { host: "http://127.0.0.1:9", apiKey: "x".repeat(16) } }, cache };
    const degraded = await searchClauses(down, { q: "年休假申请", limit: 5 });
    expect(degraded.degraded).toBe(true);
    expect(cache.size).toBe(0);
    const ok = await searchClauses(up, { q: "年休假申请", limit: 5 });
    expect(ok.degraded).toBe(false);
    expect(cache.size).toBe(1);
    // The same query, cached while Meilisearch was up, asked while it is down: recomputed, flagged.
    const meanwhile = await searchClauses(down, { q: "年休假申请", limit: 5 });
    expect(meanwhile).not.toBe(ok);
    expect(meanwhile.degraded).toBe(true);
  });

  it("forgets the least recently used answer beyond its size, and answers older than its time to live", () => {
    const cache = new SearchResultCache(2, 1000);
    const r = (n: number) => ({ hits: [], deflected: false, state: "none" as const, confidence: n, degraded: false, terms: [] });
    cache.set("a", r(1), 0);
    cache.set("b", r(2), 0);
    expect(cache.get("a", 10)?.confidence).toBe(1); // a is now the most recent
    cache.set("c", r(3), 20);
    expect(cache.get("b", 30)).toBeUndefined();
    expect(cache.get("a", 30)?.confidence).toBe(1);
    expect(cache.get("c", 1021)).toBeUndefined();
  });
});

describe("search log buffer", () => {
  it("writes queued searches in one batch, each with its own time and its results in order", async () => {
    const buffer = new SearchLogBuffer(t.db);
    const results = await Promise.all(["产假", "年休假申请", "火星基地补贴"].map((q) => searchClauses(deps(), { q, limit: 4 })));
    const at = (s: number) => new Date(Date.UTC(2026, 10, 3, 2, 0, s));
    const ids = results.map((result, i) => buffer.add({ userId: null, query: ["产假", "年休假申请", "火星基地补贴"][i]!, line: i === 1 ? "人事" : undefined, latencyMs: 3.6, result }, at(i)));
    expect(await t.db.searchQuery.count({ where: { id: { in: ids } } })).toBe(0); // queued, not written yet
    await buffer.flush();
    expect(buffer.size).toBe(0);
    const rows = await t.db.searchQuery.findMany({ where: { id: { in: ids } }, include: { impressions: { orderBy: { rank: "asc" } } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      const row = byId.get(id)!;
      expect(row.query).toBe(["产假", "年休假申请", "火星基地补贴"][i]);
      expect(row.createdAt.toISOString()).toBe(at(i).toISOString());
      expect(row.latencyMs).toBe(4);
      expect(row.lineFilter).toBe(i === 1 ? "人事" : null);
      expect(row.resultCount).toBe(results[i]!.hits.length);
      expect(row.impressions.map((x) => [x.sectionId, x.rank])).toEqual(results[i]!.hits.map((h, r) => [h.sectionId, r + 1]));
      for (const x of row.impressions) expect(x.createdAt.toISOString()).toBe(at(i).toISOString());
    });
    expect(rows).toHaveLength(3);
  });

  it("keeps the rows when a write fails and writes them, in order, once the database answers again", async () => {
    let down = true;
    const written: string[][] = [];
    const buffer = new SearchLogBuffer(t.db, async (_db, batch) => {
      if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      written.push(batch.map((b) => b.query));
    });
    const empty = { hits: [], deflected: false, state: "none" as const, confidence: 0, degraded: false, terms: [] };
    for (const q of ["一", "二", "三"]) buffer.add({ userId: null, query: q, latencyMs: 1, result: empty });
    await buffer.flush();
    expect(buffer.size).toBe(3);
    buffer.add({ userId: null, query: "四", latencyMs: 1, result: empty });
    down = false;
    await buffer.flush();
    expect(buffer.size).toBe(0);
    expect(written).toEqual([["一", "二", "三", "四"]]);
  });
});

describe("evaluation", () => {
  it("answers a corpus in the scorer's format without reading gold labels", async () => {
    const { createNamespace } = await import("@/scripts/eval/isolated-namespace");
    const ns = await createNamespace(t.ownerUrl, t.meili);
    try {
      const { lines } = await evalCorpus(ns, FIXTURES);
      expect(lines.map((l) => l.id)).toEqual(["f-1", "f-2", "f-3", "f-4"]);
      expect(lines[0]!.results.slice(0, 2).map((r) => r.section).sort()).toEqual(["第三条", "第四条"]);
      expect(lines[0]!.results[0]!.doc).toBe("leave-rules");
      expect(lines[1]!.results[0]?.doc).toBe("travel-rules");
      expect(lines[3]!.deflected).toBe(false);
      for (const l of lines) expect(l.state === "none").toBe(l.results.length === 0);
      for (const l of lines) expect(l.results.length).toBeLessThanOrEqual(10);
    } finally {
      await ns.drop();
    }
  });
});
