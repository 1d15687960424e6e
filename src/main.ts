import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { checkConfiguredFiles } from './config/configured-files';
import { createLogger } from './logging/logger';

let dataDir = process.env.DATA_DIR ?? './data';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    checkConfiguredFiles(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  dataDir = config.dataDir;
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { port: config.port, dataDir: config.dataDir, store: config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite' },
    `公文督办 listening on http://${config.host}:${config.port} (docs: /docs)`,
  );
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown } | undefined)?.code;
  const hint =
    typeof code === 'string' && /^SQLITE_(CANTOPEN|READONLY|FULL|IOERR)/.test(code)
      ? `数据目录 ${dataDir} 无法写入(只读、磁盘已满或权限不足,${code}),请检查后重启\n`
      : '';
  process.stderr.write(`启动失败 failed to start: ${hint}${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
