import type Database from 'better-sqlite3';
import type { ProjectionDefinition } from '../../projections/projection';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { START } from '../event-store/event-store.port';
import type { SynchronousMode } from '../event-store/sqlite/schema';
import { deferred, type Deferred } from './deferred';
import { Feed, type FeedHooks } from './feed';
import { GenerationWriter } from './generation-writer';
import { eventsBetween, formatLag } from './lag';
import { OwnerLock } from './owner-lock';
import { createGenerationTables, dropGenerationTables, layoutOf, validateDefinition } from './physical-tables';
import { PositionWaiters, type Reach } from './position-waiters';
import { describeProjections, type ProjectionStatus } from './projection-status';
import { openReadModelDatabase, readModelFile } from './read-model-database';
import { ReadModelNotCaughtUpError, refuseUnwrittenPosition } from './read-model-errors';
import { RebuildFailedError, RebuildMeter, type ProgressListener, type RebuildResult } from './rebuild-job';
import { ProjectionRegistry, type GenerationRecord } from './registry';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** `read-models.sqlite` and the owner lock live here. */
  dataDir: string;
  synchronous?: SynchronousMode;
  definitions?: readonly ProjectionDefinition[];
  /** Events per transaction for live generations. */
  maxBatch?: number;
  /** Events per transaction while rebuilding (fewer fsyncs; nobody reads those tables yet). */
  rebuildBatch?: number;
  /** How long replaced tables stay, for queries that looked the old name up just before the switch. */
  retireGraceMs?: number;
  /** How often a running server looks for `projections rebuild` requests from the CLI; 0: never. */
  rebuildRequestPollMs?: number;
  /**
   * Projections removed from the code: what is left of them (registry rows, generations and
   * their tables) is dropped when the runner opens. Other registered names the runner does not
   * run are left alone (a runner may run a subset, as tests and benchmarks do).
   */
  retired?: readonly string[];
  /** Shown to another process that finds the read models locked. */
  holder?: string;
  logger?: RunnerLogger;
}

interface Build {
  writer: GenerationWriter;
  job: RebuildJob;
  done: Deferred<number>;
}

interface RebuildJob {
  feed: Feed;
  meter: RebuildMeter;
  listeners: Set<ProgressListener>;
  names: string[];
}

/** One projection: the generation readers use, and perhaps one being built beside it. */
interface Slot {
  def: ProjectionDefinition;
  layout: string;
  active?: GenerationWriter;
  /** Written by this very definition (version and tables): it follows the live feed. */
  activeCurrent: boolean;
  /** Its tables match this definition, so readers may use it (stale while a version rebuild runs). */
  activeReadable: boolean;
  build?: Build;
  /** The last build stopped on an event; with nothing readable, waiting is pointless. */
  buildFailed?: boolean;
}

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs every projection against the event store: one live feed for the active generations,
 * and rebuild feeds that build new generations in new tables from START while the old ones
 * stay readable, switching readers over once caught up. Only one process may run it per
 * data dir (OwnerLock).
 */
