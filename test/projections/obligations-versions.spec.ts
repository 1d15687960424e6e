import { obligationRow, sameRow } from '../../projections/obligation-versions';
import { obligationsProjection } from '../../projections/obligations.projection';
import type { Row } from '../../projections/projection';
import { expectIdempotent, ProjectionHarness } from './support/projection-harness';
import { assignedDocument, intake } from './support/document-steps';
import { directory, who, World } from './support/world';

/**
 * Projection spec: the obligations read model keeps every version of an obligation's row
 * (`open` the current one since `since`, `past` the ended ones until `until`), so 督查 as of a
 * past moment reads what was owed then (第三十二条).
 */
const D1 = '11111111-1111-4111-8111-111111111111';
const STREAM = `document-${D1}`;
const ASSIGNED = '2026-03-02T02:00:00.000Z';
const lead = who.clerk('natural-resources');

/** key|due_date|since|until of every version, ended ones first, by obligation and since. */
function versions(h: ProjectionHarness): string[] {
  const past = h.rows('past').map((r) => `${r.obligation}|${r.due_date}|${r.since}|${r.until}`).sort();
  const open = h.rows('open').map((r) => `${r.obligation}|${r.due_date}|${r.since}|open`);
  return [...past, ...open];
}

/** What was open at `asOf`, read the way the queries do: current versions begun by then, ended ones that outlived it. */
function validAt(h: ProjectionHarness, asOf: string): Row[] {
  return h.sql(
    (t) => `SELECT obligation, due_date, owed_by, urged_at, opened_at FROM ${t('open')} WHERE since <= ?
            UNION ALL SELECT obligation, due_date, owed_by, urged_at, opened_at FROM ${t('past')} WHERE since <= ? AND until > ?
            ORDER BY obligation`,
    asOf,
    asOf,
    asOf,
  );
}

