import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DomainEvent } from '../domain/decider';
import { EVENT_STORE, type EventStore, type EventToAppend, type GlobalPosition, type StoredEvent } from '../event-store/event-store.port';
import { ConcurrencyError, DuplicateEventIdError } from '../event-store/errors';
import type { AggregateDefinition } from './aggregate-definition';
import { CLOCK, type Clock } from './clock';
import { IdempotencyKeyReusedError, PreconditionFailedError, RetriesExhaustedError } from './command-errors';
import { commandFingerprint, isSameCommand } from './command-fingerprint';
import { eventIdFor, uuidFrom, uuidV7 } from './deterministic-id';
import { foldOnto } from './fold';
import { StreamStateCache, type StreamSnapshot } from './stream-state-cache';
import { chainEvents } from '../audit/hash-chain';
import { COMMAND_AUTHORIZER, type CommandAuthorizer } from '../security/command-authorizer';

export interface CommandRequest<Command extends { type: string }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  aggregate: AggregateDefinition<any, Command, any, any>;
  /** The stream is `${aggregate.name}-${id}`. */
  id: string;
  command: Command;
  actor: Actor;
  /** From If-Match: the revision the client saw. A mismatch is 412, never retried. */
  ifMatch?: number;
  /** From Idempotency-Key: a retry returns the first result and writes nothing. */
  idempotencyKey?: string;
  correlationId?: string;
}

