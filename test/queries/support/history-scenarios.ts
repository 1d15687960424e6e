import { ChineseDaysCalendar } from '../../../src/calendar/chinese-days-calendar';
import type { StoredEvent } from '../../../src/event-store/event-store.port';
import { proposalAggregate } from '../../../src/proposals/proposal.aggregate';
import { assignedDocument } from '../../projections/support/document-steps';
import { directory, who, World } from '../../projections/support/world';

/**
 * Real events of every catalogued type, made by the deciders (World), for the history
 * summaries. Free texts are Chinese, so any ASCII word left in a summary is a code.
 */
export const ID = {
  consulted: '11111111-1111-4111-8111-000000000001',
  extended: '11111111-1111-4111-8111-000000000002',
  returned: '11111111-1111-4111-8111-000000000003',
  normative: '22222222-2222-4222-8222-000000000001',
  officeWork: '22222222-2222-4222-8222-000000000002',
  agreement: '22222222-2222-4222-8222-000000000003',
  minutes: '22222222-2222-4222-8222-000000000004',
  departmental: '22222222-2222-4222-8222-000000000005',
  proposal: '33333333-3333-4333-8333-000000000001',
  recounted: '33333333-3333-4333-8333-000000000002',
};

/** 收文: 会商 with a 不同意, reported and coordinated, 提出意见, 关闭, 归档. */
function consultedDocument(w: World): void {
  const lead = who.clerk('natural-resources');
  assignedDocument(w, ID.consulted, { handlingClass: 'lead_with_consultation', coUnits: ['finance'] });
  w.document(ID.consulted, { type: 'requestConsultation', units: ['finance'], replyBy: '2026-03-06', subject: '地块收储资金安排' }, lead);
  w.document(ID.consulted, { type: 'giveConsultationOpinion', stance: 'disagree', reasons: '资金未列入年度预算', basis: '《预算法》第十三条' }, who.clerk('finance'));
  w.document(
    ID.consulted,
    {
      type: 'reportDisagreement',
      headsConsulted: true,
      positions: [
        { unit: 'natural-resources', reasons: '地块急需收储', basis: '土地储备计划' },
        { unit: 'finance', reasons: '资金未列入年度预算', basis: '《预算法》第十三条' },
      ],
      proposal: '调整年度预算后收储',
    },
    lead,
  );
  w.document(ID.consulted, { type: 'coordinate', outcome: 'agreed', text: '同意调整预算后收储' }, who.leader('vice-mayor-1'));
  w.document(ID.consulted, { type: 'submitOpinion', text: '拟同意收储' }, lead);
  w.document(ID.consulted, { type: 'close', reason: '已提出意见' }, who.officeClerk);
  w.document(ID.consulted, { type: 'archive', archiveNo: '档2026-001' }, who.officeClerk);
}

/** 收文: 说明办理情况, 延期 refused then approved, 催办, 办结. */
function extendedDocument(w: World): void {
  const lead = who.clerk('education');
  assignedDocument(w, ID.extended, { unit: 'education', handlingClass: 'needs_investigation' });
  w.document(ID.extended, { type: 'explainProgress', text: '正在调查论证' }, lead);
  w.document(ID.extended, { type: 'requestExtension', requestedDueDate: '2026-06-30', reason: '需补充调查' }, lead);
  w.document(ID.extended, { type: 'rejectExtension', reason: '理由不充分' }, who.officeDirector);
  w.document(ID.extended, { type: 'requestExtension', requestedDueDate: '2026-06-30', reason: '需征求各镇意见' }, lead);
  w.document(ID.extended, { type: 'approveExtension', comment: '同意延期' }, who.officeDirector);
  w.document(ID.extended, { type: 'urge', text: '请抓紧办理' }, who.supervisor);
  w.document(ID.extended, { type: 'complete', result: '已办结' }, lead);
}

/** 收文: a 报告 carrying 请示事项 (第四十一条) is returned, then corrected. */
function returnedDocument(w: World): void {
  const unit = who.clerk('transport');
  w.document(
    ID.returned,
    { type: 'submit', fromUnit: 'transport', kind: 'report', title: '关于公交线路调整的报告', mainTo: ['zjg-gov'], requestItems: ['同意调整'] },
    unit,
  );
  w.document(ID.returned, { type: 'resubmit', corrections: { requestItems: null } }, unit);
}

/**
 * 时限重算 needs calendar data newer than the deadline's, which one World cannot have: the
 * 交办 of `consulted` recounted, as the decider records it (previous and new Deadline).
 */
