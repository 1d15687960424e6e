/** One CLI command, e.g. `token mint`. Commands print for people and exit non-zero on failure. */
export interface CliCommand {
  /** Words that select it, e.g. ['projections', 'status']. */
  words: string[];
  /** Lists every `--flag` the command takes: main.ts refuses any other. */
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** `--name value` and `--flag` options after the command words. */
export function parseOptions(args: string[]): { options: Record<string, string | true>; positional: string[] } {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) options[name] = args[++i]!;
    else options[name] = true;
  }
  return { options, positional };
}

/** The `--flags` in args that the command's usage line does not list, e.g. a mistyped `--qiet`. */
export function unknownFlags(command: Pick<CliCommand, 'usage'>, args: string[]): string[] {
  const known = new Set(command.usage.match(/--[a-z][a-z-]*/g));
  return Object.keys(parseOptions(args).options).map((name) => `--${name}`).filter((flag) => !known.has(flag));
}
