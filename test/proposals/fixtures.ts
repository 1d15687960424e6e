import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import type { Actor } from '../../src/domain/decider';
import type { ProposalEvent } from '../../events/proposal-events';
import type { ProposalCommand } from '../../src/proposals/domain/proposal-commands';
import { proposalDecider } from '../../src/proposals/domain/proposal-decider';
import type { ProposalDeps, ProposalDirectory } from '../../src/proposals/domain/proposal-deps';
import { deciderSpec } from '../issuance/given-when-then';

const HANDLING = new Map([
  ['education', '市教育局'],
  ['housing-construction', '市住房和城乡建设局'],
  ['transport', '市交通运输局'],
  ['tangqiao-town', '塘桥镇人民政府'],
]);
const GOVERNMENT = new Map([
  ['zjg-gov', '张家港市人民政府'],
  ['zjg-gov-office', '张家港市人民政府办公室'],
]);
export const directory: ProposalDirectory = {
  hasUnit: (u) => HANDLING.has(u) || GOVERNMENT.has(u),
  isSubmittingUnit: (u) => HANDLING.has(u),
  nameOf: (u) => HANDLING.get(u) ?? GOVERNMENT.get(u) ?? u,
};
/** The official calendar (chinese-days), as in production. */
export const calendar = new ChineseDaysCalendar();
export const deps: ProposalDeps = { calendar, directory };

const actor = (id: string, unit: string, role: string): Actor => ({ id, name: id, unit, roles: [role] });
export const P = {
  officeClerk: actor('建议提案办', 'zjg-gov-office', 'office_clerk'),
  officeDirector: actor('办公室主任', 'zjg-gov-office', 'office_director'),
  eduClerk: actor('教育局经办人', 'education', 'unit_clerk'),
  housingClerk: actor('住建局经办人', 'housing-construction', 'unit_clerk'),
  transportClerk: actor('交通局经办人', 'transport', 'unit_clerk'),
  supervisor: actor('督查室', 'zjg-gov-office', 'supervisor'),
};

export const spec = deciderSpec(proposalDecider, deps, '2026-03-02T02:00:00.000Z');

export function history(steps: Array<[ProposalCommand, Actor, string]>, from: ProposalEvent[] = []): ProposalEvent[] {
  const events = [...from];
  for (const [command, who, now] of steps) events.push(...spec.given(events).when(command, who, now).events());
  return events;
}

export const REGISTER: ProposalCommand = {
  type: 'register',
  kind: 'npc_suggestion',
  number: '第0012号',
  session: '市十六届人大五次会议',
  proposer: '王代表',
  coProposers: ['李代表'],
  subject: '关于增加城区学校周边停车位的建议',
};
