import { startTestApp, type TestApp } from '../support/app';
import {
  ACTORS,
  assignBody,
  documentsClient,
  documentTokens,
  expectStatus,
  leaderClaims,
  requestBody,
  reviewBody,
  unitClerkClaims,
  type DocumentTokens,
} from '../support/document-fixtures';
import { http } from '../support/http';
import type { Claims } from './matrix-worlds';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Readers the policy admits but the query layer's interim scope still turns away (see below). */
const QUERY_LAYER_DENIES = ['history', 'state', 'events'].flatMap((sub) => [
  `/issuances/{id}/${sub} | legality reviewer (第四十五条)`,
  `/proposals/{id}/${sub} | lead unit`,
  `/proposals/{id}/${sub} | co-unit`,
]);

/**
 * Leak tests: every GET endpoint of the app (read from its OpenAPI document, so a new one is
 * covered or fails here), read by people related and unrelated to an item. Unrelated readers
 * get exactly what a missing item gets.
 */
describe('read scope: who sees which item, on every read endpoint', () => {
  let t: TestApp;
  let api: ReturnType<typeof http>;
  let tokens: DocumentTokens;
  let paths: string[];
  const ids: Record<'documents' | 'issuances' | 'proposals', string> = { documents: '', issuances: '', proposals: '' };
  const token = (claims: Claims) => t.token(claims);

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
    api = http(t.app);
    tokens = documentTokens(t);
    const client = documentsClient(t);
    // 市自然资源和规划局 submits and leads (分管 vice-mayor-1); 市财政局 co-handles; 市卫健委 is asked in 会商;
    // it is also routed to vice-mayor-4.
    const id = expectStatus(await client.submit(tokens.unit('natural-resources'), requestBody()), 201).body.id as string;
    expectStatus(await client.register(id, tokens.officeClerk), 200);
    expectStatus(await client.review(id, tokens.officeClerk, reviewBody({ proposedLeadUnit: 'natural-resources' })), 200);
    expectStatus(await client.route(id, tokens.officeClerk, { alsoTo: ['vice-mayor-4'] }), 200);
    expectStatus(await client.instruct(id, tokens.viceMayor1, { text: '请抓紧办理' }), 200);
    t.clock.set('2026-09-30T02:00:00.000Z');
    expectStatus(await client.assign(id, tokens.officeClerk, assignBody('own_authority', { coUnits: ['finance'] })), 200);
    expectStatus(await client.requestConsultation(id, tokens.unit('natural-resources'), { units: ['health'], replyBy: '2026-10-09', subject: '请提出意见' }), 200);
    ids.documents = id;
    const edu = token(unitClerkClaims('education'));
    ids.issuances = String(expectStatus(await api.post('/issuances', edu, { title: '张家港市某管理办法', issuer: 'government', category: 'normative' }), 201).headers.location).split('/').pop()!;
    const office = tokens.officeClerk;
    ids.proposals = String(
      expectStatus(await api.post('/proposals', office, { kind: 'npc_suggestion', number: '第1号', session: '市人大', proposer: '王代表', subject: '公交线路' }), 201).headers.location,
    ).split('/').pop()!;
    const last = expectStatus(await api.post(`/proposals/${ids.proposals}/assignment`, office, { leadUnit: 'education', coUnits: ['transport'] }), 200).body.position as string;
    const openApi = (await api.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    paths = Object.entries(openApi.paths).filter(([, ops]) => 'get' in ops).map(([p]) => p);
    // Scope checks read the obligations projection (histories are read from the store): wait until it has every write.
    expectStatus(await api.get(`/obligations?minPosition=${last}`, office), 200);
  });
  afterAll(() => t.close());

  const READERS: Record<'documents' | 'issuances' | 'proposals', { sees: Record<string, Claims>; blind: Record<string, Claims> }> = {
    documents: {
      sees: {
        'submitting and lead unit': unitClerkClaims('natural-resources'),
        'co-unit': unitClerkClaims('finance'),
        'unit asked in 会商': unitClerkClaims('health'),
        '分管 leader of the lead unit': leaderClaims('vice-mayor-1'),
        'leader it was routed to': leaderClaims('vice-mayor-4'),
        市长: leaderClaims('mayor'),
        office: ACTORS.officeClerk,
        督查室: ACTORS.supervisor,
        auditor: ACTORS.auditor,
      },
      blind: {
        'unrelated unit': unitClerkClaims('culture-tourism'),
        'leader of another portfolio': leaderClaims('vice-mayor-3'),
        '常务副市长 (co-unit in portfolio only)': leaderClaims('executive-vice-mayor'),
        'legality reviewer': { sub: 'legal-1', unit: 'justice', roles: ['legal_reviewer'] },
        'an office role claimed outside the office': { sub: 'x', unit: 'culture-tourism', roles: ['office_clerk'] },
      },
    },
    issuances: {
      sees: { 'drafting unit': unitClerkClaims('education'), 'legality reviewer (第四十五条)': { sub: 'legal-1', unit: 'justice', roles: ['legal_reviewer'] }, '分管 leader': leaderClaims('vice-mayor-2'), office: ACTORS.officeClerk, auditor: ACTORS.auditor },
      blind: { 'unrelated unit': unitClerkClaims('culture-tourism'), 'leader of another portfolio': leaderClaims('vice-mayor-3') },
    },
    proposals: {
      sees: { 'lead unit': unitClerkClaims('education'), 'co-unit': unitClerkClaims('transport'), '分管 leader of the lead unit': leaderClaims('vice-mayor-2'), office: ACTORS.officeClerk, 督查室: ACTORS.supervisor },
      blind: { 'unrelated unit': unitClerkClaims('culture-tourism'), 'leader of another portfolio': leaderClaims('vice-mayor-3'), 'legality reviewer': { sub: 'legal-1', unit: 'justice', roles: ['legal_reviewer'] } },
    },
  };

  for (const kind of ['documents', 'issuances', 'proposals'] as const) {
    it(`${kind}: every by-id endpoint answers the related and hides the item from the unrelated exactly like a missing one`, async () => {
      const byId = paths.filter((p) => new RegExp(`^(/live)?/${kind}/\\{id\\}`).test(p));
      expect(byId.length).toBeGreaterThanOrEqual(5);
      const id = ids[kind];
      for (const path of byId) {
        for (const [who, claims] of Object.entries(READERS[kind].sees)) {
          if (QUERY_LAYER_DENIES.includes(`${path} | ${who}`)) continue;
          const res = await api.get(path.replace('{id}', id), token(claims));
          expect([path, who, res.status]).toEqual([path, who, 200]);
        }
        for (const [who, claims] of Object.entries(READERS[kind].blind)) {
          const hidden = await api.get(path.replace('{id}', id), token(claims));
          const missing = await api.get(path.replace('{id}', MISSING), token(claims));
          expect([path, who, hidden.status]).toEqual([path, who, 404]);
          expect([path, who, hidden.body.code, hidden.body.message.replace(id, MISSING)]).toEqual([path, who, missing.body.code, missing.body.message]);
        }
      }
    });
  }

  // Not leaks but false denials: the query layer's interim scope (src/queries/shared/query-scope.ts)
  // is narrower than the policy for these readers. Green once it filters with request.readScope.
  it('history, state-as-of and raw events answer every reader the policy allows', async () => {
    const denied: string[] = [];
    for (const pair of QUERY_LAYER_DENIES) {
      const [path, who] = pair.split(' | ') as [string, string];
      const kind = path.split('/')[1] as keyof typeof ids;
      const res = await api.get(path.replace('{id}', ids[kind]), token(READERS[kind].sees[who]!));
      if (res.status !== 200) denied.push(pair);
    }
    expect(denied).toEqual([]);
  });

  // List endpoints, exports and live streams filter rows with the same policy.
  const LISTS = [
    '/obligations',
    '/obligations/overdue?asOf=2027-06-01T00:00:00Z',
    '/obligations/due-soon',
    '/obligations/summary',
    '/obligations/export.csv',
    '/performance',
    '/performance/export.csv',
    // SSE streams: without Accept: text/event-stream they answer their snapshot as JSON.
    '/live/summary',
    '/live/outstanding',
  ];

  it('every list, export and live endpoint in the app has a leak test here', () => {
    const lists = paths.filter((p) => !p.includes('{') && /^\/(obligations|performance|live|exports?)\b/.test(p));
    const covered = new Set(LISTS.map((p) => p.split('?')[0]).concat(['/obligations/export.xlsx', '/performance/export.xlsx']));
    expect(lists.filter((p) => !covered.has(p))).toEqual([]);
  });

  it('an unrelated unit sees none of the document in any list or export; the lead unit does (control)', async () => {
    for (const path of LISTS) {
      const lead = await api.get(path, token(unitClerkClaims('natural-resources')));
      const other = await api.get(path, token(unitClerkClaims('culture-tourism')));
      expect([path, lead.status, other.status]).toEqual([path, 200, 200]);
      const leaked = JSON.stringify(other.body);
      expect([path, leaked.includes(ids.documents), leaked.includes('natural-resources'), leaked.includes('市自然资源和规划局')]).toEqual([path, false, false, false]);
    }
    const lead = JSON.stringify((await api.get('/obligations', token(unitClerkClaims('natural-resources')))).body);
    expect(lead).toContain(ids.documents);
  });

  it('a leader sees only the portfolio in the live streams', async () => {
    const other = JSON.stringify((await api.get('/live/summary', token(leaderClaims('vice-mayor-3')))).body);
    const own = JSON.stringify((await api.get('/live/summary', token(leaderClaims('vice-mayor-1')))).body);
    expect([other.includes('"natural-resources"'), own.includes('"natural-resources"')]).toEqual([false, true]);
  });

  // Known gap: the query layer still uses its interim unit scope (src/queries/shared/query-scope.ts),
  // under which every leader reads every unit. It turns green when it filters with
  // request.readScope (toUnitScope) from src/security; then make this an ordinary `it`.
  it('a leader sees only the portfolio in lists', async () => {
    const other = JSON.stringify((await api.get('/obligations', token(leaderClaims('vice-mayor-3')))).body);
    expect(other.includes(ids.documents)).toBe(false);
  });
});
