import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { UNSUPPORTED_MEDIA_TYPE } from './error-mapping';

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/**
 * Every body this API takes is JSON. Fastify parses text/plain into a string and Nest adds a
 * form parser, and both then failed validation field by field as if the fields were missing:
 * any other media type is refused with 415 before the body is even read.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const { headers } = request;
    // As Fastify decides whether to parse: never on GET/HEAD, otherwise when a body is announced.
    const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
    if (request.method === 'GET' || request.method === 'HEAD' || !hasBody || JSON_TYPE.test(headers['content-type'] ?? '')) {
      return done(null, payload);
    }
    done(new HttpException(UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE), payload);
  });
}
