import { describe, expect, it } from "vitest";
import { bigramTokens, buildBigramIndex, searchBigram } from "@/scripts/eval/bigram-baseline";

describe("bigram baseline", () => {
  it("cuts CJK runs into bigrams and keeps latin words whole, lower-cased", () => {
    expect(bigramTokens("年休假，VPN 账号")).toEqual(["年休", "休假", "账号", "vpn"]);
    expect(bigramTokens("假")).toEqual(["假"]);
  });

  it("does not convert Traditional to Simplified", () => {
    expect(bigramTokens("責任")).not.toContain("责任");
  });

  it("ranks by BM25 and returns only sections sharing a term", () => {
    const index = buildBigramIndex([
      { doc: "leave", section: "第三条", text: "职工累计工作已满1年不满10年的，年休假5天" },
      { doc: "leave", section: "第四条", text: "职工请事假累计20天以上的，不享受当年的年休假" },
      { doc: "fire", section: "第一条", text: "消防工作贯彻预防为主、防消结合的方针" },
      { doc: "hotel", text: "酒店推行首问责任制" },
    ]);
    const hits = searchBigram(index, "工作满一年有几天年休假");
    expect(hits.map((h) => `${h.doc}/${h.section ?? ""}`)).toEqual(["leave/第三条", "leave/第四条", "fire/第一条"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(searchBigram(index, "首问责任制")[0]).toEqual({ doc: "hotel", score: expect.any(Number) });
    expect(searchBigram(index, "食堂菜单")).toEqual([]);
    expect(searchBigram(index, "年休假", 1)).toHaveLength(1);
  });
});
