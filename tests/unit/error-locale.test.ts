// Errors from lib/ carry catalogue keys (lib/errors.ts): `err.message` and the zh-CN answer stay the
// Chinese text they always were, and a request whose locale cookie is English gets the message and each
// field's message in English.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { m, NotFoundError, ValidationError } from "@/lib/errors";
import { toHttpError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/route";
import { fileQuestionInput } from "@/lib/questions/schemas";
import { parseInput } from "@/lib/validation";

/** The ValidationError a filing with a 3-character question and a 51-character name gets. */
function badFiling(): ValidationError {
  try {
    parseInput(fileQuestionInput, { idempotencyKey: "k-12345678", body: "请假？", lineId: "00000000-0000-4000-8000-000000000000", contactName: "张".repeat(51) });
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("the filing was accepted");
}

const request = (cookie?: string) => new NextRequest("http://localhost/api/questions", cookie ? { headers: { cookie } } : {});

describe("domain errors in the request's locale", () => {
  it("keep their Chinese text in err.message and in the default answer", () => {
    const err = badFiling();
    expect(err.message).toBe("输入有误");
    expect(err.fields).toEqual({ body: "请至少用 5 个字描述问题", contactName: "姓名不能超过 50 个字" });
    expect(toHttpError(err, "r1").body).toEqual({
      error: { code: "VALIDATION", message: "输入有误", fields: { body: "请至少用 5 个字描述问题", contactName: "姓名不能超过 50 个字" } },
      requestId: "r1",
    });
  });

  it("answer an English request in English: the message and each field message (labels too)", async () => {
    const res = errorResponse(badFiling(), request("locale=en"), "r2");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "VALIDATION", message: "The input has errors", fields: { body: "Describe the question in at least 5 characters", contactName: "The name can be at most 50 characters" } },
      requestId: "r2",
    });
  });

  it("fill a message's values in either language", async () => {
    const err = new NotFoundError(m("errors.unknownLine", { line: "hr" }));
    expect(err.message).toBe("未知条线“hr”");
    expect(await errorResponse(err, request("locale=en"), "r3").json()).toMatchObject({ error: { code: "NOT_FOUND", message: "Unknown line “hr”" } });
    expect(await errorResponse(err, request("locale=zh-CN"), "r4").json()).toMatchObject({ error: { message: "未知条线“hr”" } });
    // An unknown cookie value is the default locale.
    expect(await errorResponse(err, request("locale=fr"), "r5").json()).toMatchObject({ error: { message: "未知条线“hr”" } });
  });
});
