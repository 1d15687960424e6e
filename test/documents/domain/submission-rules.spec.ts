import type { Submission } from '../../../events/document-events';
import { DomainError } from '../../../src/domain/domain-error';
import { checkSubmission, refuseIfClassified } from '../../../src/documents/domain/submission-rules';
import { directory } from './fixtures';

const request = (over: Partial<Submission> = {}): Submission => ({
  kind: 'request',
  title: '关于某事项的请示',
  fromUnit: 'education',
  mainTo: ['zjg-gov'],
  copyTo: [],
  requestItems: ['同意某事项'],
  major: false,
  ...over,
});
const codes = (s: Submission) => checkSubmission(s, directory).map((r) => `${r.article} ${r.code}`);

describe('automatic 报文规范 check (pure)', () => {
  it('a well-formed 请示 to the 市政府 passes', () => {
    expect(checkSubmission(request(), directory)).toEqual([]);
  });

  it('第四十一条: the 主送 must be the 市政府, not its office', () => {
    expect(checkSubmission(request({ mainTo: ['zjg-gov-office'] }), directory)).toEqual([
      {
        article: '第四十一条',
        code: 'MAIN_TO_NOT_GOVERNMENT',
        message: '第四十一条: 报送市政府的公文应主送张家港市人民政府;本件主送为 张家港市人民政府办公室',
      },
    ]);
  });

  it('第四十一条: a leader may not be addressed personally', () => {
    expect(codes(request({ mainTo: ['vice-mayor-2'] }))).toEqual(['第四十一条 MAIN_TO_NOT_GOVERNMENT', '第四十一条 ADDRESSED_TO_LEADER']);
  });

  it('第四十一条: 抄送 to a leader personally is personal addressing too', () => {
    const reasons = checkSubmission(request({ copyTo: ['mayor'] }), directory);
    expect(reasons.map((r) => r.code)).toEqual(['ADDRESSED_TO_LEADER']);
    expect(reasons[0]!.message).toContain('本件报送 市长');
  });

  it('第四十一条: a leader-assigned matter (领导交办) may go to that leader', () => {
    expect(checkSubmission(request({ mainTo: ['vice-mayor-2'], addressingException: 'leader_assigned' }), directory)).toEqual([]);
  });

  it('第四十一条: a confidential must-report matter is exempt from the personal-addressing rule (the platform then refuses it under 第四十七条)', () => {
    expect(checkSubmission(request({ mainTo: ['mayor'], addressingException: 'classified_direct_report' }), directory)).toEqual([]);
  });

  it('第四十一条: a 请示 with two 主送 organs is returned (多头报文)', () => {
    expect(codes(request({ mainTo: ['zjg-gov', 'suzhou-gov'] }))).toEqual(['第四十一条 MULTIPLE_MAIN_TO', '第四十一条 SKIP_LEVEL']);
  });

  it('第四十一条: a 请示 addressed past the city government to 苏州市人民政府 is 越级', () => {
    const reasons = checkSubmission(request({ fromUnit: 'yangshe-town', mainTo: ['suzhou-gov'] }), directory);
    expect(reasons.map((r) => r.code)).toEqual(['MAIN_TO_NOT_GOVERNMENT', 'SKIP_LEVEL']);
    expect(reasons[1]!.message).toBe('第四十一条: 请示性公文不得越级报文;本件越过市政府主送 苏州市人民政府');
  });

  it('第四十一条: a subordinate body must report through its competent department (越级)', () => {
    expect(checkSubmission(request({ fromUnit: 'real-estate-registration' }), directory)).toEqual([
      {
        article: '第四十一条',
        code: 'SKIP_LEVEL',
        message: '第四十一条: 请示性公文不得越级报文;市不动产登记中心 应通过主管部门 市自然资源和规划局 报送',
      },
    ]);
  });

  it('第四十一条: a 报告 carrying 请示事项 is returned', () => {
    expect(codes(request({ kind: 'report', requestItems: ['请求追加经费'] }))).toEqual(['第四十一条 REPORT_CARRIES_REQUEST']);
    expect(checkSubmission(request({ kind: 'report', requestItems: [] }), directory)).toEqual([]);
  });

  it('第四十一条: 多头 and 越级 are rules for 请示; a 函 to two organs is not checked for them', () => {
    expect(codes(request({ kind: 'letter', mainTo: ['zjg-gov', 'suzhou-gov'] }))).toEqual([]);
  });

  const position = (unit: string, reasons = '理由', basis = '依据') => ({ unit, reasons, basis });

  it('第四十一条: a 请示 with disagreement, heads consulted, both sides’ 理由/依据 and a proposal passes', () => {
    const disagreement = {
      headsConsulted: true,
      positions: [position('education'), position('finance')],
      proposal: '建议按教育局意见办理',
    };
    expect(checkSubmission(request({ disagreement }), directory)).toEqual([]);
  });

  it('第四十一条: a 请示 with disagreement lists every missing element at once', () => {
    const disagreement = { headsConsulted: false, positions: [position('education', '', '依据'), position('finance', '理由', ' ')] };
    expect(checkSubmission(request({ disagreement }), directory)).toEqual([
      {
        article: '第四十一条',
        code: 'DISAGREEMENT_HEADS_NOT_CONSULTED',
        message: '第四十一条: 部门间有分歧意见的,主办部门的主要负责人要主动协商',
      },
      { article: '第四十一条', code: 'DISAGREEMENT_REASONS_MISSING', message: '第四十一条: 应列出各方理由;缺少 市教育局 的理由' },
      { article: '第四十一条', code: 'DISAGREEMENT_BASIS_MISSING', message: '第四十一条: 应列出各方依据;缺少 市财政局 的依据' },
      { article: '第四十一条', code: 'DISAGREEMENT_PROPOSAL_MISSING', message: '第四十一条: 不能取得一致意见的,应提出办理建议' },
    ]);
  });

  it('第四十一条: a disagreement must show at least two sides', () => {
    const disagreement = { headsConsulted: true, positions: [position('education')], proposal: '建议' };
    expect(codes(request({ disagreement }))).toEqual(['第四十一条 DISAGREEMENT_SIDES_MISSING']);
  });

  it('第四十六条: asking the 市政府 to 批转 a matter within the unit’s own authority is returned', () => {
    expect(
      checkSubmission(request({ forwarding: { mode: 'government_approve_forward', withinOwnAuthority: true } }), directory),
    ).toEqual([
      {
        article: '第四十六条',
        code: 'FORWARDING_WITHIN_OWN_AUTHORITY',
        message: '第四十六条: 部门职权范围内的事务,由部门自行发文或联合发文,不得要求市政府批转',
      },
    ]);
  });

  it('第四十六条: asking the office to 转发 is returned too; a matter beyond the unit’s authority may be forwarded', () => {
    expect(codes(request({ forwarding: { mode: 'office_forward', withinOwnAuthority: true } }))).toEqual([
      '第四十六条 FORWARDING_WITHIN_OWN_AUTHORITY',
    ]);
    expect(codes(request({ forwarding: { mode: 'office_forward', withinOwnAuthority: false } }))).toEqual([]);
  });

  it('returns every violation of several articles together', () => {
    expect(
      codes(
        request({
          mainTo: ['zjg-gov', 'vice-mayor-1'],
          forwarding: { mode: 'office_forward', withinOwnAuthority: true },
        }),
      ),
    ).toEqual(['第四十一条 ADDRESSED_TO_LEADER', '第四十一条 MULTIPLE_MAIN_TO', '第四十六条 FORWARDING_WITHIN_OWN_AUTHORITY']);
  });
});

describe('第四十七条 refusal of classified content', () => {
  it.each(['sensitive', 'work_secret', 'secret', 'confidential', 'top_secret'] as const)(
    '第四十七条: %s content is refused outright (kind refused, not a 退文)',
    (classification) => {
      let error: unknown;
      try {
        refuseIfClassified(classification);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'refused', code: 'CLASSIFIED_NOT_ALLOWED', article: '第四十七条' });
    },
  );

  it('第四十七条: non-classified content passes', () => {
    expect(() => refuseIfClassified('none')).not.toThrow();
    expect(() => refuseIfClassified(undefined)).not.toThrow();
  });
});
