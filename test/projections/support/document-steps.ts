import type { HandlingClass } from '../../../src/calendar/deadline-policy';
import { directory, who, type World } from './world';

/** Submits a valid 请示 from `unit` and takes it through intake to 交办 at `assignAt`. */
export function assignedDocument(
  world: World,
  id: string,
  options: { unit?: string; handlingClass?: HandlingClass; coUnits?: string[]; assignAt?: string; title?: string; urgentDueDate?: string } = {},
): void {
  const unit = options.unit ?? 'natural-resources';
  intake(world, id, unit, options.title);
  const leader = directory.portfolioLeaderOf(unit)!;
  world.document(id, { type: 'instruct', text: '请抓紧办理' }, who.leader(leader));
  if (options.assignAt) world.at(options.assignAt);
  world.document(
    id,
    {
      type: 'assign',
      handlingClass: options.handlingClass ?? 'own_authority',
      ...(options.coUnits && { coUnits: options.coUnits }),
      ...(options.urgentDueDate && { urgentDueDate: options.urgentDueDate }),
    },
    who.officeClerk,
  );
}

/** 报文 → 签收登记 → 初审拟办 → 分工呈批. */
export function intake(world: World, id: string, unit: string, title = '关于某地块土地收储的请示'): void {
  world.document(
    id,
    { type: 'submit', fromUnit: unit, kind: 'request', title, mainTo: [directory.organCode], summary: '请市政府同意', requestItems: ['同意收储'] },
    who.clerk(unit),
  );
  world.document(id, { type: 'register', registrationNo: `收文${id}` }, who.officeClerk);
  world.document(id, { type: 'review', opinion: '拟请分管副市长阅示', proposedLeadUnit: unit }, who.officeClerk);
  world.document(id, { type: 'route' }, who.officeClerk);
}
