import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('configuration from the environment', () => {
  it('needs nothing: embedded SQLite under ./data, FULL sync, port 3000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/app/data',
      sqliteSynchronous: 'FULL',
      readModelSynchronous: 'NORMAL',
      eventStoreConnectionString: undefined,
      auth: { issuer: 'gongwen-duban', audience: 'gongwen-duban-api' },
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATA_DIR: '/var/lib/gw',
        SQLITE_SYNCHRONOUS: 'normal',
        READ_MODELS_SYNCHRONOUS: 'full',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        AUTH_TOKEN_SECRET: 'x'.repeat(32),
        AUTH_ISSUER: 'https://sso.example',
        AUTH_AUDIENCE: 'gw',
        LOG_LEVEL: 'warn',
        CORS_ORIGINS: 'https://a.example, http://localhost:5173',
        BODY_LIMIT_BYTES: '2048',
        READ_YOUR_WRITES_TIMEOUT_MS: '100',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/gw',
      sqliteSynchronous: 'NORMAL',
      readModelSynchronous: 'FULL',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      logLevel: 'warn',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      bodyLimitBytes: 2048,
      readYourWritesTimeoutMs: 100,
    });
  });

  it('reports every bad value at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SQLITE_SYNCHRONOUS: 'SOMETIMES', READ_MODELS_SYNCHRONOUS: 'ALWAYS', AUTH_TOKEN_SECRET: 'short', EVENTSTORE_CONNECTION_STRING: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'SQLITE_SYNCHRONOUS', 'READ_MODELS_SYNCHRONOUS', 'AUTH_TOKEN_SECRET', 'EVENTSTORE_CONNECTION_STRING']) {
      expect(problems).toContain(name);
    }
  });
});
