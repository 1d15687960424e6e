import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { A, history, spec } from './fixtures';
import { GATE_STEPS, steps } from './normative-steps';

const signed = history(steps(...GATE_STEPS, 'submit', 'adopt', 'review', 'sign'));
const issue: IssuanceCommand = { type: 'issue', number: { code: '张政发', year: 2026, sequence: 21 } };
const issued = history([[issue, A.officeClerk, '2026-04-13T02:00:00Z']], signed);
const published = history([[{ type: 'publish', channel: '张家港市人民政府网站', url: 'https://www.zjg.gov.cn/zjg/c100000/2026-04/13/x.shtml' }, A.officeClerk, '2026-04-13T03:00:00Z']], issued);

describe('发文 from 签发 to 备案', () => {
  it('the 市长’s signature completes signing of a normative document', () => {
    expect(spec.fold(signed).status).toBe('signed');
  });

  it('印发 gives the 发文字号 and 成文日期 = the date of the last signature', () => {
    spec.given(signed).when(issue, A.officeClerk, '2026-04-13T02:00:00Z').then([
      {
        type: 'issuance.issued',
        data: { documentNumber: '张政发〔2026〕21号', code: '张政发', year: 2026, sequence: 21, dated: '2026-04-10', issuedOn: '2026-04-13' },
      },
    ]);
  });

  it('印发 again with the same number changes nothing (a retried issue)', () => {
    spec.given(issued).when(issue, A.officeClerk).then([]);
  });

  it('印发 refuses a number of another code or year', () => {
    spec.given(signed).when({ type: 'issue', number: { code: '张政办发', year: 2026, sequence: 3 } }, A.officeClerk).thenRefused({
      kind: 'invalid',
      code: 'DOCUMENT_NUMBER_MISMATCH',
    });
  });

  it('印发 is refused before signing is complete', () => {
    const unsigned = history(steps(...GATE_STEPS, 'submit', 'adopt', 'review'));
    spec.given(unsigned).when(issue, A.officeClerk).thenRefused({ kind: 'invalid_state', code: 'NOT_SIGNED' });
  });

  it('第二十四条: the issued document is published', () => {
    spec.given(issued).when({ type: 'publish', channel: '张家港市人民政府网站' }, A.officeClerk, '2026-04-13T03:00:00Z').then([
      { type: 'issuance.published', data: { publishedOn: '2026-04-13', channel: '张家港市人民政府网站' } },
    ]);
  });

  it('第二十四条: a normative document cannot be exempted from publication', () => {
    spec.given(issued).when({ type: 'exemptFromPublication', legalBasis: '《政府信息公开条例》第十四条', reason: '涉密' }, A.officeClerk).thenRefused({
      kind: 'refused',
      code: 'NORMATIVE_MUST_BE_PUBLISHED',
      article: '第二十四条',
    });
  });

  it('第二十七条: a 市政府 normative document is filed with the 人大常委会', () => {
    spec.given(published).when({ type: 'file', reference: '张人常备〔2026〕5号' }, A.officeClerk, '2026-04-20T02:00:00Z').then([
      { type: 'issuance.filed', data: { filedWith: 'standing_committee', filedOn: '2026-04-20', reference: '张人常备〔2026〕5号' } },
    ]);
  });

  it('第二十七条: filing is refused before publication', () => {
    spec.given(issued).when({ type: 'file', reference: 'x' }, A.officeClerk).thenRefused({ kind: 'invalid_state', code: 'NOT_PUBLISHED', article: '第二十七条' });
  });

  it('第二十七条: a non-normative document is not filed', () => {
    const decision = history([
      [{ type: 'draft', title: '关于表彰的决定', issuer: 'government', category: 'decision', draftingUnit: 'education' }, A.officeClerk],
      [{ type: 'review' }, A.officeDirector],
      [{ type: 'sign' }, A.mayor],
      [{ type: 'issue', number: { code: '张政发', year: 2026, sequence: 1 } }, A.officeClerk],
      [{ type: 'publish', channel: '网站' }, A.officeClerk],
    ]);
    spec.given(decision).when({ type: 'file', reference: 'x' }, A.officeClerk).thenRefused({ kind: 'invalid', code: 'NOT_NORMATIVE', article: '第二十七条' });
  });

  it('第二十四条: a non-normative document may be exempted with its legal basis', () => {
    const decision = history([
      [{ type: 'draft', title: '关于人事任免的通知', issuer: 'government', category: 'appointment', draftingUnit: 'education' }, A.officeClerk],
      [{ type: 'review' }, A.officeDirector],
      [{ type: 'sign' }, A.mayor],
      [{ type: 'issue', number: { code: '张政发', year: 2026, sequence: 2 } }, A.officeClerk],
    ]);
    spec.given(decision).when({ type: 'exemptFromPublication', legalBasis: '《政府信息公开条例》第十六条', reason: '内部人事管理信息' }, A.officeClerk).then(
      [{ type: 'issuance.publication_exempted' }],
      true,
    );
  });
});

