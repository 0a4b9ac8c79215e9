import { describe, expect, it } from "vitest";
import { findBrushOffs } from "@/lib/questions/brush-off";
import { deriveExposure } from "@/lib/questions/exposure";
import { lowestCommonDepartment } from "@/lib/kernel/org-chart";
import { chooseOwner } from "@/lib/questions/routing";

const phrases = [
  { phrase: "不归我管", suggestion: "我来跟进" },
  { phrase: "我不知道", suggestion: "我来确认" },
];

describe("brush-off guard", () => {
  it("finds 服务忌语 through spaces, punctuation, zero-width characters and Traditional script", () => {
    expect(findBrushOffs("这个不归我管", phrases).map((p) => p.phrase)).toEqual(["不归我管"]);
    expect(findBrushOffs("这个不 歸，我\u200b管！", phrases).map((p) => p.phrase)).toEqual(["不归我管"]);
    expect(findBrushOffs("我不知道。", phrases).map((p) => p.phrase)).toEqual(["我不知道"]);
  });
  it("lets normal replies through", () => {
    expect(findBrushOffs("我来负责跟进，周五前答复您", phrases)).toEqual([]);
  });
});

describe("answer exposure", () => {
  const shown = [
    { policyId: "travel", label: "第八条", opened: false },
    { policyId: "travel", label: "第九条", opened: true },
  ];
  it("shown but not opened → IGNORED", () => expect(deriveExposure([{ policyId: "travel", label: "第八条" }], shown)).toBe("IGNORED"));
  it("opened → OPENED, even when another cited clause was only shown", () =>
    expect(deriveExposure([{ policyId: "travel", label: "第八条" }, { policyId: "travel", label: "第九条" }], shown)).toBe("OPENED"));
  it("never surfaced → SEARCH_MISS", () => expect(deriveExposure([{ policyId: "leave", label: "第三条" }], shown)).toBe("SEARCH_MISS"));
  it("no citation → null", () => expect(deriveExposure([], shown)).toBeNull());
});

describe("routing rule", () => {
  const at = (s: string) => new Date(s);
  it("prefers people on duty, then fewest open questions, then the oldest assignment", () => {
    const c = [
      { userId: "a", openCount: 0, onDuty: false, assignedAt: at("2025-01-01") },
      { userId: "b", openCount: 3, onDuty: true, assignedAt: at("2025-01-01") },
      { userId: "c", openCount: 1, onDuty: true, assignedAt: at("2024-01-01") },
    ];
    expect(chooseOwner(c)).toBe("c");
    expect(chooseOwner(c.map((x) => ({ ...x, onDuty: false })))).toBe("a");
    expect(chooseOwner([{ ...c[1]!, openCount: 1, onDuty: false }, { ...c[2]!, onDuty: false }])).toBe("c");
    expect(chooseOwner([])).toBeNull();
  });
});

describe("lowest common department", () => {
  it("is the nearest department that contains every chain", () => {
    const co = { id: "co", managerId: "ceo" };
    const hr = { id: "hr", managerId: "h" };
    const sales = { id: "sales", managerId: "s" };
    expect(lowestCommonDepartment([[hr, co], [hr, co]])).toEqual(hr);
    expect(lowestCommonDepartment([[hr, co], [sales, co]])).toEqual(co);
    expect(lowestCommonDepartment([])).toBeNull();
  });
});
