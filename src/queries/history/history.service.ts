import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AggregateDefinition } from '../../command-handling/aggregate-definition';
import { CLOCK, type Clock } from '../../command-handling/clock';
import { foldStream } from '../../command-handling/fold';
import type { Directory } from '../../directory';
import { DocumentAggregate } from '../../documents/document.aggregate';
import { DIRECTORY } from '../../domain-deps/domain-deps.module';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../../event-store/event-store.port';
import { ISSUANCE_AGGREGATE, type IssuanceAggregate } from '../../issuance/issuance.aggregate';
import { PROPOSAL_AGGREGATE, type ProposalAggregate } from '../../proposals/proposal.aggregate';
import { refuseUnwrittenPosition } from '../../projections/read-model-errors';
import { historyEntry } from '../../../projections/history-entry';
import type { Source } from '../../../projections/obligation-vocabulary';
import { parseAsOf } from '../shared/as-of';
import { sourceLabel, statusLabel } from '../shared/labels';
import { inScope, type QueryScope } from '../shared/query-scope';
import { SubjectsService } from '../subjects/subjects.service';
import { historyEntryView, type HistoryEntry } from './history-entry-view';

const NOUNS: Record<Source, string> = { document: '文档', issuance: '发文', proposal: '建议/提案' };
const notFound = (source: Source, id: string) =>
  new NotFoundException({ code: `${source.toUpperCase()}_NOT_FOUND`, message: `未找到${NOUNS[source]} ${id}` });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregate = AggregateDefinition<any, any, any, any>;

/** Auditors' reads: the human-readable timeline, the state at any past moment, the raw events. */
@Injectable()
export class HistoryService {
  private readonly aggregates: Record<Source, AnyAggregate>;

  constructor(
    private readonly subjects: SubjectsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
    documents: DocumentAggregate,
    @Inject(ISSUANCE_AGGREGATE) issuances: IssuanceAggregate,
    @Inject(PROPOSAL_AGGREGATE) proposals: ProposalAggregate,
  ) {
    this.aggregates = { document: documents, issuance: issuances, proposal: proposals };
  }

  /**
   * Folded on read: the item's stream from the event store, each event mapped with
   * historyEntry. Always current, so `minPosition` is only checked against the store's head
   * and waited for by the scope check, which reads the subjects read model.
   */
  async timeline(source: Source, id: string, scope: QueryScope, minPosition?: string): Promise<{ id: string; source: Source; sourceLabel: string; entries: HistoryEntry[] }> {
    const stored = await this.readStream(source, id, scope, minPosition);
    const entries = stored.map(historyEntry).filter((e) => e !== undefined);
    if (entries.length === 0) throw notFound(source, id);
    return { id, source, sourceLabel: sourceLabel(source), entries: entries.map((e) => historyEntryView(e, this.directory)) };
  }

  /** The state folded with the aggregate's own evolve up to a moment or a revision. */
  async stateAt(source: Source, id: string, at: { asOf?: string; revision?: number; minPosition?: string }, scope: QueryScope) {
    if (at.asOf !== undefined && at.revision !== undefined) {
      throw new BadRequestException({ code: 'AS_OF_OR_REVISION', message: 'asOf 与 revision 只能给出一个' });
    }
    const stored = await this.readStream(source, id, scope, at.minPosition);
    const latest = stored[stored.length - 1]!.revision;
    // Never answer a revision that does not exist with the latest one: an auditor asked for that version.
    if (at.revision !== undefined && at.revision > latest) {
      throw new NotFoundException({ code: 'REVISION_NOT_FOUND', message: `${NOUNS[source]} ${id} 没有版本 ${at.revision} (最新版本为 ${latest})`, details: { revision: at.revision, latestRevision: latest } });
    }
    const asOf = at.asOf === undefined ? undefined : parseAsOf(at.asOf, this.clock.now());
    const upTo = stored.filter((e) => (at.revision !== undefined ? e.revision <= at.revision : asOf === undefined || e.recordedAt <= asOf));
    if (upTo.length === 0) {
      throw new NotFoundException({ code: 'NOT_YET_EXISTING', message: `${NOUNS[source]} ${id} 在${asOf ? ` ${asOf} ` : '该版本'}时尚不存在` });
    }
    const { state, revision } = foldStream(this.aggregates[source], upTo);
    const last = upTo[upTo.length - 1]!;
    return {
      id,
      asOf: asOf ?? null,
      revision,
      latestRevision: latest,
      position: last.globalPosition,
      recordedAt: last.recordedAt,
      statusLabel: statusLabel(source, (state as { status?: string }).status),
      ...(state as object),
    };
  }

  /** Every stored event as is (envelope, metadata and hash chain), for offline review. */
  async rawEvents(source: Source, id: string, scope: QueryScope, minPosition?: string) {
    const events = await this.readStream(source, id, scope, minPosition);
    return { streamId: `${source}-${id}`, exportedAt: this.clock.now().toISOString(), count: events.length, events };
  }

  /** The item's events; a minPosition is only checked (these reads are current, they never wait for it). */
  private async readStream(source: Source, id: string, scope: QueryScope, minPosition?: string): Promise<StoredEvent[]> {
    if (minPosition) await refuseUnwrittenPosition(this.store, minPosition);
    const stored = await this.store.readStream(`${source}-${id}`);
    if (stored.length === 0) throw notFound(source, id);
    await this.requireScope(source, id, scope, minPosition);
    return stored;
  }

  /** Outside the reader's scope reads as absent, so existence is not revealed. */
  private async requireScope(source: Source, id: string, scope: QueryScope, minPosition?: string): Promise<void> {
    if (!scope.units) return;
    const concerns = await this.subjects.concerns(source, id, minPosition);
    if (!concerns || !inScope(scope, concerns.units)) throw notFound(source, id);
  }
}
