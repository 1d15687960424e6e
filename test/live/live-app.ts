import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentTokens, documentsClient, type DocumentTokens, type DocumentsClient } from '../support/document-fixtures';
import { LiveService } from '../../src/live/live.service';
import { LIVE_OPTIONS, type LiveOptions } from '../../src/live/live-options';

export interface LiveApp {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  client: DocumentsClient;
  tokens: DocumentTokens;
  live: LiveService;
  options: LiveOptions;
  /** A 请示 of `unit` taken to 交办 (own authority: 7 working days). */
  assigned(unit?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app listening on 127.0.0.1 (port 0 unless given), for real SSE clients. */
export async function startLiveApp(options: { env?: Record<string, string>; port?: number; now?: string } = {}): Promise<LiveApp> {
  const t = await startTestApp(options.env, options.now);
  await t.app.listen(options.port ?? 0, '127.0.0.1');
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const client = documentsClient(t);
  const tokens = documentTokens(t);
  return {
    t,
    base,
    port: Number(new URL(base).port),
    client,
    tokens,
    live: t.app.get(LiveService),
    options: t.app.get(LIVE_OPTIONS),
    assigned: async (unit = 'natural-resources') => (await assignedDocument(t, client, tokens, { unit })).id,
    close: () => t.close(),
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
