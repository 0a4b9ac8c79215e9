import { z } from "zod";
import { hasDirectionMarks } from "./bidi";
import { fieldKey, fieldMessageOf, m, ValidationError, type FieldMessages } from "./errors";

/** Parses input with its schema; on failure throws a ValidationError naming each field and why. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldMessages = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || (issue.code === "unrecognized_keys" ? (issue as { keys?: string[] }).keys?.join(",") ?? "_" : "_");
    fields[key] ??= issue.code === "unrecognized_keys" ? m("errors.fieldNotAllowed") : fieldMessageOf(issue.message);
  }
  throw new ValidationError(fields);
}

/**
 * An uploaded file's name (X-File-Name): shown in previews, import issues and history, so no path, no
 * control character and no direction override (U+202E would show "政策\u202Excod.pdf" as "政策fdp.docx").
 */
export const uploadFileName = z
  .string({ error: fieldKey("errors.field.fileNameMissing") })
  .trim()
  .min(1, fieldKey("errors.field.fileNameMissing"))
  .max(200, fieldKey("errors.field.fileNameTooLong"))
  .refine((n) => !/[\\/\u0000-\u001f\u007f-\u009f]/.test(n) && !hasDirectionMarks(n), fieldKey("errors.field.fileNameChars"));

// ---- every input channel gets the same refusal: NUL, lone surrogates, over-long values ----

/** Longest value of one query parameter: every field the portal reads is far shorter (a search is 200). */
export const MAX_QUERY_VALUE_CHARS = 2_000;
export const MAX_QUERY_PARAMS = 64;
const MAX_PARAM_NAME_CHARS = 100;
/** Longest header value (Node refuses more than 16 KB of headers in all; the cookie is exempt). */
export const MAX_HEADER_CHARS = 8_192;
/** Deepest nesting of a JSON body: no form sends more than a few levels; walks over it are recursive. */
export const MAX_JSON_DEPTH = 32;

const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** NUL bytes and lone surrogates are refused everywhere: PostgreSQL rejects NUL and they corrupt text. */
export function isBadText(value: string): boolean {
  return BAD_TEXT.test(value);
}

/** The path ("a.0.b", "" for the root) of the first string in a parsed JSON value that isBadText, or null. */
export function findBadString(value: unknown, path = ""): string | null {
  if (typeof value === "string") return isBadText(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findBadString(value[i], path ? `${path}.${i}` : String(i));
      if (r !== null) return r;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const r = findBadString(v, path ? `${path}.${k}` : k);
      if (r !== null) return r;
    }
  }
  return null;
}

/**
 * Parses a JSON body: nesting deeper than MAX_JSON_DEPTH is refused by a flat scan of the text before
 * JSON.parse (so no recursive walk ever sees it), then every string is checked for NUL and lone surrogates.
 */
export function parseJsonBody(text: string): unknown {
  if (jsonDepthOver(text, MAX_JSON_DEPTH)) throw new ValidationError({ _: m("errors.jsonTooDeep", { MAX_JSON_DEPTH }) }, m("errors.jsonInvalid"));
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new ValidationError({ _: m("errors.jsonInvalid") }, m("errors.jsonInvalid"));
  }
  const bad = findBadString(value);
  if (bad !== null) throw new ValidationError({ [bad || "_"]: m("errors.badText") });
  return value;
}

/** Whether brackets outside strings nest deeper than `max` (one pass, no recursion). */
export function jsonDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const PERCENT = /%([0-9a-fA-F]{2})/g;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextEncoder();

/** Percent-decodes like URLSearchParams, but bytes that are no valid UTF-8 (an encoded lone surrogate) are an error (null), not U+FFFD. */
function decodeComponent(raw: string, plusIsSpace = true): string | null {
  const text = plusIsSpace && raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  if (!text.includes("%")) return text;
  try {
    // Fast and strict: throws on bytes that are no UTF-8, and also on a "%" that starts no escape.
    return decodeURIComponent(text);
  } catch {
    return decodeKeepingStrayPercent(text);
  }
}

