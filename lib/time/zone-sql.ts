// The company zone inside SQL (`… AT TIME ZONE <zone>`), as a literal rather than a bind parameter so that
// PostgreSQL sees the same expression in SELECT and GROUP BY. The name was validated by lib/env as an IANA
// zone, and is checked again here against the characters such names use: nothing else reaches the SQL text.
import { Prisma } from "../db/generated/client";
import { companyZone } from "./zone";

export function zoneLiteral(): string {
  const zone = companyZone();
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) throw new Error(`COMPANY_TIME_ZONE "${zone}" is not usable in SQL`);
  return `'${zone}'`;
}

export const zoneSql = (): Prisma.Sql => Prisma.raw(zoneLiteral());
