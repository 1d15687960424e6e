import helmet from '@fastify/helmet';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { HELMET_OPTIONS, registerSecurityHeaders } from '../../src/http/security-headers';

/** The same routes behind the plugin and behind the precomputed headers. */
async function server(withPlugin: boolean): Promise<FastifyInstance> {
  const fastify = new FastifyAdapter().getInstance();
  if (withPlugin) await fastify.register(helmet as never, HELMET_OPTIONS);
  else await registerSecurityHeaders(fastify);
  fastify.get('/json', () => ({ ok: true }));
  fastify.post('/created', (_request, reply) => reply.status(201).header('etag', '"0"').send({ id: 1 }));
  fastify.get('/html', (_request, reply) => reply.type('text/html').send('<p>x</p>'));
  await fastify.ready();
  return fastify;
}

describe('security headers', () => {
  let plugin: FastifyInstance;
  let precomputed: FastifyInstance;
  beforeAll(async () => {
    [plugin, precomputed] = await Promise.all([server(true), server(false)]);
  });
  afterAll(() => Promise.all([plugin.close(), precomputed.close()]));

  it.each([
    ['GET', '/json'],
    ['POST', '/created'],
    ['GET', '/html'],
    ['GET', '/missing'],
  ] as const)('%s %s answers with exactly the headers @fastify/helmet sends', async (method, url) => {
    const [a, b] = await Promise.all([plugin.inject({ method, url }), precomputed.inject({ method, url })]);
    const { date: _a, ...expected } = a.headers;
    const { date: _b, ...actual } = b.headers;
    expect(actual).toEqual(expected);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(actual['content-security-policy']).toContain("default-src 'self'");
  });
});
