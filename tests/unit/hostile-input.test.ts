// The pure checks every input channel goes through (lib/validation.ts) and the classification of
// database errors batch writers use (lib/db/sql-state.ts). The HTTP boundary is tested in
// tests/browser/hostile-input.test.ts.
import { describe, expect, it } from "vitest";
import { isDataError, sqlStateOf } from "@/lib/db/sql-state";
import { ValidationError, zhText, type FieldMessages } from "@/lib/errors";
import { readBodyCapped } from "@/lib/http/read-body";
import { headerProblems as headerMessages, jsonDepthOver, MAX_JSON_DEPTH, parseJsonBody, pathProblems as pathMessages, queryStringProblems as queryMessages } from "@/lib/validation";

/** The problems as zh-CN text (what a zh-CN reader is answered). */
const zh = (fields: FieldMessages | null) => fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? v : zhText(v)]));
const queryStringProblems = (search: string) => zh(queryMessages(search));
const pathProblems = (pathname: string) => zh(pathMessages(pathname));
const headerProblems = (headers: Parameters<typeof headerMessages>[0]) => zh(headerMessages(headers));

describe("query strings", () => {
  it("names each parameter with NUL, bytes that are no UTF-8 (an encoded lone surrogate) or an over-long value", () => {
    expect(queryStringProblems("?q=%00x&line=%ED%A0%80&owner=" + "a".repeat(2_001) + "&limit=5")).toEqual({
      q: expect.stringMatching(/空字符/),
      line: expect.stringMatching(/空字符/),
      owner: expect.stringMatching(/2000/),
    });
    expect(queryStringProblems("?q=%C3")).toEqual({ q: expect.any(String) }); // a truncated UTF-8 sequence
    expect(queryStringProblems("?%00=1")).toEqual({ query: expect.any(String) });
  });

  it("leaves well-formed queries alone: Chinese, emoji, +, a stray % that is not an escape, the longest allowed value", () => {
    const ok = new URLSearchParams({ q: "年假 怎么休 😀", line: "人力资源", owner: "a".repeat(2_000) }).toString();
    expect(queryStringProblems(`?${ok}`)).toBeNull();
    expect(queryStringProblems("?q=100%&x=a+b")).toBeNull();
    expect(queryStringProblems("?q=100%&r=%ED%A0%80")).toEqual({ r: expect.any(String) }); // the slow path still finds it
    expect(queryStringProblems("")).toBeNull();
  });

  it("refuses more than 64 parameters as a whole", () => {
    expect(queryStringProblems("?" + Array.from({ length: 65 }, (_, i) => `p${i}=1`).join("&"))).toEqual({ query: expect.stringMatching(/64/) });
  });
});

describe("paths", () => {
  it("refuses NUL and bytes that are no UTF-8 in a segment; leaves encoded Chinese, + and %2F alone", () => {
    expect(pathProblems("/policies/x%00y")).toEqual({ path: expect.stringMatching(/空字符/) });
    expect(pathProblems("/api/sections/%ED%A0%80")).toEqual({ path: expect.any(String) });
    expect(pathProblems(`/policies/${encodeURIComponent("员工手册")}+v2%2Fa`)).toBeNull();
  });
});

describe("headers", () => {
  it("names a header with a control character or over 8192 characters; the cookie may be longer", () => {
    expect(headerProblems({ "user-agent": "a\u0000b", referer: "x".repeat(8_193), cookie: "c".repeat(12_000), accept: "*/*" })).toEqual({
      "user-agent": expect.stringMatching(/控制字符/),
      referer: expect.stringMatching(/8192/),
    });
    expect(headerProblems(new Headers({ "user-agent": "Mozilla/5.0\tx" }))).toBeNull();
  });
});

describe("JSON bodies", () => {
  it("refuses nesting deeper than the cap before parsing, whether arrays, objects or inside a field", () => {
    const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    expect(jsonDepthOver(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthOver(`{"a":${"{\"b\":".repeat(40)}1${"}".repeat(40)}}`, MAX_JSON_DEPTH)).toBe(true);
    expect(() => parseJsonBody(`{"body":${deep}}`)).toThrow(ValidationError);
    expect(jsonDepthOver(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH)).toBe(false);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonDepthOver(JSON.stringify({ text: `"${"[{".repeat(1_000)}\\"` }), MAX_JSON_DEPTH)).toBe(false);
    expect(parseJsonBody(JSON.stringify({ text: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" }))).toEqual({ text: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" });
  });

  it("names the field holding NUL or a lone surrogate", () => {
    const fields = (text: string) => {
      try {
        parseJsonBody(text);
      } catch (err) {
        return (err as ValidationError).fields;
      }
      return null;
    };
    expect(fields('{"a":{"b":["ok","x\\u0000"]}}')).toEqual({ "a.b.1": expect.any(String) });
    expect(fields('{"name":"李\\ud800明"}')).toEqual({ name: expect.any(String) });
    expect(fields('{"emoji":"\\ud83d\\ude00"}')).toBeNull();
  });
});

describe("capped body reader", () => {
  const chunked = (chunks: number, size: number) => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < chunks) controller.enqueue(new Uint8Array(size));
        else controller.close();
      },
    });
    return { req: new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => sent };
  };

  it("stops reading at the cap of a body sent without a length", async () => {
    const { req, pulled } = chunked(10_000, 1024);
    await expect(readBodyCapped(req, 64 * 1024)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled()).toBeLessThan(70);
  });

  it("refuses a declared length over the cap without reading, and returns a body under it whole", async () => {
    const declared = new Request("http://x/", { method: "POST", body: "x", headers: { "content-length": "999999" } });
    await expect(readBodyCapped(declared, 1024)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const { req } = chunked(3, 1000);
    expect((await readBodyCapped(req, 64 * 1024)).byteLength).toBe(3000);
  });
});

describe("database errors", () => {
  it("finds the SQLSTATE under Prisma's driver-adapter wrapping and in pg's own errors", () => {
    const prisma = Object.assign(new Error("Raw query failed"), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "22021", kind: "postgres" } } } });
    expect(sqlStateOf(prisma)).toBe("22021");
    expect(isDataError(prisma)).toBe(true);
    expect(isDataError(Object.assign(new Error("fk"), { code: "23503" }))).toBe(true);
    expect(isDataError(Object.assign(new Error("fk"), { code: "P2003" }))).toBe(true);
  });

  it("connection failures are not data errors", () => {
    expect(isDataError(Object.assign(new Error("connect ECONNREFUSED"), { code: "P1001" }))).toBe(false);
    expect(isDataError(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(false);
    expect(isDataError(new Error("timeout"))).toBe(false);
  });
});
