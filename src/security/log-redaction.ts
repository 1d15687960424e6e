import type { Logger } from 'pino';

/** Query parameters that can carry credentials (EventSource `?access_token=`, OAuth callbacks). */
const SECRET_PARAMS = /([?&](?:access_token|id_token|refresh_token|token|code|api_key|apikey|password|secret)=)[^&#]*/gi;

export const scrubUrl = (url: string): string => url.replace(SECRET_PARAMS, '$1[redacted]');

/** Paths pino blanks out wherever they appear: headers, token-like fields, key material. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  '*.authorization',
  '*.token',
  '*.access_token',
  '*.secret',
  '*.password',
  '*.privateKey',
  '*.sealPrivateKey',
  'config.auth.secret',
  'config.audit.sealPrivateKey',
];

interface LoggedRequest {
  method?: string;
  url?: string;
  hostname?: string;
  host?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  id?: string;
}

/** The access-log view of a request: no headers, and no credentials in the query string. */
export function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? scrubUrl(req.url) : req.url,
    host: req.host ?? req.hostname,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  };
}

/** The logger the HTTP layer uses: the app's, with request URLs scrubbed and secrets redacted. */
export function httpLogger(logger: Logger): Logger {
  return logger.child({}, { serializers: { req: requestSerializer }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
