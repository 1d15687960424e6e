import { documentEvent } from '../../../events/document-events';
import type { SubmissionCorrections, SubmitCommand } from '../../../src/documents/domain/document-commands';
import {
  VM1_TITLE,
  clerkOf,
  education,
  finance,
  instructed,
  instructedStream,
  intake,
  mayor,
  officeClerk,
  registered,
  resources,
  reviewed,
  routed,
  routedStream,
  spec,
  submission,
  submitted,
  supervisor,
  viceMayor1,
  viceMayor2,
} from './fixtures';

const submit = (over: Partial<SubmitCommand> = {}): SubmitCommand => ({
  type: 'submit',
  kind: 'request',
  title: '关于某地块土地收储的请示',
  fromUnit: 'natural-resources',
  mainTo: ['zjg-gov'],
  requestItems: ['同意收储某地块'],
  ...over,
});

describe('submit (报文) and the automatic check', () => {
  it('a well-formed 请示 is submitted and awaits 签收', () => {
    spec.given([]).when(submit()).then([submitted]);
  });

  it('第四十一条: a 请示 with two 主送 organs is submitted and returned at once, with the reason', () => {
    spec
      .given([])
      .when(submit({ mainTo: ['zjg-gov', 'jiangsu-gov'] }))
      .then([
        documentEvent('document.submitted', { ...submission, mainTo: ['zjg-gov', 'jiangsu-gov'] }),
        documentEvent('document.returned', {
          by: 'automatic',
          attempt: 1,
          reasons: [
            {
              article: '第四十一条',
              code: 'MULTIPLE_MAIN_TO',
              message: '第四十一条: 请示性公文原则上主送一个上级机关,不得多头报文;本件主送 2 个: 张家港市人民政府、江苏省人民政府',
            },
            { article: '第四十一条', code: 'SKIP_LEVEL', message: '第四十一条: 请示性公文不得越级报文;本件越过市政府主送 江苏省人民政府' },
          ],
        }),
      ]);
  });

  it('第四十一条: a 请示 addressed to a vice mayor personally is returned', () => {
    const [, returned] = spec.given([]).when(submit({ mainTo: ['vice-mayor-1'] })).events();
    expect(returned).toMatchObject({ type: 'document.returned', data: { by: 'automatic' } });
    expect(returned!.data).toMatchObject({
      reasons: [{ code: 'MAIN_TO_NOT_GOVERNMENT' }, { code: 'ADDRESSED_TO_LEADER', message: expect.stringContaining(VM1_TITLE) }],
    });
  });

  it('第四十一条: a leader-assigned matter addressed to that leader is accepted', () => {
    const events = spec.given([]).when(submit({ mainTo: ['vice-mayor-1'], addressingException: 'leader_assigned' })).events();
    expect(events.map((e) => e.type)).toEqual(['document.submitted']);
  });

  it('第四十一条: a 报告 carrying 请示事项 is returned', () => {
    const events = spec.given([]).when(submit({ kind: 'report', requestItems: ['请求追加经费'] })).events();
    expect(events[1]).toMatchObject({ data: { reasons: [{ article: '第四十一条', code: 'REPORT_CARRIES_REQUEST' }] } });
  });

  it('第四十一条: a 请示 with an incomplete disagreement is returned with every missing element', () => {
    const events = spec
      .given([])
      .when(
        submit({
          disagreement: { headsConsulted: false, positions: [{ unit: 'finance', reasons: '', basis: '' }] },
        }),
      )
      .events();
    expect((events[1]!.data as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual([
      'DISAGREEMENT_HEADS_NOT_CONSULTED',
      'DISAGREEMENT_SIDES_MISSING',
      'DISAGREEMENT_REASONS_MISSING',
      'DISAGREEMENT_BASIS_MISSING',
      'DISAGREEMENT_PROPOSAL_MISSING',
    ]);
  });

  it('第四十六条: a request to 批转 a matter within the unit’s own authority is returned', () => {
    const events = spec
      .given([])
      .when(submit({ forwarding: { mode: 'government_approve_forward', withinOwnAuthority: true } }))
      .events();
    expect(events[1]).toMatchObject({
      type: 'document.returned',
      data: { reasons: [{ article: '第四十六条', code: 'FORWARDING_WITHIN_OWN_AUTHORITY' }] },
    });
  });

  it('第四十七条: a work-secret document is refused outright (422), nothing is emitted and the title is not echoed', () => {
    const error = spec
      .given([])
      .when(submit({ title: '某绝密项目选址', classification: 'work_secret' }))
      .thenThrows('CLASSIFIED_NOT_ALLOWED', 'refused');
    expect(error.article).toBe('第四十七条');
    expect(error.message).not.toContain('某绝密项目选址');
    expect(JSON.stringify(error.details ?? null)).not.toContain('某绝密项目选址');
  });

  it('第四十七条: a 必须直报的涉密事项 may not go through the platform either', () => {
    spec
      .given([])
      .when(submit({ mainTo: ['mayor'], addressingException: 'classified_direct_report' }))
      .thenThrows('CLASSIFIED_NOT_ALLOWED', 'refused');
  });

  it('第四十七条: classification is checked before anything else, even for a unit that may not submit', () => {
    spec.given([]).when(submit({ classification: 'secret' }), { actor: education }).thenThrows('CLASSIFIED_NOT_ALLOWED', 'refused');
  });

  it('office staff may enter a paper submission on behalf of a unit', () => {
    spec.given([]).when(submit(), { actor: officeClerk }).then([submitted]);
  });

  it('a unit may not submit in another unit’s name', () => {
    spec.given([]).when(submit(), { actor: education }).thenThrows('NOT_OWN_UNIT', 'forbidden');
  });

  it('rejects unusable input with 400s: unknown addressee, unknown unit, empty title, no 主送, unknown kind', () => {
    spec.given([]).when(submit({ mainTo: ['somewhere'] })).thenThrows('UNKNOWN_ADDRESSEE', 'invalid');
    spec.given([]).when(submit({ fromUnit: 'nowhere' }), { actor: clerkOf('nowhere') }).thenThrows('UNKNOWN_UNIT', 'invalid');
    spec.given([]).when(submit({ fromUnit: 'zjg-gov-office' }), { actor: officeClerk }).thenThrows('NOT_A_WORKING_UNIT', 'invalid');
    spec.given([]).when(submit({ title: '  ' })).thenThrows('TITLE_REQUIRED', 'invalid');
    spec.given([]).when(submit({ mainTo: [] })).thenThrows('MAIN_TO_REQUIRED', 'invalid');
    spec.given([]).when(submit({ kind: 'memo' as never })).thenThrows('KIND_INVALID', 'invalid');
    spec.given([]).when(submit({ addressingException: 'friend' as never })).thenThrows('ADDRESSING_EXCEPTION_INVALID', 'invalid');
  });

  it('第四十七条: the declared classification itself is never stored', () => {
    const [event] = spec.given([]).when(submit({ classification: 'none' })).events();
    expect(Object.keys(event!.data)).not.toContain('classification');
  });

  it('第四十一条: a 请示 naming the 市政府 twice as 主送 has one 主送: stored once, not returned as 多头报文', () => {
    const events = spec.given([]).when(submit({ mainTo: ['zjg-gov', 'zjg-gov'], copyTo: ['finance', 'housing-construction', 'finance'] })).events();
    expect(events).toEqual([documentEvent('document.submitted', { ...submission, copyTo: ['finance', 'housing-construction'] })]);
  });

  it('stores trimmed text and leaves absent optional fields out', () => {
    const [event] = spec.given([]).when(submit({ title: ' 标题 ', documentNumber: ' 张自然资规〔2026〕3号 ', summary: '' })).events();
    expect(event!.data).toEqual({ ...submission, title: '标题', documentNumber: '张自然资规〔2026〕3号' });
  });
});

describe('退文 and 重新提交 on the same stream', () => {
  const autoReturned = spec.given([]).when(submit({ mainTo: ['zjg-gov', 'suzhou-gov'] })).events();

  it('第四十一条: a corrected 请示 is resubmitted on the same stream and passes', () => {
    spec
      .given(autoReturned)
      .when({ type: 'resubmit', corrections: { mainTo: ['zjg-gov'] } })
      .then([documentEvent('document.resubmitted', { ...submission, attempt: 2 })]);
  });

  it('a resubmission that still fails is returned again with attempt 2', () => {
    const events = spec
      .given(autoReturned)
      .when({ type: 'resubmit', corrections: { title: '关于某地块土地收储的请示(修改)' } })
      .events();
    expect(events.map((e) => [e.type, (e.data as { attempt: number }).attempt])).toEqual([
      ['document.resubmitted', 2],
      ['document.returned', 2],
    ]);
  });

  it('null in the corrections clears an optional field', () => {
    const withForwarding = spec
      .given([])
      .when(submit({ forwarding: { mode: 'office_forward', withinOwnAuthority: true } }))
      .events();
    spec
      .given(withForwarding)
      .when({ type: 'resubmit', corrections: { forwarding: null } })
      .then([documentEvent('document.resubmitted', { ...submission, attempt: 2 })]);
  });

  it('第四十七条: a resubmission marked classified is refused too', () => {
    spec
      .given(autoReturned)
      .when({ type: 'resubmit', corrections: { mainTo: ['zjg-gov'], classification: 'confidential' } })
      .thenThrows('CLASSIFIED_NOT_ALLOWED', 'refused');
  });

  it('only the submitting unit (or office staff) resubmits', () => {
    spec
      .given(autoReturned)
      .when({ type: 'resubmit', corrections: { mainTo: ['zjg-gov'] } }, { actor: finance })
      .thenThrows('NOT_SUBMITTING_UNIT', 'forbidden');
  });

  it('第四十一条: a resubmission that corrects nothing is refused (NO_CORRECTIONS), nothing is stored', () => {
    const error = spec.given(autoReturned).when({ type: 'resubmit', corrections: {} }).thenThrows('NO_CORRECTIONS', 'invalid');
    expect(error.article).toBe('第四十一条');
    expect(error.message).toMatch(/^第四十一条: /);
  });

  it('第四十一条: a resubmission that repeats the returned submission, field for field, is refused too', () => {
    const same: SubmissionCorrections = { kind: 'request', title: ` ${submission.title} `, mainTo: ['zjg-gov', 'suzhou-gov'], copyTo: null, major: false };
    spec.given(autoReturned).when({ type: 'resubmit', corrections: same }).thenThrows('NO_CORRECTIONS', 'invalid');
  });

  it('第四十一条: after an office 退文 too, the unchanged submission is refused, a changed one accepted', () => {
    const returnedByHand = [submitted, registered, documentEvent('document.returned', { by: 'office', attempt: 1, reasons: [{ article: '第四十二条', code: 'OFFICE_RETURN', message: '第四十二条: 请补充收储资金来源' }] })];
    spec.given(returnedByHand).when({ type: 'resubmit', corrections: { title: submission.title } }).thenThrows('NO_CORRECTIONS', 'invalid');
    const [event] = spec.given(returnedByHand).when({ type: 'resubmit', corrections: { summary: '收储资金由土地出让收入安排' } }).events();
    expect(event).toEqual(documentEvent('document.resubmitted', { ...submission, summary: '收储资金由土地出让收入安排', attempt: 2 }));
  });

  it('第四十二条: the office returns a registered document by hand, citing 第四十二条 unless told otherwise', () => {
    spec
      .given([submitted, registered])
      .when(
        {
          type: 'return',
          reasons: [{ message: '附件缺少地块红线图' }, { article: '第四十一条', code: 'NOT_ONE_MATTER', message: '请示应一文一事' }],
        },
        { actor: officeClerk },
      )
      .then([
        documentEvent('document.returned', {
          by: 'office',
          attempt: 1,
          reasons: [
            { article: '第四十二条', code: 'OFFICE_RETURN', message: '第四十二条: 附件缺少地块红线图' },
            { article: '第四十一条', code: 'NOT_ONE_MATTER', message: '第四十一条: 请示应一文一事' },
          ],
        }),
      ]);
  });

  it('第四十二条: only the office may 退文', () => {
    spec.given([submitted]).when({ type: 'return', reasons: [{ message: '不合规' }] }, { actor: finance }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('第四十二条: a 退文 needs at least one reason', () => {
    spec.given([submitted]).when({ type: 'return', reasons: [] }, { actor: officeClerk }).thenThrows('RETURN_REASONS_REQUIRED', 'invalid');
    spec
      .given([submitted])
      .when({ type: 'return', reasons: [{ message: ' ' }] }, { actor: officeClerk })
      .thenThrows('RETURN_REASONS_REQUIRED', 'invalid');
  });
});

describe('签收登记, 初审拟办 (第四十二条: only the office)', () => {
  it('the office registers a submitted document', () => {
    spec.given([submitted]).when({ type: 'register', registrationNo: ' 收文〔2026〕101号 ' }, { actor: officeClerk }).then([registered]);
  });

  it('第四十二条: a department may not register', () => {
    spec.given([submitted]).when({ type: 'register' }, { actor: resources }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('a leader is not office staff either', () => {
    spec.given([submitted]).when({ type: 'register' }, { actor: viceMayor1 }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('the 督查室 is part of the office but may not register (no office clerk role)', () => {
    spec.given([submitted]).when({ type: 'register' }, { actor: supervisor }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('第四十二条: the office reviews with a clear opinion and a proposed lead unit', () => {
    spec
      .given([submitted, registered])
      .when(
        {
          type: 'review',
          opinion: '拟请市自然资源和规划局牵头,会市住建局、市财政局办理',
          proposedCoUnits: ['housing-construction', 'finance'],
          proposedHandlingClass: 'lead_with_consultation',
        },
        { actor: officeClerk },
      )
      .then([reviewed]);
  });

  it('第四十二条: only the office reviews', () => {
    spec.given([submitted, registered]).when({ type: 'review', opinion: '同意' }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('review input is checked: opinion, known units, lead unit not repeated, handling class', () => {
    const given = spec.given([submitted, registered]);
    given.when({ type: 'review', opinion: '' }, { actor: officeClerk }).thenThrows('OPINION_REQUIRED', 'invalid');
    given.when({ type: 'review', opinion: '拟办', proposedLeadUnit: 'x' }, { actor: officeClerk }).thenThrows('UNKNOWN_UNIT', 'invalid');
    given
      .when({ type: 'review', opinion: '拟办', proposedCoUnits: ['natural-resources'] }, { actor: officeClerk })
      .thenThrows('LEAD_UNIT_REPEATED', 'invalid');
    given
      .when({ type: 'review', opinion: '拟办', proposedHandlingClass: 'someday' as never }, { actor: officeClerk })
      .thenThrows('HANDLING_CLASS_UNKNOWN', 'invalid');
  });

  it('第四十二条: the office may judge a matter major', () => {
    const [event] = spec.given([submitted, registered]).when({ type: 'review', opinion: '重大事项', major: true }, { actor: officeClerk }).events();
    expect(event!.data).toMatchObject({ major: true, proposedLeadUnit: 'natural-resources', proposedCoUnits: [] });
  });
});

describe('分工呈批 (第四十二条)', () => {
  it('第四十二条: routes to the 分管副市长 of the lead unit', () => {
    spec.given(intake).when({ type: 'route' }, { actor: officeClerk }).then([routed]);
  });

  it('第四十二条: a major matter also goes to the 市长', () => {
    const majorReview = documentEvent('document.reviewed', { ...reviewed.data, major: true });
    spec
      .given([submitted, registered, majorReview])
      .when({ type: 'route' }, { actor: officeClerk })
      .then([
        documentEvent('document.routed', {
          leadUnit: 'natural-resources',
          to: [
            { position: 'vice-mayor-1', title: VM1_TITLE, reasons: ['portfolio'] },
            { position: 'mayor', title: '市长', reasons: ['major'] },
          ],
        }),
      ]);
  });

  it('第四十二条: a major matter of a unit the 市长 oversees goes to the 市长 once, for both reasons', () => {
    const auditSubmitted = documentEvent('document.submitted', { ...submission, fromUnit: 'audit' });
    const auditReview = documentEvent('document.reviewed', { ...reviewed.data, proposedLeadUnit: 'audit', major: true });
    spec
      .given([auditSubmitted, registered, auditReview])
      .when({ type: 'route' }, { actor: officeClerk })
      .then([documentEvent('document.routed', { leadUnit: 'audit', to: [{ position: 'mayor', title: '市长', reasons: ['portfolio', 'major'] }] })]);
  });

  it('第四十二条: a 请示 with a disagreement goes to the 分管副市长 for coordination', () => {
    const withDisagreement = documentEvent('document.submitted', {
      ...submission,
      disagreement: {
        headsConsulted: true,
        positions: [
          { unit: 'natural-resources', reasons: '理由甲', basis: '依据甲' },
          { unit: 'finance', reasons: '理由乙', basis: '依据乙' },
        ],
        proposal: '建议分期收储',
      },
    });
    const [event] = spec.given([withDisagreement, registered, reviewed]).when({ type: 'route' }, { actor: officeClerk }).events();
    expect(event!.data).toEqual({
      leadUnit: 'natural-resources',
      to: [{ position: 'vice-mayor-1', title: VM1_TITLE, reasons: ['portfolio', 'coordination'] }],
    });
  });

  it('第四十二条: the route follows the proposed lead unit, and the office may add leaders', () => {
    const eduReview = documentEvent('document.reviewed', { ...reviewed.data, proposedLeadUnit: 'education', proposedCoUnits: [] });
    const [event] = spec
      .given([submitted, registered, eduReview])
      .when({ type: 'route', alsoTo: ['vice-mayor-1', 'vice-mayor-2'] }, { actor: officeClerk })
      .events();
    expect(event!.data).toMatchObject({
      leadUnit: 'education',
      to: [
        { position: 'vice-mayor-2', reasons: ['portfolio'] },
        { position: 'vice-mayor-1', reasons: ['added_by_office'] },
      ],
    });
  });

  it('第四十二条: only the office routes', () => {
    spec.given(intake).when({ type: 'route' }, { actor: viceMayor1 }).thenThrows('OFFICE_ONLY', 'forbidden');
  });

  it('an unknown leader cannot be added to the route', () => {
    spec.given(intake).when({ type: 'route', alsoTo: ['vice-mayor-9'] }, { actor: officeClerk }).thenThrows('UNKNOWN_LEADER', 'invalid');
  });
});

describe('批示', () => {
  it('the routed 分管副市长 instructs', () => {
    spec.given(routedStream).when({ type: 'instruct', text: '请自然资源和规划局牵头研究办理' }, { actor: viceMayor1 }).then([instructed]);
  });

  it('第四十二条: a vice mayor the document was not routed to may not instruct', () => {
    spec.given(routedStream).when({ type: 'instruct', text: '同意' }, { actor: viceMayor2 }).thenThrows('NOT_ROUTED_TO_LEADER', 'forbidden');
  });

  it('the 市长 may instruct on any routed document (市长负责制, 第五条)', () => {
    spec
      .given(routedStream)
      .when({ type: 'instruct', text: '同意' }, { actor: mayor })
      .then([documentEvent('document.instructed', { position: 'mayor', text: '同意' })]);
  });

  it('第四十二条: only a leader instructs, and only with the role the directory gives the position', () => {
    spec.given(routedStream).when({ type: 'instruct', text: '同意' }, { actor: officeClerk }).thenThrows('NOT_A_LEADER', 'forbidden');
    const impostor = { ...resources, leaderId: 'vice-mayor-1' };
    spec.given(routedStream).when({ type: 'instruct', text: '同意' }, { actor: impostor }).thenThrows('NOT_A_LEADER', 'forbidden');
  });

  it('a leader may add a further 批示', () => {
    spec
      .given(instructedStream)
      .when({ type: 'instruct', text: '请抓紧' }, { actor: viceMayor1 })
      .then([documentEvent('document.instructed', { position: 'vice-mayor-1', text: '请抓紧' })]);
  });

  it('a 批示 needs text', () => {
    spec.given(routedStream).when({ type: 'instruct', text: ' ' }, { actor: viceMayor1 }).thenThrows('TEXT_REQUIRED', 'invalid');
  });
});
