import type { Role } from '../auth/roles';
import type { Relation } from './relations';

/** Who may issue a command: any of `roles` (held with its unit, see holdsRole) in relation `when`. */
export interface Grant {
  roles: readonly Role[];
  when: Relation;
}

/** A refusal; `{…}` placeholders are filled from the stream (see command-policy). */
export interface Refusal {
  code: string;
  message: string;
  article?: string;
}

export interface CommandRule {
  /** What the command does, in the words of the rules. */
  action: string;
  grants: readonly Grant[];
  /** Holds a granted role but not its relation (or, without refuseRole, no granted role). */
  refuse: Refusal;
  /** Holds none of the granted roles. */
  refuseRole?: Refusal;
  /**
   * Unit-bound commands answer "not your matter" before "not your role" (as the deciders
   * always did): a unit without the relation hears `refuse` whatever its role.
   */
  relationFirst?: true;
}

const OFFICE: readonly Role[] = ['office_clerk', 'office_director', 'office_deputy_director'];
const OFFICE_LEADERSHIP: readonly Role[] = ['office_director', 'office_deputy_director'];
const LEADERS: readonly Role[] = ['mayor', 'executive_vice_mayor', 'vice_mayor'];
const CLERK: readonly Role[] = ['unit_clerk'];

const A5 = '第五条';
const A20 = '第二十条';
const A24 = '第二十四条';
const A27 = '第二十七条';
const A32 = '第三十二条';
const A38 = '第三十八条';
const A42 = '第四十二条';
const A43 = '第四十三条';
const A45 = '第四十五条';
const A47 = '第四十七条';
const REG19 = '《党政机关公文处理工作条例》第十九条';

const officeOnly = (action: string): CommandRule => ({
  action,
  grants: [{ roles: OFFICE, when: 'any' }],
  refuse: { code: 'OFFICE_ONLY', message: '只有市政府办公室可以{action}', article: A42 },
});

const clerkOnly: Refusal = { code: 'UNIT_CLERK_ONLY', message: '只有{actorUnit}的经办人员可以{action}' };

/** 第四十七条: the lead unit does the handling, through its clerk. */
const leadUnit = (action: string): CommandRule => ({
  action,
  grants: [{ roles: CLERK, when: 'lead_unit' }],
  refuse: { code: 'NOT_LEAD_UNIT', message: '只有主办单位 {lead} 可以{action}', article: A47 },
  refuseRole: { ...clerkOnly, article: A47 },
  relationFirst: true,
});

const drafter = (action: string, article?: string): CommandRule => ({
  action,
  grants: [
    { roles: OFFICE, when: 'any' },
    { roles: CLERK, when: 'drafting_unit' },
  ],
  refuse: { code: 'NOT_DRAFTER', message: '只有起草单位或市政府办公室可以{action}', ...(article ? { article } : {}) },
});

const draftingUnitOnly = (action: string): CommandRule => ({
  action,
  grants: [{ roles: [...CLERK, ...OFFICE], when: 'drafting_unit' }],
  refuse: { code: 'NOT_DRAFTING_UNIT', message: '{action}由起草单位 {drafting} 承担', article: A45 },
});

const issuerOffice = (action: string, message: string, article?: string): CommandRule => ({
  action,
  grants: [
    { roles: OFFICE, when: 'city_level' },
    { roles: CLERK, when: 'issuer_unit' },
  ],
  refuse: { code: 'NOT_ISSUER_OFFICE', message, ...(article ? { article } : {}) },
});

const extensionApproval = (action: string): CommandRule => ({
  action,
  grants: [
    { roles: OFFICE_LEADERSHIP, when: 'any' },
    { roles: LEADERS, when: 'extension_leader' },
  ],
  refuse: { code: 'NOT_EXTENSION_APPROVER', message: '延期须由市政府办公室主任、副主任或分管市政府领导批准', article: A47 },
});

const proposalOffice = (action: string, message: string): CommandRule => ({
  action,
  grants: [{ roles: OFFICE, when: 'any' }],
  refuse: { code: 'NOT_OFFICE', message, article: A27 },
});

const proposalApprover = (action: string, message: string): CommandRule => ({
  action,
  grants: [{ roles: OFFICE_LEADERSHIP, when: 'any' }],
  refuse: { code: 'NOT_APPROVER', message, article: A27 },
});

const proposalLead = (action: string, message: string): CommandRule => ({
  action,
  grants: [{ roles: CLERK, when: 'lead_unit' }],
  refuse: { code: 'NOT_LEAD_UNIT', message, article: A27 },
});

