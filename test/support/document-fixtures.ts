/**
 * Reusable pieces for HTTP tests of 收文/交办 documents (DESIGN §3): who acts (token claims for
 * the office, the leaders, the 督查室 and any unit), request bodies that pass or fail the
 * 报文规范 on purpose, a typed client with one method per REST command, and a helper that drives
 * a document to 交办 in one call.
 *
 * Everything follows the default directory (config/directory.default.json); leader tokens
 * carry the position id the directory gives them ('mayor', 'executive-vice-mayor',
 * 'vice-mayor-1' …) and the role it records for that position.
 */
import type { TokenClaims } from '../../src/auth/tokens';
import type { Role } from '../../src/auth/roles';
import { loadDirectory } from '../../src/directory/directory-loader';
import type { TestApp } from './app';
import { http, type HttpResult } from './http';

export const directory = loadDirectory();

/** Directory codes the document tests use most. */
export const CODES = {
  /** 张家港市人民政府: the only valid 主送 of a submission (第四十一条). */
  organ: directory.organCode,
  /** 市政府办公室. */
  office: directory.officeCode,
  /** 市政府办公室督查室 (第三十二条). */
  supervision: directory.supervisionCode,
  /** 苏州市人民政府: a superior organ, so a 请示 to it skips the city government (越级). */
  suzhou: 'suzhou-gov',
} as const;

/** Leader positions of the default directory (by role, never by name). */
export const LEADERS = {
  mayor: directory.mayorPosition(),
  executiveViceMayor: directory.executiveViceMayorPosition()!,
  /** 分管 自然资源规划、住建、交通、水务、城管 … */
  viceMayor1: 'vice-mayor-1',
  /** 分管 教育、卫健、民政、人社 … */
  viceMayor2: 'vice-mayor-2',
  viceMayor3: 'vice-mayor-3',
  viceMayor4: 'vice-mayor-4',
  viceMayor5: 'vice-mayor-5',
} as const;

type Claims = Partial<TokenClaims> & Pick<TokenClaims, 'unit' | 'roles'>;

const staff = (sub: string, name: string, unit: string, roles: Role[]): Claims => ({ sub, name, unit, roles });

/** Token claims of every actor the document workflow knows. */
export const ACTORS = {
  officeClerk: staff('office-clerk-1', '市政府办公室文电科工作人员', CODES.office, ['office_clerk']),
  officeDirector: staff('office-director-1', '市政府办公室主任', CODES.office, ['office_director']),
  officeDeputyDirector: staff('office-deputy-1', '市政府办公室副主任', CODES.office, ['office_deputy_director']),
  supervisor: staff('supervisor-1', '督查室工作人员', CODES.supervision, ['supervisor']),
  auditor: staff('auditor-1', '审计人员', 'audit', ['auditor']),
} satisfies Record<string, Claims>;

/** A leader's claims: the role and title the directory records for the position. */
export function leaderClaims(position: string): Claims {
  const leader = directory.leader(position);
  if (!leader) throw new Error(`默认组织目录中没有领导职位 ${position}`);
  return { sub: `leader-${position}`, name: leader.title, unit: CODES.organ, roles: [leader.role], leader: position };
}

/** A 报文/承办 unit's clerk (unit_clerk of a department, town, street or park). */
export function unitClerkClaims(unit: string): Claims {
  if (!directory.hasUnit(unit)) throw new Error(`默认组织目录中没有单位 ${unit}`);
  return { sub: `clerk-${unit}`, name: `${directory.nameOf(unit)}经办人`, unit, roles: ['unit_clerk'] };
}

export interface DocumentTokens {
  officeClerk: string;
  officeDirector: string;
  officeDeputyDirector: string;
  supervisor: string;
  auditor: string;
  mayor: string;
  executiveViceMayor: string;
  viceMayor1: string;
  viceMayor2: string;
  viceMayor3: string;
  viceMayor4: string;
  viceMayor5: string;
  /** Any leader position of the directory. */
  leader(position: string): string;
  /** The clerk of any unit of the directory. */
  unit(code: string): string;
}

