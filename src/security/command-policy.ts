import { ROLE_LABELS, isRole } from '../auth/roles';
import type { Actor } from '../domain/decider';
import { DomainError, citing } from '../domain/domain-error';
import type { Directory } from '../directory';
import type { DocumentState } from '../documents/domain/document-state';
import type { IssuanceState } from '../issuance/domain/issuance-state';
import { PERMISSION_MATRIX, type CommandRule, type Refusal } from './permission-matrix';
import { holdsRole, leaderPosition } from './principals';
import { RELATIONS, type RelationInput, type Verdict } from './relations';

/** A refusal by the permission matrix (403); `details.rule` names the matrix row. */
export class PermissionDeniedError extends DomainError {
  constructor(rule: string, refusal: Refusal, message: string) {
    super('forbidden', refusal.code, message, refusal.article, { rule, by: 'permission-matrix' });
  }
}

export interface AuthorizationRequest {
  /** Aggregate name, the stream prefix: 'document', 'issuance', 'proposal', 'audit'. */
  aggregate: string;
  command: { type: string };
  /** The folded stream state (the aggregate's initial state for a new stream). */
  state: unknown;
  actor: Actor;
  directory: Directory;
}

export type Decision = { allowed: true } | { allowed: false; rule: string; refusal: Refusal; message: string };

/** Evaluates the matrix. Unknown aggregates and commands are refused: no row, no write. */
export function evaluateCommand(request: AuthorizationRequest): Decision {
  const { aggregate, command, actor, directory } = request;
  const ruleId = `${aggregate}.${command.type}`;
  const rule = PERMISSION_MATRIX[aggregate]?.[command.type];
  const relations = RELATIONS[aggregate];
  if (!rule || !relations || !Object.hasOwn(PERMISSION_MATRIX[aggregate]!, command.type)) {
    const refusal = { code: 'NO_PERMISSION_RULE', message: `权限矩阵中没有 ${ruleId},一律拒绝` };
    return { allowed: false, rule: ruleId, refusal, message: refusal.message };
  }
  const input: RelationInput = { actor, command: command as RelationInput['command'], state: request.state, directory };
  const relation = (when: keyof typeof relations): Verdict => {
    const check = relations[when];
    if (!check) throw new Error(`relation ${String(when)} is not defined for ${aggregate}`);
    return check(input);
  };
  let heldAny = false;
  for (const grant of rule.grants) {
    if (!grant.roles.some((role) => holdsRole(actor, role, directory))) continue;
    heldAny = true;
    if (relation(grant.when) !== 'no') return { allowed: true };
  }
  const refusal = pickRefusal(rule, heldAny, () =>
    rule.grants.some((g) => g.when !== 'any' && relation(g.when) !== 'no'),
  );
  return { allowed: false, rule: ruleId, refusal, message: citing(render(refusal.message, rule, request), refusal.article) };
}

/** Throws PermissionDeniedError (HTTP 403 `{ code, message, details: { article, rule } }`). */
export function authorizeCommand(request: AuthorizationRequest): void {
  const decision = evaluateCommand(request);
  if (!decision.allowed) throw new PermissionDeniedError(decision.rule, decision.refusal, decision.message);
}

function pickRefusal(rule: CommandRule, heldAny: boolean, unitRelated: () => boolean): Refusal {
  if (heldAny || !rule.refuseRole) return rule.refuse;
  if (rule.relationFirst && !unitRelated()) return rule.refuse;
  return rule.refuseRole;
}

/** Fills `{…}` with names from the directory and the stream. */
function render(template: string, rule: CommandRule, { actor, command, state, directory, aggregate }: AuthorizationRequest): string {
  const name = (code: unknown) => (typeof code === 'string' && code ? directory.nameOf(code) : '(未定)');
  const doc = aggregate === 'document' ? (state as DocumentState) : undefined;
  const draft = aggregate === 'issuance' ? (state as IssuanceState).draft : undefined;
  const values: Record<string, () => string> = {
    action: () => rule.action,
    actorUnit: () => name(actor.unit),
    fromUnit: () => name((command as { fromUnit?: unknown }).fromUnit ?? actor.unit),
    submitter: () => name(doc?.submission?.fromUnit),
    lead: () => name(doc?.disagreement?.open && doc.disagreement.origin === 'submission' ? doc.route?.leadUnit : doc?.assignment?.leadUnit),
    position: () => name(leaderPosition(actor, directory)),
    drafting: () => name(draft?.draftingUnit),
    roles: () => actor.roles.map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join('、') || '无角色',
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key]?.() ?? whole);
}
