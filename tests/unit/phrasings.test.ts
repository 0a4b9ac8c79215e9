import { describe, expect, it } from "vitest";
import { cleanPhrasing, MAX_PHRASING_CHARS, MIN_UNVETTED_USERS, phrasingKey, phrasingWeight } from "@/lib/search/phrasings/phrasing-text";
import { buildIndex, search, type SectionInput } from "@/lib/search/relevance/ranker";

describe("cleanPhrasing", () => {
  it("strips control and format characters, collapses spaces and keeps the wording", () => {
    expect(cleanPhrasing("  工牌\u0007丢了\u202e \n\t怎么办\u200b ")).toEqual({ text: "工牌 丢了 怎么办", key: "工牌丢了怎么办" });
  });

  it("caps the length in code points without splitting a surrogate pair", () => {
    const long = "𠮷".repeat(MAX_PHRASING_CHARS + 30);
    const got = cleanPhrasing(long)!;
    expect(Array.from(got.text)).toHaveLength(MAX_PHRASING_CHARS);
    expect(got.text).toBe("𠮷".repeat(MAX_PHRASING_CHARS));
  });

  it("refuses wordings with fewer than two letters or digits", () => {
    expect(cleanPhrasing("？！……")).toBeNull();
    expect(cleanPhrasing(" 卡 ")).toBeNull();
    expect(cleanPhrasing("\u202e\u200b")).toBeNull();
  });

  it("gives Traditional, full-width and spaced spellings of one wording one key", () => {
    expect(phrasingKey("門禁卡 丟了？")).toBe(phrasingKey("门禁卡丢了"));
    expect(phrasingKey("ＷＩＦＩ 密码")).toBe(phrasingKey("wifi密码"));
  });
});

describe("phrasingWeight", () => {
  it("counts an owner-vetted wording at once and a click-only one from MIN_UNVETTED_USERS people, capped at 1", () => {
    expect(phrasingWeight({ source: "RESOLUTION", users: 1 })).toBeCloseTo(0.6);
    expect(phrasingWeight({ source: "OWNER", users: 0 })).toBeCloseTo(0.6);
    expect(phrasingWeight({ source: "RESOLUTION", users: 3 })).toBeCloseTo(0.8);
    expect(phrasingWeight({ source: "CLICK", users: MIN_UNVETTED_USERS - 1 })).toBe(0);
    expect(phrasingWeight({ source: "DEFLECTION", users: MIN_UNVETTED_USERS })).toBeCloseTo(0.4);
    expect(phrasingWeight({ source: "CLICK", users: 1000 })).toBe(1);
    expect(phrasingWeight({ source: "OWNER", users: 1000 })).toBe(1);
  });
});

describe("ranker: askedAs", () => {
  const base: SectionInput[] = [
    { docId: "a", docTitle: "门禁管理规定", line: "行政", owner: "行政部", section: "第一条", heading: "第一条", text: "员工胸卡遗失的，应当及时挂失并申请补办。" },
    { docId: "a", docTitle: "门禁管理规定", line: "行政", owner: "行政部", section: "第二条", heading: "第二条", text: "访客应当在前台登记。" },
    { docId: "b", docTitle: "食堂管理办法", line: "行政", owner: "行政部", section: "第一条", heading: "第一条", text: "饭卡余额可在自助机充值。" },
  ];
  const top = (rows: SectionInput[], q: string) => search(buildIndex(rows), q, { limit: 5 }).results.map((r) => `${r.docId}/${r.section}`);

  it("finds a unit by its 常见问法 and ranks exactly as before without them", () => {
    expect(top(base, "小蓝卡丢了")).not.toContain("a/第一条");
    const withAsked = base.map((s, i) => (i === 0 ? { ...s, askedAs: [{ text: "我的小蓝卡弄丢了怎么办", weight: 0.6 }] } : s));
    expect(top(withAsked, "小蓝卡丢了")[0]).toBe("a/第一条");
    const empty = base.map((s) => ({ ...s, askedAs: [] }));
    expect(search(buildIndex(empty), "饭卡充值").results).toEqual(search(buildIndex(base), "饭卡充值").results);
  });

  it("counts a wording's features once: repeating a word does not pump the unit", () => {
    const once = base.map((s, i) => (i === 1 ? { ...s, askedAs: [{ text: "小蓝卡", weight: 1 }] } : s));
    const repeated = base.map((s, i) => (i === 1 ? { ...s, askedAs: [{ text: "小蓝卡".repeat(30), weight: 1 }] } : s));
    const score = (rows: SectionInput[]) => search(buildIndex(rows), "小蓝卡", { limit: 5 }).results[0]!.score;
    expect(score(repeated)).toBeCloseTo(score(once), 6);
  });
});
