import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorResponse } from './error-mapping';

/** Every error leaves as `{ code, message, details? }` (docs/security.md); stacks and SQL go to the log only. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) this.logger.error({ err: error }, 'unexpected error answered with %d', status);
    if (reply.sent) return;
    if (status === 503 || status === 429) void reply.header('Retry-After', '1');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
