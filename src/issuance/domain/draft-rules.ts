import type { Actor } from '../../domain/decider';
import type { IssuanceDraftedData } from '../../../events/issuance-events';
import { isDocumentCode } from '../numbering/document-number';
import { ART, forbidden, invalid, refused, requireOneOf, requireText } from './issuance-errors';
import type { DraftIssuance } from './issuance-commands';
import { DEFAULT_DOCUMENT_CODES, namesOf, type DocumentCodes, type IssuanceDirectory } from './issuance-directory';
import {
  CATEGORY_LABELS,
  SENSITIVE_SUBJECTS,
  type IssuanceCategory,
  type IssuerKind,
  type MeetingInfo,
  type MeetingType,
} from './issuance-types';
import { signingRule, signingRuleFor } from './signing-matrix';

const ISSUERS: IssuerKind[] = ['government', 'office', 'department'];
const CATEGORIES: IssuanceCategory[] = ['normative', 'decision', 'order', 'motion', 'appointment', 'upward', 'work', 'minutes', 'agreement'];
const MEETINGS: MeetingType[] = ['plenary', 'executive', 'mayor_office', 'topical'];
const CHAIR_ROLES = ['mayor', 'executive_vice_mayor', 'vice_mayor', 'office_director', 'office_deputy_director'] as const;

/** Which categories each issuer may use: 决定、命令、议案、任免、上行文、协议 are the 市政府's (第四十三、二十条). */
const ALLOWED: Record<IssuerKind, IssuanceCategory[]> = {
  government: CATEGORIES,
  office: ['normative', 'work', 'minutes'],
  department: ['normative', 'work'],
};

export const OFFICE_ROLES = ['office_clerk', 'office_director', 'office_deputy_director'];
export const isOfficeStaff = (actor: Actor) => actor.roles.some((r) => OFFICE_ROLES.includes(r));

