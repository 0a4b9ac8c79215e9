import { describe, expect, it } from "vitest";
import { contentDisposition, csvCell, csvRow, isFormulaLike, neutraliseFormula } from "@/lib/analytics/shared/csv-cell";
import { decodeCursor, encodeCursor, LEDGER_COLUMNS, metLabel, ownerChainText, shanghaiDateTime, truncate, type LedgerRow } from "@/lib/analytics/ledger/format";
import { en } from "@/lib/i18n/messages/en";
import { questionRef } from "@/lib/kernel/question-ref";
import { ledgerQuery, parseLedgerFilters } from "@/lib/analytics/ledger/filters";
import { ValidationError } from "@/lib/errors";
import { parseCsv } from "../helpers/csv";


describe("neutraliseFormula", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `'=HYPERLINK("http://evil.example","点我")`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["+86 138 0000 0000", "'+86 138 0000 0000"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\tplain after tab", "'\tplain after tab"],
    ["\rabc", "'\rabc"],
  ])("prefixes a quote to %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
    expect(isFormulaLike(input)).toBe(true);
  });

  it.each([
    [" =1+1", "' =1+1"],
    ["   @SUM(A1)", "'   @SUM(A1)"],
    ["\n-2", "'\n-2"],
    ["\u3000+1", "'\u3000+1"], // ideographic space, common in Chinese text
    ["\u00a0=1", "'\u00a0=1"], // no-break space
  ])("also when whitespace precedes the trigger (importers that trim): %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each([
    "出差住宿超标了怎么报销？",
    "年假 = 5 天吗",
    "a=1",
    "1+1",
    "张敏 → 赵磊(转交) → 王海(升级)",
    "'already quoted",
    "＝1+1", // full-width: not evaluated by spreadsheets
    "   ",
    "",
    "2026-11-23 09:05",
  ])("leaves %j unchanged", (input) => {
    expect(neutraliseFormula(input)).toBe(input);
    expect(isFormulaLike(input)).toBe(false);
  });
});