/** Bearer tokens for every actor, minted by the test app's secret. */
export function documentTokens(t: TestApp): DocumentTokens {
  const leader = (position: string) => t.token(leaderClaims(position));
  return {
    officeClerk: t.token(ACTORS.officeClerk),
    officeDirector: t.token(ACTORS.officeDirector),
    officeDeputyDirector: t.token(ACTORS.officeDeputyDirector),
    supervisor: t.token(ACTORS.supervisor),
    auditor: t.token(ACTORS.auditor),
    mayor: leader(LEADERS.mayor),
    executiveViceMayor: leader(LEADERS.executiveViceMayor),
    viceMayor1: leader(LEADERS.viceMayor1),
    viceMayor2: leader(LEADERS.viceMayor2),
    viceMayor3: leader(LEADERS.viceMayor3),
    viceMayor4: leader(LEADERS.viceMayor4),
    viceMayor5: leader(LEADERS.viceMayor5),
    leader,
    unit: (code: string) => t.token(unitClerkClaims(code)),
  };
}

// ---------------------------------------------------------------------------------------------
// Request bodies. Plain JSON as a client sends it; every builder takes overrides.

type Body = Record<string, unknown>;

/** A 请示 that passes every 报文规范 check: one 主送, the 市政府, no leader addressed. */
export const requestBody = (overrides: Body = {}): Body => ({
  kind: 'request',
  title: '关于某地块土地收储的请示',
  mainTo: [CODES.organ],
  documentNumber: '张自然资规〔2026〕12号',
  summary: '某地块已具备收储条件,请市政府同意收储。',
  requestItems: ['同意收储某地块'],
  ...overrides,
});

/** A 报告 with no 请示事项. */
export const reportBody = (overrides: Body = {}): Body => ({
  kind: 'report',
  title: '关于2026年三季度安全生产情况的报告',
  mainTo: [CODES.organ],
  summary: '三季度全市安全生产形势总体平稳。',
  ...overrides,
});

/** One department's side of a disagreement (第四十一条: 理由 and 依据). */
export const position = (unit: string, reasons: string, basis: string) => ({ unit, reasons, basis });

/** A complete disagreement: heads consulted, both sides with 理由 and 依据, and a proposal. */
export const disagreementBody = (lead: string, other: string, overrides: Body = {}): Body => ({
  headsConsulted: true,
  positions: [
    position(lead, '地块已具备收储条件', '《土地储备管理办法》第十条'),
    position(other, '年度收储资金已安排完毕', '《2026年市级财政预算》'),
  ],
  proposal: '建议分两年安排收储资金',
  ...overrides,
});

/** 初审/拟办 opinion. */
export const reviewBody = (overrides: Body = {}): Body => ({ opinion: '拟请分管副市长阅示,由报文单位牵头办理', ...overrides });

/** 交办. */
export const assignBody = (handlingClass: string, overrides: Body = {}): Body => ({
  handlingClass,
  requirements: '请按期办理并报告结果',
  ...overrides,
});

// ---------------------------------------------------------------------------------------------
// The client: one method per endpoint of DocumentsController.

export type Headers = Record<string, string>;
type CommandCall = (id: string, token: string, body?: Body, headers?: Headers) => Promise<HttpResult>;

export interface DocumentsClient {
  submit(token: string, body: Body, headers?: Headers): Promise<HttpResult>;
  resubmit: CommandCall;
  return: CommandCall;
  register: CommandCall;
  review: CommandCall;
  route: CommandCall;
  instruct: CommandCall;
  assign: CommandCall;
  requestConsultation: CommandCall;
  giveConsultationOpinion: CommandCall;
  reportDisagreement: CommandCall;
  coordinate: CommandCall;
  explainProgress: CommandCall;
  requestExtension: CommandCall;
  approveExtension: CommandCall;
  rejectExtension: CommandCall;
  urge: CommandCall;
  submitOpinion: CommandCall;
  complete: CommandCall;
  close: CommandCall;
  archive: CommandCall;
  recalculateDeadline: CommandCall;
  get(id: string, token: string): Promise<HttpResult>;
}

