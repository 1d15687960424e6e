import type { CliCommand } from './cli-command';
import { tokenMint } from './commands/token-mint';

/** Every CLI command. Add new ones here. */
export const COMMANDS: CliCommand[] = [tokenMint];
