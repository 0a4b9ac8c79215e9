// The problems found outside a domain verb (ADR 0005) in the reader's language: the request-level
// checks, the org-file issues, webhook addresses and delivery errors, in English and (by default) in
// Simplified Chinese; a delivery error stored as text before it was a key still shows as it was.
import { describe, expect, it } from "vitest";
import { m, ValidationError, zhText } from "@/lib/errors";
import { parseRangeOrDefault } from "@/lib/analytics/shared/range";
import { renderFields, renderFieldsLine, renderMessage, renderStoredMessage, toHttpError } from "@/lib/http/errors";
import { describeIssue, OrgFileError } from "@/lib/org/org-issue";
import { parseOrgFile } from "@/lib/org/parse-org-file";
import { validateOrg } from "@/lib/org/validate-org";
import { addressProblem, resolveWebhookTarget, webhookUrlProblem, WebhookTargetError } from "@/lib/notify/webhook-target";
import { vendorError } from "@/lib/notify/webhook";
import { assertCleanRequest, headerProblems, pathProblems, queryStringProblems } from "@/lib/validation";

const prod = { allowedHosts: ["qyapi.weixin.qq.com"], allowLoopback: false };
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** The body of the HTTP answer for a thrown error, as lib/http/errors.ts renders it for `locale`. */
function answer(err: unknown, locale: "en" | "zh-CN" = "zh-CN") {
  return toHttpError(err, "req-1", locale).body as { error: { message: string; fields?: Record<string, string> } };
}
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("did not throw");
}

describe("request-level checks", () => {
  it("name each problem in English for an English reader", () => {
    expect(renderFields(queryStringProblems("?q=%00x&owner=" + "a".repeat(2_001))!, "en")).toEqual({
      q: "Contains a NUL character or invalid Unicode",
      owner: "Must not be longer than 2000 characters",
    });
    expect(renderFields(queryStringProblems("?" + Array.from({ length: 65 }, (_, i) => `p${i}=1`).join("&"))!, "en")).toEqual({ query: "At most 64 parameters are allowed" });
    expect(renderFields(queryStringProblems("?%00=1")!, "en").query).toMatch(/^A parameter name contains .* longer than 100 characters$/);
    expect(renderFields(pathProblems("/policies/x%00y")!, "en")).toEqual({ path: "The path contains a NUL character or invalid Unicode" });
    expect(renderFields(headerProblems({ "user-agent": "a\u0000b", referer: "x".repeat(8_193) })!, "en")).toEqual({
      "user-agent": "Contains control characters",
      referer: "Must not be longer than 8192 characters",
    });
  });

  it("answer a route's refusal in the request's locale, Chinese by default", () => {
    const err = thrown(() => assertCleanRequest({ pathname: "/api/search", search: "?q=%00" }, {}));
    expect(answer(err, "en").error).toEqual({ code: "VALIDATION", message: "The request parameters are not valid", fields: { q: "Contains a NUL character or invalid Unicode" } });
    expect(answer(err).error).toEqual({ code: "VALIDATION", message: "请求参数无效", fields: { q: "包含空字符或无效的 Unicode 字符" } });
  });
});

describe("a dashboard's date range", () => {
  it("falls back to the default and says why in the reader's language", () => {
    const { range, problem } = parseRangeOrDefault({ from: "12/09", to: "2026-12-01" }, new Date("2026-12-07T04:00:00Z"));
    expect(range.grain).toBe("day");
    expect(problem).not.toBeNull();
    expect(renderFieldsLine(problem!, "en", "; ")).toBe("The date format should be YYYY-MM-DD");
    expect(renderFieldsLine(problem!, "zh-CN", "；")).toBe("日期格式应为 YYYY-MM-DD");
  });
});

