import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '../domain/domain-error';
import { ConcurrencyError, DuplicateEventIdError, EventStoreError, StoreUnavailableError, StreamNotFoundError } from '../event-store/errors';
import { IdempotencyKeyReusedError, PreconditionFailedError, RetriesExhaustedError } from '../command-handling/command-errors';
import type { ErrorBody } from './error-body';

/** 415: the one answer to a body that is not JSON, whichever layer notices. */
export const UNSUPPORTED_MEDIA_TYPE: ErrorBody = {
  code: 'UNSUPPORTED_MEDIA_TYPE',
  message: '不支持的内容类型:请求体必须是 JSON,Content-Type 应为 application/json',
};

const KIND_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  refused: 422,
};

/** Maps any thrown value to a status and a stable body. Unknown errors become a bare 500. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof DomainError) {
    return {
      status: KIND_STATUS[error.kind],
      body: { code: error.code, message: error.message, details: { article: error.article, ...error.details } },
      unexpected: false,
    };
  }
  if (error instanceof PreconditionFailedError) {
    return { status: 412, body: { code: error.code, message: error.message, details: { expected: error.expected, actual: error.actual } }, unexpected: false };
  }
  if (error instanceof IdempotencyKeyReusedError) return { status: 422, body: { code: error.code, message: error.message }, unexpected: false };
  if (error instanceof RetriesExhaustedError || error instanceof ConcurrencyError) {
    return { status: 409, body: { code: 'CONCURRENCY_CONFLICT', message: '文档正被同时修改,请刷新后重试' }, unexpected: false };
  }
  if (error instanceof DuplicateEventIdError) {
    return { status: 409, body: { code: error.code, message: '该命令的事件已以不同方式写入,请勿重复提交' }, unexpected: false };
  }
  if (error instanceof StreamNotFoundError) return { status: 404, body: { code: error.code, message: '未找到该文档' }, unexpected: false };
  if (error instanceof StoreUnavailableError) return { status: 503, body: { code: error.code, message: error.message }, unexpected: false };
  if (error instanceof EventStoreError) return { status: 503, body: { code: 'STORE_UNAVAILABLE', message: '事件存储暂不可用,请稍后重试' }, unexpected: true };
  if (error instanceof HttpException) return fromHttpException(error);
  const framework = fromFrameworkError(error);
  if (framework) return framework;
  return { status: 500, body: { code: 'INTERNAL_ERROR', message: '服务器内部错误,已记录日志,请联系管理员' }, unexpected: true };
}

function fromHttpException(error: HttpException): { status: number; body: ErrorBody; unexpected: boolean } {
  const status = error.getStatus();
  const response = error.getResponse();
  // Nest re-throws Fastify's parser errors as HttpException, keeping the original as `cause`
  // (or, in some versions, only its message).
  const code =
    (response as { code?: unknown } | null)?.code ??
    (error.cause as { code?: unknown } | undefined)?.code ??
    (typeof response === 'string' && /not valid JSON/i.test(response) ? 'FST_ERR_CTP_INVALID_JSON_BODY' : undefined);
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return fromFrameworkError({ statusCode: status, code }) ?? { status, body: { code: `HTTP_${status}`, message: '请求不合法' }, unexpected: false };
  }
  if (typeof response === 'object' && response !== null && 'code' in response && 'message' in response) {
    // A coded HttpException is a deliberate answer (e.g. READ_MODEL_NOT_CAUGHT_UP), not a bug.
    const r = response as ErrorBody;
    return { status, body: { code: r.code, message: r.message, details: r.details }, unexpected: false };
  }
  if (typeof response === 'object' && response !== null && (response as { status?: unknown }).status === 'error') {
    // Terminus' readiness failure: keep which indicator is down and why.
    return { status, body: { code: 'NOT_READY', message: '服务未就绪', details: response }, unexpected: false };
  }
  const fallback: Record<number, ErrorBody> = {
    400: { code: 'BAD_REQUEST', message: '请求不合法' },
    401: { code: 'UNAUTHORIZED', message: '未认证' },
    403: { code: 'FORBIDDEN', message: '无权执行此操作' },
    404: { code: 'NOT_FOUND', message: '请求的资源不存在' },
    405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
    413: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
    415: UNSUPPORTED_MEDIA_TYPE,
    429: { code: 'RATE_LIMITED', message: '请求过于频繁,请稍后再试' },
  };
  return { status, body: fallback[status] ?? { code: `HTTP_${status}`, message: '请求失败' }, unexpected: status >= 500 };
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode. */
function fromFrameworkError(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } | undefined {
  const e = error as { statusCode?: unknown; code?: unknown };
  if (typeof e?.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const known: Record<string, ErrorBody> = {
    FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' },
    FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体为空,但内容类型为 JSON' },
    FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'Content-Length 与请求体不符' },
  };
  const body = known[code] ?? (e.statusCode === 400 && error instanceof SyntaxError
    ? { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' }
    : { code: `HTTP_${e.statusCode}`, message: '请求不合法' });
  return { status: e.statusCode, body, unexpected: false };
}
