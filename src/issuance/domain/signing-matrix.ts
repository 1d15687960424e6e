import type { Importance, IssuanceCategory, IssuerKind, MeetingInfo } from './issuance-types';

/** Who must 审核 (核稿) before signing. */
export type ReviewSlot =
  | 'office_director' // 市政府办公室主任审核
  | 'portfolio_vice_mayor' // 分管副市长审核
  | 'leader_consent' // 报经市长或分管副市长同意 (办公室重要文件, 第四十四条)
  | 'attending_deputy_director'; // 参加会议的办公室副主任审核 (专题会议纪要, 第三十八条)

/** Who signs (签发); every listed signer must sign, unless the row says any one of them may. */
export type SignerSlot =
  | 'mayor' // 市长, or the 副市长 he delegated to (第五条)
  | 'portfolio_vice_mayor' // 分管副市长
  | 'office_director' // 市政府办公室主任
  | 'meeting_chair' // 主持会议的领导 (第三十八条)
  | 'issuing_department'; // the department itself, for its own documents

export interface SigningRule {
  id: string;
  /** What the row covers, as in the table. */
  what: string;
  article: string;
  reviews: ReviewSlot[];
  signers: SignerSlot[];
  /** One signature from any listed signer completes 签发 (instead of all of them). */
  anySigner?: true;
}

/**
 * THE signing matrix (第四十三、四十四、三十八条). Every check of who may 审核 or 签发 reads
 * this table and nothing else; `signingRuleFor` only picks the row.
 */
export const SIGNING_MATRIX = {
  major_instruments: {
    id: 'major_instruments',
    what: '行政规范性文件、决定、命令、议案、人事任免',
    article: '第四十三条',
    reviews: ['office_director'],
    signers: ['mayor'],
  },
  important_upward: {
    id: 'important_upward',
    what: '报请苏州市政府或市委决定的重要工作报告、计划、请示',
    article: '第四十三条',
    reviews: ['office_director', 'portfolio_vice_mayor'],
    signers: ['mayor'],
  },
  upward: { id: 'upward', what: '上行文', article: '第四十四条', reviews: [], signers: ['mayor'] },
  government_general: {
    id: 'government_general',
    what: '以市政府名义发文, 一般工作',
    article: '第四十四条',
    reviews: [],
    // 第四十四条: 一般工作「可以」由分管副市长签发 — a permission; under 市长负责制 (第五条) the 市长 may sign too.
    signers: ['portfolio_vice_mayor', 'mayor'],
    anySigner: true,
  },
  government_important: {
    id: 'government_important',
    what: '以市政府名义发文, 重要工作',
    article: '第四十四条',
    reviews: ['office_director', 'portfolio_vice_mayor'],
    signers: ['mayor'],
  },
  office_general: {
    id: 'office_general',
    what: '以市政府办公室名义发文, 一般文件',
    article: '第四十四条',
    reviews: [],
    signers: ['office_director'],
  },
  office_important: {
    id: 'office_important',
    what: '以市政府办公室名义发文, 重要文件',
    article: '第四十四条',
    reviews: ['leader_consent'],
    signers: ['office_director'],
  },
  major_meeting_minutes: {
    id: 'major_meeting_minutes',
    what: '市政府全体会议、常务会议、市长办公会议纪要',
    article: '第三十八条',
    reviews: ['office_director'],
    signers: ['mayor'],
  },
  topical_minutes: {
    id: 'topical_minutes',
    what: '市政府专题会议纪要',
    article: '第三十八条',
    reviews: ['attending_deputy_director'],
    signers: ['meeting_chair'],
  },
  topical_minutes_sensitive: {
    id: 'topical_minutes_sensitive',
    what: '涉及机构设置、人员编制、资金安排、政策调整、审计事项、重大项目的专题会议纪要',
    article: '第三十八条',
    reviews: ['attending_deputy_director'],
    signers: ['meeting_chair', 'mayor'],
  },
  department_own: {
    id: 'department_own',
    what: '部门自行发文 (部门职权范围内, 第四十六条)',
    article: '第四十六条',
    reviews: [],
    signers: ['issuing_department'],
  },
} as const satisfies Record<string, SigningRule>;

export type SigningRuleId = keyof typeof SIGNING_MATRIX;

export const signingRule = (id: string): SigningRule => {
  const rule = (SIGNING_MATRIX as Record<string, SigningRule>)[id];
  if (!rule) throw new Error(`unknown signing rule ${id}`);
  return rule;
};

export interface RuleInput {
  issuer: IssuerKind;
  category: IssuanceCategory;
  importance: Importance;
  meeting?: Pick<MeetingInfo, 'type' | 'sensitiveSubjects'>;
}

/**
 * Picks the row. Combinations the rules do not allow (e.g. an office 命令) are rejected by
 * the draft validation before this is called; here they fall to the nearest row.
 */
export function signingRuleFor(input: RuleInput): SigningRuleId {
  const { issuer, category, importance, meeting } = input;
  if (issuer === 'department') return 'department_own';
  if (category === 'minutes') {
    if (meeting?.type !== 'topical') return 'major_meeting_minutes';
    return meeting.sensitiveSubjects.length > 0 ? 'topical_minutes_sensitive' : 'topical_minutes';
  }
  if (issuer === 'office') return importance === 'important' || category === 'normative' ? 'office_important' : 'office_general';
  switch (category) {
    case 'normative':
    case 'decision':
    case 'order':
    case 'motion':
    case 'appointment':
      return 'major_instruments';
    case 'upward':
      return importance === 'important' ? 'important_upward' : 'upward';
    default:
      return importance === 'important' ? 'government_important' : 'government_general';
  }
}

/** Whether the signatures given so far complete the row's 签发. */
export const signingComplete = (rule: SigningRule, signedSlots: readonly SignerSlot[]): boolean =>
  rule.anySigner ? rule.signers.some((s) => signedSlots.includes(s)) : rule.signers.every((s) => signedSlots.includes(s));

/** The signers still awaited: the unsigned ones, or for an any-one row its first (usual) signer until someone signs. */
export const awaitedSigners = (rule: SigningRule, signedSlots: readonly SignerSlot[]): SignerSlot[] =>
  signingComplete(rule, signedSlots) ? [] : rule.anySigner ? rule.signers.slice(0, 1) : rule.signers.filter((s) => !signedSlots.includes(s));

/** The row's signers as a message names them: 「A 和 B」 when all sign, 「A 或 B」 when any one does. */
export const signersText = (rule: SigningRule): string => rule.signers.map((s) => SIGNER_LABELS[s]).join(rule.anySigner ? ' 或 ' : ' 和 ');

export const REVIEW_LABELS: Record<ReviewSlot, string> = {
  office_director: '市政府办公室主任审核',
  portfolio_vice_mayor: '分管副市长审核',
  leader_consent: '市长或分管副市长同意',
  attending_deputy_director: '参加会议的市政府办公室副主任审核',
};

export const SIGNER_LABELS: Record<SignerSlot, string> = {
  mayor: '市长',
  portfolio_vice_mayor: '分管副市长',
  office_director: '市政府办公室主任',
  meeting_chair: '主持会议的领导',
  issuing_department: '发文部门负责人',
};
