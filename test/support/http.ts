import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface HttpResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, string | string[] | number | undefined>;
}

/** A small client over Fastify's inject: no sockets, the real routing, guards and filters. */
export function http(app: NestFastifyApplication) {
  const send = async (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.statusCode, body, headers: response.headers };
  };
  return {
    get: (url: string, token?: string, headers?: Record<string, string>) => send('GET', url, token, undefined, headers),
    post: (url: string, token: string | undefined, payload: unknown = {}, headers?: Record<string, string>) => send('POST', url, token, payload, headers),
  };
}