function recalculated(w: World): StoredEvent {
  const assigned = w.stream(`document-${ID.consulted}`).find((e) => e.type === 'document.assigned')!;
  const previous = { ...(assigned.data as { deadline: Record<string, unknown> }).deadline, provisional: true };
  const deadline = { ...previous, provisional: false, calendarVersion: 'chinese-days-next' };
  return { ...assigned, type: 'document.deadline_recalculated', revision: 99, eventId: 'recalculated', data: { previous, deadline } };
}

/** 发文: a 市政府 行政规范性文件, 联合发文, through every gate to 备案, signed under a 第五条 delegation. */
function normativeIssuance(w: World): void {
  const edu = who.clerk('education');
  const go = (command: Parameters<World['issuance']>[1], by: Parameters<World['issuance']>[2], at: string) => w.at(at).issuance(ID.normative, command, by);
  go(
    { type: 'draft', title: '张家港市义务教育阶段学校招生入学管理办法', issuer: 'government', category: 'normative', importance: 'important', jointIssuers: ['health'], recipients: ['tangqiao-town'] },
    edu,
    '2026-03-02T02:00:00Z',
  );
  go({ type: 'reviseDraft', summary: '根据部门意见修改' }, edu, '2026-03-02T03:00:00Z');
  go({ type: 'openPublicComment', opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '张家港市人民政府网站' }, edu, '2026-03-02T04:00:00Z');
  go({ type: 'closePublicComment', commentCount: 12, summary: '采纳 5 条' }, edu, '2026-04-01T02:00:00Z');
  go({ type: 'recordLegalityReview', lawful: true, opinion: '内容未违反上位法' }, edu, '2026-04-02T02:00:00Z');
  go({ type: 'recordIntegrityReview', passed: true, opinion: '未发现廉洁风险' }, edu, '2026-04-02T03:00:00Z');
  go({ type: 'giveSupervisionOpinion', concurs: true, opinion: '同意' }, who.legalReviewer, '2026-04-03T02:00:00Z');
  go({ type: 'submitForDeliberation', meeting: 'executive' }, who.officeClerk, '2026-04-07T02:00:00Z');
  go({ type: 'recordDeliberation', session: '市政府第12次常务会议', heldOn: '2026-04-09', outcome: 'adopted', notes: '原则通过' }, who.officeClerk, '2026-04-09T08:00:00Z');
  go({ type: 'review', opinion: '已核' }, who.officeDirector, '2026-04-10T01:00:00Z');
  go({ type: 'countersign' }, who.clerk('health'), '2026-04-10T02:00:00Z');
  go(
    { type: 'delegateSigning', delegationId: '市长出访-1', delegateLeaderId: 'executive-vice-mayor', from: '2026-04-10T00:00:00Z', until: '2026-04-20T00:00:00Z', reason: '出访' },
    who.leader('mayor'),
    '2026-04-10T03:00:00Z',
  );
  go({ type: 'sign', opinion: '同意印发' }, who.leader('executive-vice-mayor'), '2026-04-10T06:00:00Z');
  go({ type: 'revokeDelegation', delegationId: '市长出访-1' }, who.leader('mayor'), '2026-04-11T01:00:00Z');
  go({ type: 'issue', number: { code: '张政发', year: 2026, sequence: 8 } }, who.officeClerk, '2026-04-11T02:00:00Z');
  go({ type: 'publish', channel: '张家港市人民政府网站' }, who.officeClerk, '2026-04-11T03:00:00Z');
  go({ type: 'file', reference: '备2026-3' }, who.officeClerk, '2026-04-12T02:00:00Z');
}

/** 发文: an office document 转发 for a department, signed by the office director, not published. */
function officeIssuance(w: World): void {
  w.at('2026-03-02T02:00:00Z');
  w.issuance(
    ID.officeWork,
    { type: 'draft', title: '关于转发市教育局工作要点的通知', issuer: 'office', category: 'work', draftingUnit: 'education', forwarding: { kind: 'forward', sourceUnit: 'education', withinSourceAuthority: false } },
    who.officeClerk,
  );
  w.issuance(ID.officeWork, { type: 'sign' }, who.officeDirector);
  w.issuance(ID.officeWork, { type: 'issue', number: { code: '张政办发', year: 2026, sequence: 3 } }, who.officeClerk);
  w.issuance(ID.officeWork, { type: 'exemptFromPublication', legalBasis: '《政府信息公开条例》第十四条', reason: '涉及国家秘密' }, who.officeClerk);
}

