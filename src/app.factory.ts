import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { acceptOnlyJsonBodies } from './http/json-bodies';
import { registerSecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation.pipe';
import { createLogger, PinoNestLogger } from './logging/logger';
import { httpLogger } from './security/log-redaction';
import { TokenBucketLimiter, writeRateKey } from './security/rate-limiter';

const MAX_BODY_DEPTH = 32;

/** Iterative, so the check itself cannot overflow the stack. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Builds the whole app, as main.ts runs it and as e2e tests exercise it. */
export async function createApp(config: AppConfig, appLogger: Logger = createLogger(config.logLevel)): Promise<NestFastifyApplication> {
  // Whatever logger is passed in: no credentials in logged URLs, secrets redacted.
  const logger = httpLogger(appLogger);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    // While closing, serve what arrives on open connections (answered with Connection: close,
    // see below) instead of Fastify's English, non-{code,message} 503.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // Throw start-up errors (e.g. a read-only data directory) to the caller instead of exiting.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(fastify);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['ETag', 'Location'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Last-Event-ID'],
    });
  }
  // Graceful shutdown: once closing, in-flight responses carry `Connection: close`, so their
  // keep-alive sockets end with them. Fastify closes only the sockets idle when close() starts;
  // the others kept close() (and SIGTERM) waiting for the clients' idle timeout (~72 s).
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // Answers carrying government data are not to be stored by browsers or proxies.
  // Callback-style hooks here and below: async ones cost a promise per request each.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    if (request.headers.authorization && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  // Per-token write limit (WRITE_RATE_LIMIT_PER_MINUTE), before the body is even parsed.
  const limiter = new TokenBucketLimiter(config.writeRateLimitPerMinute);
  fastify.addHook('onRequest', (request, reply, done) => {
    const key = writeRateKey(request.method, request.headers.authorization, request.ip);
    const decision = key ? limiter.take(key) : { allowed: true as const };
    if (decision.allowed) return done();
    void reply.status(429).header('retry-after', String(decision.retryAfterSeconds)).header('content-type', 'application/json; charset=utf-8').send({
      code: 'RATE_LIMITED',
      message: `写入请求过于频繁(每个令牌每分钟最多 ${config.writeRateLimitPerMinute} 次),请 ${decision.retryAfterSeconds} 秒后重试`,
    });
  });
  acceptOnlyJsonBodies(fastify);
  // class-transformer recurses once per nesting level: a body nested a few thousand levels
  // deep (10 kB of brackets) overflowed the stack and answered 500. Refuse it before the pipes.
  fastify.addHook('preValidation', (request, reply, done) => {
    if (!nestedDeeperThan(request.body, MAX_BODY_DEPTH)) return done();
    void reply.status(400).header('content-type', 'application/json; charset=utf-8').send({
      code: 'BODY_TOO_DEEP',
      message: `请求体嵌套层级过深(最多 ${MAX_BODY_DEPTH} 层)`,
    });
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT: finish in-flight requests, close the store, then exit 0 (so pino flushes
  // and `node --cpu-prof` writes its profile; re-raising the signal skipped both).
  app.enableShutdownHooks([], { useProcessExit: true });

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('公文督办 API')
      .setDescription('张家港市人民政府公文办理与督办:命令(事件溯源)、查询、督查、审计')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
