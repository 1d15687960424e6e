#!/usr/bin/env node
import 'reflect-metadata';
import { unknownFlags } from './cli-command';
import { COMMANDS } from './commands';

/** `npm run cli -- <words> [options]`; see the README's CLI section. */
async function main(argv: string[]): Promise<number> {
  const command = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) {
    const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`);
    process.stderr.write(`用法 usage: gongwen <command>\n${lines.join('\n')}\n`);
    // Asked for help: 0. No command or an unknown one is a usage error, as everywhere else.
    return argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const args = argv.slice(command.words.length);
  const unknown = unknownFlags(command, args);
  if (unknown.length > 0) {
    process.stderr.write(`未知选项 unknown option ${unknown.join(', ')}\nusage: gongwen ${command.usage}\n`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`错误 error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