export class ProjectionRunner {
  private readonly definitions: ProjectionDefinition[] = [];
  private readonly slots = new Map<string, Slot>();
  private readonly jobs = new Set<RebuildJob>();
  private readonly waiters = new PositionWaiters((name, position) => this.reach(name, position));
  private readonly log: RunnerLogger;
  private lock?: OwnerLock;
  private db?: Database.Database;
  private registry?: ProjectionRegistry;
  private live?: Feed;
  private pollTimer?: NodeJS.Timeout;
  private readonly retireTimers = new Set<NodeJS.Timeout>();
  private trouble?: string;
  /** Called after a generation switch, so cached reader statements can be dropped. */
  onSwitch: (projection: string) => void = () => undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.log = options.logger ?? silent;
    this.register(options.definitions ?? []);
  }

  /** Adds definitions before `open`/`start`; the same object twice is fine, two with one name are not. */
  register(definitions: readonly ProjectionDefinition[]): void {
    if (this.db) throw new Error('projections must be registered before the runner opens');
    for (const def of definitions) {
      const known = this.definitions.find((d) => d.name === def.name);
      if (known === def) continue;
      if (known) throw new Error(`two projections are named "${def.name}"`);
      validateDefinition(def);
      this.definitions.push(def);
    }
  }

  get registered(): readonly ProjectionDefinition[] {
    return this.definitions;
  }

  get file(): string {
    return readModelFile(this.options.dataDir);
  }

  get started(): boolean {
    return this.live !== undefined;
  }

  /** Takes the owner lock and loads the registry; runs nothing yet (the CLI rebuild stops here). */
  open(): void {
    if (this.db) return;
    this.lock = OwnerLock.acquire(this.options.dataDir, this.options.holder ?? `pid ${process.pid}`);
    try {
      this.db = openReadModelDatabase(this.file, this.options.synchronous ?? 'FULL');
      this.registry = new ProjectionRegistry(this.db);
      this.load(this.db, this.registry);
    } catch (error) {
      this.db?.close();
      this.db = this.registry = undefined;
      this.lock.release();
      throw error;
    }
  }

  private load(db: Database.Database, registry: ProjectionRegistry): void {
    const retired = this.options.retired ?? [];
    const both = retired.filter((name) => this.definitions.some((d) => d.name === name));
    if (both.length > 0) throw new Error(`projections both defined and retired: ${both.join(', ')}`);
    db.transaction(() => {
      for (const g of registry.generations().filter((g) => g.state === 'retired')) this.discard(g);
      for (const name of retired) this.retire(registry, name);
    })();
    for (const def of this.definitions) {
      registry.ensureProjection(def.name);
      const layout = layoutOf(def);
      const record = registry.projection(def.name)!;
      const active = registry.generations(def.name).find((g) => g.generation === record.activeGeneration);
      this.slots.set(def.name, {
        def,
        layout,
        active: active && this.writerFor(def, active),
        activeCurrent: active !== undefined && active.version === def.version && active.layout === layout,
        activeReadable: active !== undefined && active.layout === layout,
      });
    }
  }

  /** Drops a projection that is no longer in the code, so it is not reported as lagging forever. */
  private retire(registry: ProjectionRegistry, name: string): void {
    if (!registry.projection(name)) return;
    const generations = registry.generations(name);
    for (const g of generations) this.discard(g);
    registry.deleteProjection(name);
    this.log.log(`projection ${name} is no longer in the code: dropped its ${generations.length} generation(s)`);
  }

  /**
   * Opens, then runs: active generations resume from their checkpoints (nothing is replayed),
   * generations that are missing or of another version are (re)built in the background.
   */
  async start(): Promise<void> {
    this.open();
    if (this.live) return;
    const registry = this.registry!;
    this.live = new Feed({ store: this.options.store, db: this.db!, maxBatch: this.options.maxBatch ?? 500, hooks: this.liveHooks() });
    const empty = await this.options.store.headPosition().then((h) => h === START, () => false);
    const toBuild: Slot[] = [];
    for (const slot of this.slots.values()) {
      if (slot.active && slot.activeCurrent) {
        registry.setState(slot.def.name, slot.active.generation, 'catching_up'); // a failure is retried
        slot.active.state = 'catching_up';
        slot.active.failure = undefined;
        this.live.add(slot.active);
      } else if (slot.active) {
        registry.setState(slot.def.name, slot.active.generation, 'stopped'); // frozen until the new one is ready
        slot.active.state = 'stopped';
      }
      if (!slot.active && empty) this.createEmptyActive(slot);
      else if (!slot.activeCurrent || this.resumable(slot)) toBuild.push(slot);
    }
    if (toBuild.length > 0) {
      this.log.log(`rebuilding ${toBuild.map((s) => s.def.name).join(', ')} in the background`);
      this.startJob(toBuild);
    }
    const poll = this.options.rebuildRequestPollMs ?? 1000;
    if (poll > 0) {
      this.pollTimer = setInterval(() => this.takeRebuildRequests(), poll);
      this.pollTimer.unref();
    }
  }

  /** Closes subscriptions (batches already read are written), records states, releases the lock. */
  async stop(): Promise<void> {
    if (!this.db) return;
    clearInterval(this.pollTimer);
    for (const t of this.retireTimers) clearTimeout(t); // the next open drops them
    await Promise.all([this.live?.stop(), ...[...this.jobs].map((j) => j.feed.stop())]);
    for (const slot of this.slots.values()) {
      slot.build?.done.reject(new Error('投影运行器已停止,重建中断(下次启动时继续)'));
      const a = slot.active;
      if (a && this.live && (a.state === 'running' || a.state === 'catching_up')) {
        this.registry!.setState(a.name, a.generation, 'stopped');
        a.state = 'stopped';
      }
    }
    this.waiters.cancelAll();
    this.db.close();
    this.lock?.release();
    this.db = this.registry = this.live = this.lock = undefined;
    this.slots.clear();
    this.jobs.clear();
  }

  /**
   * Builds new generations of `names` from START beside the active ones and switches readers
   * over once they have caught up. Resolves after the switch; a projection already being
   * rebuilt is joined, not restarted.
   */
  async rebuild(names: readonly string[] | 'all', onProgress?: ProgressListener): Promise<RebuildResult> {
    this.open();
    const slots = (names === 'all' ? this.definitions.map((d) => d.name) : names).map((n) => this.slot(n));
    if (slots.length === 0) return { projections: [], generations: {}, events: 0, elapsedMs: 0 };
    const fresh = slots.filter((s) => !s.build);
    if (fresh.length > 0) this.startJob(fresh, true);
    const jobs = new Set(slots.map((s) => s.build!.job));
    if (onProgress) for (const job of jobs) job.listeners.add(onProgress);
    const started = Date.now();
    const outcomes = await Promise.allSettled(slots.map((s) => s.build!.done.promise));
    const failures: Record<string, string> = {};
    const generations: Record<string, number> = {};
    outcomes.forEach((o, i) => {
      const name = slots[i]!.def.name;
      if (o.status === 'fulfilled') generations[name] = o.value;
      else failures[name] = o.reason instanceof Error ? o.reason.message : String(o.reason);
    });
    if (Object.keys(failures).length > 0) throw new RebuildFailedError(failures);
    const events = Math.max(...[...jobs].map((j) => j.meter.processed));
    return { projections: slots.map((s) => s.def.name), generations, events, elapsedMs: Date.now() - started };
  }

  /**
   * Read-your-writes: resolves once the readable generation of each projection ('all': every
   * one) has applied `position`. Rejects with ReadModelNotCaughtUpError after `timeoutMs`, or
   * at once when the projection has failed before that position; with MinPositionAheadError
   * at once when `position` is beyond the store's last event (no command returned it).
   */
  async waitForPosition(projection: string | readonly string[] | 'all', position: GlobalPosition, timeoutMs: number): Promise<void> {
    const names = projection === 'all' ? this.definitions.map((d) => d.name) : typeof projection === 'string' ? [projection] : projection;
    for (const n of names) this.slot(n);
    // Only a position not applied yet costs a look at the store's head.
    if (names.some((n) => this.reach(n, position) === 'waiting')) await refuseUnwrittenPosition(this.options.store, position);
    const started = Date.now();
    const outcome = await this.waiters.wait(names, position, timeoutMs);
    if (!outcome.failed && !outcome.timedOut) return;
    const name = outcome.failed ?? names.find((n) => this.reach(n, position) !== 'reached') ?? names[0]!;
    const slot = this.slots.get(name);
    const checkpoint = slot?.active && slot.activeReadable ? slot.active.checkpoint : null;
    const lag = await eventsBetween(this.options.store, checkpoint ?? START, position).catch(() => null);
    throw new ReadModelNotCaughtUpError({
      projection: name,
      minPosition: position,
      checkpoint,
      lag: formatLag(lag),
      reason: outcome.failed ? 'failed' : checkpoint === null ? 'not_built' : 'timeout',
      waitedMs: Date.now() - started,
    });
  }

  /** The physical table readers use for (projection, table); throws while none is readable. */
  activeTable(projection: string, table: string): string {
    const slot = this.slot(projection);
    if (!slot.active || !slot.activeReadable) {
      throw new ReadModelNotCaughtUpError({ projection, minPosition: START, checkpoint: null, lag: '—', reason: 'not_built', waitedMs: 0 });
    }
    return slot.active.tableName(table);
  }

  /** Checkpoints, lag, states and errors, as recorded in the registry (what the CLI also sees). */
  async status(): Promise<Array<ProjectionStatus & { feedError?: string }>> {
    if (!this.registry) throw new Error('the projection runner is not open');
    const statuses = await describeProjections(this.registry, this.definitions, this.options.store);
    return statuses.map((s) => (this.trouble ? { ...s, feedError: this.trouble } : s));
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) {
      if (!this.db) throw new Error('the projection runner is not open');
      throw new Error(`unknown projection "${name}"; registered: ${this.definitions.map((d) => d.name).join(', ') || 'none'}`);
    }
    return slot;
  }

  private reach(name: string, position: GlobalPosition): Reach {
    const slot = this.slots.get(name);
    if (!slot?.active || !slot.activeReadable) return slot?.buildFailed && !slot.build ? 'failed' : 'waiting';
    if (slot.active.checkpoint >= position) return 'reached';
    return slot.active.state === 'failed' && slot.activeCurrent ? 'failed' : 'waiting';
  }

  private writerFor(def: ProjectionDefinition, g: GenerationRecord): GenerationWriter {
    const writer = new GenerationWriter(this.db!, this.registry!, def, g.generation, g.checkpoint, g.state);
    writer.failure = g.failure;
    return writer;
  }

  /** A build interrupted by a stop or a crash (or that failed) of this very definition. */
  private resumable(slot: Slot): GenerationRecord | undefined {
    const record = this.registry!.projection(slot.def.name)!;
    return this.registry!
      .generations(slot.def.name)
      .filter((g) => g.generation !== record.activeGeneration && g.state !== 'retired')
      .filter((g) => g.version === slot.def.version && g.layout === slot.layout)
      .at(-1);
  }

  /** An empty store: the first generation is complete as soon as it exists. */
  private createEmptyActive(slot: Slot): void {
    const generation = this.db!.transaction(() => {
      const g = this.newGeneration(slot);
      this.registry!.activate(slot.def.name, g, null);
      return g;
    })();
    slot.active = new GenerationWriter(this.db!, this.registry!, slot.def, generation, START, 'running');
    slot.activeCurrent = slot.activeReadable = true;
    this.live!.add(slot.active);
  }

  /** Reserves a generation, creates its tables, and drops any other unfinished generation. */
  private newGeneration(slot: Slot, state: 'rebuilding' | 'running' = 'running'): number {
    const registry = this.registry!;
    const active = registry.projection(slot.def.name)?.activeGeneration;
    for (const g of registry.generations(slot.def.name)) if (g.generation !== active) this.discard(g);
    const generation = registry.createGeneration({
      name: slot.def.name,
      version: slot.def.version,
      layout: slot.layout,
      tables: Object.keys(slot.def.tables),
      state,
    });
    createGenerationTables(this.db!, slot.def, generation);
    return generation;
  }

  private discard(g: GenerationRecord): void {
    dropGenerationTables(this.db!, g.name, g.generation, g.tables);
    this.registry!.deleteGeneration(g.name, g.generation);
  }

  /** One subscription for all of them: each event is read and parsed once per rebuild. */
  private startJob(slots: Slot[], fromScratch = false): void {
    const job: RebuildJob = { feed: undefined as never, meter: new RebuildMeter(), listeners: new Set(), names: slots.map((s) => s.def.name) };
    job.feed = new Feed({ store: this.options.store, db: this.db!, maxBatch: this.options.rebuildBatch ?? 2000, hooks: this.rebuildHooks(job), relaxedSync: true });
    this.jobs.add(job);
    for (const slot of slots) {
      const resume = fromScratch ? undefined : this.resumable(slot);
      let writer: GenerationWriter;
      if (resume) {
        this.registry!.setState(resume.name, resume.generation, 'rebuilding');
        writer = new GenerationWriter(this.db!, this.registry!, slot.def, resume.generation, resume.checkpoint, 'rebuilding');
      } else {
        const generation = this.db!.transaction(() => this.newGeneration(slot, 'rebuilding'))();
        writer = new GenerationWriter(this.db!, this.registry!, slot.def, generation, START, 'rebuilding');
      }
      slot.build = { writer, job, done: deferred() };
      slot.buildFailed = false;
    }
    for (const slot of slots) job.feed.add(slot.build!.writer);
  }

  private liveHooks(): FeedHooks {
    return {
      afterBatch: (feed, batch) => {
        this.trouble = undefined;
        if (batch.idle) {
          for (const w of feed.members) {
            if (w.state !== 'catching_up') continue;
            this.registry!.setState(w.name, w.generation, 'running');
            w.state = 'running';
          }
        }
        this.waiters.notify();
      },
      failed: (_feed, w) => {
        this.log.error(`projection ${w.name} stopped at ${w.failure?.position} (${w.failure?.eventType}): ${w.failure?.error}`);
        this.waiters.notify();
      },
      trouble: (_feed, error) => this.reportTrouble(error),
    };
  }

  private rebuildHooks(job: RebuildJob): FeedHooks {
    return {
      afterBatch: async (feed, batch) => {
        job.meter.processed += batch.events.length;
        const reportNow = job.listeners.size > 0 && job.meter.due();
        const head = batch.idle || reportNow ? await this.options.store.headPosition() : undefined;
        let switched = false;
        for (const writer of feed.members) {
          const caughtUp = batch.idle && head !== undefined && writer.checkpoint >= head;
          // The live feed will hand this generation everything after its own position only.
          if (caughtUp && !(this.live?.running && writer.checkpoint < this.live.position)) {
            this.switchOver(feed, writer);
            switched = true;
          }
        }
        if (head !== undefined && (reportNow || switched)) await this.report(job, feed, head);
        if (feed.members.length === 0) this.jobs.delete(job);
      },
      failed: (feed, w) => {
        const slot = this.slots.get(w.name)!;
        this.log.error(`rebuild of ${w.name} stopped at ${w.failure?.position} (${w.failure?.eventType}): ${w.failure?.error}`);
        slot.build?.done.reject(new Error(`事件 ${w.failure?.eventType} (位置 ${w.failure?.position}): ${w.failure?.error}`));
        slot.build = undefined;
        slot.buildFailed = true;
        this.waiters.notify();
        if (feed.members.length === 0) this.jobs.delete(job);
      },
      trouble: (_feed, error) => this.reportTrouble(error),
    };
  }

  /** Readers move to the new generation in one transaction; the old one's tables go after a grace period. */
  private switchOver(feed: Feed, writer: GenerationWriter): void {
    const slot = this.slots.get(writer.name)!;
    const old = slot.active;
    this.db!.transaction(() => this.registry!.activate(writer.name, writer.generation, old?.generation ?? null))();
    feed.remove(writer);
    if (old) {
      this.live?.remove(old);
      this.retireLater(old);
    }
    writer.state = 'running';
    slot.active = writer;
    slot.activeCurrent = slot.activeReadable = true;
    this.live?.add(writer);
    slot.build?.done.resolve(writer.generation);
    slot.build = undefined;
    this.onSwitch(writer.name);
    this.log.log(`projection ${writer.name} switched to generation ${writer.generation}`);
    this.waiters.notify();
  }

  private retireLater(old: GenerationWriter): void {
    const drop = () => {
      if (!this.db) return;
      const record = this.registry!.generations(old.name).find((g) => g.generation === old.generation);
      if (record) this.db.transaction(() => this.discard(record))();
    };
    const grace = this.options.retireGraceMs ?? 10_000;
    if (grace <= 0) return drop();
    const timer = setTimeout(() => {
      this.retireTimers.delete(timer);
      drop();
    }, grace);
    timer.unref();
    this.retireTimers.add(timer);
  }

  private async report(job: RebuildJob, feed: Feed, head: GlobalPosition): Promise<void> {
    if (job.listeners.size === 0) return;
    const remaining = await eventsBetween(this.options.store, feed.position, head).catch(() => ({ events: 0, exact: false }));
    const progress = job.meter.progress(job.names, feed.position, head, remaining, feed.members.length === 0);
    for (const listener of job.listeners) listener(progress);
  }

  private takeRebuildRequests(): void {
    if (!this.registry) return;
    for (const name of this.registry.takeRebuildRequests()) {
      if (!this.slots.has(name)) {
        this.log.warn(`ignoring a rebuild request for unknown projection ${name}`);
        continue;
      }
      this.log.log(`rebuilding ${name} on request`);
      this.rebuild([name]).catch((error: unknown) => this.log.error(`rebuild of ${name} failed: ${(error as Error).message}`));
    }
  }

  private reportTrouble(error: unknown): void {
    this.trouble = (error as Error)?.message ?? String(error);
    this.log.warn(`projection feed interrupted, retrying from the checkpoints: ${this.trouble}`);
  }
}
