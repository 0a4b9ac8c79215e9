import { describe, expect, it } from "vitest";
import { findBrushOffs } from "@/lib/questions/brush-off";
import { DEFAULT_BRUSH_OFF } from "@/lib/seed/demo";
import { BRUSH_OFFS, LEGITIMATE } from "../fixtures/brush-off-phrases";

const blocked = (text: string, phrases = DEFAULT_BRUSH_OFF) => findBrushOffs(text, phrases).length > 0;

describe("brush-off guard on the labelled phrase set", () => {
  it("keeps precision and recall at 0.9 or better, and prints them", () => {
    expect(BRUSH_OFFS.length).toBeGreaterThanOrEqual(60);
    expect(LEGITIMATE.length).toBeGreaterThanOrEqual(60);
    const missed = BRUSH_OFFS.filter((t) => !blocked(t));
    const wronglyBlocked = LEGITIMATE.filter((t) => blocked(t));
    const truePositives = BRUSH_OFFS.length - missed.length;
    const precision = truePositives / (truePositives + wronglyBlocked.length);
    const recall = truePositives / BRUSH_OFFS.length;
    console.log(
      `brush-off guard: ${BRUSH_OFFS.length} brush-offs, ${LEGITIMATE.length} legitimate replies → precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n` +
        `  missed: ${missed.join(" | ") || "none"}\n  wrongly blocked: ${wronglyBlocked.join(" | ") || "none"}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe("brush-off guard: the cases of issue 14", () => {
  it.each(["不是我们部门的事", "你自己查制度吧", "这事别问我", "找别人去", "不知道", "我不知道", "不归我管", "不清楚"])("blocks %s", (t) => expect(blocked(t)).toBe(true));

  it("lets an honest reply through when the owner commits to an action after the problem", () => {
    expect(blocked("制度写得不清楚，我去确认")).toBe(false);
    expect(blocked("制度写得不清楚")).toBe(true);
    expect(blocked("不清楚，我帮你问一下，稍后答复")).toBe(false);
    expect(blocked("虽然不是我们部门的事，我来联系负责同事")).toBe(false);
  });

  it("does not count a negated action, an action put on the asker, or a rebuke with an action", () => {
    expect(blocked("不归我管，我不会帮你问的")).toBe(true);
    expect(blocked("不清楚，你去确认一下")).toBe(true);
    expect(blocked("说了多少遍了，我再发你一次")).toBe(true);
  });

  it("reads through spaces, punctuation, invisible characters and Traditional script", () => {
    expect(findBrushOffs("这个不 歸，我\u200b管！", []).map((f) => f.shape)).toEqual(["responsibility"]);
    expect(blocked("這事別問我", [])).toBe(true);
    expect(blocked("不 知 道", [])).toBe(true);
  });

  it("names what it found with a suggestion, the admin's wording where one of their phrases has the shape", () => {
    const [f] = findBrushOffs("这个不归我们管", DEFAULT_BRUSH_OFF);
    expect(f).toMatchObject({ shape: "responsibility", phrase: "不归我们管" });
    expect(f!.suggestion).toBe(DEFAULT_BRUSH_OFF.find((p) => p.phrase === "不归我管")!.suggestion);
  });
});

describe("admin-configured 服务忌语", () => {
  it("every seeded phrase is still blocked on its own", () => {
    for (const p of DEFAULT_BRUSH_OFF) expect(blocked(p.phrase), p.phrase).toBe(true);
  });

  it("a phrase the grammar does not know is blocked wherever it appears, with the admin's suggestion, unless an action follows", () => {
    const own = [{ phrase: "等领导回来", suggestion: "我先联系领导的代理人，今天内给您答复。" }];
    expect(findBrushOffs("这个要等领导回来", own)).toEqual([{ phrase: "等领导回来", suggestion: own[0]!.suggestion, shape: "phrase" }]);
    expect(findBrushOffs("这个要等 領導 回來！", own).map((f) => f.phrase)).toEqual(["等领导回来"]);
    expect(findBrushOffs("这个要等领导回来，我先联系他的代理人", own)).toEqual([]);
    expect(findBrushOffs("这个要等领导回来", [])).toEqual([]);
  });

  it("a phrase the grammar understands is left to it: its honest uses pass", () => {
    expect(blocked("如有不清楚的地方，请随时联系我", [{ phrase: "不清楚", suggestion: "我来核实" }])).toBe(false);
    expect(blocked("这些我不清楚", [{ phrase: "不清楚", suggestion: "我来核实" }])).toBe(true);
  });
});
