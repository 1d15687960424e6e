import { ROLES } from '../../src/auth/roles';
import type { Actor } from '../../src/domain/decider';
import type { DraftIssuance, IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import {
  SIGNING_MATRIX,
  signingRuleFor,
  type ReviewSlot,
  type SignerSlot,
  type SigningRuleId,
} from '../../src/issuance/domain/signing-matrix';
import { A, history, spec, type ActorName } from './fixtures';

/**
 * The table, written out by hand: the code's SIGNING_MATRIX must say exactly this,
 * and the tests below are generated from it.
 */
const TABLE: Record<SigningRuleId, { article: string; reviews: ReviewSlot[]; signers: SignerSlot[]; anySigner?: true }> = {
  major_instruments: { article: '第四十三条', reviews: ['office_director'], signers: ['mayor'] },
  important_upward: { article: '第四十三条', reviews: ['office_director', 'portfolio_vice_mayor'], signers: ['mayor'] },
  upward: { article: '第四十四条', reviews: [], signers: ['mayor'] },
  government_general: { article: '第四十四条', reviews: [], signers: ['portfolio_vice_mayor', 'mayor'], anySigner: true },
  government_important: { article: '第四十四条', reviews: ['office_director', 'portfolio_vice_mayor'], signers: ['mayor'] },
  office_general: { article: '第四十四条', reviews: [], signers: ['office_director'] },
  office_important: { article: '第四十四条', reviews: ['leader_consent'], signers: ['office_director'] },
  major_meeting_minutes: { article: '第三十八条', reviews: ['office_director'], signers: ['mayor'] },
  topical_minutes: { article: '第三十八条', reviews: ['attending_deputy_director'], signers: ['meeting_chair'] },
  topical_minutes_sensitive: { article: '第三十八条', reviews: ['attending_deputy_director'], signers: ['meeting_chair', 'mayor'] },
  department_own: { article: '第四十六条', reviews: [], signers: ['issuing_department'] },
};

/** Who fills each slot for a document drafted for 市教育局 (分管: vice-mayor-2) or chaired by vice-mayor-1. */
const REVIEWERS: Record<ReviewSlot, ActorName[]> = {
  office_director: ['officeDirector'],
  portfolio_vice_mayor: ['eduViceMayor'],
  leader_consent: ['mayor', 'eduViceMayor'],
  attending_deputy_director: ['attendingDeputy'],
};
const SIGNERS: Record<SignerSlot, ActorName[]> = {
  mayor: ['mayor'],
  portfolio_vice_mayor: ['eduViceMayor'],
  office_director: ['officeDirector'],
  meeting_chair: ['housingViceMayor'],
  issuing_department: ['eduClerk'],
};

const topical = (sensitive: boolean): DraftIssuance['meeting'] => ({
  type: 'topical',
  session: '教育布局专题会议',
  chair: { role: 'vice_mayor', leaderId: 'vice-mayor-1' },
  attendingDeputyDirector: 'dd-1',
  sensitiveSubjects: sensitive ? ['funding', 'major_project'] : [],
});
const base = { title: '关于推进义务教育优质均衡发展的通知', draftingUnit: 'education' } as const;
const DRAFTS: Record<SigningRuleId, DraftIssuance> = {
  major_instruments: { type: 'draft', ...base, issuer: 'government', category: 'decision' },
  important_upward: { type: 'draft', ...base, issuer: 'government', category: 'upward', importance: 'important' },
  upward: { type: 'draft', ...base, issuer: 'government', category: 'upward' },
  government_general: { type: 'draft', ...base, issuer: 'government', category: 'work' },
  government_important: { type: 'draft', ...base, issuer: 'government', category: 'work', importance: 'important' },
  office_general: { type: 'draft', ...base, issuer: 'office', category: 'work' },
  office_important: { type: 'draft', ...base, issuer: 'office', category: 'work', importance: 'important' },
  major_meeting_minutes: {
    type: 'draft',
    ...base,
    issuer: 'government',
    category: 'minutes',
    meeting: { type: 'executive', session: '第6次常务会议', sensitiveSubjects: [] },
  },
  topical_minutes: { type: 'draft', ...base, issuer: 'government', category: 'minutes', meeting: topical(false) },
  topical_minutes_sensitive: { type: 'draft', ...base, issuer: 'government', category: 'minutes', meeting: topical(true) },
  department_own: { type: 'draft', ...base, issuer: 'department', documentCode: '张教发', category: 'work' },
};

const allActors = Object.keys(A) as ActorName[];
const drafted = (row: SigningRuleId) => history([[DRAFTS[row], row === 'department_own' ? A.eduClerk : A.officeClerk]]);
const reviewed = (row: SigningRuleId) =>
  history(
    TABLE[row].reviews.map((slot): [IssuanceCommand, Actor] => [{ type: 'review', opinion: '同意' }, A[REVIEWERS[slot][0]!]]),
    drafted(row),
  );

describe('signing matrix (第四十三、四十四、三十八条)', () => {
  it('the table in code is the issue’s table', () => {
    for (const [id, row] of Object.entries(TABLE)) {
      expect(SIGNING_MATRIX[id as SigningRuleId]).toMatchObject(row);
    }
    expect(Object.keys(SIGNING_MATRIX).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it.each([
    ['normative', 'major_instruments'],
    ['decision', 'major_instruments'],
    ['order', 'major_instruments'],
    ['motion', 'major_instruments'],
    ['appointment', 'major_instruments'],
  ] as const)('第四十三条: a 市政府 %s falls under the row %s', (category, row) => {
    expect(signingRuleFor({ issuer: 'government', category, importance: 'general' })).toBe(row);
  });

  it('every role the token may carry is covered by the generated cases', () => {
    const covered = new Set(allActors.flatMap((n) => A[n].roles));
    expect([...covered].sort()).toEqual([...ROLES].sort());
  });

  describe.each(Object.keys(TABLE) as SigningRuleId[])('row %s', (row) => {
    const { article, signers, reviews } = TABLE[row];
    const allowedSigners = new Set(signers.flatMap((s) => SIGNERS[s]));
    const allowedReviewers = new Set(reviews.flatMap((s) => REVIEWERS[s]));

    it.each([...allowedSigners])(`${article}: %s may 签发`, (name) => {
      const events = spec.given(reviewed(row)).when({ type: 'sign' }, A[name]).events();
      expect(events).toMatchObject([{ type: 'issuance.signed', data: { signedOn: '2026-03-02', signer: { id: A[name].id } } }]);
    });

    it.each(allActors.filter((n) => !allowedSigners.has(n)))(`${article}: %s is refused 签发`, (name) => {
      spec.given(reviewed(row)).when({ type: 'sign' }, A[name]).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article });
    });

    if (reviews.length > 0) {
      it(`${article}: 签发 is refused before the 审核 the row requires`, () => {
        const signer = A[SIGNERS[signers[0]!][0]!];
        spec.given(drafted(row)).when({ type: 'sign' }, signer).thenRefused({ kind: 'invalid_state', code: 'REVIEW_MISSING', article });
      });
      it.each([...allowedReviewers])(`${article}: %s may 审核`, (name) => {
        spec.given(drafted(row)).when({ type: 'review' }, A[name]).then([{ type: 'issuance.reviewed' }], true);
      });
    }

    it.each(allActors.filter((n) => !allowedReviewers.has(n)))(`${article}: %s is refused 审核`, (name) => {
      spec.given(drafted(row)).when({ type: 'review' }, A[name]).thenRefused({ kind: 'forbidden', code: 'REVIEWER_NOT_ALLOWED', article });
    });
  });

  it('第三十八条: sensitive topical minutes are signed only when both the chair and the 市长 have signed', () => {
    const afterChair = history([[{ type: 'sign' }, A.housingViceMayor, '2026-03-02T02:00:00Z']], reviewed('topical_minutes_sensitive'));
    expect(spec.fold(afterChair).status).toBe('drafting');
    const afterMayor = history([[{ type: 'sign' }, A.mayor, '2026-03-04T02:00:00Z']], afterChair);
    expect(spec.fold(afterMayor).status).toBe('signed');
    spec.given(afterChair).when({ type: 'sign' }, A.housingViceMayor).thenRefused({ kind: 'invalid_state', code: 'ALREADY_SIGNED_BY_YOU' });
  });

  it('第三十八条: minutes of a topical meeting a deputy director chaired for a vice mayor go to that vice mayor', () => {
    const draft: DraftIssuance = {
      ...DRAFTS.topical_minutes,
      meeting: { ...topical(false)!, chair: { role: 'office_deputy_director', leaderId: 'dd-1' }, onBehalfOfLeaderId: 'vice-mayor-2' },
    };
    const events = history([[draft, A.officeClerk], [{ type: 'review' }, A.attendingDeputy]]);
    spec.given(events).when({ type: 'sign' }, A.eduViceMayor).then([{ type: 'issuance.signed', data: { slots: ['meeting_chair'] } }], true);
    spec.given(events).when({ type: 'sign' }, A.attendingDeputy).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第三十八条' });
  });

  it('第四十四条: a unit in the 市长’s own portfolio (审计局): the 市长 signs its general work as 分管 leader', () => {
    const events = history([[{ type: 'draft', title: '关于开展2026年审计整改回头看的通知', issuer: 'government', category: 'work', draftingUnit: 'audit' }, A.officeClerk]]);
    spec.given(events).when({ type: 'sign' }, A.mayor).then([{ type: 'issuance.signed', data: { slots: ['portfolio_vice_mayor', 'mayor'] } }], true);
    spec.given(events).when({ type: 'sign' }, A.eduViceMayor).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第四十四条' });
  });

  it('第四十四条: 一般工作「可以」由分管副市长签发 — either the 分管副市长 or the 市长 signs, and one signature completes 签发', () => {
    const drafted = history([[DRAFTS.government_general, A.officeClerk]]);
    for (const signer of [A.eduViceMayor, A.mayor]) {
      const signed = history([[{ type: 'sign' }, signer]], drafted);
      spec.given(signed).when({ type: 'sign' }, signer === A.mayor ? A.eduViceMayor : A.mayor).thenRefused({ kind: 'invalid_state', code: 'ALREADY_SIGNED' });
    }
  });

  it('第四十四条: a vice mayor who is not the 分管副市长 is told so, and who is', () => {
    const drafted = history([[DRAFTS.government_general, A.officeClerk]]);
    const error = spec.given(drafted).when({ type: 'sign' }, A.housingViceMayor).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第四十四条' });
    expect(error.message).toBe('第四十四条: 以市政府名义发文, 一般工作由分管副市长 或 市长签发; 非分管副市长无权签发 (市教育局由vice-mayor-2分管)');
  });
});
