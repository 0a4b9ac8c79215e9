// Which errors mean "PostgreSQL is unavailable" (503 + Retry-After) rather than a bug (500): a refused
// or dropped connection, and a stall (query, pool or transaction timeout; lib/db/client.ts).
import { describe, expect, it } from "vitest";
import { isDatabaseDownError } from "@/lib/db/availability";

const withCode = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("isDatabaseDownError", () => {
  it.each([
    ["pg's query read timeout (a stalled server)", new Error("Query read timeout")],
    ["pool acquisition timeout", new Error("timeout exceeded when trying to connect")],
    ["connect timeout", new Error("Connection terminated due to connection timeout")],
    ["statement_timeout", withCode("57014", "canceling statement due to statement timeout")],
    ["Prisma's pool timeout", withCode("P2024", "Timed out fetching a new connection from the connection pool.")],
    ["an interactive transaction past its timeout", withCode("P2028", "Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 6012 ms passed since the start of the transaction.")],
    ["no connection for a transaction within maxWait", withCode("P2028", "Transaction API error: Unable to start a transaction in the given time.")],
    ["refused", new Error("connect ECONNREFUSED 127.0.0.1:5432")],
  ])("%s → unavailable", (_what, err) => {
    expect(isDatabaseDownError(err)).toBe(true);
  });

  it.each([
    ["a cancel by the user", withCode("57014", "canceling statement due to user request")],
    ["another transaction API error", withCode("P2028", "Transaction API error: Transaction not found. Transaction ID is invalid, refers to an old closed transaction Prisma doesn't have information about anymore, or was obtained before disconnecting.")],
    ["a unique violation", withCode("P2002", "Unique constraint failed")],
    ["a permission error", withCode("42501", "permission denied for table AuditLog")],
  ])("%s → not unavailable", (_what, err) => {
    expect(isDatabaseDownError(err)).toBe(false);
  });
});