/**
 * THE permission matrix: every command of every aggregate × role × relation to the stream,
 * derived from the seed — the office registers, reviews, routes and returns (第四十二条);
 * leaders instruct, coordinate and sign within their portfolio (第四十二—四十四条); the 市司法局
 * gives legality opinions (第二十、四十五条); the 督查室 urges (第三十二条); units act only on
 * matters they submitted or were assigned (第四十七条); auditors write nothing.
 *
 * It is enforced once, by the command path before the decider runs (command-policy.ts).
 * What stays in the deciders are domain invariants: the stage a command needs, the content
 * rules, deadlines, and which signing-matrix slot a signer fills (SIGNING_MATRIX).
 * docs/security.md prints this table; a test keeps the two identical.
 */
export const PERMISSION_MATRIX: Record<string, Record<string, CommandRule>> = {
  document: {
    submit: {
      action: '报文',
      grants: [
        { roles: OFFICE, when: 'any' },
        { roles: CLERK, when: 'own_unit' },
      ],
      refuse: { code: 'NOT_OWN_UNIT', message: '只能以本单位名义报文,不能代 {fromUnit} 报文', article: '第四十一条' },
      refuseRole: { ...clerkOnly, article: '第四十一条' },
      relationFirst: true,
    },
    resubmit: {
      action: '重新提交',
      grants: [
        { roles: OFFICE, when: 'any' },
        { roles: CLERK, when: 'submitting_unit' },
      ],
      refuse: { code: 'NOT_SUBMITTING_UNIT', message: '只有报文单位 {submitter} 可以重新提交', article: '第四十一条' },
      refuseRole: { ...clerkOnly, article: '第四十一条' },
      relationFirst: true,
    },
    return: officeOnly('退文'),
    register: officeOnly('签收登记'),
    review: officeOnly('初审拟办'),
    route: officeOnly('分工呈批'),
    instruct: {
      action: '批示',
      grants: [{ roles: LEADERS, when: 'routed_leader' }],
      refuse: { code: 'NOT_ROUTED_TO_LEADER', message: '该公文未呈 {position} 批示', article: A42 },
      refuseRole: { code: 'NOT_A_LEADER', message: '只有市政府领导可以批示', article: A42 },
    },
    assign: officeOnly('交办'),
    requestConsultation: leadUnit('发起会商'),
    giveConsultationOpinion: {
      action: '回复会商意见',
      grants: [{ roles: CLERK, when: 'consulted_unit' }],
      refuse: { code: 'NOT_CONSULTED', message: '主办单位未请 {actorUnit} 会商', article: A47 },
      refuseRole: { ...clerkOnly, article: A47 },
      relationFirst: true,
    },
    reportDisagreement: leadUnit('报告分歧'),
    coordinate: {
      action: '协调部门分歧',
      grants: [{ roles: LEADERS, when: 'portfolio_leader' }],
      refuse: { code: 'NOT_PORTFOLIO_LEADER', message: '部门分歧由 {lead} 的分管副市长协调', article: A42 },
    },
    explainProgress: leadUnit('说明办理情况'),
    requestExtension: leadUnit('申请延期'),
    approveExtension: extensionApproval('批准延期'),
    rejectExtension: extensionApproval('不予延期'),
    urge: {
      action: '催办',
      grants: [{ roles: ['supervisor', 'office_director'], when: 'any' }],
      refuse: { code: 'SUPERVISOR_ONLY', message: '只有市政府办公室督查室可以催办', article: A32 },
    },
    submitOpinion: leadUnit('提出意见'),
    complete: leadUnit('办结'),
    close: officeOnly('关闭'),
    archive: officeOnly('归档'),
    recalculateDeadline: officeOnly('重算办理时限'),
  },
  issuance: {
    draft: {
      action: '拟稿',
      grants: [
        { roles: OFFICE, when: 'any' },
        { roles: CLERK, when: 'own_drafting_unit' },
      ],
      refuse: { code: 'DRAFT_FOR_OTHER_UNIT', message: '只能以本单位名义起草, 代其他单位起草须由市政府办公室办理' },
      refuseRole: { code: 'DRAFT_NOT_ALLOWED', message: '只有起草单位或市政府办公室可以拟稿' },
    },
    reviseDraft: drafter('修改文稿'),
    openPublicComment: drafter('公布草案征求意见', A20),
    closePublicComment: drafter('结束征求意见', A20),
    recordLegalityReview: draftingUnitOnly('合法性审核'),
    recordIntegrityReview: draftingUnitOnly('廉洁性审核'),
    giveSupervisionOpinion: {
      action: '出具监督意见',
      grants: [{ roles: ['legal_reviewer'], when: 'any' }],
      refuse: { code: 'NOT_LEGAL_REVIEWER', message: '监督意见由市司法局出具', article: A45 },
    },
    reviewAgreementText: {
      action: '审核协议文本',
      grants: [{ roles: ['legal_reviewer'], when: 'any' }],
      refuse: { code: 'NOT_LEGAL_REVIEWER', message: '协议文本合法性审核由市司法局进行', article: A20 },
    },
    submitForDeliberation: drafter('提请集体审议', A45),
    recordDeliberation: {
      action: '记录审议结果',
      grants: [{ roles: OFFICE, when: 'any' }],
      refuse: { code: 'NOT_OFFICE', message: '会议组织工作由市政府办公室负责, 审议结果由其记录', article: A38 },
    },
    review: {
      action: '核稿',
      grants: [{ roles: [...OFFICE_LEADERSHIP, ...LEADERS], when: 'signing_slot' }],
      refuse: { code: 'REVIEWER_NOT_ALLOWED', message: '核稿由签发矩阵规定的审核人办理; {roles}无权审核', article: A43 },
    },
    countersign: {
      action: '会签',
      grants: [{ roles: CLERK, when: 'joint_issuer' }],
      refuse: { code: 'NOT_JOINT_ISSUER', message: '会签由联合发文机关办理, {actorUnit} 不是本文的联合发文机关', article: REG19 },
    },
    delegateSigning: {
      action: '委托签发',
      grants: [{ roles: ['mayor'], when: 'any' }],
      refuse: { code: 'ONLY_MAYOR_DELEGATES', message: '只有市长可以委托常务副市长代为签发', article: A5 },
    },
    revokeDelegation: {
      action: '撤销委托',
      grants: [{ roles: ['mayor'], when: 'any' }],
      refuse: { code: 'ONLY_MAYOR_DELEGATES', message: '只有市长可以撤销委托', article: A5 },
    },
    sign: {
      action: '签发',
      grants: [{ roles: [...LEADERS, ...OFFICE_LEADERSHIP, ...CLERK], when: 'signing_slot' }],
      refuse: { code: 'SIGNER_NOT_ALLOWED', message: '签发由签发矩阵规定的签发人办理; {roles}无权签发', article: A43 },
    },
    issue: issuerOffice('印发', '印发由发文机关的文秘部门办理'),
    publish: issuerOffice('公开', '公开由发文机关办理', A24),
    exemptFromPublication: issuerOffice('决定不予公开', '不予公开由发文机关决定', A24),
    file: {
      action: '备案',
      grants: [
        { roles: [...OFFICE, 'legal_reviewer'], when: 'city_level' },
        { roles: CLERK, when: 'issuer_unit' },
      ],
      refuse: { code: 'NOT_FILER', message: '市政府规范性文件由市政府办公室或市司法局报备; 部门规范性文件由制定部门报市政府备案', article: '第二十一、二十七条' },
    },
  },
  proposal: {
    register: proposalOffice('登记', '建议、提案由市政府办公室登记交办'),
    assign: proposalOffice('交办', '建议、提案由市政府办公室交办'),
    submitCoOpinion: {
      action: '提出协办意见',
      grants: [{ roles: CLERK, when: 'co_unit' }],
      refuse: { code: 'NOT_CO_UNIT', message: '{actorUnit} 不是本件的协办单位', article: A27 },
    },
    requestExtension: proposalLead('申请延期', '延期由主办单位申请'),
    approveExtension: proposalApprover('批准延期', '延期须经市政府办公室主任或副主任批准'),
    rejectExtension: proposalApprover('不予延期', '延期由市政府办公室主任或副主任审批'),
    answer: proposalLead('答复', '答复由主办单位办理'),
    recordSatisfaction: proposalOffice('记录满意度', '代表/委员的意见由市政府办公室记录'),
    publishResult: {
      action: '公开办理结果',
      grants: [
        { roles: OFFICE, when: 'any' },
        { roles: CLERK, when: 'lead_unit' },
      ],
      refuse: { code: 'NOT_PUBLISHER', message: '办理结果由主办单位或市政府办公室公开', article: A27 },
    },
    recalculateDeadlines: proposalOffice('重算办理时限', '建议、提案的办理时限由市政府办公室重算'),
  },
  audit: {
    seal: {
      action: '生成审计封印',
      grants: [{ roles: ['auditor', 'office_director'], when: 'any' }],
      refuse: { code: 'SEAL_NOT_ALLOWED', message: '只有审计人员或市政府办公室主任可以生成审计封印' },
    },
  },
};

export const AGGREGATE_LABELS: Record<string, string> = {
  document: '收文/交办 (document-*)',
  issuance: '发文 (issuance-*)',
  proposal: '建议/提案 (proposal-*)',
  audit: '审计 (audit-seals)',
};
