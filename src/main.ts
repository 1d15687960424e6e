import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { createLogger } from './logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { port: config.port, dataDir: config.dataDir, store: config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite' },
    `公文督办 listening on http://${config.host}:${config.port} (docs: /docs)`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败 failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
