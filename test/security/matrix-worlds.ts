/**
 * Streams at the step each command needs, and the actor of each role that holds the
 * relation the matrix asks for (the lead unit's clerk, the routed leader …). Used by the
 * generated permission-matrix spec.
 */
import type { Role } from '../../src/auth/roles';
import type { TokenClaims } from '../../src/auth/tokens';
import type { TestApp } from '../support/app';
import {
  ACTORS,
  assignBody,
  assignedDocument,
  CODES,
  disagreementBody,
  documentsClient,
  documentTokens,
  expectStatus,
  leaderClaims,
  requestBody,
  reviewBody,
  unitClerkClaims,
  COMMAND_PATHS,
} from '../support/document-fixtures';
import { http } from '../support/http';

export type Claims = Partial<TokenClaims> & Pick<TokenClaims, 'unit' | 'roles'>;
type Body = Record<string, unknown>;

/** One role's default holder (no relation to any stream). */
export const DEFAULT_CLAIMS: Record<Role, Claims> = {
  unit_clerk: unitClerkClaims('culture-tourism'),
  office_clerk: ACTORS.officeClerk,
  office_director: ACTORS.officeDirector,
  office_deputy_director: ACTORS.officeDeputyDirector,
  mayor: leaderClaims('mayor'),
  executive_vice_mayor: leaderClaims('executive-vice-mayor'),
  vice_mayor: leaderClaims('vice-mayor-3'),
  legal_reviewer: { sub: 'legal-1', name: '市司法局审核人员', unit: 'justice', roles: ['legal_reviewer'] },
  supervisor: ACTORS.supervisor,
  auditor: ACTORS.auditor,
};

/** A stream at the right step, and who of each role is related to it. */
export interface World {
  id?: string;
  clerk?: string;
  viceMayor?: string;
}

export interface CommandCase {
  /** POST path for the stream (or the collection, for the creating command). */
  path: (id?: string) => string;
  body: (claims: Claims) => Body;
  /** Fresh stream for a role (every allowed role gets its own). */
  world: (role: Role) => Promise<World>;
  /** A stream where an office role or the legality reviewer lacks the relation. */
  strangerWorld?: () => Promise<World>;
}

/** Rows whose office/legality-reviewer grant depends on the stream's kind, with a stream lacking it. */
export const STRANGER_WORLDS = [
  'issuance.recordLegalityReview',
  'issuance.recordIntegrityReview',
  'issuance.issue',
  'issuance.publish',
  'issuance.exemptFromPublication',
  'issuance.file',
];

export function claimsFor(role: Role, world: World): Claims {
  if (role === 'unit_clerk' && world.clerk) return unitClerkClaims(world.clerk);
  if (role === 'vice_mayor' && world.viceMayor) return leaderClaims(world.viceMayor);
  return DEFAULT_CLAIMS[role];
}

const NR = 'natural-resources'; // 分管: vice-mayor-1
const VM1 = 'vice-mayor-1';

