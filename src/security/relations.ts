import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import type { DocumentState } from '../documents/domain/document-state';
import type { IssuanceState } from '../issuance/domain/issuance-state';
import type { ProposalState } from '../proposals/domain/proposal-state';
import { leaderPosition } from './principals';

/**
 * 'pending': the stream has not reached the step that fixes the relation (no 交办 yet, no
 * draft yet …). The matrix then lets the decider answer with its state error (409/404),
 * which is the truer answer and reveals nothing the role could not ask anyway.
 */
export type Verdict = 'yes' | 'no' | 'pending';

export interface RelationInput {
  actor: Actor;
  command: { type: string } & Record<string, unknown>;
  state: unknown;
  directory: Directory;
}

type Check = (input: RelationInput) => Verdict;
/** `holds` runs only once the relation is known (it may read what `known` guards). */
const verdict = (known: unknown, holds: () => boolean): Verdict => (known === undefined ? 'pending' : holds() ? 'yes' : 'no');

/** Every relation an actor can have to a stream, with the label the docs print. */
export const RELATION_LABELS = {
  any: '无须与该件有关',
  own_unit: '以本单位名义(fromUnit 为本单位)',
  submitting_unit: '报文单位',
  lead_unit: '主办单位',
  co_unit: '协办单位',
  consulted_unit: '被请会商的单位',
  routed_leader: '呈批的领导(市长总是可以)',
  portfolio_leader: '主办单位的分管领导(或市长)',
  extension_leader: '市长、常务副市长或主办单位的分管领导',
  own_drafting_unit: '以本单位为起草单位',
  drafting_unit: '起草单位',
  city_level: '以市政府或市政府办公室名义的文件',
  issuer_unit: '本部门名义的文件的发文部门',
  joint_issuer: '联合发文机关',
  signing_slot: '签发/核稿矩阵中的席位(由决策器按 SIGNING_MATRIX 判定)',
} as const;
export type Relation = keyof typeof RELATION_LABELS;

const any: Check = () => 'yes';

const doc = (s: unknown) => s as DocumentState;
const documentRelations: Partial<Record<Relation, Check>> = {
  any,
  own_unit: ({ actor, command }) => (command.fromUnit === undefined || command.fromUnit === actor.unit ? 'yes' : 'no'),
  submitting_unit: ({ actor, state }) => {
    const unit = doc(state).submission?.fromUnit;
    return verdict(unit, () => unit === actor.unit);
  },
  lead_unit: ({ actor, state }) => {
    const unit = doc(state).assignment?.leadUnit;
    return verdict(unit, () => unit === actor.unit);
  },
  consulted_unit: ({ actor, state }) =>
    verdict(doc(state).assignment, () => doc(state).consultations.some((c) => c.unit === actor.unit)),
  routed_leader: ({ actor, state, directory }) => {
    const route = doc(state).route;
    const position = leaderPosition(actor, directory);
    return verdict(route, () => !!position && (position === directory.mayorPosition() || route!.to.some((l) => l.position === position)));
  },
  portfolio_leader: ({ actor, state, directory }) => {
    const d = doc(state);
    const lead = d.disagreement?.open ? (d.disagreement.origin === 'submission' ? d.route?.leadUnit : d.assignment?.leadUnit) : undefined;
    const position = leaderPosition(actor, directory);
    return verdict(lead, () => !!position && (position === directory.mayorPosition() || position === directory.portfolioLeaderOf(lead!)));
  },
  extension_leader: ({ actor, state, directory }) => {
    const lead = doc(state).assignment?.leadUnit;
    const position = leaderPosition(actor, directory);
    const allowed = lead === undefined ? [] : [directory.mayorPosition(), directory.executiveViceMayorPosition(), directory.portfolioLeaderOf(lead)];
    return verdict(lead, () => !!position && allowed.includes(position));
  },
};

const iss = (s: unknown) => s as IssuanceState;
const issuanceRelations: Partial<Record<Relation, Check>> = {
  any,
  own_drafting_unit: ({ actor, command }) =>
    command.draftingUnit === undefined || command.draftingUnit === actor.unit ? 'yes' : 'no',
  drafting_unit: ({ actor, state }) => {
    const unit = iss(state).draft?.draftingUnit;
    return verdict(unit, () => unit === actor.unit);
  },
  city_level: ({ state }) => {
    const draft = iss(state).draft;
    return verdict(draft, () => draft?.issuer.kind !== 'department');
  },
  issuer_unit: ({ actor, state }) => {
    const draft = iss(state).draft;
    return verdict(draft, () => draft?.issuer.kind === 'department' && draft.issuer.unit === actor.unit);
  },
  joint_issuer: ({ actor, state }) => {
    const draft = iss(state).draft;
    return verdict(draft, () => !!draft?.jointIssuers.includes(actor.unit));
  },
  // The slot (市长, 分管副市长, 主任, 会议主持人, 发文部门) depends on the document's category
  // and meeting: that is the signing matrix's own table, applied by the decider.
  signing_slot: any,
};

const prop = (s: unknown) => s as ProposalState;
const handling = (s: ProposalState) => (s.status === 'none' || s.status === 'registered' ? undefined : s);
const proposalRelations: Partial<Record<Relation, Check>> = {
  any,
  lead_unit: ({ actor, state }) => {
    const unit = prop(state).leadUnit;
    return verdict(unit, () => unit === actor.unit);
  },
  co_unit: ({ actor, state }) => verdict(handling(prop(state)), () => prop(state).coUnits.includes(actor.unit)),
};

const auditRelations: Partial<Record<Relation, Check>> = { any };

/** Relation checks per aggregate (stream prefix). */
export const RELATIONS: Record<string, Partial<Record<Relation, Check>>> = {
  document: documentRelations,
  issuance: issuanceRelations,
  proposal: proposalRelations,
  audit: auditRelations,
};
