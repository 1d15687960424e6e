import { startTestApp, type TestApp } from '../support/app';
import { CODES, documentsClient, documentTokens, expectStatus, requestBody, reviewBody, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * 第四十二条: the office 审核把关, 提出办理意见 and 按分工呈批. Its pending steps are obligations
 * owed by the office without a time limit, so `/obligations?owedBy=<office>` is its inbox.
 */
describe('the office inbox (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-03-02T01:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
  });
  afterAll(() => t.close());

  const inbox = async (position: string) =>
    expectStatus(await api.get(`/obligations?owedBy=${CODES.office}&minPosition=${position}`, tokens.officeClerk), 200, 'inbox').body as {
      items: Array<{ documentId: string; type: string; typeLabel: string; owedBy: { code: string; name: string }; colour: string | null; dueDate: string | null }>;
    };

  it('第四十二条: a submitted document waits for 签收登记, then 初审拟办, then 分工呈批, and leaves the inbox once routed', async () => {
    const submitted = expectStatus(await client.submit(tokens.unit('education'), requestBody({ documentNumber: '张教〔2026〕3号' })), 201, '报文').body;
    const id = submitted.id as string;
    let body = await inbox(submitted.position);
    expect(body.items).toEqual([
      expect.objectContaining({ documentId: id, type: 'registration', typeLabel: '签收登记', owedBy: { code: CODES.office, name: '张家港市人民政府办公室' }, dueDate: null }),
    ]);
    const registered = expectStatus(await client.register(id, tokens.officeClerk, { registrationNo: '收文〔2026〕101号' }), 200, '签收登记').body;
    body = await inbox(registered.position);
    expect(body.items.map((i) => i.typeLabel)).toEqual(['初审拟办']);
    const reviewed = expectStatus(await client.review(id, tokens.officeClerk, reviewBody({ proposedLeadUnit: 'education' })), 200, '初审拟办').body;
    body = await inbox(reviewed.position);
    expect(body.items.map((i) => i.typeLabel)).toEqual(['分工呈批']);
    const routed = expectStatus(await client.route(id, tokens.officeClerk, {}), 200, '分工呈批').body;
    body = await inbox(routed.position);
    expect(body.items).toEqual([]);
  });
});
