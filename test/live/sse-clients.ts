import { EventSource } from 'eventsource';
import { request, type IncomingMessage } from 'node:http';

export interface Received {
  event: string;
  id: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A real `eventsource` client that records every message of the given event names, and how
 * often it (re)connected. Extra headers (Authorization) go through its `fetch` option.
 */
export function subscribe(url: string, events: string[], headers: Record<string, string> = {}) {
  const messages: Received[] = [];
  const errors: Array<{ code?: number; message?: string }> = [];
  let opens = 0;
  const lastEventIds: string[] = [];
  const source = new EventSource(url, {
    fetch: (input, init) => {
      const sent = (init?.headers ?? {}) as Record<string, string>;
      lastEventIds.push(sent['Last-Event-ID'] ?? '');
      // The client's own Last-Event-ID (on reconnect) wins over one given for the first connection.
      return fetch(input, { ...init, headers: { ...headers, ...sent } });
    },
  });
  source.onopen = () => opens++;
  source.onerror = (e) => errors.push({ code: (e as { code?: number }).code, message: (e as { message?: string }).message });
  for (const event of [...events, 'close']) {
    source.addEventListener(event, (e) => messages.push({ event, id: e.lastEventId, data: JSON.parse(e.data) }));
  }
  return {
    source,
    messages,
    errors,
    /** The Last-Event-ID header each connection attempt sent ('' for none). */
    lastEventIds,
    get opens() {
      return opens;
    },
    of: (event: string) => messages.filter((m) => m.event === event),
    waitFor: (predicate: () => boolean, what: string, timeoutMs = 10_000) => waitFor(predicate, what, timeoutMs, () => JSON.stringify(messages).slice(-2000)),
    close: () => source.close(),
  };
}

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} ${detail()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A client that stops reading: the response's socket is paused until `resume()`. */
export function stalledStream(url: string, headers: Record<string, string> = {}) {
  let text = '';
  let response: IncomingMessage | undefined;
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', resolve);
      res.on('close', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  return {
    ended,
    get status() {
      return response?.statusCode;
    },
    get text() {
      return text;
    },
    /** Read nothing more: the kernel buffers fill, then the server's. */
    pause: () => {
      response?.pause();
      response?.socket.pause();
    },
    resume: () => {
      response?.socket.resume();
      response?.resume();
    },
    destroy: () => response?.destroy(),
    frames: () => parseFrames(text),
  };
}

/** SSE text → messages (comments skipped). */
export function parseFrames(text: string): Received[] {
  const out: Received[] = [];
  const blocks = text.split('\n\n');
  blocks.pop(); // incomplete (or empty after the last blank line)
  for (const block of blocks) {
    let event = 'message';
    let id = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (data) out.push({ event, id, data: JSON.parse(data) });
  }
  return out;
}
