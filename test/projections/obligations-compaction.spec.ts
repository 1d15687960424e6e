import { documentSubjects } from '../../projections/document-subject';
import { proposalSubjects } from '../../projections/proposal-subject';
import type { SubjectKind } from '../../projections/subject-kind';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { assignedDocument } from './support/document-steps';
import { who, World } from './support/world';

/**
 * The obligations projection stores each item's state compacted once per batch, but reads what
 * is owed after every event of the batch (for the versions a past asOf reads). So what is owed
 * must not depend on what compact drops: texts are clipped by the obligations as by compact.
 */
const D1 = '11111111-1111-4111-8111-111111111111';
const P1 = '33333333-3333-4333-8333-333333333333';

describe('obligations projection: compacted state', () => {
  it('what is owed never depends on what compact drops: after every event the full and the compacted state give the same obligations and info', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'lead_with_consultation', coUnits: ['finance'], assignAt: '2026-03-02T02:00:00.000Z' });
    world.at('2026-03-03T02:00:00.000Z').document(D1, { type: 'requestConsultation', units: ['finance'], replyBy: '2026-03-09', subject: '会商'.repeat(40) }, who.clerk('natural-resources'));
    world.at('2026-03-04T02:00:00.000Z').document(D1, { type: 'giveConsultationOpinion', stance: 'agree' }, who.clerk('finance'));
    world.at('2026-03-05T02:00:00.000Z').proposal(P1, { type: 'register', kind: 'npc_suggestion', number: '第0012号', session: '市十六届人大五次会议', proposer: '王代表', subject: `关于${'增加学校周边停车位'.repeat(15)}的建议` }, who.officeClerk);
    world.proposal(P1, { type: 'assign', leadUnit: 'education', coUnits: ['transport'] }, who.officeClerk);
    const check = <S>(kind: SubjectKind<S>, events: StoredEvent[]) => {
      let full = kind.initial();
      let compacted = kind.initial();
      for (const e of events) {
        full = kind.evolve(full, e);
        compacted = kind.compact(kind.evolve(compacted, e));
        expect({ type: e.type, info: kind.info(compacted), owed: kind.obligations(compacted) }).toEqual({ type: e.type, info: kind.info(full), owed: kind.obligations(full) });
      }
    };
    check(documentSubjects, world.stream(`document-${D1}`));
    check(proposalSubjects, world.stream(`proposal-${P1}`));
    expect(world.stream(`proposal-${P1}`)).toHaveLength(2);
  });
});