export function documentCases(t: TestApp): Record<string, CommandCase> {
  const client = documentsClient(t);
  const tokens = documentTokens(t);
  const path = (cmd: keyof typeof COMMAND_PATHS) => (id?: string) => `/documents/${id}/${COMMAND_PATHS[cmd]}`;
  const submitted = async (body: Body = requestBody()) =>
    expectStatus(await client.submit(tokens.unit(NR), body), 201, '报文').body.id as string;
  const registered = async () => {
    const id = await submitted();
    expectStatus(await client.register(id, tokens.officeClerk), 200, '登记');
    return id;
  };
  const reviewed = async () => {
    const id = await registered();
    expectStatus(await client.review(id, tokens.officeClerk, reviewBody({ proposedLeadUnit: NR, proposedHandlingClass: 'own_authority' })), 200, '拟办');
    return id;
  };
  const routed = async () => {
    const id = await reviewed();
    expectStatus(await client.route(id, tokens.officeClerk, { alsoTo: ['executive-vice-mayor'] }), 200, '呈批');
    return id;
  };
  const assigned = async (unit = NR) => (await assignedDocument(t, client, tokens, { unit, assignAt: '2026-09-30T02:00:00.000Z' })).id;
  const consulted = async (unit = NR) => {
    const id = await assigned(unit);
    expectStatus(await client.requestConsultation(id, tokens.unit(unit), { units: ['health'], replyBy: '2026-10-09', subject: '请提出意见' }), 200, '会商');
    return id;
  };
  const disagreed = async (unit = NR) => {
    const id = await consulted(unit);
    expectStatus(await client.giveConsultationOpinion(id, tokens.unit('health'), { stance: 'disagree', reasons: '资金不足', basis: '预算' }), 200, '会商意见');
    expectStatus(await client.reportDisagreement(id, tokens.unit(unit), disagreementBody(unit, 'health')), 200, '报告分歧');
    return id;
  };
  const extensionAsked = async () => {
    const id = await assigned();
    expectStatus(await client.requestExtension(id, tokens.unit(NR), { requestedDueDate: '2026-12-30', reason: '需要调查' }), 200, '申请延期');
    return id;
  };
  const leadWorld = async (): Promise<World> => ({ id: await assigned(), clerk: NR, viceMayor: VM1 });
  const body = (b: Body) => () => b;
  return {
    submit: {
      path: () => '/documents',
      body: (claims) => requestBody({ fromUnit: claims.roles.includes('unit_clerk') ? claims.unit : NR }),
      world: async () => ({ clerk: NR }),
    },
    resubmit: {
      path: path('resubmit'),
      body: body({ mainTo: [CODES.organ] }),
      world: async () => ({ id: await submitted(requestBody({ mainTo: ['finance'] })), clerk: NR }),
    },
    return: { path: path('return'), body: body({ reasons: [{ message: '缺少附件' }] }), world: async () => ({ id: await submitted() }) },
    register: { path: path('register'), body: body({}), world: async () => ({ id: await submitted() }) },
    review: { path: path('review'), body: body(reviewBody()), world: async () => ({ id: await registered() }) },
    route: { path: path('route'), body: body({}), world: async () => ({ id: await reviewed() }) },
    instruct: { path: path('instruct'), body: body({ text: '同意' }), world: async () => ({ id: await routed(), viceMayor: VM1 }) },
    assign: { path: path('assign'), body: body(assignBody('own_authority')), world: async () => ({ id: await reviewed() }) },
    requestConsultation: {
      path: path('requestConsultation'),
      body: body({ units: ['finance'], replyBy: '2026-10-09', subject: '请提出意见' }),
      world: leadWorld,
    },
    giveConsultationOpinion: {
      path: path('giveConsultationOpinion'),
      body: body({ stance: 'agree' }),
      world: async () => ({ id: await consulted(), clerk: 'health' }),
    },
    reportDisagreement: {
      path: path('reportDisagreement'),
      body: body(disagreementBody(NR, 'health')),
      world: async () => {
        const id = await consulted();
        expectStatus(await client.giveConsultationOpinion(id, tokens.unit('health'), { stance: 'disagree', reasons: '资金不足', basis: '预算' }), 200);
        return { id, clerk: NR };
      },
    },
    coordinate: {
      path: path('coordinate'),
      body: body({ outcome: 'agreed', text: '经协调,同意' }),
      // The 常务副市长 coordinates only where the lead unit is in the portfolio (市财政局).
      world: async (role) => (role === 'executive_vice_mayor' ? { id: await disagreed('finance') } : { id: await disagreed(), viceMayor: VM1 }),
    },
    explainProgress: { path: path('explainProgress'), body: body({ text: '正在办理' }), world: leadWorld },
    requestExtension: { path: path('requestExtension'), body: body({ requestedDueDate: '2026-12-30', reason: '需要调查' }), world: leadWorld },
    approveExtension: { path: path('approveExtension'), body: body({}), world: async () => ({ id: await extensionAsked(), viceMayor: VM1 }) },
    rejectExtension: { path: path('rejectExtension'), body: body({ reason: '理由不足' }), world: async () => ({ id: await extensionAsked(), viceMayor: VM1 }) },
    urge: { path: path('urge'), body: body({ text: '请抓紧办理' }), world: leadWorld },
    submitOpinion: { path: path('submitOpinion'), body: body({ text: '建议同意' }), world: leadWorld },
    complete: { path: path('complete'), body: body({ result: '已办结' }), world: leadWorld },
    close: { path: path('close'), body: body({ reason: '报告事项,无须交办' }), world: async () => ({ id: await reviewed() }) },
    archive: {
      path: path('archive'),
      body: body({}),
      world: async () => {
        const id = await reviewed();
        expectStatus(await client.close(id, tokens.officeClerk, { reason: '无须交办' }), 200, '关闭');
        return { id };
      },
    },
    recalculateDeadline: { path: path('recalculateDeadline'), body: body({}), world: leadWorld },
  };
}

