import type Database from 'better-sqlite3';
import type { GlobalPosition } from '../event-store/event-store.port';

/**
 * `rebuilding`: a generation being built beside the active one, invisible to readers.
 * `retired`: replaced; its tables are dropped shortly after the switch.
 */
export type GenerationState = 'catching_up' | 'running' | 'stopped' | 'failed' | 'rebuilding' | 'retired';

export interface Failure {
  error: string;
  position: GlobalPosition;
  eventType: string;
}

export interface GenerationRecord {
  name: string;
  generation: number;
  version: number;
  layout: string;
  tables: string[];
  state: GenerationState;
  checkpoint: GlobalPosition;
  failure?: Failure;
  updatedAt: string;
}

export interface ProjectionRecord {
  name: string;
  activeGeneration: number | null;
  nextGeneration: number;
  rebuildRequestedAt: string | null;
}

interface GenerationRow {
  name: string;
  generation: number;
  version: number;
  layout: string;
  tables: string;
  state: GenerationState;
  checkpoint: string;
  error: string | null;
  failed_position: string | null;
  failed_event_type: string | null;
  updated_at: string;
}

interface ProjectionRow {
  name: string;
  active_generation: number | null;
  next_generation: number;
  rebuild_requested_at: string | null;
}

const now = () => new Date().toISOString();

/** Typed access to the registry tables (see read-model-database.ts). */
export class ProjectionRegistry {
  private readonly checkpointStatement: Database.Statement<[string, string, string, number]>;

  constructor(private readonly db: Database.Database) {
    this.checkpointStatement = db.prepare(
      'UPDATE projection_generations SET checkpoint = ?, updated_at = ? WHERE name = ? AND generation = ?',
    );
  }

  projections(): ProjectionRecord[] {
    return this.db.prepare<[], ProjectionRow>('SELECT * FROM projection_registry ORDER BY name').all().map(toProjection);
  }

  projection(name: string): ProjectionRecord | undefined {
    const row = this.db.prepare<[string], ProjectionRow>('SELECT * FROM projection_registry WHERE name = ?').get(name);
    return row && toProjection(row);
  }

  generations(name?: string): GenerationRecord[] {
    const rows = name === undefined
      ? this.db.prepare<[], GenerationRow>('SELECT * FROM projection_generations ORDER BY name, generation').all()
      : this.db.prepare<[string], GenerationRow>('SELECT * FROM projection_generations WHERE name = ? ORDER BY generation').all(name);
    return rows.map(toGeneration);
  }

  ensureProjection(name: string): void {
    this.db
      .prepare('INSERT INTO projection_registry (name, next_generation, updated_at) VALUES (?, 1, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, now());
  }

  /** Reserves the next generation number (never reused) and records the generation. */
  createGeneration(g: { name: string; version: number; layout: string; tables: string[]; state: GenerationState }): number {
    this.ensureProjection(g.name);
    const { next_generation: generation } = this.db
      .prepare<[string, string], { next_generation: number }>(
        'UPDATE projection_registry SET next_generation = next_generation + 1, updated_at = ? WHERE name = ? RETURNING next_generation - 1 AS next_generation',
      )
      .get(now(), g.name)!;
    this.db
      .prepare(
        `INSERT INTO projection_generations (name, generation, version, layout, tables, state, checkpoint, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)`,
      )
      .run(g.name, generation, g.version, g.layout, JSON.stringify(g.tables), g.state, now(), now());
    return generation;
  }

  /** The hot path: once per generation per batch, inside the batch's transaction. */
  saveCheckpoint(name: string, generation: number, checkpoint: GlobalPosition): void {
    this.checkpointStatement.run(checkpoint, now(), name, generation);
  }

  /** A state change; `failure` undefined clears any recorded error. */
  setState(name: string, generation: number, state: GenerationState, failure?: Failure): void {
    this.db
      .prepare(
        `UPDATE projection_generations SET state = ?, error = ?, failed_position = ?, failed_event_type = ?, updated_at = ?
         WHERE name = ? AND generation = ?`,
      )
      .run(state, failure?.error ?? null, failure?.position ?? null, failure?.eventType ?? null, now(), name, generation);
  }

  /** Readers switch to `generation`; the previous one is retired. Call inside a transaction. */
  activate(name: string, generation: number, previous: number | null): void {
    this.db.prepare('UPDATE projection_registry SET active_generation = ?, updated_at = ? WHERE name = ?').run(generation, now(), name);
    this.setState(name, generation, 'running');
    if (previous !== null) this.setState(name, previous, 'retired');
  }

  deleteGeneration(name: string, generation: number): void {
    this.db.prepare('DELETE FROM projection_generations WHERE name = ? AND generation = ?').run(name, generation);
  }

  /** Forgets a projection; its generations must be gone already. */
  deleteProjection(name: string): void {
    this.db.prepare('DELETE FROM projection_registry WHERE name = ?').run(name);
  }

  /** Asks the process that owns the read models (a running server) to rebuild `name`. */
  requestRebuild(name: string): void {
    this.ensureProjection(name);
    this.db.prepare('UPDATE projection_registry SET rebuild_requested_at = ?, updated_at = ? WHERE name = ?').run(now(), now(), name);
  }

  takeRebuildRequests(): string[] {
    return this.db.transaction(() => {
      const names = this.db
        .prepare<[], { name: string }>('SELECT name FROM projection_registry WHERE rebuild_requested_at IS NOT NULL')
        .all()
        .map((r) => r.name);
      if (names.length > 0) this.db.prepare('UPDATE projection_registry SET rebuild_requested_at = NULL WHERE rebuild_requested_at IS NOT NULL').run();
      return names;
    })();
  }
}

function toProjection(row: ProjectionRow): ProjectionRecord {
  return {
    name: row.name,
    activeGeneration: row.active_generation,
    nextGeneration: row.next_generation,
    rebuildRequestedAt: row.rebuild_requested_at,
  };
}

function toGeneration(row: GenerationRow): GenerationRecord {
  return {
    name: row.name,
    generation: row.generation,
    version: row.version,
    layout: row.layout,
    tables: JSON.parse(row.tables) as string[],
    state: row.state,
    checkpoint: row.checkpoint,
    failure: row.error === null ? undefined : { error: row.error, position: row.failed_position ?? '', eventType: row.failed_event_type ?? '' },
    updatedAt: row.updated_at,
  };
}
