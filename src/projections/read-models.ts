import type Database from 'better-sqlite3';
import type { GlobalPosition } from '../event-store/event-store.port';
import type { ProjectionRunner } from './projection-runner';
import { openReadOnly } from './read-model-database';

/**
 * What query code uses. Look the table up (or prepare) inside each query, never across an
 * `await`: after a rebuild switches generations the old tables are dropped (after a grace
 * period). Readers only ever get the active generation's tables, so they never see a
 * half-built model. The connection is read-only.
 *
 *   await readModels.caughtUp('obligations', query.minPosition);
 *   const rows = readModels
 *     .prepare('obligations', (t) => `SELECT * FROM ${t('open')} WHERE unit = ? ORDER BY due_at LIMIT ?`)
 *     .all(unit, limit);
 */
export class ReadModels {
  private connection?: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly defaultTimeoutMs: number,
  ) {
    runner.onSwitch = () => this.statements.clear();
  }

  /**
   * Read-your-writes: waits (bounded) until `projection` has applied `minPosition`; no-op
   * without one. A position beyond the store's last event is refused at once (400).
   */
  async caughtUp(projection: string | readonly string[] | 'all', minPosition?: GlobalPosition, timeoutMs = this.defaultTimeoutMs): Promise<void> {
    if (minPosition === undefined || minPosition === '') return;
    await this.runner.waitForPosition(projection, minPosition, timeoutMs);
  }

  /** The quoted physical name of the active generation's table, e.g. "rm_obligations_g3_open". */
  table(projection: string, table: string): string {
    return `"${this.runner.activeTable(projection, table)}"`;
  }

  /** A cached prepared statement; `sql` gets a function from logical to (quoted) physical table names. */
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    projection: string,
    sql: (table: (name: string) => string) => string,
  ): Database.Statement<P, R> {
    const text = sql((name) => this.table(projection, name));
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= 1000) this.statements.clear();
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  /** The read-only connection, opened on first use (the runner creates the file at start). */
  get db(): Database.Database {
    this.connection ??= openReadOnly(this.runner.file);
    return this.connection;
  }

  close(): void {
    this.statements.clear();
    this.connection?.close();
    this.connection = undefined;
  }
}
