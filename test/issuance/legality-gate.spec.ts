import type { DomainError } from '../../src/domain/domain-error';
import { legalityGateBlockers } from '../../src/issuance/domain/legality-gate';
import { A, history, spec } from './fixtures';
import { GATE_STEPS, NORMATIVE, steps, type NormativeStep } from './normative-steps';

const submit = NORMATIVE.submit[0];
const at = NORMATIVE.submit[2];
const without = (...omit: NormativeStep[]) => history(steps(...GATE_STEPS.filter((s) => !omit.includes(s))));

describe('the legality gate before collective deliberation (第二十、四十五条)', () => {
  it('第四十五条: with public comment, a lawful review, the integrity review and the 司法局 opinion, deliberation may be requested', () => {
    spec.given(without()).when(submit, A.officeClerk, at).then([
      { type: 'issuance.submitted_for_deliberation', data: { meeting: 'executive', textVersion: 1 } },
    ]);
  });

  it.each([
    ['第二十条', 'the draft was never published for public comment', ['openComment', 'closeComment'], 'PUBLIC_COMMENT_MISSING'],
    ['第二十条', 'the comment period was not closed', ['closeComment'], 'PUBLIC_COMMENT_NOT_CLOSED'],
    ['第四十五条', 'the drafting unit gave no legality review', ['legality', 'supervision'], 'LEGALITY_REVIEW_MISSING'],
    ['第四十五条', 'there is no 廉洁性 review', ['integrity'], 'INTEGRITY_REVIEW_MISSING'],
    ['第四十五条', 'there is no 司法局 supervision opinion', ['supervision'], 'SUPERVISION_OPINION_MISSING'],
  ] as const)('%s: deliberation is refused when %s', (article, _why, omit, code) => {
    spec.given(without(...omit)).when(submit, A.officeClerk, at).thenRefused({ kind: 'refused', code, article });
  });

  it('第四十五条: deliberation is refused when the review finds the draft unlawful', () => {
    const events = history([
      ...steps('draft', 'openComment', 'closeComment'),
      [{ type: 'recordLegalityReview', lawful: false, opinion: '第八条设定的证明事项无上位法依据' }, A.eduClerk],
      ...steps('integrity', 'supervision'),
    ]);
    spec.given(events).when(submit, A.officeClerk, at).thenRefused({ kind: 'refused', code: 'LEGALITY_REVIEW_UNLAWFUL', article: '第四十五条' });
  });

  it('第四十五条: deliberation is refused when the 廉洁性 review fails', () => {
    const events = history([
      ...steps('draft', 'openComment', 'closeComment', 'legality'),
      [{ type: 'recordIntegrityReview', passed: false, opinion: '存在指定特定企业的条款' }, A.eduClerk],
      ...steps('supervision'),
    ]);
    spec.given(events).when(submit, A.officeClerk, at).thenRefused({ kind: 'refused', code: 'INTEGRITY_REVIEW_FAILED', article: '第四十五条' });
  });

  it('第四十五条: deliberation is refused when the 司法局 does not concur', () => {
    const events = history([
      ...steps('draft', 'openComment', 'closeComment', 'legality', 'integrity'),
      [{ type: 'giveSupervisionOpinion', concurs: false, opinion: '审核意见未说明上位法依据' }, A.legalReviewer],
    ]);
    spec.given(events).when(submit, A.officeClerk, at).thenRefused({ kind: 'refused', code: 'SUPERVISION_OPINION_OBJECTS', article: '第四十五条' });
  });

  it('第四十五条: the refusal lists every missing piece, not only the first', () => {
    const error = spec.given(without('openComment', 'closeComment', 'legality', 'integrity', 'supervision'))
      .when(submit, A.officeClerk, at)
      .thenRefused({ kind: 'refused', code: 'PUBLIC_COMMENT_MISSING', article: '第二十条' }) as DomainError;
    expect((error.details as { blockers: { code: string }[] }).blockers.map((b) => b.code)).toEqual([
      'PUBLIC_COMMENT_MISSING',
      'LEGALITY_REVIEW_MISSING',
      'INTEGRITY_REVIEW_MISSING',
      'SUPERVISION_OPINION_MISSING',
    ]);
  });

  it('第四十五条: revising the text makes the earlier reviews stale, so deliberation is refused again', () => {
    const events = history([[{ type: 'reviseDraft', summary: '根据征求意见修改第五条' }, A.eduClerk]], without());
    spec.given(events).when(submit, A.officeClerk, at).thenRefused({ kind: 'refused', code: 'LEGALITY_REVIEW_MISSING', article: '第四十五条' });
  });

  it('第四十五条: the 司法局 cannot give its opinion before the drafting unit’s review exists', () => {
    spec.given(history(steps('draft'))).when(NORMATIVE.supervision[0], A.legalReviewer).thenRefused({
      kind: 'invalid_state',
      code: 'LEGALITY_REVIEW_MISSING',
      article: '第四十五条',
    });
  });

  it('第四十五条: the legality review is given by the drafting unit, not another department', () => {
    spec.given(history(steps('draft'))).when(NORMATIVE.legality[0], A.housingClerk).thenRefused({
      kind: 'forbidden',
      code: 'NOT_DRAFTING_UNIT',
      article: '第四十五条',
    });
  });

  it('第四十五条: only the 市司法局 gives the supervision opinion', () => {
    spec.given(history(steps('draft', 'legality'))).when(NORMATIVE.supervision[0], A.officeDirector).thenRefused({
      kind: 'forbidden',
      code: 'NOT_LEGAL_REVIEWER',
      article: '第四十五条',
    });
  });

  it('第二十条: the comment period cannot be closed before it ends', () => {
    spec.given(history(steps('draft', 'openComment'))).when(NORMATIVE.closeComment[0], A.eduClerk, '2026-03-31T10:00:00Z').thenRefused({
      kind: 'invalid_state',
      code: 'PUBLIC_COMMENT_PERIOD_NOT_OVER',
      article: '第二十条',
    });
  });

  it('第三十五条: a normative document is not signed before the meeting adopts it', () => {
    const events = history(steps('review', 'submit'), without());
    spec.given(events).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).thenRefused({ kind: 'invalid_state', code: 'IN_DELIBERATION' });
    const rejected = history([
      [{ type: 'recordDeliberation', session: '市政府第12次常务会议', heldOn: '2026-04-09', outcome: 'rejected', notes: '退回修改' }, A.officeClerk, '2026-04-09T08:00:00Z'],
    ], events);
    spec.given(rejected).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).thenRefused({
      kind: 'refused',
      code: 'DELIBERATION_NOT_ADOPTED',
      article: '第三十五条',
    });
  });

  it('第三十五条: the deliberation records the meeting’s outcome', () => {
    const events = history(steps('submit'), without());
    spec.given(events).when(NORMATIVE.adopt[0], A.officeClerk, NORMATIVE.adopt[2]).then([
      {
        type: 'issuance.deliberation_recorded',
        data: { meeting: 'executive', session: '市政府第12次常务会议', heldOn: '2026-04-09', outcome: 'adopted', notes: '原则通过' },
      },
    ]);
  });
});

