import type { AggregateDefinition } from '../../../src/command-handling/aggregate-definition';
import { foldStream } from '../../../src/command-handling/fold';
import { loadWorkingCalendar } from '../../../src/calendar/calendar-loader';
import { loadDirectory } from '../../../src/directory/directory-loader';
import { DocumentAggregate } from '../../../src/documents/document.aggregate';
import type { DocumentCommand } from '../../../src/documents/domain/document-commands';
import type { Actor } from '../../../src/domain/decider';
import type { StoredEvent } from '../../../src/event-store/event-store.port';
import { issuanceAggregate } from '../../../src/issuance/issuance.aggregate';
import type { IssuanceCommand } from '../../../src/issuance/domain/issuance-commands';
import { proposalAggregate } from '../../../src/proposals/proposal.aggregate';
import type { ProposalCommand } from '../../../src/proposals/domain/proposal-commands';

export const calendar = loadWorkingCalendar();
export const directory = loadDirectory();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregate = AggregateDefinition<any, any, any, any>;

export const aggregates = {
  document: new DocumentAggregate(calendar, directory) as AnyAggregate,
  issuance: issuanceAggregate({ directory }) as AnyAggregate,
  proposal: proposalAggregate({ calendar, directory }) as AnyAggregate,
};

const actor = (id: string, name: string, unit: string, role: string, leaderId?: string): Actor => ({
  id,
  name,
  unit,
  roles: [role],
  ...(leaderId ? { leaderId } : {}),
});

/** Actors of the default directory. */
export const who = {
  officeClerk: actor('office-clerk-1', '文电科工作人员', directory.officeCode, 'office_clerk'),
  officeDirector: actor('office-director-1', '市政府办公室主任', directory.officeCode, 'office_director'),
  supervisor: actor('supervisor-1', '督查室工作人员', directory.supervisionCode, 'supervisor'),
  legalReviewer: actor('legal-1', '司法局审核员', directory.legalAffairsCode, 'legal_reviewer'),
  leader(position: string): Actor {
    const l = directory.leader(position);
    if (!l) throw new Error(`no leader ${position}`);
    return actor(`leader-${position}`, l.title, directory.organCode, l.role, position);
  },
  clerk: (unit: string): Actor => actor(`clerk-${unit}`, `${directory.nameOf(unit)}经办人`, unit, 'unit_clerk'),
};

/**
 * The real deciders without a store: commands are decided on the folded stream and the
 * events recorded with envelope, revision and a global position, as the store would.
 */
export class World {
  readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  now: string;

  constructor(now = '2026-03-02T02:00:00.000Z') {
    this.now = now;
  }

  at(now: string): this {
    this.now = now;
    return this;
  }

  document(id: string, command: DocumentCommand, by: Actor): StoredEvent[] {
    return this.run(aggregates.document, id, command, by);
  }

  issuance(id: string, command: IssuanceCommand, by: Actor): StoredEvent[] {
    return this.run(aggregates.issuance, id, command, by);
  }

  proposal(id: string, command: ProposalCommand, by: Actor): StoredEvent[] {
    return this.run(aggregates.proposal, id, command, by);
  }

  stream(streamId: string): StoredEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  run(aggregate: AnyAggregate, id: string, command: { type: string }, by: Actor): StoredEvent[] {
    const streamId = `${aggregate.name}-${id}`;
    const stream = this.streams.get(streamId) ?? [];
    const { state } = foldStream(aggregate, stream);
    const decided = aggregate.decider.decide(command, state, { now: new Date(this.now), actor: by, deps: aggregate.deps() }) as Array<{ type: string; data: Record<string, unknown> }>;
    const recorded = decided.map((e, i): StoredEvent => ({
      streamId,
      revision: stream.length + i,
      globalPosition: String(this.events.length + i + 1).padStart(20, '0'),
      eventId: `${streamId}-${stream.length + i}`,
      type: e.type,
      schemaVersion: aggregate.schemaVersionOf(e.type),
      data: e.data,
      metadata: { actor: { id: by.id, name: by.name }, unit: by.unit, role: by.roles.join(','), commandId: `c-${this.events.length}`, correlationId: 'corr', causationId: 'cause' },
      recordedAt: new Date(this.now).toISOString(),
    }));
    this.streams.set(streamId, [...stream, ...recorded]);
    this.events.push(...recorded);
    return recorded;
  }
}
