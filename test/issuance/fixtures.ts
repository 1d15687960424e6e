import type { Actor } from '../../src/domain/decider';
import type { IssuanceEvent } from '../../events/issuance-events';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { issuanceDecider } from '../../src/issuance/domain/issuance-decider';
import type { IssuanceDeps } from '../../src/issuance/domain/issuance-deps';
import type { IssuanceDirectory } from '../../src/issuance/domain/issuance-directory';
import { deciderSpec } from './given-when-then';

/** A small directory: departments with their 分管副市长, two towns/streets, names as in the default directory. */
const UNITS: Record<string, { name: string; kind: 'government' | 'department' | 'town' | 'street'; portfolio?: string; documentCodes?: string[] }> = {
  'zjg-gov': { name: '张家港市人民政府', kind: 'government', documentCodes: ['张政发'] },
  'zjg-gov-office': { name: '张家港市人民政府办公室', kind: 'government', documentCodes: ['张政办发'] },
  justice: { name: '市司法局', kind: 'department', portfolio: 'vice-mayor-1' },
  education: { name: '市教育局', kind: 'department', portfolio: 'vice-mayor-2', documentCodes: ['张教发', '张教规'] },
  finance: { name: '市财政局', kind: 'department', portfolio: 'executive-vice-mayor' }, // 常务副市长分管
  'housing-construction': { name: '市住房和城乡建设局', kind: 'department', portfolio: 'vice-mayor-1' },
  audit: { name: '市审计局', kind: 'department', portfolio: 'mayor' }, // 市长分管, as in the default directory
  'tangqiao-town': { name: '塘桥镇人民政府', kind: 'town' },
  'jingang-street': { name: '金港街道办事处', kind: 'street' },
};

export const directory: IssuanceDirectory = {
  organCode: 'zjg-gov',
  officeCode: 'zjg-gov-office',
  hasUnit: (u) => u in UNITS,
  isTownOrStreet: (u) => UNITS[u]?.kind === 'town' || UNITS[u]?.kind === 'street',
  portfolioLeaderOf: (u) => UNITS[u]?.portfolio,
  leaderRoleOf: (p) => (p === 'mayor' ? 'mayor' : p === 'executive-vice-mayor' ? 'executive_vice_mayor' : /^vice-mayor-[1-5]$/.test(p) ? 'vice_mayor' : undefined),
  documentCodeOwnerOf: (c) => Object.keys(UNITS).find((u) => UNITS[u]!.documentCodes?.includes(c)),
  documentCodesOf: (u) => [...(UNITS[u]?.documentCodes ?? [])],
  nameOf: (code) => UNITS[code]?.name ?? code,
};

export const deps: IssuanceDeps = { directory };
export const NOW = '2026-03-02T02:00:00.000Z'; // 2026-03-02 (Mon) 10:00 Asia/Shanghai

const actor = (id: string, name: string, unit: string, role: string, leaderId?: string): Actor => ({
  id,
  name,
  unit,
  roles: [role],
  ...(leaderId ? { leaderId } : {}),
});

/** One actor per role (and the variants the matrix distinguishes). */
export const A = {
  eduClerk: actor('u-edu', '教育局经办人', 'education', 'unit_clerk'),
  housingClerk: actor('u-housing', '住建局经办人', 'housing-construction', 'unit_clerk'),
  financeClerk: actor('u-finance', '财政局经办人', 'finance', 'unit_clerk'),
  officeClerk: actor('u-oc', '文电科', 'zjg-gov-office', 'office_clerk'),
  officeDirector: actor('u-od', '办公室主任', 'zjg-gov-office', 'office_director', 'office-director'),
  attendingDeputy: actor('u-dd1', '办公室副主任甲', 'zjg-gov-office', 'office_deputy_director', 'dd-1'),
  otherDeputy: actor('u-dd2', '办公室副主任乙', 'zjg-gov-office', 'office_deputy_director', 'dd-2'),
  mayor: actor('u-mayor', '市长', 'zjg-gov', 'mayor', 'mayor'),
  executiveViceMayor: actor('u-evm', '常务副市长', 'zjg-gov', 'executive_vice_mayor', 'executive-vice-mayor'),
  eduViceMayor: actor('u-vm2', '分管教育的副市长', 'zjg-gov', 'vice_mayor', 'vice-mayor-2'),
  housingViceMayor: actor('u-vm3', '分管住建的副市长', 'zjg-gov', 'vice_mayor', 'vice-mayor-1'),
  legalReviewer: actor('u-legal', '司法局审核员', 'justice', 'legal_reviewer'),
  supervisor: actor('u-sup', '督查室', 'zjg-gov-office', 'supervisor'),
  auditor: actor('u-aud', '审计', 'zjg-audit', 'auditor'),
} satisfies Record<string, Actor>;
export type ActorName = keyof typeof A;

export const spec = deciderSpec(issuanceDecider, deps, NOW);

/** Runs commands through the decider to build a history (each step must succeed). */
export function history(steps: Array<[IssuanceCommand, Actor, string?]>, from: IssuanceEvent[] = []): IssuanceEvent[] {
  const events = [...from];
  for (const [command, who, now] of steps) events.push(...spec.given(events).when(command, who, now ?? NOW).events());
  return events;
}
