import { describe, expect, it } from "vitest";
import { fieldOf, kindFromHeaders, kindOf, roleOf, rosterTimeOf, rosterTimeText, splitList } from "@/lib/org/columns";

describe("org file columns", () => {
  it("matches Chinese and English headers, whatever the spacing and case", () => {
    expect(fieldOf("departments", " Head E-mail ")).toBe("head");
    expect(fieldOf("departments", "负责人邮箱")).toBe("head");
    expect(fieldOf("people", "E_MAIL")).toBe("email");
    expect(fieldOf("people", "密码")).toBeUndefined();
    expect(kindFromHeaders(["邮箱", "姓名", "部门编码"])).toBe("people");
    expect(kindFromHeaders(["部门编码", "部门名称", "上级部门编码"])).toBe("departments");
    expect(kindFromHeaders(["条线编码", "首问责任人邮箱"])).toBe("matrix");
    expect(kindFromHeaders(["条线编码", "值班人邮箱", "开始时间", "结束时间"])).toBe("roster");
  });

  it("reads roles and kinds by their Chinese or English names only", () => {
    expect(splitList("员工、首问责任人, Manager;qa").map(roleOf)).toEqual(["EMPLOYEE", "FIRST_CONTACT_OWNER", "MANAGER", "QA_REVIEWER"]);
    expect(roleOf("First-contact owner")).toBe("FIRST_CONTACT_OWNER");
    expect(roleOf("root")).toBeUndefined();
    expect(roleOf("__proto__")).toBeUndefined();
    expect(kindOf("中心")).toBe("CENTER");
    expect(kindOf("toString")).toBeUndefined();
    expect(roleOf("constructor")).toBeUndefined();
    expect(kindOf("hasOwnProperty")).toBeUndefined();
  });

  it("reads roster times as Beijing time; a date alone covers the day; impossible dates are refused", () => {
    expect(rosterTimeOf("2026-12-08 09:00", false)?.toISOString()).toBe("2026-12-08T01:00:00.000Z");
    expect(rosterTimeOf("2026/12/8", false)?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    expect(rosterTimeOf("2026/12/8", true)?.toISOString()).toBe("2026-12-08T16:00:00.000Z");
    expect(rosterTimeOf("2026-02-30", false)).toBeUndefined();
    expect(rosterTimeOf("2026-12-08 24:00", false)).toBeUndefined();
    expect(rosterTimeOf("tomorrow", false)).toBeUndefined();
    expect(rosterTimeText(new Date("2026-12-08T01:00:00Z"))).toBe("2026-12-08 09:00");
  });
});
