import type { IssuanceEventType } from '../../../events/issuance-events';
import { CATEGORY_LABELS, MEETING_LABELS, SENSITIVE_SUBJECT_LABELS } from '../../issuance/domain/issuance-types';
import { REVIEW_LABELS, SIGNER_LABELS, SIGNING_MATRIX, signersText, type SigningRule } from '../../issuance/domain/signing-matrix';
import { shanghaiTime } from '../export/table-export';
import { colon, labelOf, list, roleLabel, str, type Data, type Describers, type Names } from './describe-parts';

const IMPORTANCE: Record<string, string> = { general: '一般', important: '重要' };
const FORWARDING: Record<string, string> = { endorse: '市政府批转', forward: '市政府办公室转发' };
const TOWN_BASIS: Record<string, string> = { law: '法律法规规定', government_approval: '经市政府批准' };
const OUTCOMES: Record<string, string> = { adopted: '通过', adopted_with_amendments: '修改后通过', rejected: '不通过', deferred: '暂缓' };
/** 第二十七条: 市政府 files with the 人大常委会; 第二十一条: a department with the 市政府. */
const FILED_WITH: Record<string, string> = { standing_committee: '市人大常委会备案(第二十七条)', government: '市政府备案(第二十一条)' };

const version = (v: unknown) => (v === undefined ? '' : `(第 ${str(v)} 稿)`);
const verdict = (v: unknown, yes: string, no: string) => (v === true ? yes : v === false ? no : '');
const then = (v: unknown) => (str(v) ? `;${str(v)}` : '');
const sub = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const labels = (table: Readonly<Record<string, string>>, v: unknown) => list(v).map((x) => labelOf(table, x)).join('、');

/** The row of the signing matrix fixed at 拟稿: what it covers, who reviews, who signs. */
function signingText(id: unknown): string {
  const rule = (SIGNING_MATRIX as Record<string, SigningRule>)[str(id)];
  if (!rule) return str(id);
  const reviews = rule.reviews.map((s) => REVIEW_LABELS[s]).join('、');
  const article = rule.what.includes(rule.article) ? '' : `(${rule.article})`;
  return `签发规则:${rule.what}${article},${reviews ? `经${reviews}后` : ''}由${signersText(rule)}签发`;
}

/** A revision that makes a 修改后通过 meeting's changes says which meeting and which text (第三十五条). */
const amendmentsText = (a: Data) =>
  a.session === undefined ? '' : `(落实${str(a.session)}对第 ${str(a.deliberatedTextVersion)} 稿修改后通过的修改意见)`;

function meetingText(m: Data, n: Names): string {
  const chair = sub(m.chair);
  const chairedBy = n.leader(chair.leaderId) || roleLabel(chair.role);
  const onBehalf = n.leader(m.onBehalfOfLeaderId);
  return [
    `${labelOf(MEETING_LABELS, m.type)}${m.session ? ` ${str(m.session)}` : ''}`,
    chairedBy ? `${chairedBy}主持${onBehalf ? `(受${onBehalf}委托)` : ''}` : '',
    list(m.sensitiveSubjects).length ? `涉及${labels(SENSITIVE_SUBJECT_LABELS, m.sensitiveSubjects)}` : '',
  ]
    .filter(Boolean)
    .join(',');
}

function drafted(d: Data, n: Names): string {
  const issuer = sub(d.issuer);
  const forwarding = sub(d.forwarding);
  const basis = sub(d.townStreetBasis);
  const portfolio = n.leader(d.portfolioLeaderId);
  return [
    `${n.name(d.draftingUnit)}拟稿《${str(d.title)}》`,
    `以${n.name(issuer.unit)}名义发文${issuer.code ? `(${str(issuer.code)})` : ''}`,
    `${labelOf(CATEGORY_LABELS, d.category)}(${labelOf(IMPORTANCE, d.importance)})`,
    d.meeting ? meetingText(sub(d.meeting), n) : '',
    list(d.jointIssuers).length ? `联合发文:${n.names(d.jointIssuers)}` : '',
    list(d.recipients).length ? `主送/抄送:${n.names(d.recipients)}` : '',
    d.forwarding ? `请求${labelOf(FORWARDING, forwarding.kind)}${n.name(forwarding.sourceUnit)}文件` : '',
    d.townStreetBasis ? `向区镇、街道行文依据:${labelOf(TOWN_BASIS, basis.basis)} ${str(basis.reference)}` : '',
    portfolio ? `分管领导:${portfolio}` : '',
    signingText(d.signingRule),
  ]
    .filter(Boolean)
    .join(';');
}

