import type { CliCommand } from './cli-command';

/** Every CLI command. Add new ones here. */
export const COMMANDS: CliCommand[] = [];
