import { deserializeIssuanceEvent } from '../../events/issuance-upcast';
import { describeEntry } from '../../src/queries/history/describe-entry';
import { directory as realDirectory } from '../projections/support/world';
import { A, history, NOW, spec } from './fixtures';
import { NORMATIVE, steps } from './normative-steps';

/**
 * 第二十条: 拟订和制订行政规范性文件要向社会公布草案, 征求意见. A draft entered after its
 * comment period took place (2026-01-05 to 2026-02-04; entered 2026-03-02) records that period
 * as it was, and can then reach 集体审议.
 */
const drafted = history(steps('draft'));
const ended = { type: 'openPublicComment', opensOn: '2026-01-05', closesOn: '2026-02-04', channel: '张家港市人民政府网站' } as const;
const close = NORMATIVE.closeComment[0];

describe('第二十条: a comment period may be recorded planned, running or over', () => {
  it('第二十条: a period that ended before the draft was entered is recorded, marked as recorded after its close', () => {
    spec.given(drafted).when(ended, A.eduClerk).then([
      { type: 'issuance.public_comment_opened', data: { opensOn: '2026-01-05', closesOn: '2026-02-04', channel: '张家港市人民政府网站', recordedAfterClose: true } },
    ]);
  });

  it.each([
    ['planned', '2026-03-10', '2026-04-09'],
    ['running', '2026-02-20', '2026-03-20'],
    ['on its last day', '2026-02-01', '2026-03-02'],
  ])('第二十条: a period %s is recorded as not after its close', (_when, opensOn, closesOn) => {
    spec.given(drafted).when({ ...ended, opensOn, closesOn }, A.eduClerk).then([{ type: 'issuance.public_comment_opened', data: { recordedAfterClose: false } }], true);
  });

  it('第二十条: the ended period is closed right after it is recorded', () => {
    const recorded = history([[ended, A.eduClerk]], drafted);
    spec.given(recorded).when(close, A.eduClerk, NOW).then([
      { type: 'issuance.public_comment_closed', data: { closedOn: '2026-03-02', commentCount: 12, summary: '收到意见 12 条, 采纳 5 条' } },
    ]);
  });

  it('第二十条: with the ended period recorded and closed, and the 第四十五条 reviews given, the draft reaches deliberation', () => {
    const events = history([[ended, A.eduClerk], [close, A.eduClerk], ...steps('legality', 'integrity', 'supervision')], drafted);
    spec.given(events).when(NORMATIVE.submit[0], A.officeClerk, NORMATIVE.submit[2]).then([
      { type: 'issuance.submitted_for_deliberation', data: { meeting: 'executive', textVersion: 1 } },
    ]);
  });

  it('第二十条: an impossible period, ending before it starts, is still refused', () => {
    spec.given(drafted).when({ ...ended, opensOn: '2026-02-04', closesOn: '2026-01-05' }, A.eduClerk).thenRefused({
      kind: 'invalid',
      code: 'PUBLIC_COMMENT_PERIOD_INVALID',
    });
  });
});

describe('第二十条: the record after the close is auditable', () => {
  it('第二十条: a comment record stored before v2 reads as made in time (v1 refused a period already over)', () => {
    const v1 = { opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '张家港市人民政府网站' };
    expect(deserializeIssuanceEvent('issuance.public_comment_opened', 1, v1).data).toEqual({ ...v1, recordedAfterClose: false });
    const v2 = { ...v1, recordedAfterClose: true };
    expect(deserializeIssuanceEvent('issuance.public_comment_opened', 2, v2).data).toEqual(v2);
  });

  it('第二十条: the history says the period was recorded after it ended', () => {
    const data = { opensOn: '2026-01-05', closesOn: '2026-02-04', channel: '张家港市人民政府网站' };
    expect(describeEntry('issuance.public_comment_opened', '公开征求意见', { ...data, recordedAfterClose: true }, realDirectory)).toBe(
      '草案在张家港市人民政府网站公布征求意见,2026-01-05 至 2026-02-04(征求意见期结束后补录)',
    );
    expect(describeEntry('issuance.public_comment_opened', '公开征求意见', { ...data, recordedAfterClose: false }, realDirectory)).toBe(
      '草案在张家港市人民政府网站公布征求意见,2026-01-05 至 2026-02-04',
    );
  });
});