describe("csvCell / csvRow (RFC 4180)", () => {
  it("quotes only fields with a comma, quote or line break, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("中文，全角逗号不需要引号")).toBe("中文，全角逗号不需要引号");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('他说"可以"')).toBe('"他说""可以"""');
    expect(csvCell("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvCell("第一行\r\n第二行")).toBe('"第一行\r\n第二行"');
  });

  it("neutralises before quoting, so the apostrophe sits inside the quotes", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("-2,3")).toBe(`"'-2,3"`);
  });

  it("writes empty for null and undefined, numbers as numbers, booleans as 是/否", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(4)).toBe("4");
    expect(csvCell(-2)).toBe("-2"); // a number we produced is not a formula
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("是");
    expect(csvCell(false)).toBe("否");
  });

  it("ends each record with CRLF and parses back to the same (neutralised) cells", () => {
    const cells = ["Q-000001", "=cmd|' /C calc'!A0", 'a "quoted", multi\nline', "+1", "普通中文", "", "@SUM(1)"];
    const line = csvRow(cells);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(parseCsv(line)).toEqual([["Q-000001", "'=cmd|' /C calc'!A0", 'a "quoted", multi\nline', "'+1", "普通中文", "", "'@SUM(1)"]]);
  });
});

describe("contentDisposition", () => {
  it("gives an RFC 5987 UTF-8 name and an ASCII fallback", () => {
    expect(contentDisposition("登记台账_2026-10-25_2026-11-23.csv", "ledger_2026-10-25_2026-11-23.csv")).toBe(
      `attachment; filename="ledger_2026-10-25_2026-11-23.csv"; filename*=UTF-8''%E7%99%BB%E8%AE%B0%E5%8F%B0%E8%B4%A6_2026-10-25_2026-11-23.csv`,
    );
  });

  it("cannot be broken out of by quotes, semicolons, line breaks or apostrophes", () => {
    const header = contentDisposition("a'b\"c;\r\nd(1).csv", 'x";\r\nSet-Cookie: y.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="x____Set-Cookie: y.csv"; filename*=UTF-8''a%27b%22c%3B%0D%0Ad%281%29.csv`);
  });
});

describe("ledger formatting", () => {
  it("numbers, dates in Shanghai time, and 达标 labels", () => {
    expect(questionRef(123)).toBe("Q-000123");
    expect(questionRef(1234567)).toBe("Q-1234567");
    expect(shanghaiDateTime(new Date("2026-11-22T16:30:00Z"))).toBe("2026-11-23 00:30");
    expect(shanghaiDateTime(null)).toBe("");
    expect(metLabel(true, new Date())).toBe("是");
    expect(metLabel(false, new Date())).toBe("否");
    expect(metLabel(null, new Date())).toBe("未到期");
    expect(metLabel(null, null)).toBe("");
    expect(truncate("出差住宿超标了\n怎么报销", 7)).toBe("出差住宿超标了…");
    expect(truncate("短", 7)).toBe("短");
  });

  it("has one CSV column per ledger field, with Chinese headers", () => {
    expect(LEDGER_COLUMNS.map((c) => c.header)).toEqual([
      "编号", "提问时间", "提问人", "提问人部门", "联系人", "联系人部门", "联系电话", "即时通讯", "事项", "条线", "优先级", "责任人链",
      "当前状态", "办结类型", "答案曝光", "满意度", "投诉", "投诉成立", "首次响应时间", "办结时间", "确认解决时间", "首次响应时限",
      "首次响应达标", "办结时限", "办结达标",
    ]);
    const row: LedgerRow = {
      id: "00000000-0000-4000-8000-000000000001", number: 7, createdAt: new Date("2026-11-02T01:00:00Z"), askerName: "李雷", askerDepartment: "华东区域",
      contactName: "李雷", contactDepartment: null, contactPhone: "+86 138", contactIm: null, body: "全文\n不截断", lineName: "财务", priority: "URGENT",
      ownerChain: [{ name: "张敏", via: "ROUTED" }, { name: "赵磊", via: "HANDOFF" }], status: "CLOSED", resolutionKind: "EXISTING_POLICY", answerExposure: "IGNORED", satisfaction: 4,
      complaint: true, complaintUpheld: false, firstRespondedAt: new Date("2026-11-02T02:00:00Z"), resolvedAt: new Date("2026-11-03T02:00:00Z"),
      closedAt: new Date("2026-11-03T03:00:00Z"), firstResponseDueAt: new Date("2026-11-02T05:00:00Z"), firstResponseMet: true,
      resolutionDueAt: new Date("2026-11-03T01:00:00Z"), resolutionMet: false,
    };
    expect(LEDGER_COLUMNS.map((c) => csvCell(c.value(row)))).toEqual([
      "Q-000007", "2026-11-02 09:00", "李雷", "华东区域", "李雷", "", "'+86 138", "", '"全文\n不截断"', "财务", "紧急", "张敏 → 赵磊(转交)",
      "已确认解决", "已有制度", "看到未打开", "4", "是", "否", "2026-11-02 10:00", "2026-11-03 10:00", "2026-11-03 11:00", "2026-11-02 13:00",
      "是", "2026-11-03 09:00", "否",
    ]);
  });
});

describe("ledger cursor and URL filters", () => {
  it("round-trips a cursor and refuses a tampered one", () => {
    const at = { createdAt: new Date("2026-11-02T01:00:00.123Z"), id: "0b6f1c1e-8a8e-4b7a-9a51-1e2b3c4d5e6f" };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
    for (const bad of ["", "!!!", Buffer.from("2026-11-02|not-a-uuid").toString("base64url"), Buffer.from(`x|${at.id}`).toString("base64url"), "a".repeat(201)]) {
      expect(() => decodeCursor(bad), bad).toThrow(ValidationError);
    }
  });

  it("reads the filters from the URL and writes them back", () => {
    const line = "0b6f1c1e-8a8e-4b7a-9a51-1e2b3c4d5e6f";
    const f = parseLedgerFilters({ line, status: "RESOLVED", kind: "NO_POLICY", q: "  报销 ", overdue: "1", owner: "", dept: undefined });
    expect(f).toEqual({ lineId: line, status: "RESOLVED", resolutionKind: "NO_POLICY", text: "报销", overdueOnly: true });
    expect(ledgerQuery({ from: "2026-11-01", to: "2026-11-30" }, f, { format: "csv" })).toBe(
      `from=2026-11-01&to=2026-11-30&line=${line}&status=RESOLVED&kind=NO_POLICY&q=%E6%8A%A5%E9%94%80&overdue=1&format=csv`,
    );
    expect(parseLedgerFilters({ overdue: "0" })).toEqual({});
  });

  it("names the URL field of a bad filter", () => {
    const err = (() => {
      try {
        parseLedgerFilters({ status: "DONE", line: "x", q: "长".repeat(101) });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields).sort()).toEqual(["line", "q", "status"]);
  });
});

describe("ownerChainText", () => {
  const chain = [{ name: "Zhang Min", via: "ROUTED" }, { name: "Li Na", via: "NAMED" }, { name: "Zhao Lei", via: "HANDOFF" }, { name: "Wang Hai", via: "ESCALATION" }, { name: "Qian Duo", via: "TAKEN_OVER" }] as const;

  it("marks how each owner came in: Chinese marks in the CSV, the reader's words on the page", () => {
    expect(ownerChainText(chain)).toBe("Zhang Min → Li Na(指定) → Zhao Lei(转交) → Wang Hai(升级) → Qian Duo");
    const english = { NAMED: en["insights.ledger.via.NAMED"], HANDOFF: en["insights.ledger.via.HANDOFF"], ESCALATION: en["insights.ledger.via.ESCALATION"] };
    expect(ownerChainText(chain, english)).toBe("Zhang Min → Li Na (named) → Zhao Lei (handed off) → Wang Hai (escalated) → Qian Duo");
    expect(ownerChainText([])).toBe("");
  });

  it("isolates a name with direction marks so it cannot reverse the chain after it", () => {
    expect(ownerChainText([{ name: "\u202eevil", via: "ROUTED" }, { name: "Li Na", via: "HANDOFF" }])).toBe("\u2068\u202eevil\u2069 → Li Na(转交)");
  });
});