describe('obligations projection: versions for a past asOf', () => {
  it('第四十七条: an approved extension moves the due date; the version with the old date is kept until the approval, the obligation keeps when it arose', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: ASSIGNED });
    world.at('2026-03-05T02:00:00.000Z').document(D1, { type: 'requestExtension', requestedDueDate: '2026-03-20', reason: '需补充材料' }, lead);
    world.at('2026-03-06T02:00:00.000Z').document(D1, { type: 'approveExtension' }, who.officeDirector);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(versions(h)).toEqual([
      'extension|2026-03-11|2026-03-05T02:00:00.000Z|2026-03-06T02:00:00.000Z',
      `main|2026-03-11|${ASSIGNED}|2026-03-06T02:00:00.000Z`,
      'main|2026-03-20|2026-03-06T02:00:00.000Z|open',
    ]);
    expect(h.rows('open')[0]).toMatchObject({ opened_at: ASSIGNED });
    expect(Object.fromEntries(h.rows('past').map((r) => [r.obligation, r.opened_at]))).toEqual({ extension: '2026-03-05T02:00:00.000Z', main: ASSIGNED });
    expect(validAt(h, '2026-03-05T12:00:00.000Z')).toMatchObject([
      { obligation: 'extension', due_date: '2026-03-11', owed_by: 'approver' },
      { obligation: 'main', due_date: '2026-03-11' },
    ]);
    expect(validAt(h, '2026-03-06T02:00:00.000Z')).toMatchObject([{ obligation: 'main', due_date: '2026-03-20' }]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第三十二条: a fulfilled obligation leaves `open` and stays in `past` until the moment of 办结; before it arose nothing was owed', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: ASSIGNED });
    world.at('2026-03-16T02:00:00.000Z').document(D1, { type: 'complete', result: '已办结' }, lead);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(h.rows('open')).toEqual([]);
    expect(h.rows('past')).toEqual([
      expect.objectContaining({ stream_id: STREAM, obligation: 'main', type: 'completion', due_date: '2026-03-11', opened_at: ASSIGNED, since: ASSIGNED, until: '2026-03-16T02:00:00.000Z' }),
    ]);
    expect(validAt(h, '2026-03-13T02:00:00.000Z')).toMatchObject([{ obligation: 'main', due_date: '2026-03-11' }]);
    expect(validAt(h, '2026-03-16T02:00:00.000Z')).toEqual([]);
    expect(validAt(h, '2026-03-02T01:59:59.999Z')).toEqual([]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第四十七条: an extension request rejected and made again reopens the decision; each time it arose is its own version', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: ASSIGNED });
    world.at('2026-03-03T02:00:00.000Z').document(D1, { type: 'requestExtension', requestedDueDate: '2026-03-20', reason: '需补充材料' }, lead);
    world.at('2026-03-04T02:00:00.000Z').document(D1, { type: 'rejectExtension', reason: '材料已齐备' }, who.officeDirector);
    world.at('2026-03-05T02:00:00.000Z').document(D1, { type: 'requestExtension', requestedDueDate: '2026-03-18', reason: '需补充调查' }, lead);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(versions(h)).toEqual([
      'extension|2026-03-11|2026-03-03T02:00:00.000Z|2026-03-04T02:00:00.000Z',
      'extension|2026-03-11|2026-03-05T02:00:00.000Z|open',
      `main|2026-03-11|${ASSIGNED}|open`,
    ]);
    expect(h.rows('past')[0]).toMatchObject({ detail: '申请延期至 2026-03-20', opened_at: '2026-03-03T02:00:00.000Z' });
    expect(h.rows('open')[0]).toMatchObject({ detail: '申请延期至 2026-03-18', opened_at: '2026-03-05T02:00:00.000Z' });
    expect(validAt(h, '2026-03-04T12:00:00.000Z').map((r) => r.obligation)).toEqual(['main']);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第三十二条: a 催办 starts a new version of the row, so a past asOf shows the last 催办 before it', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: ASSIGNED });
    world.at('2026-03-10T01:00:00.000Z').document(D1, { type: 'urge', text: '请抓紧办理' }, who.supervisor);
    world.at('2026-03-12T01:00:00.000Z').document(D1, { type: 'urge', text: '已逾期,请于今日报送' }, who.supervisor);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(validAt(h, '2026-03-09T00:00:00.000Z')).toMatchObject([{ urged_at: null }]);
    expect(validAt(h, '2026-03-11T00:00:00.000Z')).toMatchObject([{ urged_at: '2026-03-10T01:00:00.000Z', opened_at: ASSIGNED }]);
    expect(validAt(h, '2026-03-12T01:00:00.000Z')).toMatchObject([{ urged_at: '2026-03-12T01:00:00.000Z', opened_at: ASSIGNED }]);
    expect(h.rows('past')).toHaveLength(2);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('an obligation opened and closed in the same instant (分工呈批 and 批示 together) was never owed, so no version is kept', () => {
    const world = new World();
    intake(world, D1, 'education');
    world.document(D1, { type: 'instruct', text: '同意' }, who.leader(directory.portfolioLeaderOf('education')!));
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(h.rows('open')).toEqual([]);
    expect(h.rows('past')).toEqual([]);
  });

  it('a version that begins and ends inside one batch is kept as one-by-one application keeps it (the 会商 subject clipped as the stored state clips it)', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'lead_with_consultation', coUnits: ['finance'], assignAt: ASSIGNED });
    const subject = `关于收储资金安排${'及相关配套政策'.repeat(12)}的会商`;
    world.at('2026-03-03T02:00:00.000Z').document(D1, { type: 'requestConsultation', units: ['finance'], replyBy: '2026-03-09', subject }, lead);
    world.at('2026-03-04T02:00:00.000Z').document(D1, { type: 'giveConsultationOpinion', stance: 'agree' }, who.clerk('finance'));
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    const consult = h.rows('past').find((r) => r.obligation === 'consult:finance');
    expect(consult).toMatchObject({ due_date: '2026-03-09', since: '2026-03-03T02:00:00.000Z', until: '2026-03-04T02:00:00.000Z' });
    expect(String(consult!.detail).length).toBeLessThan(subject.length);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('a change in any column the state fills starts a new version (the comparison covers every column of the row)', () => {
    const subject = { streamId: STREAM, docId: D1, source: 'document' as const };
    const info = { title: '关于某地块土地收储的请示', kind: 'request', unit: 'natural-resources', status: 'assigned', handlingClass: 'own_authority' };
    const owed = { key: 'main', type: 'completion' as const, unit: 'natural-resources', owedBy: 'unit:natural-resources', dueAt: '2026-03-11T15:59:59.999Z', dueDate: '2026-03-11', detail: 'x', urgedAt: '2026-03-10T01:00:00.000Z' };
    const row = obligationRow(subject, info, owed);
    expect(sameRow(row, info, owed)).toBe(true);
    // stream_id, obligation, source and doc_id are the row's identity within one stream.
    const filled = Object.keys(row).filter((c) => !['stream_id', 'obligation', 'source', 'doc_id'].includes(c));
    expect(filled).toHaveLength(10);
    for (const column of filled) expect({ column, same: sameRow({ ...row, [column]: 'changed' }, info, owed) }).toEqual({ column, same: false });
  });

  it('the same events applied twice, in one batch or one at a time and in any batch boundaries, leave the same versions', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'needs_investigation', assignAt: ASSIGNED });
    world.at('2026-03-05T02:00:00.000Z').document(D1, { type: 'requestExtension', requestedDueDate: '2026-04-30', reason: '需补充调查' }, lead);
    world.at('2026-03-06T02:00:00.000Z').document(D1, { type: 'urge', text: '请抓紧' }, who.supervisor);
    world.at('2026-03-09T02:00:00.000Z').document(D1, { type: 'approveExtension' }, who.officeDirector);
    world.at('2026-03-10T02:00:00.000Z').document(D1, { type: 'explainProgress', text: '正在调查' }, lead);
    world.at('2026-04-20T02:00:00.000Z').document(D1, { type: 'complete', result: '已办结' }, lead);
    const once = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(versions(once)).toEqual([
      'extension|2026-04-14|2026-03-05T02:00:00.000Z|2026-03-09T02:00:00.000Z',
      `main|2026-04-14|${ASSIGNED}|2026-03-06T02:00:00.000Z`,
      'main|2026-04-14|2026-03-06T02:00:00.000Z|2026-03-09T02:00:00.000Z',
      'main|2026-04-30|2026-03-09T02:00:00.000Z|2026-04-20T02:00:00.000Z',
      `progress|2026-03-11|${ASSIGNED}|2026-03-10T02:00:00.000Z`,
    ]);
    expectIdempotent(obligationsProjection, world.events);
    // Split at every boundary: the versions do not depend on where a batch ends.
    for (let cut = 1; cut < world.events.length; cut++) {
      const split = new ProjectionHarness(obligationsProjection).apply(world.events.slice(0, cut)).apply(world.events.slice(cut));
      expect({ cut, tables: split.dump() }).toEqual({ cut, tables: once.dump() });
    }
  });
});
