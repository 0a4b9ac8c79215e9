// What a client sees when PostgreSQL goes away (the errors npm run test:drills observed while it stopped
// and restarted PostgreSQL under load): 503 with a message and Retry-After, never a 500.
import { describe, expect, it } from "vitest";
import { toHttpError } from "@/lib/http/errors";

const prismaError = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});

describe("toHttpError when the database is down", () => {
  it.each([
    ["P1001", "Invalid `db.userSession.findUnique()` invocation:\n\nCan't reach database server at 127.0.0.1:5432"],
    ["P1017", "Server has closed the connection."],
    ["P2024", "Timed out fetching a new connection from the connection pool."],
    [undefined, "Database error. Code: `57P03`. Message: `the database system is shutting down`"],
    [undefined, "Database error. Code: `57P01`. Message: `terminating connection due to administrator command`"],
    [undefined, "Client has encountered a connection error and is not queryable"],
    [undefined, "connect ECONNREFUSED 127.0.0.1:5432"],
    [undefined, "Connection terminated unexpectedly"],
    [undefined, "the database system is starting up"],
  ])("%s %s → 503", (code, message) => {
    const { status, body, headers } = toHttpError(prismaError(code, message), "req-1");
    expect(status).toBe(503);
    expect(headers["retry-after"]).toBe("5");
    expect(body).toEqual({ error: { code: "UNAVAILABLE", message: "数据库暂时不可用，请稍后重试" }, requestId: "req-1" });
  });

  it("an unknown error stays a 500 without details", () => {
    const { status, body } = toHttpError(new Error("boom at /srv/app/lib/x.ts:12"), "req-2");
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("boom");
  });
});
