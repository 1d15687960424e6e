import { createPublicKey } from 'node:crypto';
import { resolveSealKeys } from '../audit/seal-keys';
import { resolveAuthKeys } from '../auth/auth-keys';
import { loadWorkingCalendar } from '../calendar/calendar-loader';
import { loadDirectory } from '../directory/directory-loader';
import { type AppConfig, ConfigError } from './app-config';

/**
 * The files the configuration names, read and validated before the app is built, so that a
 * bad one stops start-up as a ConfigError naming its variable (README: exit 78) rather than
 * as a Nest provider's stack trace. The providers load them again; both loads are cheap.
 */
export function checkConfiguredFiles(config: AppConfig): void {
  const problems: string[] = [];
  const check = (variable: string, value: string | undefined, load: () => unknown) => {
    if (!value) return;
    try {
      load();
    } catch (error) {
      problems.push(`${variable}: ${(error as Error).message}`);
    }
  };
  check('DIRECTORY_FILE', config.directoryFile, () => loadDirectory(config.directoryFile));
  check('CALENDAR_OVERRIDE_FILE', config.calendarOverrideFile, () => loadWorkingCalendar(config.calendarOverrideFile));
  check('AUTH_PUBLIC_KEY', config.auth.publicKey, () => {
    const source = config.auth.publicKey!.includes('-----BEGIN') ? '' : `${config.auth.publicKey} `;
    const keys = rethrow(() => resolveAuthKeys(config), (m) => `无法读取公钥文件 (cannot read the public key file: ${m})`);
    if (keys.kind === 'public-key') rethrow(() => createPublicKey(keys.publicKey), (m) => `${source}不是可用的 PEM 公钥 (not a usable PEM public key: ${m})`);
  });
  const { sealPrivateKey, sealKeyFile, sealPublicKey } = config.audit;
  const sealVariables = [sealPrivateKey && 'SEAL_PRIVATE_KEY', sealKeyFile && 'SEAL_KEY_FILE', sealPublicKey && 'SEAL_PUBLIC_KEY'].filter(Boolean).join(', ');
  // Only what is configured: the key generated into DATA_DIR is the server's own business.
  check(sealVariables, sealVariables, () => resolveSealKeys(config, { generate: false }));
  if (problems.length > 0) throw new ConfigError(problems);
}

function rethrow<T>(run: () => T, message: (cause: string) => string): T {
  try {
    return run();
  } catch (error) {
    throw new Error(message((error as Error).message));
  }
}
