import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, type TestApp } from '../support/app';
import { documentsClient, documentTokens, requestBody, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/** Control, bidi-override and broken-surrogate characters never reach the store (nor CSV exports from it). */
describe('command texts with characters no text may carry are refused (400 TEXT_INVALID_CHARACTERS)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    client = documentsClient(t);
    tokens = documentTokens(t);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  const refused = async (send: () => Promise<{ status: number; body: any }>, field: string, codePoint: string) => {
    const head = await store.headPosition();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('TEXT_INVALID_CHARACTERS');
    expect(res.body.message).toContain(`字段「${field}」`);
    expect(res.body.message).toContain(codePoint);
    expect(res.body.details).toMatchObject({ field, codePoint });
    expect(await store.headPosition()).toBe(head);
  };
  const submit = (overrides: Record<string, unknown>) => () => client.submit(tokens.unit('natural-resources'), requestBody(overrides));

  it('NUL, BEL and U+202E in a title; a lone surrogate in a summary', async () => {
    await refused(submit({ title: '关于收储\u0000的请示' }), 'title', 'U+0000');
    await refused(submit({ title: '关于收储\u0007的请示' }), 'title', 'U+0007');
    await refused(submit({ title: '关于收储的请示\u202Efdp.exe' }), 'title', 'U+202E');
    await refused(submit({ summary: '摘要\ud800' }), 'summary', 'U+D800');
  });

  it('a line break is refused in a single-line field (title) but kept in a multi-line one (summary)', async () => {
    await refused(submit({ title: '关于收储\n的请示' }), 'title', 'U+000A');
    const ok = await client.submit(tokens.unit('natural-resources'), requestBody({ summary: '一、范围\n二、资金\r\n\t(一) 预算' }));
    expect(ok.status).toBe(201);
  });

  it('nested texts and list items are checked too, named by their path', async () => {
    await refused(submit({ requestItems: ['同意收储', '同意\u2066安排资金'] }), 'requestItems.1', 'U+2066');
    await refused(
      submit({ disagreement: { headsConsulted: true, positions: [{ unit: 'finance', reasons: '资金\u0085不足', basis: '预算' }], proposal: '分期' } }),
      'disagreement.positions.0.reasons',
      'U+0085',
    );
  });

  it('issuance and proposal commands are covered by the same check', async () => {
    const api = http(t.app);
    await refused(
      () => api.post('/issuances', tokens.unit('education'), { title: '关于暑期安全\u202E的通知', issuer: 'government', category: 'work' }),
      'title',
      'U+202E',
    );
    await refused(
      () =>
        api.post('/proposals', tokens.officeClerk, {
          kind: 'npc_suggestion',
          number: '第0012号',
          session: '市十六届人大五次会议',
          proposer: '王代表\u0000',
          subject: '关于增加停车位的建议',
        }),
      'proposer',
      'U+0000',
    );
  });
});
