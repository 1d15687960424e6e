import { historyEntry, type HistoryEntryFields } from '../../projections/history-entry';
import { keyData } from '../../projections/history-key-data';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { assignedDocument } from './support/document-steps';
import { who, World } from './support/world';

/** History entry spec: every event of a tracked item → one entry (who, role, unit, when, what, key data). */
const D1 = '11111111-1111-4111-8111-111111111111';

const entries = (events: readonly StoredEvent[]): HistoryEntryFields[] =>
  events.map(historyEntry).filter((e): e is HistoryEntryFields => e !== undefined);

describe('history entry', () => {
  it('maps each event to one entry with the actor, role, unit, time, Chinese label and key data', () => {
    const world = new World('2026-09-21T02:00:00.000Z');
    assignedDocument(world, D1, { assignAt: '2026-09-28T02:00:00.000Z' });
    const rows = entries(world.events);
    expect(rows.map((r) => `${r.revision} ${r.label} ${r.role} ${r.unit}`)).toEqual([
      '0 提交 unit_clerk natural-resources',
      '1 签收登记 office_clerk zjg-gov-office',
      '2 初审拟办 office_clerk zjg-gov-office',
      '3 分工呈批 office_clerk zjg-gov-office',
      '4 批示 vice_mayor zjg-gov',
      '5 交办 office_clerk zjg-gov-office',
    ]);
    expect(rows[5]).toMatchObject({
      streamId: `document-${D1}`,
      source: 'document',
      id: D1,
      position: world.events[5]!.globalPosition,
      recordedAt: '2026-09-28T02:00:00.000Z',
      type: 'document.assigned',
      actorId: 'office-clerk-1',
      actorName: '文电科工作人员',
    });
    // The stored deadline appears as its due date; the rule text stays in the event.
    expect(rows[5]!.data).toEqual({
      mode: 'instructed',
      leadUnit: 'natural-resources',
      coUnits: [],
      handlingClass: 'own_authority',
      assignedAt: '2026-09-28T02:00:00.000Z',
      deadline: '2026-10-13',
    });
  });

  it('covers 发文 and 建议提案 streams with their own labels', () => {
    const world = new World();
    world.issuance('22222222-2222-4222-8222-222222222222', { type: 'draft', title: '关于做好防汛工作的通知', issuer: 'government', category: 'work', draftingUnit: 'water-affairs' }, who.officeClerk);
    world.proposal('33333333-3333-4333-8333-333333333333', { type: 'register', kind: 'cppcc_proposal', number: '第0001号', session: '市政协十五届五次会议', proposer: '李委员', subject: '关于加强河道保洁的提案' }, who.officeClerk);
    expect(entries(world.events).map((r) => [r.source, r.label])).toEqual([
      ['issuance', '拟稿'],
      ['proposal', '登记'],
    ]);
  });

  it('is a pure function of the event: the same event gives the same entry, which survives JSON', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'needs_investigation' });
    world.document(D1, { type: 'urge', text: '请抓紧' }, who.supervisor);
    const once = entries(world.events);
    expect(entries(world.events)).toEqual(once);
    expect(JSON.parse(JSON.stringify(once))).toEqual(once);
    expect(once.map((r) => r.revision)).toEqual(world.events.map((e) => e.revision));
  });

  it('has no entry for streams that are not tracked items or event types no catalogue lists', () => {
    const world = new World();
    assignedDocument(world, D1);
    const submitted = world.events[0]!;
    expect(historyEntry(submitted)).toBeDefined();
    expect(historyEntry({ ...submitted, streamId: 'docnumber-张政发-2026', type: 'issuance.number_reserved' })).toBeUndefined();
    expect(historyEntry({ ...submitted, type: 'document.something_else' })).toBeUndefined();
    expect(historyEntry({ ...submitted, type: 'constructor' })).toBeUndefined();
  });

  it('key data clips long texts and keeps two levels of nesting', () => {
    const long = '长'.repeat(400);
    expect(keyData({ text: long, n: 1, ok: true, list: ['a', { b: 1, c: { d: 2 } }], deep: { x: { y: 1, z: { w: 1 } } } })).toEqual({
      text: `${'长'.repeat(299)}…`,
      n: 1,
      ok: true,
      list: ['a', { b: 1 }],
      deep: { x: { y: 1 } },
    });
  });
});
