import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/decider';
import { ConcurrencyError } from '../event-store/errors';
import { START, type EventStore, type GlobalPosition, type StoredEvent } from '../event-store/event-store.port';
import type { AuditIssue } from './audit-issues';
import { ChainTracker } from './chain-tracker';
import { chainEvents } from './hash-chain';
import type { StreamHead } from './merkle';
import { AUDIT_STREAM, MAX_SEAL_HEADS, SEALED_EVENT, signSeal, type SealBody, type SealData } from './seal-format';
import type { SealKeys } from './seal-keys';

/** Sealing refused: the chain is already broken, and a seal must never bless altered data. */
export class AuditChainBrokenError extends Error {
  readonly code = 'AUDIT_CHAIN_BROKEN';
  constructor(readonly issues: AuditIssue[]) {
    super(`哈希链已被破坏,拒绝封印,请运行 audit verify 查明 (${issues.length} 处: ${issues[0]?.kind} ${issues[0]?.streamId ?? ''} ${issues[0]?.revision ?? ''})`);
  }
}

export const SYSTEM_SEALER: Actor = { id: 'system:audit-sealer', name: '系统 (定期审计封印)', unit: 'system', roles: [] };

export interface SealResult {
  seal: SealData;
  /** False when nothing was written since the last seal (that seal is returned). */
  created: boolean;
  revision: number;
  eventPosition: GlobalPosition;
}

/**
 * Appends signed seals to the audit stream. Follows the log incrementally (heads only), so
 * a periodic seal costs only the events since the previous one; checks every chain on the
 * way. One seal at a time per process; a concurrent seal from another instance wins.
 */
export class Sealer {
  private readonly tracker = new ChainTracker();
  private position: GlobalPosition = START;
  /** Hash of each stream's head at the last seal, to list what changed since. */
  private sealedHeads = new Map<string, string>();
  private last?: { seal: SealData; revision: number; hash: string; eventPosition: GlobalPosition };
  private queue: Promise<unknown> = Promise.resolve();
  /** Once a broken link is found, sealing stays refused until someone investigates. */
  private broken?: AuditChainBrokenError;

  constructor(
    private readonly store: EventStore,
    private readonly keys: SealKeys,
    private readonly now: () => Date,
  ) {
    if (!keys.privateKey) throw new Error('sealing needs the private seal key');
  }

  /** Seals everything up to the store's current head (serialised per process). */
  seal(actor: Actor = SYSTEM_SEALER): Promise<SealResult> {
    const run = this.queue.then(() => this.sealNow(actor));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** True when events were appended since the last seal this process knows of. */
  async hasNewEvents(): Promise<boolean> {
    const head = await this.store.headPosition();
    return head !== (this.last?.eventPosition ?? START) && head !== (this.last?.seal.position ?? START);
  }

  private async sealNow(actor: Actor): Promise<SealResult> {
    if (this.broken) throw this.broken;
    await this.loadLastSeal();
    const target = await this.store.headPosition();
    await this.advanceTo(target);
    // Nothing but the last seal's own event since it: nothing to seal.
    if (this.last && (this.last.seal.position === this.position || this.last.eventPosition === this.position)) {
      return { seal: this.last.seal, created: false, revision: this.last.revision, eventPosition: this.last.eventPosition };
    }
    const changed: StreamHead[] = [];
    for (const [id, head] of this.tracker.heads) if (this.sealedHeads.get(id) !== head.hash) changed.push([id, head.revision, head.hash]);
    const body: SealBody = {
      version: 1,
      sealNo: (this.last?.seal.sealNo ?? 0) + 1,
      position: this.position,
      previousPosition: this.last?.seal.position ?? '',
      streams: this.tracker.heads.size,
      events: this.tracker.events,
      merkleRoot: this.tracker.root(),
      heads: changed.length <= MAX_SEAL_HEADS ? changed.sort((a, b) => (a[0] < b[0] ? -1 : 1)) : null,
      sealedAt: this.now().toISOString(),
      algorithm: 'Ed25519',
      keyId: this.keys.keyId,
    };
    const seal = signSeal(body, this.keys.privateKey!);
    const commandId = randomUUID();
    const [event] = chainEvents(AUDIT_STREAM, this.last?.revision ?? -1, this.last?.hash, [
      {
        eventId: commandId,
        type: SEALED_EVENT,
        schemaVersion: 1,
        data: seal as unknown as Record<string, unknown>,
        metadata: {
          actor: { id: actor.id, name: actor.name },
          unit: actor.unit,
          role: actor.roles.join(','),
          commandId,
          commandType: 'seal',
          correlationId: commandId,
          causationId: commandId,
        },
        recordedAt: body.sealedAt,
      },
    ]);
    try {
      const appended = await this.store.appendToStream(AUDIT_STREAM, [event!], {
        expectedRevision: this.last ? this.last.revision : 'no_stream',
      });
      this.last = { seal, revision: appended.nextExpectedRevision, hash: event!.metadata.hash!, eventPosition: appended.position };
      this.sealedHeads = new Map([...this.tracker.heads].map(([id, h]) => [id, h.hash]));
      return { seal, created: true, revision: appended.nextExpectedRevision, eventPosition: appended.position };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      await this.loadLastSeal(); // another instance sealed first: theirs stands
      const last = this.last!;
      return { seal: last.seal, created: false, revision: last.revision, eventPosition: last.eventPosition };
    }
  }

  /** Picks up seals appended by others (or before a restart). */
  private async loadLastSeal(): Promise<void> {
    const [latest] = await this.store.readStream(AUDIT_STREAM, { direction: 'backwards', maxCount: 1 });
    if (!latest || latest.revision === this.last?.revision) return;
    const seal = latest.data as unknown as SealData;
    this.last = { seal, revision: latest.revision, hash: String(latest.metadata.hash), eventPosition: latest.globalPosition };
    // Heads as of that seal, to list only what changes after it.
    if (seal.position >= this.position) {
      await this.advanceTo(seal.position);
      this.sealedHeads = new Map([...this.tracker.heads].map(([id, h]) => [id, h.hash]));
    }
  }

  /** Applies every event up to `target` (inclusive); refuses on the first broken link. */
  private async advanceTo(target: GlobalPosition): Promise<void> {
    while (this.position < target) {
      const page: StoredEvent[] = await this.store.readAll({ fromPosition: this.position, maxCount: 2000 });
      const within = page.filter((e) => e.globalPosition <= target);
      for (const event of within) {
        const issues = this.tracker.apply(event);
        if (issues.length > 0) throw (this.broken = new AuditChainBrokenError(issues));
        this.position = event.globalPosition;
      }
      if (within.length < page.length || page.length === 0) break;
    }
  }
}
