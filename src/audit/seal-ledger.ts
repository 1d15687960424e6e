import type { EventStore } from '../event-store/event-store.port';
import type { AuditIssue } from './audit-issues';
import { ChainTracker } from './chain-tracker';
import { AUDIT_STREAM } from './seal-format';
import type { SealKeys } from './seal-keys';
import { checkSeals, type CheckedSeal } from './seal-parsing';

/**
 * The seals, read once and then incrementally, each checked once (signature, numbering, the
 * audit stream's own chain). Per-stream verification reads its seals from here.
 */
export class SealLedger {
  readonly seals: CheckedSeal[] = [];
  readonly issues: AuditIssue[] = [];
  private readonly chain = new ChainTracker();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly keys: Pick<SealKeys, 'publicKey' | 'keyId'>,
  ) {}

  async refresh(): Promise<this> {
    const fromRevision = (this.chain.head(AUDIT_STREAM)?.revision ?? -1) + 1;
    const events = await this.store.readStream(AUDIT_STREAM, { fromRevision });
    for (const e of events) this.issues.push(...this.chain.apply(e));
    const checked = checkSeals(events, this.keys.publicKey, this.keys.keyId, this.seals[this.seals.length - 1]?.seal);
    this.seals.push(...checked.seals);
    this.issues.push(...checked.issues);
    return this;
  }
}
