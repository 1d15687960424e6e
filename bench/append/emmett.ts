import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeEvent, STREAMS, streamName, tempDatabase, timed, type Session } from './workload';

const PEERS = join(__dirname, '..', 'peers');

/** The slice of @event-driven-io/emmett-sqlite 0.38.5 we call (typed here: it is not installed for tsc). */
interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): {
    close(): void;
    command(sql: string, values?: unknown[]): Promise<unknown>;
    query<T>(sql: string, values?: unknown[]): Promise<T[]>;
  };
  createEventStoreSchema(connection: unknown): Promise<void>;
  appendToStream(
    connection: unknown,
    streamName: string,
    streamType: string,
    messages: { type: string; data: unknown; metadata?: unknown }[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ success: boolean }>;
}

/** Installs bench/peers on first use, so the product's own `npm ci` never pulls the peers. */
function loadEmmett(): EmmettSqlite {
  if (!existsSync(join(PEERS, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) {
    process.stderr.write('installing bench/peers (emmett-sqlite; sqlite3 may compile, ~1 min; first run only)…\n');
    // `ci` installs exactly the committed lockfile.
    execFileSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return createRequire(join(PEERS, 'package.json'))('@event-driven-io/emmett-sqlite') as EmmettSqlite;
}

/**
 * Emmett-sqlite's low-level appendToStream on one connection, one append at a time: its
 * connection keeps one transaction counter, so concurrent appends on it would share a transaction.
 */
export async function emmettSqlite(): Promise<Session> {
  const emmett = loadEmmett();
  const { file, cleanup } = tempDatabase('emmett');
  const connection = emmett.sqliteConnection({ fileName: file });
  // Emmett asks for WAL with a fire-and-forget db.run that can lose the race with the first
  // queries (node-sqlite3 runs them in parallel); ask again, awaited, for the mode it intends.
  await connection.query('PRAGMA journal_mode = WAL');
  await connection.command('PRAGMA synchronous = FULL');
  // Check the peer really runs durable WAL, like every other row.
  const [{ journal_mode }] = await connection.query<{ journal_mode: string }>('PRAGMA journal_mode');
  const [{ synchronous }] = await connection.query<{ synchronous: number }>('PRAGMA synchronous');
  if (journal_mode !== 'wal' || synchronous !== 2) throw new Error(`peer not durable WAL: ${journal_mode}/${synchronous}`);
  await emmett.createEventStoreSchema(connection);
  const versions = new Array<bigint>(STREAMS).fill(0n);
  let n = 0;
  return {
    run: (seconds) =>
      timed(seconds, async (deadline) => {
        const before = n;
        while (performance.now() < deadline) {
          const s = n % STREAMS;
          const { type, data, metadata } = makeEvent(n);
          const result = await emmett.appendToStream(connection, streamName(s), 'document', [{ type, data, metadata }], {
            expectedStreamVersion: versions[s]!,
          });
          if (!result.success) throw new Error(`emmett refused an append to ${streamName(s)}`);
          versions[s] = versions[s]! + 1n;
          n++;
        }
        return n - before;
      }),
    close: async () => {
      connection.close();
      cleanup();
    },
  };
}