describe("org-file issues", () => {
  it("show the place and the reason in English, with the sheet and column as written in the file", async () => {
    const parsed = await parseOrgFile(Buffer.from("邮箱,姓名,部门编码,密码\r\na@example.com,甲,,x\r\n"), "people.csv");
    const err = new OrgFileError(parsed.issues);
    expect(answer(err, "en").error).toEqual({ code: "VALIDATION", message: "The file has 1 error; nothing was written", fields: { "people.csv row 1 “密码”": "Unknown column" } });
    expect(answer(err).error.fields).toEqual({ "people.csv 第 1 行「密码」": "未知的列" });
    expect(err.fields).toEqual({ "people.csv 第 1 行「密码」": "未知的列" }); // err.fields: zh-CN for logs
    expect(describeIssue(parsed.issues[0]!)).toBe("people.csv 第 1 行「密码」：未知的列");
  });

  it("render every validation problem in English without Chinese wording", async () => {
    const csv = ["邮箱,姓名,部门编码,角色,电话", "not-an-email,甲,,,", "b@example.com,,nowhere,超级用户,"].join("\r\n");
    const parsed = await parseOrgFile(Buffer.from(csv), "people.csv");
    expect(parsed.issues).toEqual([]);
    const { issues } = validateOrg(parsed.sheets, { departments: [], users: [], lines: [], assignments: [], roster: [] }, null);
    const en = renderFields(new OrgFileError(issues).fieldMessages, "en", new OrgFileError(issues).fieldLabels);
    expect(en).toEqual({
      "people.csv row 2 “邮箱”": "“not-an-email” is not a valid e-mail address",
      "people.csv row 3 “姓名”": "Must not be empty",
      "people.csv row 3 “部门编码”": "Department “nowhere” does not exist",
      "people.csv row 3 “角色”": "Unknown role “超级用户” (Employee, First-contact owner, Policy owner, Manager, Admin, QA reviewer)",
    });
    // Only the file's own words (a column header, a cell) are Chinese in the English answer.
    for (const [where, why] of Object.entries(en)) expect(`${where.replace(/“[^”]*”/g, "")} ${why.replace(/“[^”]*”/g, "")}`).not.toMatch(CJK);
  });

  it("name a missing column by the header the file should have, in the reader's language", async () => {
    // A people sheet with no department column (the headers in English, so the reader's language is not the file's).
    const parsed = await parseOrgFile(Buffer.from("Email,Name,Roles\r\na@example.com,A,\r\n"), "people.csv");
    const err = new OrgFileError(parsed.issues);
    expect(answer(err, "en").error.fields).toEqual({ "people.csv row 1 “Department code”": "This column is missing" });
    expect(answer(err).error.fields).toEqual({ "people.csv 第 1 行「部门编码」": "缺少此列" });
    expect(describeIssue(parsed.issues[0]!)).toBe("people.csv 第 1 行「部门编码」：缺少此列");
    // Each missing column of a sheet is named, none by its field name (line, person, endsAt).
    const roster = new OrgFileError((await parseOrgFile(Buffer.from("开始时间,备注\r\n2026-12-08,x\r\n"), "roster.csv")).issues);
    expect(answer(roster, "en").error.fields).toEqual({
      "roster.csv row 1 “备注”": "Unknown column",
      "roster.csv row 1 “Line code”": "This column is missing",
      "roster.csv row 1 “Email”": "This column is missing",
      "roster.csv row 1 “Ends at”": "This column is missing",
    });
  });

  it("a file problem without a column names the row only", async () => {
    const parsed = await parseOrgFile(Buffer.alloc(0), "empty.csv");
    expect(renderFields(new OrgFileError(parsed.issues).fieldMessages, "en", new OrgFileError(parsed.issues).fieldLabels)).toEqual({ "empty.csv row 1": "The file is empty" });
  });
});

describe("webhook addresses and deliveries", () => {
  it("say why an address is refused in English", async () => {
    expect(renderMessage(webhookUrlProblem("https://10.0.0.8/hook", prod)!, "en")).toBe("Points to a private network address, which is not allowed");
    expect(renderMessage(webhookUrlProblem("https://evil.example/hook", prod)!, "en")).toBe("Only these bot vendors' addresses are allowed: qyapi.weixin.qq.com");
    expect(renderMessage(webhookUrlProblem("not a url", prod)!, "en")).toBe("Not a valid URL");
    expect(renderMessage(addressProblem("64:ff9b::7f00:1", prod)!, "en")).toBe("Points to a reserved (rfc6052) address, which is not allowed");
    const err = await resolveWebhookTarget("https://qyapi.weixin.qq.com/x", prod, async () => [{ address: "127.0.0.1", family: 4 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookTargetError);
    expect(renderMessage((err as WebhookTargetError).reason, "en")).toBe("The host name resolves to a refused address. Points to a loopback (this machine) address, which is not allowed");
    expect(renderMessage((err as WebhookTargetError).msg, "en")).toMatch(/^Webhook address refused: The host name resolves/);
    expect((err as Error).message).toBe("webhook 地址不允许：域名解析后指向本机（loopback）地址，不允许");
  });

  it("a saved address refused by the settings form answers in the reader's language", () => {
    const err = new ValidationError({ "wecom.address": webhookUrlProblem("https://10.0.0.8/hook", prod)! });
    expect(answer(err, "en").error.fields).toEqual({ "wecom.address": "Points to a private network address, which is not allowed" });
    expect(answer(err).error.fields).toEqual({ "wecom.address": "指向内网（private）地址，不允许" });
  });

  it("a stored delivery error renders in the admin's language; text stored before it was a key stays as it is", () => {
    const stored = JSON.stringify(m("errors.webhook.vendorRefused", { code: vendorError({ errcode: 93000 })! }));
    expect(renderStoredMessage(stored, "en")).toBe("The webhook refused the message: errcode=93000 (invalid webhook address)");
    expect(renderStoredMessage(stored, "zh-CN")).toBe("webhook 拒绝了消息：errcode=93000（webhook 地址无效）");
    expect(renderStoredMessage("webhook 返回 HTTP 404", "en")).toBe("webhook 返回 HTTP 404");
    expect(renderStoredMessage("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25", "en")).toBe("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25");
    expect(zhText(m("errors.webhook.requestFailed", { reason: m("errors.webhook.timeout", { ms: 500 }) }))).toBe("webhook 请求失败：超时（500 ms）");
    expect(renderMessage(m("errors.webhook.requestFailed", { reason: m("errors.webhook.timeout", { ms: 500 }) }), "en")).toBe("The webhook request failed: timed out (500 ms)");
  });
});
