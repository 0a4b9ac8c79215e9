// The parts that keep search and index builds bounded at company scale: top-k selection in the
// ranker (same answers as sorting every match) and the packed index a worker thread hands over.
import { describe, expect, it } from "vitest";
import { compactIndex, packIndex, unpackIndex } from "@/lib/search/build/pack-index";
import { buildIndex, pruningStats, search, searchPruning, type SectionInput } from "@/lib/search/relevance/ranker";
import { bm25, bm25Candidates, candidateScratch, topK } from "@/lib/search/relevance/score-units";

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const WORDS = ["年假", "加班", "报销", "工资", "试用期", "合同", "社保", "公积金", "病假", "出差", "住宿", "标准", "审批", "离职", "培训"];

function corpus(docs: number, perDoc: number, seed = 7): SectionInput[] {
  const r = rng(seed);
  const out: SectionInput[] = [];
  for (let d = 0; d < docs; d++) {
    for (let k = 0; k < perDoc; k++) {
      const text = Array.from({ length: 3 + Math.floor(r() * 6) }, () => WORDS[Math.floor(r() * WORDS.length)]).join("，");
      out.push({ docId: `d${d}`, docTitle: `制度${d}`, line: d % 2 ? "人力资源" : "财务", owner: "部门", section: `第${k + 1}条`, heading: `第${k + 1}条`, text });
    }
  }
  return out;
}

describe("topK", () => {
  it("returns the same k best as sorting all matches, ties broken by index", () => {
    const r = rng(3);
    for (const n of [0, 1, 5, 50, 500]) {
      const ids = Array.from({ length: n }, (_, j) => j * 3);
      const scores = ids.map(() => Math.round(r() * 20) / 4); // many ties
      const all = ids.map((i, j) => ({ i, s: scores[j]! })).sort((a, b) => b.s - a.s || a.i - b.i);
      for (const k of [0, 1, 7, 30, n, n + 5]) expect(topK(ids, scores, n, k)).toEqual(all.slice(0, k));
    }
  });
});

describe("search with top-k selection", () => {
  // re-rank off (coverage and proximity): with it, depth 1,000,000 would re-rank every match, not only the first 30
  const options = { coverageBoost: 0, proximityBoost: 0, maxPerDoc: 1, diversifyTop: 5 };
  const sorted = buildIndex(corpus(40, 30), { ...options, rerankDepth: 1_000_000 }); // depth ≥ every match: the full sort
  const bounded = buildIndex(corpus(40, 30), { ...options, rerankDepth: 30 });
  it("answers exactly as the full sort, also when one document fills the first places", () => {
    for (const q of ["年假审批", "加班工资标准", "出差住宿标准报销", "试用期离职", "培训", "社保公积金"]) {
      for (const limit of [5, 10, 40]) {
        const a = search(sorted, q, { limit });
        const b = search(bounded, q, { limit });
        expect(b.results).toEqual(a.results);
        expect(b.confidence).toBe(a.confidence);
      }
    }
  });
  it("asks for every match when one document holds all of the best ones (the cap defers them)", () => {
    const rows = [...corpus(10, 5)];
    for (let k = 0; k < 80; k++) rows.push({ docId: "vault", docTitle: "保密制度", line: "行政", owner: "部门", section: `第${k + 1}条`, heading: `第${k + 1}条`, text: "量子保密柜钥匙交接须双人在场，量子保密柜每日检查。" });
    rows.push({ docId: "other", docTitle: "其他制度", line: "行政", owner: "部门", section: "第一条", heading: "第一条", text: "柜子钥匙统一保管。" });
    const full = search(buildIndex(rows, { ...options, rerankDepth: 1_000_000 }), "量子保密柜钥匙", { limit: 10 });
    const topK = search(buildIndex(rows, { ...options, rerankDepth: 30 }), "量子保密柜钥匙", { limit: 10 });
    expect(topK.results).toEqual(full.results);
    expect(topK.results.slice(0, 2).map((r) => r.docId)).toEqual(["vault", "other"]); // the cap put "other" second
  });
  it("filters by line before selecting", () => {
    const b = search(bounded, "加班工资", { limit: 10, line: "财务" });
    expect(b.results.length).toBe(10);
    expect(b.results.every((r) => r.line === "财务")).toBe(true);
  });
});

