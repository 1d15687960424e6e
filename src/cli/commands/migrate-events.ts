import type { EventStore, GlobalPosition, StoredEvent } from '../../event-store/event-store.port';
import { START } from '../../event-store/event-store.port';
import { ConcurrencyError, DuplicateEventIdError } from '../../event-store/errors';

/** Where a copy got to in the source's global order; saved after every page. */
export interface MigrationCheckpointStore {
  load(): Promise<{ position: GlobalPosition; copied: number } | undefined>;
  save(state: { position: GlobalPosition; copied: number }): Promise<void>;
}

export interface MigrationProgress {
  copied: number;
  position: GlobalPosition;
  head: GlobalPosition;
}

export interface MigrateOptions {
  pageSize?: number;
  onProgress?: (progress: MigrationProgress) => void;
  /** Stop after the current page (e.g. on SIGINT); the checkpoint is saved first. */
  signal?: AbortSignal;
}

/** The target holds a different event where the source's should go: copying cannot continue. */
export class MigrationConflictError extends Error {
  constructor(readonly source: StoredEvent, readonly found: StoredEvent | undefined) {
    super(
      `目标库冲突 conflict: stream ${source.streamId} revision ${source.revision} should be event ${source.eventId}` +
        ` but the target holds ${found ? `event ${found.eventId}` : 'a different history'}; refusing to continue`,
    );
  }
}

/**
 * Copies every event of `source` into `target` in global order, keeping event ids, types,
 * schema versions, data, metadata and recordedAt. Each event goes to its own revision with
 * that exact expected revision, so re-sending events the target already holds is idempotent:
 * a run that crashed anywhere — even between an append and the checkpoint — resumes safely,
 * and a run without any checkpoint just re-verifies what is there.
 */
export async function migrateEvents(
  source: EventStore,
  target: EventStore,
  checkpoint: MigrationCheckpointStore,
  options: MigrateOptions = {},
): Promise<{ copied: number; position: GlobalPosition; complete: boolean }> {
  const pageSize = options.pageSize ?? 500;
  const saved = await checkpoint.load();
  let position = saved?.position ?? START;
  let copied = saved?.copied ?? 0;
  const head = await source.headPosition();
  for (;;) {
    if (options.signal?.aborted) return { copied, position, complete: false };
    const page = await source.readAll({ fromPosition: position, maxCount: pageSize });
    if (page.length === 0) return { copied, position, complete: true };
    for (const run of runsOf(page)) await copyRun(target, run);
    copied += page.length;
    position = page[page.length - 1]!.globalPosition;
    await checkpoint.save({ position, copied });
    options.onProgress?.({ copied, position, head });
  }
}

/** Consecutive events of one stream at consecutive revisions: one atomic append each. */
export function runsOf(page: StoredEvent[]): StoredEvent[][] {
  const runs: StoredEvent[][] = [];
  for (const event of page) {
    const last = runs[runs.length - 1];
    const previous = last?.[last.length - 1];
    if (previous && previous.streamId === event.streamId && previous.revision + 1 === event.revision) last!.push(event);
    else runs.push([event]);
  }
  return runs;
}

async function copyRun(target: EventStore, run: StoredEvent[]): Promise<void> {
  try {
    await append(target, run);
  } catch (error) {
    if (!isOverlap(error)) throw error;
    // The target may hold part of this run (an earlier run cut it differently): one by one,
    // each event is either already there (idempotent) or goes right after its predecessor.
    if (run.length === 1) throw await conflict(target, run[0]!);
    for (const event of run) {
      try {
        await append(target, [event]);
      } catch (inner) {
        if (isOverlap(inner)) throw await conflict(target, event);
        throw inner;
      }
    }
  }
}

/** EventStoreDB reports a partly present run as a conflict; the SQLite store as duplicate ids. */
const isOverlap = (error: unknown) => error instanceof ConcurrencyError || error instanceof DuplicateEventIdError;

function append(target: EventStore, run: StoredEvent[]) {
  const first = run[0]!;
  return target.appendToStream(
    first.streamId,
    run.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt,
    })),
    { expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1 },
  );
}

async function conflict(target: EventStore, event: StoredEvent): Promise<MigrationConflictError> {
  const [found] = await target.readStream(event.streamId, { fromRevision: event.revision, maxCount: 1 });
  return new MigrationConflictError(event, found?.revision === event.revision ? found : undefined);
}