/** Validates a draft and turns it into the event data; 第四十六条 refusals happen here. */
export function draftedData(
  command: DraftIssuance,
  actor: Actor,
  directory: IssuanceDirectory,
  codes: DocumentCodes = DEFAULT_DOCUMENT_CODES,
  today: string,
): IssuanceDraftedData {
  const isClerk = actor.roles.includes('unit_clerk');
  if (!isClerk && !isOfficeStaff(actor)) throw forbidden('DRAFT_NOT_ALLOWED', '只有起草单位或市政府办公室可以拟稿');
  const title = requireText(command.title, 'title', '文件标题', 200);
  const kind = requireOneOf(command.issuer, ISSUERS, 'issuer', '发文机关');
  const category = requireOneOf(command.category, CATEGORIES, 'category', '文种类别');
  const importance = requireOneOf(command.importance ?? 'general', ['general', 'important'] as const, 'importance', '重要程度');
  if (!ALLOWED[kind].includes(category)) {
    throw invalid('CATEGORY_NOT_FOR_ISSUER', `${issuerLabel(kind)}不能以${CATEGORY_LABELS[category]}发文`, ART.fortyThree);
  }

  const draftingUnit = command.draftingUnit ?? actor.unit;
  if (!directory.hasUnit(draftingUnit)) throw invalid('UNIT_UNKNOWN', `起草单位 ${draftingUnit} 不在组织目录中`);
  if (draftingUnit !== actor.unit && !isOfficeStaff(actor)) {
    throw forbidden('DRAFT_FOR_OTHER_UNIT', '只能以本单位名义起草, 代其他单位起草须由市政府办公室办理');
  }

  let issuer: IssuanceDraftedData['issuer'];
  if (kind === 'department') {
    if (!isClerk || actor.unit !== draftingUnit) throw forbidden('DEPARTMENT_DRAFT_OWN_ONLY', '部门文件只能由本部门起草');
    if (!isDocumentCode(command.documentCode)) {
      throw invalid('DOCUMENT_CODE_REQUIRED', '部门发文须给出本部门机关代字 (documentCode), 如「张教规」');
    }
    issuer = { kind, unit: draftingUnit, code: ownDocumentCode(command.documentCode, draftingUnit, directory, codes) };
  } else {
    issuer = { kind, unit: kind === 'government' ? directory.organCode : directory.officeCode, code: codes[kind] };
  }

  const jointIssuers = uniqueUnits(command.jointIssuers, 'jointIssuers', '联合发文机关', directory);
  if (jointIssuers.includes(issuer.unit)) throw invalid('JOINT_ISSUER_IS_ISSUER', '联合发文机关不能包含主发文机关本身');
  const recipients = uniqueUnits(command.recipients, 'recipients', '主送/抄送单位', directory);

  const meeting = category === 'minutes' ? meetingInfo(command.meeting) : undefined;
  if (category !== 'minutes' && command.meeting) throw invalid('MEETING_ONLY_FOR_MINUTES', '只有会议纪要需要会议信息');

  // 第四十六条: 部门职权范围内的事务, 不得要求市政府批转或市政府办公室转发.
  const forwarding = command.forwarding;
  if (forwarding) {
    const forwardKind = requireOneOf(forwarding.kind, ['endorse', 'forward'] as const, 'forwarding', '批转/转发');
    if ((forwardKind === 'endorse' && kind !== 'government') || (forwardKind === 'forward' && kind !== 'office')) {
      throw invalid('FORWARDING_ISSUER_MISMATCH', '批转由市政府、转发由市政府办公室发文', ART.fortySix);
    }
    if (!directory.hasUnit(forwarding.sourceUnit)) throw invalid('UNIT_UNKNOWN', `来文部门 ${forwarding.sourceUnit} 不在组织目录中`);
    if (forwarding.withinSourceAuthority !== false) {
      throw refused({
        article: ART.fortySix,
        code: 'FORWARDING_WITHIN_OWN_AUTHORITY',
        message: `第四十六条: 部门职权范围内的事务, 由部门自行发文或联合发文, 不得要求市政府${forwardKind === 'endorse' ? '批转' : '办公室转发'}`,
      });
    }
  }

  // 第四十六条: 除法律法规规定或经市政府批准, 各部门不得向区镇、街道正式行文.
  let townStreetBasis = command.townStreetBasis;
  if (kind === 'department') {
    const towns = recipients.filter((u) => directory.isTownOrStreet(u));
    if (towns.length > 0) {
      const basis = townStreetBasis?.basis;
      const reference = typeof townStreetBasis?.reference === 'string' ? townStreetBasis.reference.trim() : '';
      if ((basis !== 'law' && basis !== 'government_approval') || reference === '') {
        throw refused({
          article: ART.fortySix,
          code: 'DEPARTMENT_TO_TOWNS_WITHOUT_APPROVAL',
          message: `第四十六条: 除法律法规规定或经市政府批准, 各部门不得向区镇、街道正式行文 (${namesOf(directory, towns)})`,
        });
      }
      townStreetBasis = { basis, reference };
    } else townStreetBasis = undefined;
  } else if (townStreetBasis) throw invalid('TOWN_BASIS_ONLY_FOR_DEPARTMENTS', '只有部门发文需要向区镇、街道行文的依据');

  const rule = signingRuleFor({ issuer: kind, category, importance, meeting });
  const portfolioLeaderId = directory.portfolioLeaderOf(draftingUnit);
  const needsPortfolio = [...signingRule(rule).reviews, ...signingRule(rule).signers].some(
    (s) => s === 'portfolio_vice_mayor' || s === 'leader_consent',
  );
  if (needsPortfolio && !portfolioLeaderId) {
    throw invalid('PORTFOLIO_LEADER_UNKNOWN', `组织目录中没有分管 ${directory.nameOf(draftingUnit)} 的市政府领导, 无法确定审核、签发人`, signingRule(rule).article);
  }

  return {
    title,
    issuer,
    draftingUnit,
    category,
    importance,
    ...(meeting ? { meeting } : {}),
    jointIssuers,
    recipients,
    ...(forwarding ? { forwarding: { kind: forwarding.kind, sourceUnit: forwarding.sourceUnit, withinSourceAuthority: false } } : {}),
    ...(townStreetBasis ? { townStreetBasis } : {}),
    ...(portfolioLeaderId ? { portfolioLeaderId } : {}),
    signingRule: rule,
    draftedOn: today,
  };
}

