import type { IncomingMessage } from 'node:http';

export const LIVE_PATH = '/live/';

/**
 * Browsers' EventSource cannot set headers, so SSE routes (only they) accept `?access_token=`.
 * Run on the raw server before Fastify parses or logs the request: the token moves into the
 * Authorization header — where the global guard looks and the logger redacts — and leaves
 * the URL, so it never appears in access logs.
 */
export function moveQueryToken(req: IncomingMessage): void {
  const url = req.url;
  if (!url?.startsWith(LIVE_PATH) || !url.includes('access_token')) return;
  const query = url.indexOf('?');
  if (query < 0) return;
  const params = new URLSearchParams(url.slice(query + 1));
  const token = params.get('access_token');
  params.delete('access_token');
  const rest = params.toString();
  req.url = url.slice(0, query) + (rest ? `?${rest}` : '');
  if (token && !req.headers.authorization) req.headers.authorization = `Bearer ${token}`;
}

/** Seconds since the epoch when the (already verified) bearer token expires, if it says. */
export function tokenExpiry(authorization: string | undefined): number | undefined {
  const payload = /^Bearer\s+[^.\s]+\.([^.\s]+)\./i.exec(authorization ?? '')?.[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}
