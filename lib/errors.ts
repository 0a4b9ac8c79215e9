// Typed domain errors. Verbs throw these; one mapper per transport (lib/http/) turns them into
// status codes and messages. Nothing else decides how an error looks to a user.
// A message is a catalogue key with its values (`m("errors.questionNotFound")`), not text: the texts live in
// lib/i18n/messages/errors.*.ts, `err.message` is the zh-CN text (logs, worker) and the transport renders
// the key in the request's locale.
import { errorsZhCN } from "./i18n/messages/errors.zh-CN";
import { interpolate } from "./i18n/translate";

export type ErrorKey = keyof typeof errorsZhCN;

/** Values of a message's {placeholders}; a value that is itself a message (a field's label) is rendered too. */
export type ErrorVars = Record<string, string | number | ErrorMessage>;

/** An error message: a key of the errors catalogue and the values of its {placeholders}. */
export interface ErrorMessage {
  readonly key: ErrorKey;
  readonly vars?: ErrorVars;
}

export function m(key: ErrorKey, vars?: ErrorVars): ErrorMessage {
  return vars ? { key, vars } : { key };
}

/** The message's text in one catalogue (errors.zh-CN or a locale's whole catalogue). */
export function renderErrorMessage(msg: ErrorMessage, texts: Record<ErrorKey, string>): string {
  const vars = Object.fromEntries(Object.entries(msg.vars ?? {}).map(([k, v]) => [k, typeof v === "object" ? renderErrorMessage(v, texts) : v]));
  return interpolate(texts[msg.key], vars);
}

/** The message in Simplified Chinese, as `err.message` carries it. */
export function zhText(msg: ErrorMessage): string {
  return renderErrorMessage(msg, errorsZhCN);
}

/**
 * A schema's message for a field (zod's per-issue `message`, which must be a string): the key, or the key
 * with its values encoded. parseInput turns it back into an ErrorMessage with fieldMessageOf.
 */
export function fieldKey(key: ErrorKey, vars?: ErrorVars): string {
  return vars ? JSON.stringify({ key, vars }) : key;
}

/**
 * The ErrorMessage a schema's issue message encodes (see fieldKey), or the text itself (zod's own messages).
 * A message stored for later (a delivery's lastError) is stored in fieldKey's form and read back with this:
 * text stored before that is returned as it is.
 */
export function fieldMessageOf(text: string): ErrorMessage | string {
  if (Object.hasOwn(errorsZhCN, text)) return m(text as ErrorKey);
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text) as Partial<ErrorMessage>;
      if (typeof parsed.key === "string" && Object.hasOwn(errorsZhCN, parsed.key)) return m(parsed.key, parsed.vars);
    } catch {
      // not an encoded key: zod's own text
    }
  }
  return text;
}

/** Field → why, as text (zh-CN). */
export type FieldErrors = Record<string, string>;
/** Field → why, as a message (or, for problems found outside a request's locale, text). */
export type FieldMessages = Record<string, ErrorMessage | string>;

/** Prisma's unique-constraint violation (P2002): the one place that knows the code. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

export class DomainError extends Error {
  readonly code: string = "DOMAIN";
  constructor(readonly msg: ErrorMessage) {
    super(zhText(msg));
  }
}

export class ValidationError extends DomainError {
  override readonly code = "VALIDATION";
  /** Each field's message in zh-CN text; `fieldMessages` keeps them as keys for the transport. */
  readonly fields: FieldErrors;
  constructor(
    readonly fieldMessages: FieldMessages,
    message = m("errors.invalidInput"),
    /** How a field's key reads in the reader's language, when it is a place ("人员 第 6 行「角色」") rather than a form field's name. */
    readonly fieldLabels?: Readonly<Record<string, ErrorMessage>>,
  ) {
    super(message);
    this.fields = Object.fromEntries(Object.entries(fieldMessages).map(([k, v]) => [k, typeof v === "string" ? v : zhText(v)]));
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly code = "UNAUTHENTICATED";
  constructor(message = m("errors.signInFirst")) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly code = "FORBIDDEN";
  constructor(message = m("errors.forbidden")) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly code = "NOT_FOUND";
  constructor(message = m("errors.notFound")) {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly code = "CONFLICT";
  constructor(message = m("errors.conflict")) {
    super(message);
  }
}

export class PreconditionError extends DomainError {
  override readonly code = "PRECONDITION";
  constructor(message: ErrorMessage) {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  override readonly code = "RATE_LIMITED";
  constructor(
    readonly retryAfterSeconds: number,
    message = m("errors.rateLimited"),
  ) {
    super(message);
  }
}

/** A reply that contains 服务忌语: refused, with the phrases found and wording to use instead. */
export class BrushOffError extends DomainError {
  override readonly code = "BRUSH_OFF";
  constructor(readonly found: { phrase: string; suggestion: string }[]) {
    super(m("errors.brushOff", { phrases: found.map((f) => f.phrase).join("”“") }));
  }
}

export class PayloadTooLargeError extends DomainError {
  override readonly code = "PAYLOAD_TOO_LARGE";
  constructor(readonly limitBytes: number) {
    super(m("errors.payloadTooLarge", { kb: Math.round(limitBytes / 1024) }));
  }
}
