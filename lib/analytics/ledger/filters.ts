// The ledger's filters: one schema for the URL (page, CSV link) and the verb. Pure, so the page, the
// route and the client-free filter form all read and write the same query string.
import { z } from "zod";
import { QuestionStatus, ResolutionKind } from "../../db/generated/enums";
import { ValidationError, fieldKey } from "../../errors";
import { parseInput } from "../../validation";

export const MAX_TEXT_FILTER = 100;

export const ledgerFilters = z
  .object({
    lineId: z.uuid(fieldKey("errors.field.lineInvalid")).optional(),
    status: z.enum(QuestionStatus, fieldKey("errors.field.statusInvalid")).optional(),
    resolutionKind: z.enum(ResolutionKind, fieldKey("errors.field.resolutionKindInvalid")).optional(),
    departmentId: z.uuid(fieldKey("errors.field.departmentInvalid")).optional(),
    ownerId: z.uuid(fieldKey("errors.field.ownerInvalid")).optional(),
    text: z.string().trim().max(MAX_TEXT_FILTER, fieldKey("errors.field.keywordTooLong", { MAX_TEXT_FILTER })).optional(),
    overdueOnly: z.boolean().optional(),
  })
  .strict();

export type LedgerFilters = z.infer<typeof ledgerFilters>;

/** URL parameter ↔ filter field. Short names keep shared links readable. */
const PARAM: Record<keyof LedgerFilters, string> = {
  lineId: "line",
  status: "status",
  resolutionKind: "kind",
  departmentId: "dept",
  ownerId: "owner",
  text: "q",
  overdueOnly: "overdue",
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** Reads the filters from searchParams; empty values mean "any". A bad value names its URL field. */
export function parseLedgerFilters(params: Params): LedgerFilters {
  const raw = {
    lineId: one(params[PARAM.lineId]),
    status: one(params[PARAM.status]),
    resolutionKind: one(params[PARAM.resolutionKind]),
    departmentId: one(params[PARAM.departmentId]),
    ownerId: one(params[PARAM.ownerId]),
    text: one(params[PARAM.text]),
    overdueOnly: one(params[PARAM.overdueOnly]) === "1" ? true : undefined,
  };
  try {
    return parseInput(ledgerFilters, raw);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const fields: Record<string, string> = {};
    for (const [k, msg] of Object.entries(err.fields)) fields[PARAM[k as keyof LedgerFilters] ?? k] = msg;
    throw new ValidationError(fields);
  }
}

/** The filters as URL parameters (only those set), in a stable order. */
export function ledgerFilterParams(filters: LedgerFilters): [string, string][] {
  const out: [string, string][] = [];
  for (const key of Object.keys(PARAM) as (keyof LedgerFilters)[]) {
    const v = filters[key];
    if (v === undefined || v === "" || v === false) continue;
    out.push([PARAM[key], v === true ? "1" : String(v)]);
  }
  return out;
}

/** "from=…&to=…&line=…" for links that keep the range and filters (page links, CSV export). */
export function ledgerQuery(range: { from: string; to: string }, filters: LedgerFilters, extra: Record<string, string> = {}): string {
  return new URLSearchParams([["from", range.from], ["to", range.to], ...ledgerFilterParams(filters), ...Object.entries(extra)]).toString();
}