export interface CommandResult {
  id: string;
  streamId: string;
  /** Stream revision after the command (the new ETag). */
  revision: number;
  /** Global position of the last event; pass it as minPosition to read your write. */
  position: GlobalPosition;
  /** What the command recorded, e.g. a 退文 with every reason. */
  events: { type: string; revision: number; data: Record<string, unknown> }[];
  /** True when an Idempotency-Key matched an earlier command and nothing was written. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * Only for constructing the executor by hand in unit tests of the command path itself. The
 * app always injects the permission matrix (SecurityModule); without it Nest will not start.
 */
const UNCHECKED: CommandAuthorizer = { authorize: () => undefined };

type AnyAggregate = CommandRequest<{ type: string }>['aggregate'];
type Attempt = { result: CommandResult } | { lost: ConcurrencyError | DuplicateEventIdError };
/** The command id, and with an Idempotency-Key the command's fingerprint. */
type Identity = { commandId: string; fingerprint?: string };

/**
 * Read → fold → decide → append with the expected revision; retry on a lost race. Folds start
 * from a cached snapshot of the stream (history is immutable, so it is always a true prefix).
 */
@Injectable()
export class CommandExecutor {
  private readonly cache = new StreamStateCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_AUTHORIZER) private readonly authorizer: CommandAuthorizer = UNCHECKED,
  ) {}

  async execute<Command extends { type: string }>(request: CommandRequest<Command>): Promise<CommandResult> {
    const { aggregate } = request;
    const streamId = `${aggregate.name}-${request.id}`;
    const identity: Identity = request.idempotencyKey
      ? { commandId: uuidFrom(`${streamId}\n${request.actor.id}\n${request.idempotencyKey}`), fingerprint: commandFingerprint(request.command) }
      : { commandId: uuidV7(this.clock.now().getTime()) };

    // First without reading: on the cached snapshot, or the empty stream when none is cached.
    // Only an append at the snapshot's revision can succeed, which proves it current. Anything
    // else (a refusal, a 412, nothing to write, a lost race) is decided again below on what the
    // store holds. Not with an Idempotency-Key: the store answers a repeated append of the same
    // events as a success, and only the read below tells that it is a replay.
    if (!request.idempotencyKey) {
      const cached = this.cache.get(streamId) ?? this.empty(aggregate);
      let planned: EventToAppend[] = [];
      try {
        planned = this.plan(request, streamId, identity, cached);
      } catch {
        // decided again on a fresh read
      }
      if (planned.length > 0) {
        const attempt = await this.append(request, streamId, cached, planned);
        if ('result' in attempt) return attempt.result;
      }
    }

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.load(aggregate, streamId);
      const earlier = await this.storedEarlier(request, streamId, identity, current);
      if (earlier) return earlier;
      const planned = this.plan(request, streamId, identity, current);
      if (planned.length === 0) return { id: request.id, streamId, revision: current.revision, position: current.position, events: [], replayed: false };
      const outcome = await this.append(request, streamId, current, planned);
      if ('result' in outcome) return outcome.result;
      const { lost } = outcome;
      if (lost instanceof ConcurrencyError && request.ifMatch !== undefined) {
        throw new PreconditionFailedError(request.ifMatch, typeof lost.actual === 'number' ? lost.actual : -1);
      }
      // Our own ids already stored at another revision: a concurrent retry of this command won.
      if (lost instanceof DuplicateEventIdError && !request.idempotencyKey) throw lost;
      // Otherwise someone else wrote first: re-read and decide again.
    }
    throw new RetriesExhaustedError(streamId, MAX_ATTEMPTS);
  }

  /**
   * With an Idempotency-Key: the first result when the stream already holds this key's command
   * (replayed), or IdempotencyKeyReusedError when what it holds is a different command.
   */
  private async storedEarlier(request: CommandRequest<{ type: string }>, streamId: string, identity: Identity, current: StreamSnapshot): Promise<CommandResult | undefined> {
    const { commandId, fingerprint } = identity;
    if (fingerprint === undefined || !current.commandIds.has(commandId)) return undefined;
    const earlier = (await this.store.readStream(streamId)).filter((e) => e.metadata.commandId === commandId);
    if (earlier.length === 0) return undefined;
    if (!isSameCommand(earlier[0]!.metadata, request.command, fingerprint)) throw new IdempotencyKeyReusedError(request.idempotencyKey!);
    return replayed(request.id, streamId, earlier);
  }

  /** Authorise and decide on `current`; the events to append, chained (none: nothing to do). Throws refusals. */
  private plan<Command extends { type: string }>(request: CommandRequest<Command>, streamId: string, identity: Identity, current: StreamSnapshot): EventToAppend[] {
    const { aggregate, actor, command } = request;
    const { state, revision } = current;
    // The permission matrix, before the decider and before revealing the revision (412).
    this.authorizer.authorize({ aggregate: aggregate.name, command, state, actor });
    if (request.ifMatch !== undefined && request.ifMatch !== revision) {
      throw new PreconditionFailedError(request.ifMatch, revision);
    }
    const now = this.clock.now();
    const decided: DomainEvent[] = aggregate.decider.decide(command, state, { now, actor, deps: aggregate.deps() });
    if (decided.length === 0) return [];
    const recordedAt = now.toISOString();
    const { commandId, fingerprint } = identity;
    const correlationId = request.correlationId ?? commandId;
    // With a key, event ids also depend on the fingerprint: two different commands racing under
    // one key then conflict in the store (and the loser is told 422), where equal ids would
    // make the store accept the second as a repeat of the first and drop it silently.
    const eventSeed = fingerprint === undefined ? commandId : uuidFrom(`${commandId}\n${fingerprint}`);
    const unsealed: EventToAppend[] = decided.map((event, i) => ({
      eventId: eventIdFor(eventSeed, i),
      type: event.type,
      schemaVersion: aggregate.schemaVersionOf(event.type),
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: { id: actor.id, name: actor.name },
        unit: actor.unit,
        role: actor.roles.join(','),
        commandId,
        commandType: command.type,
        ...(fingerprint === undefined ? {} : { commandFingerprint: fingerprint }),
        correlationId,
        causationId: commandId,
      },
      recordedAt,
    }));
    return chainEvents(streamId, revision, current.lastHash, unsealed);
  }

  /** Appends at `base`'s revision; a lost race is returned, any other failure thrown. */
  private async append(request: CommandRequest<{ type: string }>, streamId: string, base: StreamSnapshot, events: EventToAppend[]): Promise<Attempt> {
    const revision = base.revision;
    try {
      const appended = await this.store.appendToStream(streamId, events, { expectedRevision: revision === -1 ? 'no_stream' : revision });
      // Without a key the ids are fresh, so the store wrote exactly these events. With one it
      // may have answered with an earlier attempt's (other recordedAt and hashes): re-read those.
      if (!request.idempotencyKey) this.remember(request.aggregate, streamId, base, events, appended.position);
      return {
        result: {
          id: request.id,
          streamId,
          revision: appended.nextExpectedRevision,
          position: appended.position,
          events: events.map((e, i) => ({ type: e.type, revision: revision + 1 + i, data: e.data })),
          replayed: false,
        },
      };
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof DuplicateEventIdError) return { lost: error };
      throw error;
    }
  }

  private empty(aggregate: AnyAggregate): StreamSnapshot {
    return { state: aggregate.decider.initialState(), revision: -1, position: '', lastHash: undefined, commandIds: new Set<string>() };
  }

  /** The cached snapshot brought up to date with whatever the store holds after it. */
  private async load(aggregate: AnyAggregate, streamId: string): Promise<StreamSnapshot> {
    const cached = this.cache.get(streamId);
    const newer = await this.store.readStream(streamId, cached ? { fromRevision: cached.revision + 1 } : undefined);
    const base = cached ?? this.empty(aggregate);
    if (newer.length === 0) return base;
    for (const event of newer) base.commandIds.add(event.metadata.commandId);
    const last = newer[newer.length - 1]!;
    const snapshot = {
      state: foldOnto(aggregate, base.state, newer),
      revision: last.revision,
      position: last.globalPosition,
      lastHash: last.metadata.hash,
      commandIds: base.commandIds,
    };
    this.cache.put(streamId, snapshot);
    return snapshot;
  }

  /** Folds our own appended events onto the snapshot they were decided on. */
  private remember(aggregate: AnyAggregate, streamId: string, base: StreamSnapshot, appended: EventToAppend[], position: GlobalPosition): void {
    // Through JSON, so the state is exactly what folding the stored events would give.
    const events = appended.map((e, i) => ({ ...e, data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>, revision: base.revision + 1 + i }));
    const last = appended[appended.length - 1]!;
    base.commandIds.add(last.metadata.commandId);
    this.cache.put(streamId, {
      state: foldOnto(aggregate, base.state, events),
      revision: base.revision + appended.length,
      position,
      lastHash: last.metadata.hash,
      commandIds: base.commandIds,
    });
  }
}

/** The answer to an Idempotency-Key retry: the earlier command's events. */
function replayed(id: string, streamId: string, events: StoredEvent[]): CommandResult {
  const last = events[events.length - 1]!;
  return {
    id,
    streamId,
    revision: last.revision,
    position: last.globalPosition,
    events: events.map((e) => ({ type: e.type, revision: e.revision, data: e.data })),
    replayed: true,
  };
}
