import type { Actor } from '../../src/domain/decider';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { A } from './fixtures';

type Step = [IssuanceCommand, Actor, string?];

/** A 市政府 行政规范性文件 drafted by 市教育局, step by step (2026 dates, Asia/Shanghai). */
export const NORMATIVE = {
  draft: [
    { type: 'draft', title: '张家港市义务教育阶段学校招生入学管理办法', issuer: 'government', category: 'normative', draftingUnit: 'education' },
    A.eduClerk,
    '2026-03-02T02:00:00Z',
  ],
  openComment: [
    { type: 'openPublicComment', opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '张家港市人民政府网站' },
    A.eduClerk,
    '2026-03-02T03:00:00Z',
  ],
  closeComment: [
    { type: 'closePublicComment', commentCount: 12, summary: '收到意见 12 条, 采纳 5 条' },
    A.eduClerk,
    '2026-04-01T02:00:00Z',
  ],
  legality: [{ type: 'recordLegalityReview', lawful: true, opinion: '制定主体、权限、程序合法, 内容未违反上位法' }, A.eduClerk, '2026-04-02T02:00:00Z'],
  integrity: [{ type: 'recordIntegrityReview', passed: true, opinion: '未发现廉洁风险' }, A.eduClerk, '2026-04-02T03:00:00Z'],
  supervision: [{ type: 'giveSupervisionOpinion', concurs: true, opinion: '同意起草单位的合法性审核意见' }, A.legalReviewer, '2026-04-03T02:00:00Z'],
  submit: [{ type: 'submitForDeliberation', meeting: 'executive' }, A.officeClerk, '2026-04-07T02:00:00Z'],
  adopt: [
    { type: 'recordDeliberation', session: '市政府第12次常务会议', heldOn: '2026-04-09', outcome: 'adopted', notes: '原则通过' },
    A.officeClerk,
    '2026-04-09T08:00:00Z',
  ],
  review: [{ type: 'review', opinion: '已核' }, A.officeDirector, '2026-04-10T01:00:00Z'],
  sign: [{ type: 'sign', opinion: '同意印发' }, A.mayor, '2026-04-10T06:00:00Z'],
} satisfies Record<string, Step>;

export type NormativeStep = keyof typeof NORMATIVE;

export const GATE_STEPS: NormativeStep[] = ['draft', 'openComment', 'closeComment', 'legality', 'integrity', 'supervision'];

export const steps = (...names: NormativeStep[]): Step[] => names.map((n) => NORMATIVE[n] as Step);
