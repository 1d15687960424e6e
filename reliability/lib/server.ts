import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SECRET } from './actors';
import { sleep } from './args';

export const ROOT = join(__dirname, '..', '..');
const HOOK = join(ROOT, 'test', 'support', 'ts-require-hook.js');

/** 'dist': the built app as the README runs it; 'ts': src/main.ts through the transpile hook (CI). */
export type ServerMode = 'dist' | 'ts';

export function nodeArgs(mode: ServerMode, entry: 'main' | 'cli'): string[] {
  const rel = entry === 'main' ? 'src/main' : 'src/cli/main';
  return mode === 'dist' ? [join(ROOT, 'dist', `${rel}.js`)] : ['-r', HOOK, join(ROOT, `${rel}.ts`)];
}

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Runs `npm run build` when dist/src/main.js is missing or older than a source file. */
export function ensureBuilt(log: (s: string) => void = () => {}): void {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  const sources = Math.max(...['src', 'events', 'projections', 'config'].map((d) => newest(join(ROOT, d))));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  log('building (npm run build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(main)) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  // tsc emits despite type errors elsewhere in the tree (work in progress); say so and go on.
  if (r.status !== 0) log(`warning: build reported errors, using the emitted files:\n${(r.stdout + r.stderr).trim().slice(0, 2000)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  mode: ServerMode;
  env?: Record<string, string>;
  /** Server stdout/stderr are appended here. */
  logFile?: string;
  nodeOptions?: string[];
}

/** The real server as a child process on 127.0.0.1. */
export class ServerProcess {
  private child?: ChildProcess;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private log?: WriteStream;

  constructor(readonly options: ServerOptions) {
    if (options.logFile) this.log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  spawn(): void {
    const { dataDir, port, mode, env } = this.options;
    const child = spawn(process.execPath, [...(this.options.nodeOptions ?? []), ...nodeArgs(mode, 'main')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_TOKEN_SECRET: SECRET,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    if (this.log) {
      child.stdout!.pipe(this.log, { end: false });
      child.stderr!.pipe(this.log, { end: false });
    } else {
      child.stdout!.resume();
      child.stderr!.resume();
    }
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls /health/ready until it answers 200. */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`server exited during start-up (see ${this.options.logFile ?? 'its output'})`);
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(1000) });
        await res.text();
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      await sleep(25);
    }
    throw new Error(`server not ready after ${timeoutMs} ms`);
  }

  async start(timeoutMs?: number): Promise<void> {
    this.spawn();
    await this.waitReady(timeoutMs);
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> {
    if (!this.child || !this.exited) return { code: null, signal: null, forced: false };
    if (this.running) this.child.kill(signal);
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      this.child?.kill('SIGKILL');
    }, graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, forced };
  }

  close(): void {
    this.log?.end();
  }
}

/** The CLI's usage lines (`help`), to see which optional commands exist yet. */
export function cliUsage(mode: ServerMode): string {
  const r = spawnSync(process.execPath, [...nodeArgs(mode, 'cli'), 'help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

export function runCli(mode: ServerMode, args: string[], env: Record<string, string>, timeoutMs = 120_000) {
  const r = spawnSync(process.execPath, [...nodeArgs(mode, 'cli'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, AUTH_TOKEN_SECRET: SECRET, ...env },
    timeout: timeoutMs,
  });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}
