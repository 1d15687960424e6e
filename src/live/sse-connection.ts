import type { ServerResponse } from 'node:http';
import type { LiveOptions } from './live-options';

/** One SSE message; `id` is the global position of the last event it reflects. */
export interface SseMessage {
  event: string;
  /** Omitted: the client's Last-Event-ID stays as it was (used for time-driven refreshes). */
  id?: string;
  data: unknown;
}

/** Why the server ended a stream. Sent as the final `close` event before the response ends. */
export type CloseReason = 'slow_client' | 'server_shutdown' | 'token_expired' | 'read_model_failed';

const CLOSE_MESSAGES: Record<CloseReason, string> = {
  slow_client: '客户端接收过慢,服务器为该连接保留的缓冲已满,连接已断开;请携带最后收到的事件编号 (Last-Event-ID) 重连,从断点续传',
  server_shutdown: '服务器正在关闭;请稍后携带 Last-Event-ID 重连,从断点续传',
  token_expired: '访问令牌已过期,请换用新的令牌重新订阅',
  read_model_failed: '读模型暂不可用,请稍后携带 Last-Event-ID 重连',
};

/** Connections that share a message object (same view, same batch) serialise it once. */
const frames = new WeakMap<SseMessage, string>();

export function frame(message: SseMessage): string {
  let text = frames.get(message);
  if (text === undefined) {
    const id = message.id === undefined ? '' : `id: ${message.id}\n`;
    text = `${id}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
    frames.set(message, text);
  }
  return text;
}

type Options = Pick<LiveOptions, 'heartbeatMs' | 'retryMs' | 'maxBufferedBytes' | 'closeGraceMs'>;

/**
 * The wire side of one stream on a hijacked response: headers, heartbeats, and a bounded
 * buffer. Whatever Node cannot hand to the kernel stays in `writableLength`; once that passes
 * `maxBufferedBytes` the client is dropped with a `close` event naming the reason.
 */
export class SseConnection {
  closeReason?: CloseReason;
  private ended = false;
  private heartbeat?: NodeJS.Timeout;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly options: Options,
  ) {
    res.on('close', () => this.finish());
  }

  /** Status line and headers (keeping those hooks already set, e.g. CORS), then `retry:`. */
  open(inherited: Record<string, unknown> = {}): void {
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(inherited)) {
      if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) headers[name] = value as string;
    }
    delete headers['content-length'];
    this.res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    this.write(`retry: ${this.options.retryMs}\n: 公文督办 实时订阅\n\n`);
    this.heartbeat = setInterval(() => this.write(`: 心跳 ${new Date().toISOString()}\n\n`), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** False once the stream is closed (by us or by the client). */
  send(message: SseMessage): boolean {
    return this.write(frame(message));
  }

  /** More than half the bound is waiting for the socket: stop sending until `drained`. */
  get congested(): boolean {
    return this.res.writableLength >= this.options.maxBufferedBytes / 2;
  }

  /** Resolves true once the socket took the backlog below half the bound, false on timeout or close. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    if (!this.congested) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
        resolve(ok && !this.ended);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.res.on('drain', onDrain);
      this.res.on('close', onClose);
    });
  }

  /** Ends the stream with a final `close` event; the socket is destroyed if it will not take it. */
  close(reason: CloseReason, details: Record<string, unknown> = {}): void {
    if (this.ended) return;
    this.closeReason = reason;
    this.res.end(frame({ event: 'close', data: { reason, message: CLOSE_MESSAGES[reason], ...details } }));
    this.finish();
    // A shutdown must not wait for keep-alive sockets; a slow client gets a grace period to read the reason.
    const shutdown = reason === 'server_shutdown';
    const grace = setTimeout(() => this.res.destroy(), shutdown ? 500 : this.options.closeGraceMs);
    grace.unref();
    this.res.once('finish', () => (shutdown ? this.res.destroy() : clearTimeout(grace)));
    this.res.once('close', () => clearTimeout(grace));
  }

  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.push(listener);
  }

  get bufferedBytes(): number {
    return this.res.writableLength;
  }

  private write(chunk: string): boolean {
    if (this.ended || this.res.destroyed) return false;
    this.res.write(chunk);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.close('slow_client', { bufferedBytes: this.res.writableLength, limitBytes: this.options.maxBufferedBytes });
      return false;
    }
    return true;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
