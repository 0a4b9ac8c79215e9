// The retry policy for whole transactions (lib/db/transient.ts): which failures run a transaction again,
// how often, how long between runs, and what a failure that is not transient keeps.
import { describe, expect, it, vi } from "vitest";
import { backoffMs, retryTransient, TRANSACTION_RETRY, transientStateOf } from "@/lib/db/transient";
import { NextRequest } from "next/server";
import { toHttpError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/route";

// The shape Prisma 7 with the pg adapter throws for a failed statement (seen for a real deadlock).
const pgFailure = (state: string) => Object.assign(new Error(`Raw query failed. Code: \`${state}\``), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: state } } } });
const noSleep = () => Promise.resolve();

/** Runs retryTransient over a body that fails with `failures` in turn, then answers "done". */
async function runWith(failures: unknown[]) {
  let runs = 0;
  const result = await retryTransient(async () => {
    const failure = failures[runs++];
    if (failure) throw failure;
    return "done";
  }, TRANSACTION_RETRY, noSleep).catch((err: unknown) => ({ thrown: err }));
  return { runs, result };
}

describe("retryTransient", () => {
  it.each(["40P01", "40001", "55P03"])("runs the transaction again after %s and returns its result", async (state) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await runWith([pgFailure(state), pgFailure(state)])).toEqual({ runs: 3, result: "done" });
  });

  it("also after Prisma's own write-conflict code without a SQLSTATE", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await runWith([Object.assign(new Error("write conflict"), { code: "P2034" })])).toEqual({ runs: 2, result: "done" });
  });

  it("gives up after four runs and throws the last failure as it is", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failures = Array.from({ length: 10 }, () => pgFailure("40P01"));
    const { runs, result } = await runWith(failures);
    expect(runs).toBe(4);
    expect(result).toEqual({ thrown: failures[3] });
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a unique violation from pg", pgFailure("23505")],
    ["a statement timeout", pgFailure("57014")],
    ["a domain error", new Error("already resolved")],
  ])("never runs again after %s", async (_, failure) => {
    const { runs, result } = await runWith([failure]);
    expect(runs).toBe(1);
    expect(result).toEqual({ thrown: failure });
  });

  it("a unique violation keeps its 409; a transient failure left over is 503 with Retry-After", () => {
    expect(toHttpError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), "r").status).toBe(409);
    expect(transientStateOf(pgFailure("23505"))).toBeNull();
    const busy = toHttpError(pgFailure("40P01"), "r", "en");
    expect(busy.status).toBe(503);
    expect(busy.headers["retry-after"]).toBe("1");
  });
});

describe("a transient failure left over after the retries, as a route answers it", () => {
  it("is 503 with Retry-After in the cookie's language, and the log line names the SQLSTATE", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorResponse(pgFailure("40P01"), new NextRequest("http://localhost/api/questions", { headers: { cookie: "locale=en" } }), "r3");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "BUSY", message: "Too many changes to the same records at once: nothing was saved; try again in a moment" }, requestId: "r3" });
    expect(JSON.parse(String(logged.mock.calls.at(-1)?.[0]))).toMatchObject({ msg: "request failed", requestId: "r3", sqlState: "40P01" });
  });
});

describe("backoffMs", () => {
  it("doubles from the base, is capped, and is jittered between half and all of the step", () => {
    const policy = { attempts: 6, baseDelayMs: 25, maxDelayMs: 200 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, policy, () => 1))).toEqual([25, 50, 100, 200, 200]);
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, policy, () => 0))).toEqual([12.5, 25, 50, 100, 100]);
  });

  it("the default policy waits at most about a third of a second in all", () => {
    const total = Array.from({ length: TRANSACTION_RETRY.attempts - 1 }, (_, i) => backoffMs(i + 1, TRANSACTION_RETRY, () => 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(400);
  });
});
