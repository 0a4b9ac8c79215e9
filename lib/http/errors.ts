import { isDatabaseDownError } from "../db/availability";
import { transientStateOf } from "../db/transient";
import { BrushOffError, DomainError, fieldMessageOf, isUniqueViolation, m, RateLimitedError, renderErrorMessage, ValidationError, type ErrorMessage, type FieldMessages } from "../errors";
import { messagesFor } from "../i18n/catalogues";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/** An error message in `locale`. */
export function renderMessage(msg: ErrorMessage, locale: Locale): string {
  return renderErrorMessage(msg, messagesFor(locale));
}

/** A message in `locale`, or text (found outside a request's locale, or stored before it was a key) as it is. */
export function renderMessageOrText(msg: ErrorMessage | string, locale: Locale): string {
  return typeof msg === "string" ? msg : renderMessage(msg, locale);
}

/** A message stored for later in fieldKey's form (a delivery's lastError) in `locale`; text stored before that as it is. */
export function renderStoredMessage(stored: string, locale: Locale): string {
  return renderMessageOrText(fieldMessageOf(stored), locale);
}

/** A ValidationError's field messages in `locale`, each field under its label in `locale` when it has one. */
export function renderFields(fields: FieldMessages, locale: Locale, labels?: Readonly<Record<string, ErrorMessage>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [labels?.[k] ? renderMessage(labels[k], locale) : k, renderMessageOrText(v, locale)]));
}

/** Field messages as one line in `locale`, for a page that says what it ignored and carries on. */
export function renderFieldsLine(fields: FieldMessages, locale: Locale, separator: string): string {
  return Object.values(renderFields(fields, locale)).join(separator);
}

const STATUS: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION: 422,
  BRUSH_OFF: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

interface PrismaLikeError {
  code?: string;
  meta?: { target?: unknown };
}

/** Maps any thrown value to an HTTP answer in the request's locale. Unknown errors become 500 without details. */
export function toHttpError(err: unknown, requestId: string, locale: Locale = DEFAULT_LOCALE): { status: number; body: object; headers: Record<string, string> } {
  const text = (msg: ErrorMessage) => renderMessage(msg, locale);
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
    return {
      status: STATUS[err.code] ?? 400,
      headers,
      body: { error: { code: err.code, message: text(err.msg), ...(err instanceof ValidationError ? { fields: renderFields(err.fieldMessages, locale, err.fieldLabels) } : {}), ...(err instanceof BrushOffError ? { found: err.found } : {}) }, requestId },
    };
  }
  const prismaCode = (err as PrismaLikeError | null)?.code;
  if (isUniqueViolation(err)) return { status: 409, headers: {}, body: { error: { code: "CONFLICT", message: text(m("errors.alreadyExists")) }, requestId } };
  if (prismaCode === "P2025") return { status: 404, headers: {}, body: { error: { code: "NOT_FOUND", message: text(m("errors.notFound")) }, requestId } };
  if (isDatabaseDownError(err)) {
    return { status: 503, headers: { "retry-after": "5" }, body: { error: { code: "UNAVAILABLE", message: text(m("errors.databaseUnavailable")) }, requestId } };
  }
  // Still deadlocked or locked out after the transaction's own retries (lib/db/transient.ts): nothing
  // was written, and the same request a moment later will normally go through.
  if (transientStateOf(err)) return { status: 503, headers: { "retry-after": "1" }, body: { error: { code: "BUSY", message: text(m("errors.databaseBusy")) }, requestId } };
  return { status: 500, headers: {}, body: { error: { code: "INTERNAL", message: text(m("errors.internal")) }, requestId } };
}
