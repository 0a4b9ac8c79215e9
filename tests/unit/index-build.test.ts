// The index build counts postings in one flat store (PostingsBuilder) and straight from the text; the
// postings must be those of the plain definition: per unit a Map of body features + title × titleWeight
// + chapter × chapterWeight + 常见问法 × weight, per document its title once and its bodies' counts,
// in the same order.
import { describe, expect, it } from "vitest";
import { PostingsBuilder } from "@/lib/search/relevance/postings-builder";
import { normalizeText } from "@/lib/search/relevance/normalize";
import { buildIndex, DEFAULT_RANKER_OPTIONS, type SectionInput } from "@/lib/search/relevance/ranker";
import type { PostingList } from "@/lib/search/relevance/score-units";
import { textFeatures } from "@/lib/search/relevance/tokenize";

const rows: SectionInput[] = [
  { docId: "leave", docTitle: "考勤與休假制度", line: "人力", owner: "HR", section: "第一条", heading: "第一条 年假", chapter: "第二章 休假", text: "员工累计工作满1年的，享受年休假5天；年假年假。", askedAs: [{ text: "年假怎么休", weight: 0.7 }] },
  { docId: "leave", docTitle: "考勤與休假制度", line: "人力", owner: "HR", section: "第二条", heading: "第二条 病假", chapter: "第二章 休假", text: "病假须提供医院证明，HR 审批。" },
  { docId: "money", docTitle: "报销制度", line: "财务", owner: "财务部", section: "第一条", heading: "第一条", text: "差旅住宿标准：一线城市每晚500元以内。\n\n| 城市 | 标准 |\n| --- | --- |\n| 北京 | 500元 |" },
  { docId: "leave", docTitle: "考勤與休假制度", line: "人力", owner: "HR", section: "第三条", heading: "第三条 加班", chapter: null, text: "加班须事先审批，n+1 不适用。" },
];

function plainCount(features: string[], into: Map<string, number>, w = 1) {
  for (const f of features) into.set(f, (into.get(f) ?? 0) + w);
}

/** The postings by the plain definition (default options). */
function reference(sections: SectionInput[]) {
  const o = DEFAULT_RANKER_OPTIONS;
  const feats = (t: string) => textFeatures(t, { unigrams: o.unigramWeight > 0 });
  const unit = new Map<string, { ids: number[]; tfs: number[] }>();
  const docTf = new Map<string, Map<string, number>>();
  sections.forEach((s, id) => {
    const title = [...new Set(feats(normalizeText(s.docTitle)))];
    const body = feats(`${normalizeText(s.heading.replace(/^\S+/, ""))} ${normalizeText(s.text)}`);
    const tf = new Map<string, number>();
    plainCount(body, tf);
    plainCount(title, tf, o.titleWeight);
    plainCount(s.chapter ? [...new Set(feats(normalizeText(s.chapter)))] : [], tf, o.chapterWeight);
    for (const a of s.askedAs ?? []) plainCount([...new Set(feats(normalizeText(a.text)))], tf, o.askedAsWeight * a.weight);
    for (const [f, n] of tf) {
      const p = unit.get(f) ?? { ids: [], tfs: [] };
      p.ids.push(id);
      p.tfs.push(n);
      unit.set(f, p);
    }
    if (!docTf.has(s.docId)) docTf.set(s.docId, new Map(title.map((f) => [f, 1])));
    plainCount(body, docTf.get(s.docId)!);
  });
  const doc = new Map<string, { ids: number[]; tfs: number[] }>();
  [...docTf.values()].forEach((m, d) => {
    for (const [f, n] of m) {
      const p = doc.get(f) ?? { ids: [], tfs: [] };
      p.ids.push(d);
      p.tfs.push(n);
      doc.set(f, p);
    }
  });
  return { unit, doc };
}

const plain = (m: Map<string, PostingList>) => [...m].map(([f, p]) => [f, Array.from(p.ids), Array.from(p.tfs)]);

describe("index build", () => {
  it("holds the postings of the plain definition, in the same order", () => {
    const index = buildIndex(rows);
    const ref = reference(rows);
    expect(plain(index.postings)).toEqual(plain(ref.unit));
    expect(plain(index.docPostings)).toEqual(plain(ref.doc));
    expect(index.lengths).toEqual(rows.map((s) => textFeatures(`${normalizeText(s.heading.replace(/^\S+/, ""))} ${normalizeText(s.text)}`, { unigrams: true }).length));
  });
});

describe("PostingsBuilder", () => {
  it("accumulates weighted counts per unit and lists ids ascending per feature", () => {
    const b = new PostingsBuilder();
    b.begin();
    b.count(["w:年假", "b:年假", "w:年假"]);
    b.count(["w:年假"], 0.5);
    const sofar = new Map([["b:年假", 10]]);
    b.addCurrentTo(sofar);
    expect([...sofar]).toEqual([["b:年假", 11], ["w:年假", 2.5]]);
    b.end(0);
    b.begin();
    b.end(1); // a unit without features
    b.begin();
    b.countOne("b:年假", 0.25);
    b.end(2);
    expect(plain(b.finish())).toEqual([["w:年假", [0], [2.5]], ["b:年假", [0, 2], [1, 0.25]]]);
  });

  it("countText counts what textFeatures lists, bigrams and characters without strings", () => {
    const text = normalizeText("员工年休假5天，加班须审批；病假");
    const opts = { unigrams: true };
    const a = new PostingsBuilder();
    a.begin();
    const n = a.countText(text, opts, 0.5);
    a.countText(text, opts); // numbers known from the first pass
    const b = new PostingsBuilder();
    b.begin();
    b.count(textFeatures(text, opts), 0.5);
    b.count(textFeatures(text, opts));
    expect(n).toBe(textFeatures(text, opts).length);
    const [ma, mb] = [new Map<string, number>(), new Map<string, number>()];
    a.addCurrentTo(ma);
    b.addCurrentTo(mb);
    expect([...ma]).toEqual([...mb]);
  });
});
