import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { SECRET } from './actors';

export interface InProcessApp {
  app: NestFastifyApplication;
  store: EventStore;
  dataDir: string;
  /** Set when listening on a real socket. */
  baseUrl?: string;
  close(): Promise<void>;
}

/** The whole app in this process on a fresh temp data dir; `listen` adds a 127.0.0.1 socket. */
export async function startInProcess(options: { listen?: boolean; env?: Record<string, string> } = {}): Promise<InProcessApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-rel-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN_SECRET: SECRET, LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...options.env });
  const app = await createApp(config, pino({ level: 'silent' }));
  let baseUrl: string | undefined;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  return { app, store: app.get(EVENT_STORE), dataDir, baseUrl, close: () => app.close() };
}
