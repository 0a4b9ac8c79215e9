// Typed domain errors. Verbs throw these; one mapper per transport (lib/http/) turns them into
// status codes and messages. Nothing else decides how an error looks to a user.

export type FieldErrors = Record<string, string>;

/** Prisma's unique-constraint violation (P2002): the one place that knows the code. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

export class DomainError extends Error {
  readonly code: string = "DOMAIN";
}

export class ValidationError extends DomainError {
  override readonly code = "VALIDATION";
  constructor(
    readonly fields: FieldErrors,
    message = "输入有误",
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly code = "UNAUTHENTICATED";
  constructor(message = "请先登录") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly code = "FORBIDDEN";
  constructor(message = "无权访问") {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly code = "NOT_FOUND";
  constructor(message = "未找到") {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly code = "CONFLICT";
  constructor(message = "数据已被他人修改，请刷新后重试") {
    super(message);
  }
}

export class PreconditionError extends DomainError {
  override readonly code = "PRECONDITION";
  constructor(message: string) {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  override readonly code = "RATE_LIMITED";
  constructor(
    readonly retryAfterSeconds: number,
    message = "操作过于频繁，请稍后再试",
  ) {
    super(message);
  }
}

/** A reply that contains 服务忌语: refused, with the phrases found and wording to use instead. */
export class BrushOffError extends DomainError {
  override readonly code = "BRUSH_OFF";
  constructor(readonly found: { phrase: string; suggestion: string }[]) {
    super(`回复中含有服务忌语“${found.map((f) => f.phrase).join("”“")}”。首问责任人不能推诿，请换一种说法。`);
  }
}

export class PayloadTooLargeError extends DomainError {
  override readonly code = "PAYLOAD_TOO_LARGE";
  constructor(readonly limitBytes: number) {
    super(`请求内容过大（上限 ${Math.round(limitBytes / 1024)} KB）`);
  }
}
