import { documentEvent, type AssignedData, type SubmittedData } from '../../../events/document-events';
import { loadWorkingCalendar } from '../../../src/calendar/calendar-loader';
import type { Actor } from '../../../src/domain/decider';
import { loadDirectory } from '../../../src/directory/directory-loader';
import { documentDecider } from '../../../src/documents/domain/document.decider';
import type { DocumentDeps } from '../../../src/documents/domain/document-deps';
import { deciderSpecification } from '../../support/decider-spec';

/** The real calendar (chinese-days 1.5.7, covered through 2026-12-31) and the default directory. */
export const calendar = loadWorkingCalendar();
export const directory = loadDirectory();
export const deps: DocumentDeps = { calendar, directory };

/** 2026-09-29 10:00 in Shanghai, a Tuesday just before 国庆. */
export const NOW = new Date('2026-09-29T02:00:00.000Z');

const actor = (id: string, unit: string, roles: string[], leaderId?: string): Actor => ({
  id,
  name: `测试用户 ${id}`,
  unit,
  roles,
  ...(leaderId ? { leaderId } : {}),
});

export const officeClerk = actor('office-clerk', 'zjg-gov-office', ['office_clerk']);
export const officeDirector = actor('office-director', 'zjg-gov-office', ['office_director']);
export const officeDeputy = actor('office-deputy', 'zjg-gov-office', ['office_deputy_director']);
export const supervisor = actor('supervisor', 'zjg-gov-office-supervision', ['supervisor']);
export const clerkOf = (unit: string) => actor(`clerk-${unit}`, unit, ['unit_clerk']);
/** 市自然资源和规划局, 分管: vice-mayor-1. */
export const resources = clerkOf('natural-resources');
export const housing = clerkOf('housing-construction');
export const finance = clerkOf('finance');
export const education = clerkOf('education');
export const mayor = actor('mayor', 'zjg-gov', ['mayor'], 'mayor');
export const executiveViceMayor = actor('evm', 'zjg-gov', ['executive_vice_mayor'], 'executive-vice-mayor');
export const viceMayor1 = actor('vm1', 'zjg-gov', ['vice_mayor'], 'vice-mayor-1');
export const viceMayor2 = actor('vm2', 'zjg-gov', ['vice_mayor'], 'vice-mayor-2');

/** given/when/then for the document decider; defaults: real deps, NOW, the submitting unit. */
export const spec = deciderSpecification(documentDecider, () => ({ deps, now: NOW, actor: resources }));

export const VM1_TITLE = '副市长(分管自然资源规划、住建、交通、水务、城管)';

export const submission: SubmittedData = {
  kind: 'request',
  title: '关于某地块土地收储的请示',
  fromUnit: 'natural-resources',
  mainTo: ['zjg-gov'],
  copyTo: [],
  requestItems: ['同意收储某地块'],
  major: false,
  attempt: 1,
};

export const submitted = documentEvent('document.submitted', submission);
export const registered = documentEvent('document.registered', { registrationNo: '收文〔2026〕101号' });
export const reviewed = documentEvent('document.reviewed', {
  opinion: '拟请市自然资源和规划局牵头,会市住建局、市财政局办理',
  proposedLeadUnit: 'natural-resources',
  proposedCoUnits: ['housing-construction', 'finance'],
  proposedHandlingClass: 'lead_with_consultation',
  major: false,
});
export const routed = documentEvent('document.routed', {
  leadUnit: 'natural-resources',
  to: [{ position: 'vice-mayor-1', title: VM1_TITLE, reasons: ['portfolio'] }],
});
export const instructed = documentEvent('document.instructed', { position: 'vice-mayor-1', text: '请自然资源和规划局牵头研究办理' });

/** Counted by hand: 10 working days after 2026-09-29 (国庆 10/1–10/7 off, Saturday 10/10 worked). */
export const LEAD_CONSULTATION_DEADLINE = {
  dueAt: '2026-10-19T15:59:59.999Z',
  dueDate: '2026-10-19',
  rule: '第四十七条: 主办部门会相关部门办理的事项 10 个工作日内提出意见',
  ruleCode: 'ART47_LEAD_CONSULTATION_OPINION_10WD',
  calendarVersion: 'chinese-days@1.5.7',
  provisional: false,
};
/** 7 working days after 2026-09-29. */
export const OWN_AUTHORITY_DEADLINE = {
  dueAt: '2026-10-14T15:59:59.999Z',
  dueDate: '2026-10-14',
  rule: '第四十七条: 职权范围内事项 7 个工作日内办结',
  ruleCode: 'ART47_OWN_AUTHORITY_7WD',
  calendarVersion: 'chinese-days@1.5.7',
  provisional: false,
};

const assignedData: AssignedData = {
  mode: 'instructed',
  leadUnit: 'natural-resources',
  coUnits: ['housing-construction', 'finance'],
  handlingClass: 'lead_with_consultation',
  assignedAt: '2026-09-29T02:00:00.000Z',
  deadline: LEAD_CONSULTATION_DEADLINE,
};
export const assigned = documentEvent('document.assigned', assignedData);
export const assignedOwnAuthority = documentEvent('document.assigned', {
  ...assignedData,
  coUnits: [],
  handlingClass: 'own_authority',
  deadline: OWN_AUTHORITY_DEADLINE,
});

export const intake = [submitted, registered, reviewed];
export const routedStream = [...intake, routed];
export const instructedStream = [...routedStream, instructed];
/** lead_with_consultation, co-units 住建局 and 财政局, due 2026-10-19. */
export const assignedStream = [...instructedStream, assigned];
export const ownAuthorityStream = [...instructedStream, assignedOwnAuthority];

export const consultationRequested = documentEvent('document.consultation_requested', {
  leadUnit: 'natural-resources',
  units: ['housing-construction', 'finance'],
  replyBy: '2026-10-12',
  subject: '地块收储方案',
});
export const housingAgrees = documentEvent('document.consultation_opinion_given', { unit: 'housing-construction', stance: 'agree' });
export const financeDisagrees = documentEvent('document.consultation_opinion_given', {
  unit: 'finance',
  stance: 'disagree',
  reasons: '年度收储资金已安排完毕',
  basis: '《2026 年市级财政预算》',
});
export const financeAgrees = documentEvent('document.consultation_opinion_given', { unit: 'finance', stance: 'agree' });
export const disagreementReported = documentEvent('document.disagreement_reported', {
  leadUnit: 'natural-resources',
  headsConsulted: true,
  positions: [
    { unit: 'natural-resources', reasons: '地块已具备收储条件', basis: '《土地储备管理办法》' },
    { unit: 'finance', reasons: '年度收储资金已安排完毕', basis: '《2026 年市级财政预算》' },
  ],
  proposal: '建议分两年安排收储资金',
});