describe("exact pruning of the candidate pass", () => {
  // a larger corpus with rare words (one per document) besides the common ones, so that the rare words'
  // units are the candidates and the common words' bounds are left out
  const RARE = ["量子", "光伏", "冷链", "期权", "碳汇", "舆情", "无人机", "算力", "质押", "信创", "保函", "商誉"];
  const rows = corpus(240, 30, 11).map((r, k) => (k % 3 === 0 ? { ...r, text: `${r.text}，${RARE[(k / 3) % RARE.length]}${RARE[(k * 7) % RARE.length]}` } : r));
  const index = buildIndex(rows);
  const queries = ["量子年假审批", "光伏出差住宿标准", "冷链加班工资", "期权离职", "碳汇培训", "算力 报销 标准", "年假", "加班工资标准", "舆情病假试用期", "保函商誉合同社保", "质押公积金", "不存在的词"];
  const run = (share: number, q: string, opts: { limit: number; line?: string }) => {
    const saved = { ...searchPruning };
    Object.assign(searchPruning, { share, minUnits: 0 });
    try {
      return search(index, q, opts);
    } finally {
      Object.assign(searchPruning, saved);
    }
  };
  it("gives candidates their exact BM25 and bounds every other unit", () => {
    const o = index.options;
    const n = index.rows.length;
    const scratch = candidateScratch(n);
    for (const q of [["w:量子", "b:年假", "c:假", "c:审"], ["w:光伏", "w:标准", "b:出差"], ["c:工", "c:资"]]) {
      const features = new Map(q.map((f, k) => [f, k % 2 ? 0.5 : 1]));
      const full = bm25(features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b);
      for (const share of [0, 0.2, 0.6, 1]) {
        const c = bm25Candidates(features, index.postings, n, index.lengths, index.avgLength, o.k1, o.b, share, scratch);
        const ids = new Set(Array.from(c.ids.subarray(0, c.count)));
        for (let u = 0; u < n; u++) {
          if (ids.has(u)) expect(c.scores[u]).toBe(full[u]);
          else expect(full[u]!).toBeLessThanOrEqual(c.bound);
        }
      }
    }
  });

  it("answers exactly as the exhaustive pass (results, scores, state, confidence)", () => {
    const before = pruningStats.pruned;
    for (const q of queries) {
      for (const opts of [{ limit: 10 }, { limit: 30 }, { limit: 30, line: "财务" }]) {
        const exhaustive = run(0, q, opts);
        for (const share of [0.1, 0.2, 0.5, 1]) expect(run(share, q, opts)).toEqual(exhaustive);
      }
    }
    expect(index.rows.length).toBe(7200);
    expect(pruningStats.pruned - before).toBeGreaterThan(20); // the pruned pass answered many of them
  });
});

describe("packed index", () => {
  const index = buildIndex(corpus(6, 8));
  it("holds the same postings as typed-array views and answers the same", () => {
    const { fields, transfer } = packIndex(index);
    expect(transfer.length).toBe(6); // postings and docPostings: offsets, ids, tfs each
    const unpacked = unpackIndex(structuredClone(fields, { transfer }));
    expect(unpacked.postings.size).toBe(index.postings.size);
    for (const [f, p] of index.postings) {
      const q = unpacked.postings.get(f)!;
      expect(q.ids).toBeInstanceOf(Int32Array);
      expect(Array.from(q.ids)).toEqual(Array.from(p.ids));
      expect(Array.from(q.tfs)).toEqual(Array.from(p.tfs));
    }
    for (const q of ["年假", "出差住宿标准", "加班 工资"]) expect(search(unpacked, q)).toEqual(search(index, q));
    expect(search(compactIndex(index), "试用期离职")).toEqual(search(index, "试用期离职"));
  });
});
