import type Database from 'better-sqlite3';
import type { Change, ProjectionDefinition, ProjectionLookup } from '../../projections/projection';
import type { GlobalPosition, StoredEvent } from '../event-store/event-store.port';
import { physicalTableName } from './physical-tables';
import type { Failure, GenerationState, ProjectionRegistry } from './registry';
import { RowCache } from './row-cache';
import { TableStatements } from './table-statements';

/** Thrown out of a batch when a handler (or the SQL of its changes) fails on an event. */
export class ProjectionApplyError extends Error {
  constructor(
    readonly projection: string,
    readonly event: StoredEvent,
    override readonly cause: unknown,
  ) {
    super(`投影 ${projection} 处理事件 ${event.type} (位置 ${event.globalPosition}) 失败: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * Writes one generation of one projection: the handler's keyed changes go through a per-batch
 * write-back cache (row-cache.ts) to cached prepared statements on the writer connection.
 * Positions move inside a batch (`pending`) and become `checkpoint` once its transaction has
 * committed.
 */
export class GenerationWriter {
  checkpoint: GlobalPosition;
  state: GenerationState;
  failure?: Failure;
  /** Progress within the open batch; discarded when the transaction rolls back. */
  private pending: GlobalPosition;
  private batchFailure?: Failure;
  private readonly types?: ReadonlySet<string>;
  private readonly tables = new Map<string, TableStatements>();
  private cache?: RowCache;
  private readonly lookup: ProjectionLookup;
  /** The batch's events for `applyBatch`, applied at `saveProgress` (null: one at a time). */
  private batched: StoredEvent[] | null = null;

  constructor(
    db: Database.Database,
    private readonly registry: ProjectionRegistry,
    readonly def: ProjectionDefinition,
    readonly generation: number,
    checkpoint: GlobalPosition,
    state: GenerationState,
  ) {
    this.checkpoint = this.pending = checkpoint;
    this.state = state;
    if (def.eventTypes) this.types = new Set(def.eventTypes);
    for (const [table, schema] of Object.entries(def.tables)) {
      this.tables.set(table, new TableStatements(db, table, physicalTableName(def.name, generation, table), schema));
    }
    this.lookup = {
      get: (table, key) => this.rows().get(table, key),
      all: (table, key) => this.rows().all(table, key),
    };
  }

  get name(): string {
    return this.def.name;
  }

  tableName(table: string): string {
    const t = this.tables.get(table);
    if (!t) throw new Error(`projection ${this.def.name} has no table "${table}"`);
    return t.name;
  }

  /** `cached`: false in the careful redo of a failed batch, where each event has its own savepoint. */
  beginBatch(cached = true): void {
    this.pending = this.checkpoint;
    this.batchFailure = undefined;
    const cache = this.rows();
    cache.discard();
    cache.enabled = cached;
    this.batched = cached && this.def.applyBatch ? [] : null;
  }

  /** Applies one event in the open transaction. Events at or before the checkpoint are skipped. */
  apply(event: StoredEvent): void {
    if (event.globalPosition <= this.pending) return;
    if (this.types === undefined || this.types.has(event.type)) {
      if (this.batched) this.batched.push(event);
      else this.applyNow([event]);
    }
    this.pending = event.globalPosition;
  }

  private applyNow(events: StoredEvent[]): void {
    try {
      const { def, lookup } = this;
      const changes = def.applyBatch ? def.applyBatch(events, lookup) : def.apply(events[0]!, lookup);
      for (const change of changes) this.write(change);
    } catch (error) {
      // A batch failure names its last event; the careful redo (one event at a time) finds the real one.
      throw new ProjectionApplyError(this.def.name, events[events.length - 1]!, error);
    }
  }

  /** Remembers why this generation stops at `event`; its earlier events in the batch still commit. */
  failAt(event: StoredEvent, error: unknown): void {
    const cause = error instanceof ProjectionApplyError ? error.cause : error;
    this.batchFailure = {
      error: (cause as Error)?.stack ?? String(cause),
      position: event.globalPosition,
      eventType: event.type,
    };
  }

  get failedInBatch(): boolean {
    return this.batchFailure !== undefined;
  }

  /** Inside the transaction: pending rows, the checkpoint and a failure commit together. */
  saveProgress(): void {
    if (this.batched?.length) this.applyNow(this.batched.splice(0));
    this.rows().flush();
    if (this.batchFailure) this.registry.setState(this.def.name, this.generation, 'failed', this.batchFailure);
    if (this.pending !== this.checkpoint) this.registry.saveCheckpoint(this.def.name, this.generation, this.pending);
  }

  /** After the commit. */
  commitBatch(): void {
    this.checkpoint = this.pending;
    if (this.batchFailure) {
      this.failure = this.batchFailure;
      this.state = 'failed';
    }
  }

  /** Built on first use: the tables must exist (a frozen old generation never writes). */
  private rows(): RowCache {
    this.cache ??= new RowCache([...this.tables.values()].map((t) => [t, this.def.tables[t.logical]!.columns] as const));
    return this.cache;
  }

  private write(change: Change): void {
    switch (change.op) {
      case 'upsert':
        return this.rows().upsert(change.table, change.row);
      case 'patch':
        return this.rows().patch(change.table, change.key, change.set);
      case 'delete':
        return this.rows().delete(change.table, change.key);
      default:
        throw new Error(`unknown change ${JSON.stringify(change)}`);
    }
  }
}
