/** A response, or the transport error when none arrived (connection refused/reset, timeout). */
export type Outcome =
  | { ok: true; status: number; body: any; headers: Headers } // eslint-disable-line @typescript-eslint/no-explicit-any
  | { ok: false; error: string };

export interface SendOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function send(base: string, method: 'GET' | 'POST', path: string, o: SendOptions = {}): Promise<Outcome> {
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { ok: true, status: res.status, body, headers: res.headers };
  } catch (error) {
    const e = error as { cause?: { code?: string }; name?: string; message?: string };
    return { ok: false, error: e.cause?.code ?? e.name ?? String(e.message) };
  }
}