/** Path segment of each command endpoint (POST /documents/:id/<segment>). */
export const COMMAND_PATHS = {
  resubmit: 'resubmission',
  return: 'return',
  register: 'registration',
  review: 'review',
  route: 'routing',
  instruct: 'instructions',
  assign: 'assignment',
  requestConsultation: 'consultations',
  giveConsultationOpinion: 'consultation-opinions',
  reportDisagreement: 'disagreements',
  coordinate: 'coordination',
  explainProgress: 'progress-explanations',
  requestExtension: 'extension-requests',
  approveExtension: 'extension-approval',
  rejectExtension: 'extension-rejection',
  urge: 'urges',
  submitOpinion: 'opinion',
  complete: 'completion',
  close: 'closure',
  archive: 'archive',
  recalculateDeadline: 'deadline-recalculation',
} as const;

export function documentsClient(t: TestApp): DocumentsClient {
  const api = http(t.app);
  const commands = Object.fromEntries(
    Object.entries(COMMAND_PATHS).map(([name, segment]) => [
      name,
      ((id, token, body = {}, headers) => api.post(`/documents/${id}/${segment}`, token, body, headers)) as CommandCall,
    ]),
  ) as Record<keyof typeof COMMAND_PATHS, CommandCall>;
  return {
    submit: (token, body, headers) => api.post('/documents', token, body, headers),
    ...commands,
    get: (id, token) => api.get(`/documents/${id}`, token),
  };
}

/** Fails with the response body in the message, so a refused step explains itself. */
export function expectStatus(res: HttpResult, status: number, step = ''): HttpResult {
  if (res.status !== status) {
    throw new Error(`${step ? step + ': ' : ''}expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

export interface AssignedDocumentOptions {
  /** Submitting and lead unit; default 市自然资源和规划局 (分管: vice-mayor-1). */
  unit?: string;
  handlingClass?: string;
  coUnits?: string[];
  /** Extra 交办 fields (urgentDueDate, statutoryDueDate, legalBasis …). */
  assign?: Body;
  submission?: Body;
  /** Moments (ISO) for the intake steps and for 交办; intake defaults to the app's current time. */
  intakeAt?: string;
  assignAt?: string;
}

/**
 * Submits a valid 请示 and takes it through 签收登记, 初审/拟办, 分工呈批 and the 分管 leader's
 * 批示 to 交办. Returns the id and the GET state after 交办.
 */
export async function assignedDocument(
  t: TestApp,
  client: DocumentsClient,
  tokens: DocumentTokens,
  options: AssignedDocumentOptions = {},
): Promise<{ id: string; state: HttpResult['body'] }> {
  const unit = options.unit ?? 'natural-resources';
  const leader = directory.portfolioLeaderOf(unit);
  if (!leader) throw new Error(`${unit} 在默认组织目录中没有分管领导`);
  if (options.intakeAt) t.clock.set(options.intakeAt);
  const submitted = expectStatus(await client.submit(tokens.unit(unit), requestBody(options.submission)), 201, '报文');
  const id: string = submitted.body.id;
  expectStatus(await client.register(id, tokens.officeClerk, { registrationNo: `收文〔2026〕${id.slice(0, 4)}号` }), 200, '签收登记');
  expectStatus(await client.review(id, tokens.officeClerk, reviewBody({ proposedLeadUnit: unit })), 200, '初审拟办');
  expectStatus(await client.route(id, tokens.officeClerk), 200, '分工呈批');
  expectStatus(await client.instruct(id, tokens.leader(leader), { text: '请按职责抓紧办理' }), 200, '批示');
  if (options.assignAt) t.clock.set(options.assignAt);
  const body = assignBody(options.handlingClass ?? 'own_authority', {
    ...(options.coUnits ? { coUnits: options.coUnits } : {}),
    ...options.assign,
  });
  expectStatus(await client.assign(id, tokens.officeClerk, body), 200, '交办');
  const state = expectStatus(await client.get(id, tokens.officeClerk), 200, '查询').body;
  return { id, state };
}

/** `"3"` → 3. */
export const revisionOf = (res: HttpResult): number => Number(String(res.headers.etag).replace(/"/g, ''));
