import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { A, history, spec } from './fixtures';

const given = spec.given([]);

describe('第四十六条: 精简公文', () => {
  it('第四十六条: a department’s request that the 市政府 批转 a document within its own authority is refused', () => {
    given.when(
      {
        type: 'draft',
        title: '市政府批转市住建局关于物业服务收费管理意见的通知',
        issuer: 'government',
        category: 'work',
        draftingUnit: 'housing-construction',
        forwarding: { kind: 'endorse', sourceUnit: 'housing-construction', withinSourceAuthority: true },
      },
      A.housingClerk,
    ).thenRefused({ kind: 'refused', code: 'FORWARDING_WITHIN_OWN_AUTHORITY', article: '第四十六条' });
  });

  it('第四十六条: a request that the office 转发 a document within the department’s own authority is refused', () => {
    given.when(
      {
        type: 'draft',
        title: '市政府办公室转发市教育局关于做好暑期安全工作意见的通知',
        issuer: 'office',
        category: 'work',
        draftingUnit: 'education',
        forwarding: { kind: 'forward', sourceUnit: 'education', withinSourceAuthority: true },
      },
      A.eduClerk,
    ).thenRefused({ kind: 'refused', code: 'FORWARDING_WITHIN_OWN_AUTHORITY', article: '第四十六条' });
  });

  it('第四十六条: 批转 of a matter beyond the department’s authority may be drafted', () => {
    given.when(
      {
        type: 'draft',
        title: '市政府批转市财政局等部门关于统筹使用财政资金意见的通知',
        issuer: 'government',
        category: 'work',
        draftingUnit: 'finance',
        forwarding: { kind: 'endorse', sourceUnit: 'finance', withinSourceAuthority: false },
      },
      A.financeClerk,
    ).then([{ type: 'issuance.drafted', data: { forwarding: { kind: 'endorse' }, portfolioLeaderId: 'executive-vice-mayor', signingRule: 'government_general' } }], true);
  });

  const toTowns: IssuanceCommand = {
    type: 'draft',
    title: '关于报送学校安全隐患排查情况的通知',
    issuer: 'department',
    documentCode: '张教发',
    category: 'work',
    recipients: ['tangqiao-town', 'jingang-street', 'housing-construction'],
  };

  it('第四十六条: a department’s formal document to towns and streets without approval is refused', () => {
    given.when(toTowns, A.eduClerk).thenRefused({ kind: 'refused', code: 'DEPARTMENT_TO_TOWNS_WITHOUT_APPROVAL', article: '第四十六条' });
  });

  it('第四十六条: with the 市政府’s approval the department may send it', () => {
    given.when({ ...toTowns, townStreetBasis: { basis: 'government_approval', reference: '市政府领导批示 2026-02-27' } }, A.eduClerk).then(
      [{ type: 'issuance.drafted', data: { townStreetBasis: { basis: 'government_approval' }, signingRule: 'department_own' } }],
      true,
    );
  });

  it('第四十六条: a department document to other departments needs no approval', () => {
    given.when({ ...toTowns, recipients: ['housing-construction'] }, A.eduClerk).then([{ type: 'issuance.drafted' }], true);
  });
});

describe('第二十条: agreements in the 市政府’s name', () => {
  const drafted = history([
    [{ type: 'draft', title: '张家港市人民政府与某大学战略合作协议', issuer: 'government', category: 'agreement', importance: 'important', draftingUnit: 'education' }, A.eduClerk],
    [{ type: 'review' }, A.officeDirector],
    [{ type: 'review' }, A.eduViceMayor],
  ]);

  it('第二十条: signing is refused before the 司法局 reviewed the agreement text', () => {
    spec.given(drafted).when({ type: 'sign' }, A.mayor).thenRefused({ kind: 'refused', code: 'AGREEMENT_LEGAL_REVIEW_MISSING', article: '第二十条' });
  });

  it('第二十条: signing is refused when the 司法局 found the text unlawful', () => {
    const events = history([[{ type: 'reviewAgreementText', lawful: false, opinion: '违约责任条款违反上位法' }, A.legalReviewer]], drafted);
    spec.given(events).when({ type: 'sign' }, A.mayor).thenRefused({ kind: 'refused', code: 'AGREEMENT_TEXT_UNLAWFUL', article: '第二十条' });
  });

  it('第二十条: after a lawful review the 市长 signs; an agreement gets no 发文字号', () => {
    const events = history([
      [{ type: 'reviewAgreementText', lawful: true, opinion: '协议文本合法' }, A.legalReviewer],
      [{ type: 'sign' }, A.mayor],
    ], drafted);
    expect(spec.fold(events).status).toBe('signed');
    spec.given(events).when({ type: 'issue', number: { code: '张政发', year: 2026, sequence: 1 } }, A.officeClerk).thenRefused({
      kind: 'invalid_state',
      code: 'AGREEMENT_NOT_ISSUED',
    });
  });

  it('第二十条: only the 市司法局 reviews the agreement text', () => {
    spec.given(drafted).when({ type: 'reviewAgreementText', lawful: true, opinion: '合法' }, A.officeDirector).thenRefused({
      kind: 'forbidden',
      code: 'NOT_LEGAL_REVIEWER',
      article: '第二十条',
    });
  });
});