/** The slow path for a "%" that starts no escape (kept literally, as URLSearchParams does); null on bytes that are no UTF-8. */
function decodeKeepingStrayPercent(text: string): string | null {
  const bytes: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PERCENT)) {
    for (const b of utf8.encode(text.slice(last, m.index))) bytes.push(b);
    bytes.push(parseInt(m[1]!, 16));
    last = m.index + 3;
  }
  for (const b of utf8.encode(text.slice(last))) bytes.push(b);
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

// The checks below answer catalogue keys (lib/i18n/messages/problems.*.ts): a route renders them in the
// request's locale (lib/http/errors.ts), scripts/serve.ts in the locale cookie's.

/**
 * What is wrong with a raw query string ("?a=1&b=2", as sent, before any decoding), by parameter:
 * NUL, bytes that are not UTF-8 (the only way a lone surrogate can be sent in a URL), values over
 * MAX_QUERY_VALUE_CHARS, more than MAX_QUERY_PARAMS parameters. Null when nothing is.
 */
export function queryStringProblems(search: string): FieldMessages | null {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query) return null;
  const pairs = query.split("&").filter(Boolean);
  if (pairs.length > MAX_QUERY_PARAMS) return { query: m("errors.request.tooManyParams", { max: MAX_QUERY_PARAMS }) };
  const problems: FieldMessages = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decodeComponent(rawName);
    if (name === null || isBadText(name) || name.length > MAX_PARAM_NAME_CHARS) {
      problems.query ??= m("errors.request.badParamName", { max: MAX_PARAM_NAME_CHARS });
      continue;
    }
    const value = decodeComponent(eq < 0 ? "" : pair.slice(eq + 1));
    if (value === null || isBadText(value)) problems[name] ??= m("errors.badText");
    else if (value.length > MAX_QUERY_VALUE_CHARS) problems[name] ??= m("errors.request.valueTooLong", { max: MAX_QUERY_VALUE_CHARS });
  }
  return Object.keys(problems).length ? problems : null;
}

/** What is wrong with a raw path ("/policies/x%00y"): NUL or bytes that are no UTF-8 in a segment, or null. */
export function pathProblems(pathname: string): FieldMessages | null {
  const decoded = decodeComponent(pathname, false);
  return decoded === null || isBadText(decoded) ? { path: m("errors.request.badPath") } : null;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * What is wrong with the request's headers, by header name: control characters (NUL among them; Node's
 * parser already refuses most) and values over MAX_HEADER_CHARS. Null when nothing is.
 */
export function headerProblems(headers: HeaderSource): FieldMessages | null {
  let problems: FieldMessages | null = null;
  const check = (name: string, value: string) => {
    const key = name.toLowerCase();
    if (CONTROL.test(value)) (problems ??= {})[key] ??= m("errors.request.controlChars");
    else if (value.length > MAX_HEADER_CHARS && key !== "cookie") (problems ??= {})[key] ??= m("errors.request.valueTooLong", { max: MAX_HEADER_CHARS });
  };
  if (headers instanceof Headers) headers.forEach((value, name) => check(name, value));
  else {
    for (const name in headers) {
      const value = headers[name];
      if (typeof value === "string") check(name, value);
      else if (Array.isArray(value)) for (const v of value) check(name, v);
    }
  }
  return problems;
}

/** Every problem of a request's path, query string and headers (in that order of precedence), or null. */
export function requestProblems(url: { pathname: string; search: string }, headers: HeaderSource): FieldMessages | null {
  return pathProblems(url.pathname) ?? queryStringProblems(url.search) ?? headerProblems(headers);
}

/** Throws the ValidationError (400, each field named) for a hostile path, query string or header, as every route answers. */
export function assertCleanRequest(url: { pathname: string; search: string }, headers: HeaderSource): void {
  const problems = requestProblems(url, headers);
  if (problems) throw new ValidationError(problems, m("errors.requestParamsInvalid"));
}
