import { documentEvent } from '../../../events/document-events';
import {
  assignedStream,
  consultationRequested,
  disagreementReported,
  finance,
  financeAgrees,
  financeDisagrees,
  housing,
  housingAgrees,
  instructedStream,
  intake,
  officeClerk,
  ownAuthorityStream,
  resources,
  spec,
  submitted,
  viceMayor1,
} from './fixtures';

const consulted = [...assignedStream, consultationRequested, housingAgrees, financeAgrees];

describe('提出意见 (第四十七条)', () => {
  it('第四十七条: after 会商 with every co-unit, the lead unit submits its opinion on time', () => {
    spec
      .given(consulted)
      .when({ type: 'submitOpinion', text: '建议同意收储' })
      .then([documentEvent('document.opinion_submitted', { unit: 'natural-resources', text: '建议同意收储', onTime: true })]);
  });

  it('第四十七条: an opinion after the end of the due day is recorded as late', () => {
    const [event] = spec
      .given(consulted)
      .when({ type: 'submitOpinion', text: '建议同意' }, { now: new Date('2026-10-19T16:00:00Z') })
      .events();
    expect(event!.data).toMatchObject({ onTime: false });
    const [lastMoment] = spec
      .given(consulted)
      .when({ type: 'submitOpinion', text: '建议同意' }, { now: new Date('2026-10-19T15:59:59.999Z') })
      .events();
    expect(lastMoment!.data).toMatchObject({ onTime: true });
  });

  it('第四十七条: a lead-with-consultation opinion needs every co-unit’s 会商 opinion', () => {
    const error = spec.given(assignedStream).when({ type: 'submitOpinion', text: '建议' }).thenThrows('CONSULTATION_REQUIRED', 'invalid_state');
    expect(error.message).toBe('第四十七条: 主办部门须会商相关部门后提出意见;尚未取得 市住房和城乡建设局、市财政局 的会商意见');
  });

  it('waits for every asked unit to reply', () => {
    spec
      .given([...assignedStream, consultationRequested, housingAgrees])
      .when({ type: 'submitOpinion', text: '建议' })
      .thenThrows('CONSULTATION_PENDING', 'invalid_state');
  });

  it('第四十二条: waits for a reported disagreement to be coordinated', () => {
    const reported = [...assignedStream, consultationRequested, housingAgrees, financeDisagrees, disagreementReported];
    spec.given(reported).when({ type: 'submitOpinion', text: '建议' }).thenThrows('DISAGREEMENT_OPEN', 'invalid_state');
    const coordinated = documentEvent('document.coordinated', {
      position: 'vice-mayor-1',
      outcome: 'agreed',
      text: '同意分两年',
      origin: 'handling',
    });
    expect(spec.given([...reported, coordinated]).when({ type: 'submitOpinion', text: '建议' }).events()).toHaveLength(1);
  });

  it('第四十七条: an own-authority matter is 办结, not answered with an opinion', () => {
    spec.given(ownAuthorityStream).when({ type: 'submitOpinion', text: '意见' }).thenThrows('OPINION_NOT_EXPECTED', 'invalid_state');
  });

  it('第四十七条: only the lead unit submits the opinion', () => {
    spec.given(consulted).when({ type: 'submitOpinion', text: '意见' }, { actor: finance }).thenThrows('NOT_LEAD_UNIT', 'forbidden');
  });
});

describe('办结', () => {
  it('the lead unit completes an own-authority matter', () => {
    spec
      .given(ownAuthorityStream)
      .when({ type: 'complete', result: '已完成收储' })
      .then([documentEvent('document.completed', { unit: 'natural-resources', result: '已完成收储', onTime: true })]);
  });

  it('第四十七条: 办结 before 交办 is refused', () => {
    spec.given(instructedStream).when({ type: 'complete', result: '完成' }).thenThrows('NOT_ASSIGNED', 'invalid_state');
  });

  it('第四十七条: only the lead unit completes — not a co-unit, not the office', () => {
    spec.given(ownAuthorityStream).when({ type: 'complete', result: '完成' }, { actor: housing }).thenThrows('NOT_LEAD_UNIT', 'forbidden');
    spec.given(ownAuthorityStream).when({ type: 'complete', result: '完成' }, { actor: officeClerk }).thenThrows('NOT_LEAD_UNIT', 'forbidden');
  });

  it('第四十七条: a matter that needs the government’s approval ends with an opinion, not 办结', () => {
    spec.given(consulted).when({ type: 'complete', result: '完成' }).thenThrows('OPINION_EXPECTED', 'invalid_state');
  });

  it('an urgent matter may end either way', () => {
    const urgent = documentEvent('document.assigned', {
      ...assignedStream[assignedStream.length - 1]!.data,
      handlingClass: 'urgent',
      coUnits: [],
    } as never);
    expect(spec.given([...instructedStream, urgent]).when({ type: 'complete', result: '完成' }).events()).toHaveLength(1);
    expect(spec.given([...instructedStream, urgent]).when({ type: 'submitOpinion', text: '意见' }).events()).toHaveLength(1);
  });

  it('a result is required', () => {
    spec.given(ownAuthorityStream).when({ type: 'complete', result: '' }).thenThrows('RESULT_REQUIRED', 'invalid');
  });
});

describe('关闭 and 归档 (by the office)', () => {
  const completed = documentEvent('document.completed', { unit: 'natural-resources', result: '已完成', onTime: true });
  const closed = documentEvent('document.closed', { from: 'completed' });

  it('the office closes a completed matter, then archives it', () => {
    spec.given([...ownAuthorityStream, completed]).when({ type: 'close' }, { actor: officeClerk }).then([closed]);
    spec
      .given([...ownAuthorityStream, completed, closed])
      .when({ type: 'archive', archiveNo: 'WS·2026·Y·0101' }, { actor: officeClerk })
      .then([documentEvent('document.archived', { archiveNo: 'WS·2026·Y·0101' })]);
  });

  it('a returned document never resubmitted is closed with a reason', () => {
    const returned = documentEvent('document.returned', { by: 'office', attempt: 1, reasons: [{ article: '第四十二条', code: 'OFFICE_RETURN', message: '第四十二条: 不全' }] });
    spec
      .given([submitted, returned])
      .when({ type: 'close', reason: '报文单位撤回' }, { actor: officeClerk })
      .then([documentEvent('document.closed', { from: 'returned', reason: '报文单位撤回' })]);
    spec.given([submitted, returned]).when({ type: 'close' }, { actor: officeClerk }).thenThrows('CLOSE_REASON_REQUIRED', 'invalid');
  });

  it('a reviewed document that needs no 交办 (e.g. a 报告 for information) is closed with a reason', () => {
    const [event] = spec.given(intake).when({ type: 'close', reason: '阅知件,无需交办' }, { actor: officeClerk }).events();
    expect(event!.data).toEqual({ from: 'reviewed', reason: '阅知件,无需交办' });
  });

  it('第四十二条: only the office closes and archives', () => {
    spec.given([...ownAuthorityStream, completed]).when({ type: 'close' }, { actor: resources }).thenThrows('OFFICE_ONLY', 'forbidden');
    spec.given([...ownAuthorityStream, completed, closed]).when({ type: 'archive' }, { actor: viceMayor1 }).thenThrows('OFFICE_ONLY', 'forbidden');
  });
});