/**
 * 发文字号 numbers under the issuer's own 机关代字 (《党政机关公文处理工作条例》第九条): the
 * 市政府's and its office's codes are theirs alone, a code the directory registers to a unit is
 * that unit's, and a department with registered codes uses only those. A code the directory
 * does not know is accepted for a department that has none registered.
 */
function ownDocumentCode(code: string, unit: string, directory: IssuanceDirectory, codes: DocumentCodes): string {
  const owner =
    code === codes.government ? directory.organCode : code === codes.office ? directory.officeCode : directory.documentCodeOwnerOf(code);
  const own = directory.documentCodesOf(unit);
  if ((owner !== undefined && owner !== unit) || (owner === undefined && own.length > 0)) {
    const mine = own.length > 0 ? `; ${directory.nameOf(unit)}的机关代字为 ${own.map((c) => `「${c}」`).join('、')}` : '';
    const whose = owner !== undefined ? `属于${directory.nameOf(owner)}` : `不是${directory.nameOf(unit)}的机关代字`;
    throw forbidden('DOCUMENT_CODE_NOT_OWN', `机关代字「${code}」${whose}, 只能以本机关代字编发文字号${mine}`, ART.regulation9);
  }
  return code;
}

function meetingInfo(raw: MeetingInfo | undefined): MeetingInfo {
  if (!raw) throw invalid('MEETING_REQUIRED', '会议纪要须注明会议类型', ART.thirtyEight);
  const type = requireOneOf(raw.type, MEETINGS, 'meetingType', '会议类型');
  const subjects = raw.sensitiveSubjects ?? [];
  if (!Array.isArray(subjects)) throw invalid('SENSITIVE_SUBJECTS_INVALID', '敏感事项应为列表');
  for (const s of subjects) requireOneOf(s, SENSITIVE_SUBJECTS, 'sensitiveSubjects', '专题会议纪要涉及事项');
  const info: MeetingInfo = { type, sensitiveSubjects: [...new Set(subjects)] };
  if (raw.session !== undefined) info.session = requireText(raw.session, 'session', '会议届次', 100);
  if (type !== 'topical') return info;

  // 第三十八条: 专题会议纪要 by the attending 办公室副主任, signed by whoever chaired.
  if (!raw.chair) throw invalid('MEETING_CHAIR_REQUIRED', '专题会议纪要须注明主持会议的领导', ART.thirtyEight);
  const role = requireOneOf(raw.chair.role, CHAIR_ROLES, 'chairRole', '主持人职务');
  info.chair = raw.chair.leaderId ? { role, leaderId: raw.chair.leaderId } : { role };
  if (raw.onBehalfOfLeaderId) {
    if (role !== 'office_deputy_director') {
      throw invalid('ON_BEHALF_ONLY_FOR_DEPUTY', '只有受副市长委托主持的办公室副主任需要注明委托人', ART.thirtyEight);
    }
    info.onBehalfOfLeaderId = raw.onBehalfOfLeaderId;
  } else if (role === 'office_deputy_director') {
    throw invalid('DEPUTY_CHAIR_NEEDS_DELEGATOR', '办公室副主任主持的专题会议须注明委托的副市长', ART.thirtyEight);
  }
  info.attendingDeputyDirector = requireText(raw.attendingDeputyDirector, 'attendingDeputyDirector', '参加会议的办公室副主任', 100);
  return info;
}

function uniqueUnits(value: unknown, field: string, zh: string, directory: IssuanceDirectory): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((u) => typeof u !== 'string' || u === '')) {
    throw invalid(`${field.toUpperCase()}_INVALID`, `${zh}应为单位编号列表`);
  }
  const units = [...new Set(value as string[])];
  const unknown = units.filter((u) => !directory.hasUnit(u));
  if (unknown.length > 0) throw invalid('UNIT_UNKNOWN', `${zh}中的 ${unknown.join('、')} 不在组织目录中`);
  return units;
}

const issuerLabel = (kind: IssuerKind) => ({ government: '市政府', office: '市政府办公室', department: '部门' })[kind];
