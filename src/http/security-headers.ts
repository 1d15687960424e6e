import helmet from '@fastify/helmet';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

type HeaderValue = string | number | readonly string[];

/** Swagger UI and the dashboard use inline scripts/styles served by us only. */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/**
 * The headers @fastify/helmet sets with these options, taken from the plugin itself on a
 * probe instance. Our options are static (no nonces, no per-route settings), so the headers
 * are the same for every request; the plugin rebuilt them, CSP parsing included, each time.
 */
export async function helmetHeaders(options: object = HELMET_OPTIONS): Promise<[string, HeaderValue][]> {
  const probe = new FastifyAdapter().getInstance();
  const headers: [string, HeaderValue][] = [];
  let recording = false;
  // Hooks run in the order added: these two bracket the plugin's and record what it sets.
  probe.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    const setHeader = raw.setHeader.bind(raw);
    raw.setHeader = (name: string, value: HeaderValue) => {
      if (recording) headers.push([name, value]);
      return setHeader(name, value);
    };
    recording = true;
    done();
  });
  await probe.register(helmet as never, options);
  probe.addHook('onRequest', (_request, _reply, done) => {
    recording = false;
    done();
  });
  probe.get('/', () => '');
  await probe.inject('/');
  await probe.close();
  return headers;
}

/** Sets them on every response, where and as the plugin does (raw headers, at onRequest). */
export async function registerSecurityHeaders(fastify: FastifyInstance, options: object = HELMET_OPTIONS): Promise<void> {
  const headers = await helmetHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
