import { performanceProjection } from '../../projections/performance.projection';
import { expectIdempotent, ProjectionHarness } from './support/projection-harness';
import { assignedDocument } from './support/document-steps';
import { who, World } from './support/world';

/** Projection spec: per-item facts and incidents for 绩效考核 (第三十二条). */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('performance projection', () => {
  function scenario(): World {
    const world = new World('2026-03-02T01:00:00.000Z');
    // 1: on time; 2: late after a 催办; 3: extended, still open.
    assignedDocument(world, id(1), { unit: 'education', assignAt: '2026-03-02T02:00:00.000Z' });
    world.at('2026-03-05T02:00:00.000Z').document(id(1), { type: 'complete', result: '已办结' }, who.clerk('education'));
    assignedDocument(world, id(2), { unit: 'education', assignAt: '2026-03-02T03:00:00.000Z' });
    world.at('2026-03-12T02:00:00.000Z').document(id(2), { type: 'urge', text: '已逾期,请报送' }, who.supervisor);
    world.at('2026-03-13T02:00:00.000Z').document(id(2), { type: 'complete', result: '已办结' }, who.clerk('education'));
    assignedDocument(world, id(3), { unit: 'finance', assignAt: '2026-03-02T04:00:00.000Z' });
    world.document(id(3), { type: 'requestExtension', requestedDueDate: '2026-03-31', reason: '需调研' }, who.clerk('finance'));
    world.at('2026-03-06T02:00:00.000Z').document(id(3), { type: 'approveExtension' }, who.officeDirector);
    return world;
  }

  it('keeps one fact row per assigned item and one row per 催办 or approved 延期', () => {
    const h = new ProjectionHarness(performanceProjection).apply(scenario().events);
    expect(h.rows('facts').map(({ stream_id, doc_id, source, ...r }) => r)).toEqual([
      { kind: 'request', unit: 'education', handling_class: 'own_authority', assigned_at: '2026-03-02T02:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-11T15:59:59.999Z', due_date: '2026-03-11', finished_at: '2026-03-05T02:00:00.000Z', finished_date: '2026-03-05', on_time: 1 },
      { kind: 'request', unit: 'education', handling_class: 'own_authority', assigned_at: '2026-03-02T03:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-11T15:59:59.999Z', due_date: '2026-03-11', finished_at: '2026-03-13T02:00:00.000Z', finished_date: '2026-03-13', on_time: 0 },
      { kind: 'request', unit: 'finance', handling_class: 'own_authority', assigned_at: '2026-03-02T04:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-31T15:59:59.999Z', due_date: '2026-03-31', finished_at: null, finished_date: null, on_time: null },
    ]);
    expect(h.rows('incidents').map((r) => [r.doc_id, r.type, r.unit, r.date])).toEqual([
      [id(2), 'urge', 'education', '2026-03-12'],
      [id(3), 'extension', 'finance', '2026-03-06'],
    ]);
  });

  it('applying the same events twice changes nothing', () => {
    expectIdempotent(performanceProjection, scenario().events);
  });
});