describe('a department’s own normative document (第二十一、四十五条)', () => {
  const draft: IssuanceCommand = { type: 'draft', title: '张家港市校外培训机构管理办法', issuer: 'department', documentCode: '张教规', category: 'normative' };
  const prepared = history([
    [draft, A.eduClerk],
    [{ type: 'openPublicComment', opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '教育局网站' }, A.eduClerk],
    [{ type: 'closePublicComment', commentCount: 0, summary: '未收到意见' }, A.eduClerk, '2026-04-01T02:00:00Z'],
  ]);

  it('第四十五条: the department signs only after its own legality and integrity reviews (no 司法局 opinion needed)', () => {
    spec.given(prepared).when({ type: 'sign' }, A.eduClerk, '2026-04-02T02:00:00Z').thenRefused({
      kind: 'refused',
      code: 'LEGALITY_REVIEW_MISSING',
      article: '第四十五条',
    });
    const reviewed = history([
      [{ type: 'recordLegalityReview', lawful: true, opinion: '合法' }, A.eduClerk],
      [{ type: 'recordIntegrityReview', passed: true, opinion: '无廉洁风险' }, A.eduClerk],
    ], prepared);
    spec.given(reviewed).when({ type: 'sign' }, A.eduClerk, '2026-04-02T02:00:00Z').then([{ type: 'issuance.signed' }], true);
  });

  it('第二十一条: it is filed with the 市政府', () => {
    const events = history([
      [{ type: 'recordLegalityReview', lawful: true, opinion: '合法' }, A.eduClerk],
      [{ type: 'recordIntegrityReview', passed: true, opinion: '无廉洁风险' }, A.eduClerk],
      [{ type: 'sign' }, A.eduClerk, '2026-04-02T02:00:00Z'],
      [{ type: 'issue', number: { code: '张教规', year: 2026, sequence: 1 } }, A.eduClerk, '2026-04-03T02:00:00Z'],
      [{ type: 'publish', channel: '教育局网站' }, A.eduClerk, '2026-04-03T02:00:00Z'],
    ], prepared);
    expect(spec.fold(events).issued?.documentNumber).toBe('张教规〔2026〕1号');
    spec.given(events).when({ type: 'file', reference: '张政备〔2026〕7号' }, A.eduClerk, '2026-04-10T02:00:00Z').then([
      { type: 'issuance.filed', data: { filedWith: 'government', filedOn: '2026-04-10', reference: '张政备〔2026〕7号' } },
    ]);
  });

  it('第四十五条: a department document is not submitted to the 市政府’s collective deliberation', () => {
    spec.given(prepared).when({ type: 'submitForDeliberation', meeting: 'executive' }, A.eduClerk).thenRefused({
      kind: 'invalid',
      code: 'DEPARTMENT_NOT_DELIBERATED',
      article: '第三十五条',
    });
  });
});