function otherDrafts(w: World): void {
  w.at('2026-03-02T02:00:00Z');
  w.issuance(ID.agreement, { type: 'draft', title: '战略合作框架协议', issuer: 'government', category: 'agreement', draftingUnit: 'commerce' }, who.clerk('commerce'));
  w.issuance(ID.agreement, { type: 'reviewAgreementText', lawful: false, opinion: '争议解决条款须修改' }, who.legalReviewer);
  w.issuance(
    ID.minutes,
    {
      type: 'draft',
      title: '关于学校建设资金的专题会议纪要',
      issuer: 'office',
      category: 'minutes',
      draftingUnit: 'education',
      meeting: { type: 'topical', session: '第3次专题会议', chair: { role: 'vice_mayor', leaderId: 'vice-mayor-2' }, attendingDeputyDirector: '副主任甲', sensitiveSubjects: ['funding'] },
    },
    who.officeClerk,
  );
  w.issuance(
    ID.departmental,
    { type: 'draft', title: '关于做好秋季开学工作的通知', issuer: 'department', documentCode: '张教发', category: 'work', recipients: ['tangqiao-town'], townStreetBasis: { basis: 'law', reference: '《义务教育法》第十三条' } },
    who.clerk('education'),
  );
}

/** 建议: 交办 with a 协办 unit, 延期 refused then approved, 不满意 → 重新办理, 公开. */
function proposal(w: World): void {
  const lead = who.clerk('education');
  const go = (command: Parameters<World['proposal']>[1], by: Parameters<World['proposal']>[2], at: string) => w.at(at).proposal(ID.proposal, command, by);
  go(
    { type: 'register', kind: 'npc_suggestion', number: '第0012号', session: '市十六届人大五次会议', proposer: '王代表', coProposers: ['李代表'], subject: '关于增加城区学校周边停车位的建议' },
    who.officeClerk,
    '2026-11-26T02:00:00Z',
  );
  go({ type: 'assign', leadUnit: 'education', coUnits: ['transport'] }, who.officeClerk, '2026-11-27T02:00:00Z');
  go({ type: 'submitCoOpinion', opinion: '同意增设停车位' }, who.clerk('transport'), '2026-12-10T02:00:00Z');
  go({ type: 'requestExtension', reason: '需现场踏勘', requestedDueDate: '2027-03-15' }, lead, '2027-01-05T02:00:00Z');
  go({ type: 'rejectExtension', reason: '理由不充分' }, who.officeDirector, '2027-01-06T02:00:00Z');
  go({ type: 'requestExtension', reason: '需征求学校意见', requestedDueDate: '2027-03-22' }, lead, '2027-01-07T02:00:00Z');
  go({ type: 'approveExtension' }, who.officeDirector, '2027-01-08T02:00:00Z');
  go({ type: 'answer', answerClass: 'B', summary: '已列入明年计划' }, lead, '2027-02-01T02:00:00Z');
  go({ type: 'recordSatisfaction', satisfaction: 'dissatisfied', feedback: '希望尽快实施' }, who.officeClerk, '2027-02-10T02:00:00Z');
  go({ type: 'answer', answerClass: 'A', summary: '已增设车位 50 个' }, lead, '2027-03-01T02:00:00Z');
  go({ type: 'recordSatisfaction', satisfaction: 'satisfied' }, who.officeClerk, '2027-03-05T02:00:00Z');
  go({ type: 'publishResult', channel: '张家港市人民政府网站' }, lead, '2027-03-06T02:00:00Z');
}

/**
 * 建议 时限重算: 交办 2026-12-01 with a 协办 unit, both deadlines past the official data, then
 * recounted on a (hypothetical) 2027 notice with 元旦 2027-01-01 off.
 */
function recountedProposal(w: World): void {
  const with2027 = proposalAggregate({ calendar: new ChineseDaysCalendar({ holidays: ['2027-01-01'], workdays: [], coveredThrough: '2027-12-31' }), directory });
  w.at('2026-11-30T02:00:00Z').proposal(ID.recounted, { type: 'register', kind: 'cppcc_proposal', number: '第0031号', session: '市政协十五届五次会议', proposer: '陈委员', subject: '关于增设公交站点的提案' }, who.officeClerk);
  w.at('2026-12-01T02:00:00Z').proposal(ID.recounted, { type: 'assign', leadUnit: 'education', coUnits: ['transport'] }, who.officeClerk);
  w.at('2026-12-10T02:00:00Z').run(with2027, ID.recounted, { type: 'recalculateDeadlines' }, who.officeClerk);
}

/** Every scenario, in one World; its events plus the hand-made 时限重算. */
export function historyScenarios(): StoredEvent[] {
  const w = new World();
  consultedDocument(w);
  extendedDocument(w);
  returnedDocument(w);
  normativeIssuance(w);
  officeIssuance(w);
  otherDrafts(w);
  proposal(w);
  recountedProposal(w);
  return [...w.events, recalculated(w)];
}
