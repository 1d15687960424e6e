import type { CliCommand } from './cli-command';
import { auditPublicKey } from './commands/audit-public-key';
import { auditSeal } from './commands/audit-seal';
import { auditVerify } from './commands/audit-verify';
import { migrateToEventStoreDb } from './commands/migrate-to-esdb';
import { projectionsCompact } from './commands/projections-compact';
import { projectionsRebuild } from './commands/projections-rebuild';
import { projectionsStatus } from './commands/projections-status';
import { tokenMint } from './commands/token-mint';

/** Every CLI command. Add new ones here. */
export const COMMANDS: CliCommand[] = [tokenMint, projectionsStatus, projectionsRebuild, projectionsCompact, auditVerify, auditSeal, auditPublicKey, migrateToEventStoreDb];