const GOV_NORMATIVE = { title: '张家港市某管理办法', issuer: 'government', category: 'normative' };
const GOV_WORK = { title: '关于做好某项工作的通知', issuer: 'government', category: 'work' };
const DEPT_WORK = { title: '关于某项工作的通知', issuer: 'department', category: 'work', documentCode: '张教规' };

export function issuanceCases(t: TestApp): Record<string, CommandCase> {
  const api = http(t.app);
  const edu = t.token(unitClerkClaims('education'));
  const office = t.token(ACTORS.officeClerk);
  const drafted = async (body: Body = GOV_NORMATIVE, token = edu) => {
    const res = expectStatus(await api.post('/issuances', token, body), 201, '拟稿');
    return String(res.headers.location).split('/').pop()!;
  };
  /** 市政府 general work, signed by the 分管副市长 of 市教育局 (第四十四条). */
  const citySigned = async () => {
    const id = await drafted(GOV_WORK);
    expectStatus(await api.post(`/issuances/${id}/signatures`, t.token(leaderClaims('vice-mayor-2')), {}), 200, '签发');
    return id;
  };
  /** A department's own document, signed by the department (第四十六条). */
  const departmentSigned = async () => {
    const id = await drafted(DEPT_WORK);
    expectStatus(await api.post(`/issuances/${id}/signatures`, edu, {}), 200, '部门签发');
    return id;
  };
  const p = (segment: string) => (id?: string) => `/issuances/${id}/${segment}`;
  const body = (b: Body) => () => b;
  const drafting = async (): Promise<World> => ({ id: await drafted(), clerk: 'education' });
  /** Office roles review their own drafts: a draft of the office itself. */
  const draftingUnitWorld = async (role: Role): Promise<World> =>
    ['office_clerk', 'office_director', 'office_deputy_director'].includes(role)
      ? { id: await drafted({ ...GOV_NORMATIVE, issuer: 'office' }, office) }
      : drafting();
  const afterSigning = (segment: string, b: Body): CommandCase => ({
    path: p(segment),
    body: body(b),
    world: async (role) => (role === 'unit_clerk' ? { id: await departmentSigned(), clerk: 'education' } : { id: await citySigned() }),
    strangerWorld: async () => ({ id: await departmentSigned() }),
  });
  return {
    draft: { path: () => '/issuances', body: () => GOV_NORMATIVE, world: async () => ({ clerk: 'education' }) },
    reviseDraft: { path: p('revision'), body: body({ summary: '修改第三条' }), world: drafting },
    openPublicComment: { path: p('public-comment'), body: body({ opensOn: '2026-10-01', closesOn: '2026-10-31', channel: '政府网站' }), world: drafting },
    closePublicComment: { path: p('public-comment/closure'), body: body({ commentCount: 1, summary: '采纳' }), world: drafting },
    recordLegalityReview: {
      path: p('legality-review'),
      body: body({ lawful: true, opinion: '合法' }),
      world: draftingUnitWorld,
      strangerWorld: async () => ({ id: await drafted() }),
    },
    recordIntegrityReview: {
      path: p('integrity-review'),
      body: body({ passed: true, opinion: '通过' }),
      world: draftingUnitWorld,
      strangerWorld: async () => ({ id: await drafted() }),
    },
    giveSupervisionOpinion: { path: p('supervision-opinion'), body: body({ concurs: true, opinion: '同意' }), world: drafting },
    reviewAgreementText: { path: p('agreement-text-review'), body: body({ lawful: true, opinion: '合法' }), world: drafting },
    submitForDeliberation: { path: p('deliberation-request'), body: body({ meeting: 'executive' }), world: drafting },
    recordDeliberation: {
      path: p('deliberation-outcome'),
      body: body({ session: '第1次常务会议', heldOn: '2026-09-01', outcome: 'adopted' }),
      world: drafting,
    },
    review: { path: p('reviews'), body: body({ opinion: '已核' }), world: async () => ({ id: await drafted(), viceMayor: 'vice-mayor-2' }) },
    countersign: {
      path: p('countersignatures'),
      body: body({}),
      world: async () => ({ id: await drafted({ ...GOV_WORK, jointIssuers: ['finance'] }), clerk: 'finance' }),
    },
    delegateSigning: {
      path: p('delegations'),
      body: body({ delegationId: 'd-1', delegateLeaderId: 'executive-vice-mayor', from: '2026-10-01T00:00:00+08:00', until: '2026-12-31T00:00:00+08:00', reason: '出访' }),
      world: drafting,
    },
    revokeDelegation: { path: (id) => `/issuances/${id}/delegations/d-1/revocation`, body: body({}), world: drafting },
    sign: { path: p('signatures'), body: body({ opinion: '同意' }), world: async () => ({ id: await drafted(GOV_WORK), viceMayor: 'vice-mayor-2', clerk: 'education' }) },
    issue: afterSigning('issue', {}),
    publish: afterSigning('publication', { channel: '政府网站' }),
    exemptFromPublication: afterSigning('publication-exemption', { legalBasis: '《政府信息公开条例》第十四条', reason: '涉及国家安全' }),
    file: afterSigning('filing', { reference: '备〔2026〕1号' }),
  };
}

