import type Database from 'better-sqlite3';
import type { Row, TableSchema } from '../../projections/projection';

type Values = Array<string | number | null>;

/**
 * The SQL of one physical table, prepared once per column set. Names reach SQL only after
 * they are checked against the schema (once, when a statement is first prepared).
 */
export class TableStatements {
  readonly columns: ReadonlySet<string>;
  readonly key: readonly string[];
  private readonly statements = new Map<string, Database.Statement>();
  private readonly orderByKey: string;

  constructor(
    private readonly db: Database.Database,
    readonly logical: string,
    readonly name: string,
    schema: TableSchema,
  ) {
    this.columns = new Set(Object.keys(schema.columns));
    this.key = schema.primaryKey;
    this.orderByKey = ` ORDER BY ${this.key.map((c) => `"${c}"`).join(', ')}`;
  }

  /** INSERT, or overwrite the given columns of the row with the same key. */
  upsert(row: Row): void {
    const columns = Object.keys(row);
    this.statement('u', columns, () => {
      this.check(columns);
      const missing = this.key.filter((c) => !columns.includes(c));
      if (missing.length > 0) throw new Error(`upsert into ${this.logical} lacks key column(s) ${missing.join(', ')}`);
      const updates = columns.filter((c) => !this.key.includes(c));
      const conflict = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`;
      return `INSERT INTO "${this.name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
              ON CONFLICT (${this.key.map((c) => `"${c}"`).join(', ')}) ${conflict}`;
    }).run(values(row, columns));
  }

  patch(key: Row, set: Row): void {
    const keyColumns = Object.keys(key);
    const setColumns = Object.keys(set);
    this.statement(`p${setColumns.join(',')}|`, keyColumns, () => {
      this.check([...setColumns, ...keyColumns]);
      return `UPDATE "${this.name}" SET ${setColumns.map((c) => `"${c}" = ?`).join(', ')} WHERE ${where(keyColumns)}`;
    }).run([...values(set, setColumns), ...values(key, keyColumns)]);
  }

  delete(key: Row): void {
    const columns = Object.keys(key);
    this.statement('d', columns, () => (this.check(columns), `DELETE FROM "${this.name}" WHERE ${where(columns)}`)).run(values(key, columns));
  }

  /** The first matching row in primary-key order: never whichever row happened to be written first. */
  get(key: Row): Row | undefined {
    return this.select('g', key, `${this.orderByKey} LIMIT 1`).get(values(key, Object.keys(key))) as Row | undefined;
  }

  /** Matching rows in primary-key order, so a rebuild and the live run read the same sequence. */
  all(key: Row): Row[] {
    return this.select('a', key, this.orderByKey).all(values(key, Object.keys(key))) as Row[];
  }

  /** Declared column types, as SQLite parsed them (for type affinity). */
  declaredTypes(): Map<string, string> {
    const info = this.db.prepare(`PRAGMA table_info("${this.name}")`).all() as Array<{ name: string; type: string }>;
    return new Map(info.map((c) => [c.name, c.type]));
  }

  private select(kind: string, key: Row, suffix: string): Database.Statement {
    const columns = Object.keys(key);
    return this.statement(kind, columns, () => {
      this.check(columns);
      return `SELECT * FROM "${this.name}"${columns.length > 0 ? ` WHERE ${where(columns)}` : ''}${suffix}`;
    });
  }

  private statement(kind: string, columns: string[], sql: () => string): Database.Statement {
    const cacheKey = columns.length === 1 ? kind + columns[0] : kind + columns.join(',');
    let statement = this.statements.get(cacheKey);
    if (statement === undefined) {
      statement = this.db.prepare(sql());
      this.statements.set(cacheKey, statement);
    }
    return statement;
  }

  private check(columns: string[]): void {
    const unknown = columns.filter((c) => !this.columns.has(c));
    if (unknown.length > 0) throw new Error(`table ${this.logical} has no column(s) ${unknown.join(', ')}`);
  }
}

// IS, not =, so a NULL in a key matches NULL; SQLite still uses indexes for IS.
const where = (columns: string[]) => columns.map((c) => `"${c}" IS ?`).join(' AND ');

function values(row: Row, columns: string[]): Values {
  const out: Values = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = row[columns[i]!]!;
  return out;
}