describe('修改后通过: the meeting’s amendments carry its deliberation to the amended text (第三十五、四十五条)', () => {
  const amendAt = '2026-04-10T01:00:00Z';
  const adoptedWithAmendments = history(
    [
      NORMATIVE.submit,
      [{ ...NORMATIVE.adopt[0], outcome: 'adopted_with_amendments', notes: '第五条划片规则修改后通过' }, A.officeClerk, NORMATIVE.adopt[2]],
    ],
    without(),
  );
  const implement = { type: 'reviseDraft', summary: '按常务会议意见修改第五条', implementsAmendments: true } as const;
  const amended = history([[implement, A.eduClerk, amendAt], NORMATIVE.review], adoptedWithAmendments);

  it('第三十五条: the revision records that it implements the meeting’s amendments, naming the meeting and the deliberated text', () => {
    spec.given(adoptedWithAmendments).when(implement, A.eduClerk, amendAt).then([
      {
        type: 'issuance.draft_revised',
        data: { textVersion: 2, title: '张家港市义务教育阶段学校招生入学管理办法', summary: '按常务会议意见修改第五条', implementsAmendments: { session: '市政府第12次常务会议', deliberatedTextVersion: 1 } },
      },
    ]);
  });

  it('第三十五条: after the amending revision (and 核稿 of the amended text) the 市长 signs', () => {
    spec.given(amended).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).then([{ type: 'issuance.signed', data: { slots: ['mayor'] } }], true);
  });

  it('第四十五条: the gate does not reopen: the reviews the meeting relied on apply to the amended text', () => {
    const state = spec.fold(amended);
    expect(state.textVersion).toBe(2);
    expect(legalityGateBlockers(state)).toEqual([]);
    expect(state.deliberation).toMatchObject({ textVersion: 2, amendedFrom: 1, outcome: 'adopted_with_amendments' });
    spec.given(amended).when(submit, A.officeClerk, NORMATIVE.sign[2]).thenRefused({ kind: 'invalid_state', code: 'ALREADY_ADOPTED' });
  });

  it('第三十五条: the text adopted 修改后通过 is not signed before the amendments are made', () => {
    const reviewed = history([NORMATIVE.review], adoptedWithAmendments);
    spec.given(reviewed).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).thenRefused({ kind: 'refused', code: 'AMENDMENTS_NOT_IMPLEMENTED', article: '第三十五条' });
  });

  it('第三十五条: a revision that does not say it implements the amendments is a new text the meeting has not seen', () => {
    const revised = history([[{ type: 'reviseDraft', summary: '另行修改' }, A.eduClerk, amendAt], NORMATIVE.review], adoptedWithAmendments);
    spec.given(revised).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).thenRefused({ kind: 'refused', code: 'DELIBERATION_NOT_ADOPTED', article: '第三十五条' });
  });

  it('第三十五条: a further revision after the amendments is not covered by the meeting', () => {
    const again = history([[{ type: 'reviseDraft', summary: '再改一处' }, A.eduClerk, amendAt], NORMATIVE.review], amended);
    spec.given(again).when(NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]).thenRefused({ kind: 'refused', code: 'DELIBERATION_NOT_ADOPTED', article: '第三十五条' });
    spec.given(amended).when(implement, A.eduClerk, amendAt).thenRefused({ kind: 'invalid_state', code: 'NO_AMENDMENTS_TO_IMPLEMENT', article: '第三十五条' });
  });

  it('第三十五条: there are no amendments to implement when the meeting adopted the text as it was', () => {
    const adopted = history(steps('submit', 'adopt'), without());
    spec.given(adopted).when(implement, A.eduClerk, amendAt).thenRefused({ kind: 'invalid_state', code: 'NO_AMENDMENTS_TO_IMPLEMENT', article: '第三十五条' });
  });
});
