#!/usr/bin/env node
import 'reflect-metadata';
import { COMMANDS } from './commands';

/** `npm run cli -- <words> [options]`; see the README's CLI section. */
async function main(argv: string[]): Promise<number> {
  const command = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) {
    const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`);
    process.stderr.write(`用法 usage: gongwen <command>\n${lines.join('\n')}\n`);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  return command.run(argv.slice(command.words.length));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`错误 error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
