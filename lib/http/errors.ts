import { isDatabaseDownError } from "../db/availability";
import { BrushOffError, DomainError, isUniqueViolation, RateLimitedError, ValidationError } from "../errors";

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

/** Maps any thrown value to an HTTP answer. Unknown errors become 500 without details. */
export function toHttpError(err: unknown, requestId: string): { status: number; body: object; headers: Record<string, string> } {
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
    return {
      status: STATUS[err.code] ?? 400,
      headers,
      body: { error: { code: err.code, message: err.message, ...(err instanceof ValidationError ? { fields: err.fields } : {}), ...(err instanceof BrushOffError ? { found: err.found } : {}) }, requestId },
    };
  }
  const prismaCode = (err as PrismaLikeError | null)?.code;
  if (isUniqueViolation(err)) return { status: 409, headers: {}, body: { error: { code: "CONFLICT", message: "记录已存在" }, requestId } };
  if (prismaCode === "P2025") return { status: 404, headers: {}, body: { error: { code: "NOT_FOUND", message: "未找到" }, requestId } };
  if (isDatabaseDownError(err)) {
    return { status: 503, headers: { "retry-after": "5" }, body: { error: { code: "UNAVAILABLE", message: "数据库暂时不可用，请稍后重试" }, requestId } };
  }
  return { status: 500, headers: {}, body: { error: { code: "INTERNAL", message: "服务器内部错误" }, requestId } };
}