describe('会签 (《党政机关公文处理工作条例》第十九条)', () => {
  const joint = history([
    [{ type: 'draft', title: '关于加强校园周边环境治理的通知', issuer: 'government', category: 'work', draftingUnit: 'education', jointIssuers: ['housing-construction', 'finance'] }, A.officeClerk],
  ]);
  const article = '《党政机关公文处理工作条例》第十九条';

  it('签发 is refused until every joint issuer has countersigned', () => {
    const one = history([[{ type: 'countersign' }, A.housingClerk]], joint);
    spec.given(one).when({ type: 'sign' }, A.eduViceMayor).thenRefused({ kind: 'invalid_state', code: 'COUNTERSIGN_MISSING', article });
    const both = history([[{ type: 'countersign' }, A.financeClerk]], one);
    spec.given(both).when({ type: 'sign' }, A.eduViceMayor).then([{ type: 'issuance.signed', data: { slots: ['portfolio_vice_mayor'] } }], true);
  });

  it('a unit that is not a joint issuer cannot countersign', () => {
    spec.given(joint).when({ type: 'countersign' }, A.eduClerk).thenRefused({ kind: 'forbidden', code: 'NOT_JOINT_ISSUER', article });
  });
});

describe('drafting', () => {
  it('records issuer, 机关代字, the 分管副市长 from the directory and the matrix row', () => {
    given.when({ type: 'draft', title: '关于做好2026年防汛工作的通知', issuer: 'government', category: 'work', draftingUnit: 'housing-construction' }, A.officeClerk).then([
      {
        type: 'issuance.drafted',
        data: {
          title: '关于做好2026年防汛工作的通知',
          issuer: { kind: 'government', unit: 'zjg-gov', code: '张政发' },
          draftingUnit: 'housing-construction',
          category: 'work',
          importance: 'general',
          jointIssuers: [],
          recipients: [],
          portfolioLeaderId: 'vice-mayor-1',
          signingRule: 'government_general',
          draftedOn: '2026-03-02',
        },
      },
    ]);
  });

  it('第四十三条: the office cannot issue a 命令', () => {
    given.when({ type: 'draft', title: '命令', issuer: 'office', category: 'order', draftingUnit: 'education' }, A.officeClerk).thenRefused({
      kind: 'invalid',
      code: 'CATEGORY_NOT_FOR_ISSUER',
      article: '第四十三条',
    });
  });

  it('第三十八条: minutes must say which meeting', () => {
    given.when({ type: 'draft', title: '会议纪要', issuer: 'government', category: 'minutes', draftingUnit: 'zjg-gov-office' }, A.officeClerk).thenRefused({
      kind: 'invalid',
      code: 'MEETING_REQUIRED',
      article: '第三十八条',
    });
  });

  it('a department cannot draft in another department’s name', () => {
    given.when({ type: 'draft', title: '通知', issuer: 'government', category: 'work', draftingUnit: 'education' }, A.housingClerk).thenRefused({
      kind: 'forbidden',
      code: 'DRAFT_FOR_OTHER_UNIT',
    });
  });

  it('the 督查室 and auditors do not draft', () => {
    given.when({ type: 'draft', title: '通知', issuer: 'government', category: 'work' }, A.auditor).thenRefused({ kind: 'forbidden', code: 'DRAFT_NOT_ALLOWED' });
  });
});

describe('机关代字 (《党政机关公文处理工作条例》第九条): a department numbers only under its own code', () => {
  const article = '《党政机关公文处理工作条例》第九条';
  const deptWork = (documentCode: string): IssuanceCommand => ({ type: 'draft', title: '工作通知', issuer: 'department', category: 'work', documentCode });

  it('the 市政府’s 张政发 and the office’s 张政办发 are refused to a department', () => {
    for (const code of ['张政发', '张政办发']) {
      given.when(deptWork(code), A.eduClerk).thenRefused({ kind: 'forbidden', code: 'DOCUMENT_CODE_NOT_OWN', article });
    }
  });

  it('another department’s registered code is refused', () => {
    given.when(deptWork('张教规'), A.financeClerk).thenRefused({ kind: 'forbidden', code: 'DOCUMENT_CODE_NOT_OWN', article });
  });

  it('a department with registered codes uses only those', () => {
    given.when(deptWork('张财发'), A.eduClerk).thenRefused({ kind: 'forbidden', code: 'DOCUMENT_CODE_NOT_OWN', article });
    given.when(deptWork('张教规'), A.eduClerk).then([{ type: 'issuance.drafted', data: { issuer: { kind: 'department', unit: 'education', code: '张教规' } } }], true);
  });

  it('a department without registered codes may use a code nobody holds', () => {
    given.when(deptWork('张财发'), A.financeClerk).then([{ type: 'issuance.drafted', data: { issuer: { unit: 'finance', code: '张财发' } } }], true);
  });
});
