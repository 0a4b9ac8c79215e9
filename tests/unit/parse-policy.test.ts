import { describe, expect, it } from "vitest";
import { parsePolicy, PolicyParseError } from "@/lib/content/parse-policy";

const enc = (s: string) => new TextEncoder().encode(s);
const doc = (fm: string, body = "# 标题\n\n## 第一章 总则\n\n#### 第一条\n\n内容一。\n\n#### 第二条　附则\n\n内容二。\n") => enc(`---\n${fm}\n---\n${body}`);
const FM = 'id: "leave"\ntitle: "休假制度"\nline: "人力资源"\nowner: "人力资源部"\nsource: "x"\neffective: "2025-01-01"';

function fail(file: string, bytes: Uint8Array): PolicyParseError {
  try {
    parsePolicy(file, bytes);
  } catch (e) {
    if (e instanceof PolicyParseError) return e;
    throw e;
  }
  throw new Error("expected a parse error");
}

describe("parsePolicy", () => {
  it("splits #### headings into citable sections with labels and chapters", () => {
    const p = parsePolicy("leave.md", doc(FM));
    expect(p.frontmatter).toMatchObject({ id: "leave", title: "休假制度", effective: "2025-01-01" });
    expect(p.sections.map((s) => [s.label, s.heading, s.chapter, s.text])).toEqual([
      ["第一条", "第一条", "第一章 总则", "内容一。"],
      ["第二条", "第二条　附则", "第一章 总则", "内容二。"],
    ]);
  });
  it("makes a document without #### one unit", () => {
    const p = parsePolicy("leave.md", doc(FM, "# 通知\n\n春节放假七天。\n"));
    expect(p.sections).toHaveLength(1);
    expect(p.sections[0]!.text).toBe("春节放假七天。");
  });
  it("names the field and line of bad frontmatter", () => {
    const e = fail("leave.md", doc(FM.replace('effective: "2025-01-01"', 'effective: "next year"')));
    expect(e.field).toBe("effective");
    expect(e.line).toBe(7);
    expect(fail("leave.md", doc(FM.replace('title: "休假制度"\n', ""))).message).toMatch(/\[title\].*required/);
  });
  it("rejects a file name that differs from the id, an empty file, invalid YAML, non-UTF-8 and duplicate headings", () => {
    expect(fail("other.md", doc(FM)).field).toBe("id");
    expect(fail("leave.md", enc("   \n")).reason).toMatch(/empty/);
    expect(fail("leave.md", enc("---\nid: [unclosed\n---\n# x\n")).reason).toMatch(/YAML/);
    expect(fail("leave.md", new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe])).reason).toMatch(/UTF-8/);
    expect(fail("leave.md", doc(FM, "#### 第一条\n\na\n\n#### 第一条\n\nb\n")).reason).toMatch(/twice/);
  });
});
