import { describe, expect, it } from "vitest";
import { highlight } from "@/lib/search/highlight";

describe("highlight", () => {
  it("marks query terms, also when the text is Traditional and the term Simplified", () => {
    const segs = highlight("員工請年休假應當提前申請", ["年休假"]);
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(["年休假"]);
    expect(segs.map((s) => s.text).join("")).toBe("員工請年休假應當提前申請");
  });
  it("returns text segments only: markup in policy text stays text", () => {
    const segs = highlight('<img src=x onerror=alert(1)> 年假', ["年假"]);
    expect(segs.map((s) => s.text).join("")).toBe("<img src=x onerror=alert(1)> 年假");
  });
  it("cuts a window around the best match", () => {
    const text = `${"无关内容".repeat(40)}加班费按照工资的百分之一百五十支付${"其他".repeat(40)}`;
    const segs = highlight(text, ["加班费"], 40);
    expect(segs[0]!.text).toBe("…");
    expect(segs.some((s) => s.hit && s.text === "加班费")).toBe(true);
  });
});
