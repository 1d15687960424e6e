import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentsClient, documentTokens, expectStatus, requestBody, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * Read-your-writes (DESIGN §2): a query given the position a command returned always sees that
 * command, though projections are fed asynchronously from the store's subscription.
 */
describe('read-your-writes (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    t = await startTestApp({ READ_YOUR_WRITES_TIMEOUT_MS: '3000' }, '2026-03-02T01:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
  });
  afterAll(() => t.close());

  const read = async (path: string, position: string) => expectStatus(await api.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, tokens.supervisor), 200, path).body;

  it('every command is visible to the next query that carries its position', async () => {
    const { id } = await assignedDocument(t, client, tokens, { unit: 'transport' });
    for (let i = 0; i < 25; i++) {
      t.clock.set(new Date(Date.parse('2026-03-03T01:00:00.000Z') + i * 60_000).toISOString());
      const urged = expectStatus(await client.urge(id, tokens.supervisor, { text: `第 ${i + 1} 次催办` }), 200).body;
      const [history, obligations] = await Promise.all([read(`/documents/${id}/history`, urged.position), read('/obligations?unit=transport', urged.position)]);
      expect(history.entries.at(-1)).toMatchObject({ revision: urged.revision, label: '催办' });
      expect(obligations.items[0].urgedAt).toBe(t.clock.now().toISOString());
    }
  });

  it('a new document is in the summary, the obligations and the performance figures as soon as its 交办 position is read', async () => {
    for (let i = 0; i < 8; i++) {
      const submitted = expectStatus(await client.submit(tokens.unit('health'), requestBody({ title: `关于第 ${i} 件事项的请示` })), 201).body;
      const id: string = submitted.id;
      const summary = await read('/obligations/summary', submitted.position);
      expect(summary.units.find((u: { unit: string }) => u.unit === 'health').statuses.document.submitted).toBe(1);
      expectStatus(await client.register(id, tokens.officeClerk, {}), 200);
      expectStatus(await client.review(id, tokens.officeClerk, { opinion: '拟办', proposedLeadUnit: 'health' }), 200);
      expectStatus(await client.route(id, tokens.officeClerk), 200);
      expectStatus(await client.instruct(id, tokens.viceMayor2, { text: '同意' }), 200);
      const assigned = expectStatus(await client.assign(id, tokens.officeClerk, { handlingClass: 'own_authority' }), 200).body;
      const [open, perf] = await Promise.all([read('/obligations?unit=health&limit=500', assigned.position), read('/performance?unit=health', assigned.position)]);
      expect(open.items.map((o: { documentId: string }) => o.documentId)).toContain(id);
      expect(perf.totals.assigned).toBe(i + 1);
    }
  });

  it('a position beyond the last event (no command returned it) is 400 MIN_POSITION_AHEAD at once, on every query', async () => {
    const { id, state } = await assignedDocument(t, client, tokens, { unit: 'transport' });
    const head: string = state.position;
    const ahead = String(Number(head) + 1).padStart(16, '0');
    const paths = ['/obligations', '/obligations/overdue', '/obligations/due-soon', '/obligations/summary', '/obligations/export.csv', '/performance', '/performance/export.xlsx', `/documents/${id}/history`, `/documents/${id}/state`, `/documents/${id}/events`];
    for (const [position, token] of [[ahead, tokens.supervisor], ['9999999999999999', tokens.supervisor], [ahead, tokens.unit('transport')]] as const) {
      for (const path of paths) {
        const started = Date.now();
        const res = await api.get(`${path}?minPosition=${position}`, token);
        expect({ path, position, status: res.status, code: res.body.code }).toEqual({ path, position, status: 400, code: 'MIN_POSITION_AHEAD' });
        expect(Date.now() - started).toBeLessThan(1000); // the read-your-writes timeout is 3 s
        expect(res.body.message).toContain(position);
        expect(res.body.details).toEqual({ minPosition: position, head });
      }
    }
    // The head itself is the last command's position: read, not refused.
    expect((await read('/obligations?unit=transport', head)).items.length).toBeGreaterThan(0);
    expect((await read(`/documents/${id}/state`, head)).position).toBe(head);
  });
});