export function proposalCases(t: TestApp): Record<string, CommandCase> {
  const api = http(t.app);
  const office = t.token(ACTORS.officeClerk);
  const register = { kind: 'npc_suggestion', number: '第0012号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增加公交线路的建议' };
  const registered = async () => String(expectStatus(await api.post('/proposals', office, register), 201, '登记').headers.location).split('/').pop()!;
  const assigned = async () => {
    const id = await registered();
    expectStatus(await api.post(`/proposals/${id}/assignment`, office, { leadUnit: 'education', coUnits: ['transport'] }), 200, '交办');
    return id;
  };
  const p = (segment: string) => (id?: string) => `/proposals/${id}/${segment}`;
  const body = (b: Body) => () => b;
  const lead = async (): Promise<World> => ({ id: await assigned(), clerk: 'education' });
  return {
    register: { path: () => '/proposals', body: body(register), world: async () => ({}) },
    assign: { path: p('assignment'), body: body({ leadUnit: 'education', coUnits: ['transport'] }), world: async () => ({ id: await registered() }) },
    submitCoOpinion: { path: p('co-opinions'), body: body({ opinion: '同意' }), world: async () => ({ id: await assigned(), clerk: 'transport' }) },
    requestExtension: { path: p('extension-requests'), body: body({ reason: '需要调研', requestedDueDate: '2027-06-30' }), world: lead },
    approveExtension: { path: p('extension-approval'), body: body({}), world: lead },
    rejectExtension: { path: p('extension-rejection'), body: body({ reason: '理由不足' }), world: lead },
    answer: { path: p('answer'), body: body({ answerClass: 'A', summary: '已采纳' }), world: lead },
    recordSatisfaction: { path: p('satisfaction'), body: body({ satisfaction: 'satisfied' }), world: lead },
    publishResult: { path: p('publication'), body: body({ channel: '政府网站' }), world: lead },
    recalculateDeadlines: { path: p('deadline-recalculation'), body: body({}), world: lead },
  };
}