/** Who signed: the leader position's title, else the roles; 代为签发 under a 第五条 delegation. */
function signed(d: Data, n: Names): string {
  const signer = sub(d.signer);
  const who = n.leader(signer.leaderId) || roleLabel(signer.role) || str(signer.name);
  const slots = list(d.slots).map((s) => labelOf(SIGNER_LABELS, s)).join('、');
  const as = d.delegationId ? `受市长委托代为签发(委托编号 ${str(d.delegationId)})` : `签发${slots && slots !== who ? `(作为${slots})` : ''}`;
  return `${who}${as}${colon(d.opinion)}`;
}

/** 发文 (stream `issuance-<id>`). */
export const issuanceDescriptions: Describers<IssuanceEventType> = {
  'issuance.drafted': drafted,
  'issuance.draft_revised': (d) =>
    `修改文稿为第 ${str(d.textVersion)} 稿《${str(d.title)}》${colon(d.summary)}${amendmentsText(sub(d.implementsAmendments))}`,
  'issuance.public_comment_opened': (d) =>
    `草案在${str(d.channel)}公布征求意见,${str(d.opensOn)} 至 ${str(d.closesOn)}${d.recordedAfterClose === true ? '(征求意见期结束后补录)' : ''}`,
  'issuance.public_comment_closed': (d) => `征求意见结束,收到意见 ${str(d.commentCount)} 条${colon(d.summary)}`,
  'issuance.legality_reviewed': (d, n) => `${n.name(d.reviewedBy)}合法性审核${version(d.textVersion)}:${verdict(d.lawful, '合法', '不合法')}${then(d.opinion)}`,
  'issuance.integrity_reviewed': (d) => `廉洁性审核${version(d.textVersion)}:${verdict(d.passed, '通过', '未通过')}${then(d.opinion)}`,
  'issuance.supervision_opinion_given': (d) =>
    `市司法局监督意见${version(d.textVersion)}:${verdict(d.concurs, '同意', '不同意')}起草单位的合法性审核意见${then(d.opinion)}`,
  'issuance.agreement_text_reviewed': (d) => `市司法局审核协议文本${version(d.textVersion)}:${verdict(d.lawful, '合法', '不合法')}${then(d.opinion)}`,
  'issuance.submitted_for_deliberation': (d) => `提请${labelOf(MEETING_LABELS, d.meeting)}审议${version(d.textVersion)}`,
  'issuance.deliberation_recorded': (d) =>
    `${labelOf(MEETING_LABELS, d.meeting)}(${[d.session, d.heldOn].map(str).filter(Boolean).join(',')})审议${labelOf(OUTCOMES, d.outcome)}${then(d.notes)}`,
  'issuance.reviewed': (d, n) => {
    const reviewer = n.leader(sub(d.reviewer).leaderId);
    return `${reviewer ? `${reviewer} ` : ''}${list(d.slots).map((s) => labelOf(REVIEW_LABELS, s)).join('、')}${version(d.textVersion)}${colon(d.opinion)}`;
  },
  'issuance.countersigned': (d, n) => `${n.name(d.unit)}会签${version(d.textVersion)}`,
  'issuance.signing_delegated': (d, n) =>
    `市长出差或出访期间委托${n.leader(d.delegateLeaderId) || n.name(d.delegateLeaderId)}代为签发,${shanghaiTime(str(d.from)) ?? ''} 至 ${shanghaiTime(str(d.until)) ?? ''}(委托编号 ${str(d.delegationId)})${colon(d.reason)}`,
  'issuance.delegation_revoked': (d) => `市长撤销委托(委托编号 ${str(d.delegationId)})`,
  'issuance.signed': signed,
  'issuance.issued': (d) => `印发,发文字号 ${str(d.documentNumber)},成文日期 ${str(d.dated)}`,
  'issuance.published': (d) => `在${str(d.channel)}公开${d.url ? `(${str(d.url)})` : ''}`,
  'issuance.publication_exempted': (d) => `依法不予公开,依据:${str(d.legalBasis)};理由:${str(d.reason)}`,
  'issuance.filed': (d) => `报${labelOf(FILED_WITH, d.filedWith)},备案号 ${str(d.reference)}`,
};
