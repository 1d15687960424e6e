import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { ProjectionDefinition, TableSchema } from '../../projections/projection';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Each generation has its own tables, so a rebuild never writes where readers or the live writer are. */
export const physicalTableName = (projection: string, generation: number, table: string): string =>
  `rm_${projection}_g${generation}_${table}`;

/** Names end up in SQL, so they are checked once here instead of quoted everywhere. */
export function validateDefinition(def: ProjectionDefinition): void {
  const problems: string[] = [];
  if (!IDENTIFIER.test(def.name)) problems.push(`name must match ${IDENTIFIER}`);
  if (!Number.isInteger(def.version) || def.version < 1) problems.push('version must be a positive integer');
  for (const [table, schema] of Object.entries(def.tables)) {
    if (!IDENTIFIER.test(table)) problems.push(`table "${table}" must match ${IDENTIFIER}`);
    const columns = Object.keys(schema.columns);
    for (const c of columns) if (!COLUMN.test(c)) problems.push(`${table}.${c}: column names must match ${COLUMN}`);
    if (schema.primaryKey.length === 0) problems.push(`${table}: a primary key is required`);
    for (const c of [...schema.primaryKey, ...(schema.indexes ?? []).flat()]) {
      if (!columns.includes(c)) problems.push(`${table}: key/index column "${c}" is not a column`);
    }
  }
  if (problems.length > 0) throw new Error(`projection ${def.name}: ${problems.join('; ')}`);
}

/** Changes when the tables change, so a schema edit without a version bump still rebuilds. */
export function layoutOf(def: ProjectionDefinition): string {
  const tables = Object.keys(def.tables).sort().map((t) => [t, def.tables[t]]);
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex').slice(0, 16);
}

function tableDdl(name: string, schema: TableSchema): string[] {
  const columns = Object.entries(schema.columns).map(([c, type]) =>
    // A NULL key would defeat ON CONFLICT, and with it idempotency.
    schema.primaryKey.includes(c) && !/not\s+null/i.test(type) ? `"${c}" ${type} NOT NULL` : `"${c}" ${type}`,
  );
  const key = schema.primaryKey.map((c) => `"${c}"`).join(', ');
  const statements = [`CREATE TABLE "${name}" (${columns.join(', ')}, PRIMARY KEY (${key}))`];
  (schema.indexes ?? []).forEach((index, i) =>
    statements.push(`CREATE INDEX "${name}_ix${i}" ON "${name}" (${index.map((c) => `"${c}"`).join(', ')})`),
  );
  return statements;
}

/** Creates a fresh generation's tables; leftovers of an interrupted attempt are dropped first. */
export function createGenerationTables(db: Database.Database, def: ProjectionDefinition, generation: number): void {
  dropGenerationTables(db, def.name, generation, Object.keys(def.tables));
  for (const [table, schema] of Object.entries(def.tables)) {
    for (const sql of tableDdl(physicalTableName(def.name, generation, table), schema)) db.exec(sql);
  }
}

/** The registry records each generation's table names, so this works after the definition changed. */
export function dropGenerationTables(db: Database.Database, projection: string, generation: number, tables: string[]): void {
  for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${physicalTableName(projection, generation, t)}"`);
}
