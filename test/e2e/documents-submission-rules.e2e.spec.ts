import { startTestApp, type TestApp } from '../support/app';
import {
  CODES,
  disagreementBody,
  documentTokens,
  documentsClient,
  expectStatus,
  position,
  reportBody,
  requestBody,
  reviewBody,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { http } from '../support/http';
import { uuidFrom } from '../../src/command-handling/deterministic-id';

const ART41 = '第四十一条';
const ART42 = '第四十二条';
const ART46 = '第四十六条';
const ART47 = '第四十七条';

let t: TestApp;
let client: DocumentsClient;
let tokens: DocumentTokens;
let store: EventStore;

beforeAll(async () => {
  t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
  client = documentsClient(t);
  tokens = documentTokens(t);
  store = t.app.get<EventStore>(EVENT_STORE);
});
afterAll(() => t.close());

type Reason = { article: string; code: string; message: string };

/**
 * Submits as `unit` and checks the answer: 201, the submission and its automatic 退文 recorded
 * together, and the GET state listing exactly the expected reasons (article + code, in the
 * checker's order), each with a Chinese message that cites its article.
 */
/** The events a command answered with, without their data. */
const typesOf = (events: { type: string; revision: number }[]) => events.map(({ type, revision }) => ({ type, revision }));

async function expectAutomaticReturn(body: Record<string, unknown>, expected: [article: string, code: string][], unit = 'natural-resources') {
  const res = expectStatus(await client.submit(tokens.unit(unit), body), 201, '报文');
  expect(typesOf(res.body.events)).toEqual([
    { type: 'document.submitted', revision: 0 },
    { type: 'document.returned', revision: 1 },
  ]);
  // The answer itself already carries every reason, so the unit needs no second request.
  expect(res.body.events[1].data.reasons.map((r: Reason) => [r.article, r.code])).toEqual(expected);
  const state = expectStatus(await client.get(res.body.id, tokens.unit(unit)), 200).body;
  expect(state).toMatchObject({ status: 'returned', statusLabel: '已退文', submission: { attempt: 1 } });
  expect(state.returns).toHaveLength(1);
  const [returned] = state.returns;
  expect(returned).toMatchObject({ by: 'automatic', attempt: 1 });
  expect(returned.reasons.map((r: Reason) => [r.article, r.code])).toEqual(expected);
  for (const r of returned.reasons as Reason[]) {
    expect(Object.keys(r).sort()).toEqual(['article', 'code', 'message']);
    expect(r.message.startsWith(`${r.article}: `)).toBe(true);
    expect(r.message).toMatch(/\p{Script=Han}{4,}/u);
  }
  return { id: res.body.id as string, reasons: returned.reasons as Reason[] };
}

describe('automatic 退文 at submission: each reason of 第四十一、四十六条 is recorded and returned', () => {
  it('第四十一条: a submission not addressed to the 市政府 is returned (MAIN_TO_NOT_GOVERNMENT)', async () => {
    const { reasons } = await expectAutomaticReturn(reportBody({ mainTo: ['finance'] }), [[ART41, 'MAIN_TO_NOT_GOVERNMENT']]);
    expect(reasons[0]!.message).toBe('第四十一条: 报送市政府的公文应主送张家港市人民政府;本件主送为 市财政局');
  });

  it('第四十一条: a document copied personally to a leader is returned (ADDRESSED_TO_LEADER)', async () => {
    const { reasons } = await expectAutomaticReturn(requestBody({ copyTo: ['vice-mayor-1'] }), [[ART41, 'ADDRESSED_TO_LEADER']]);
    expect(reasons[0]!.message).toContain('副市长(分管自然资源规划、住建、交通、水务、城管)');
  });

  it('第四十一条: a 请示 addressed only to a leader is returned both for its 主送 and for the personal addressing', async () => {
    await expectAutomaticReturn(requestBody({ mainTo: ['vice-mayor-1'] }), [
      [ART41, 'MAIN_TO_NOT_GOVERNMENT'],
      [ART41, 'ADDRESSED_TO_LEADER'],
    ]);
  });

  it('第四十一条: a matter a leader assigned may go to that leader personally, and is not returned', async () => {
    const res = expectStatus(
      await client.submit(tokens.unit('natural-resources'), requestBody({ mainTo: ['vice-mayor-1'], addressingException: 'leader_assigned' })),
      201,
    );
    expect(typesOf(res.body.events)).toEqual([{ type: 'document.submitted', revision: 0 }]);
    expect((await client.get(res.body.id, tokens.officeClerk)).body).toMatchObject({ status: 'submitted', returns: [] });
  });

  it('第四十一条: a 请示 with two 主送 organs is returned (MULTIPLE_MAIN_TO, no 多头报文)', async () => {
    const { reasons } = await expectAutomaticReturn(requestBody({ mainTo: [CODES.organ, 'finance'] }), [[ART41, 'MULTIPLE_MAIN_TO']]);
    expect(reasons[0]!.message).toContain('张家港市人民政府、市财政局');
  });

  it('第四十一条: a 请示 that goes over the city government to 苏州市人民政府 is returned as 越级 (SKIP_LEVEL)', async () => {
    await expectAutomaticReturn(requestBody({ mainTo: [CODES.suzhou] }), [
      [ART41, 'MAIN_TO_NOT_GOVERNMENT'],
      [ART41, 'SKIP_LEVEL'],
    ]);
  });

  it('第四十一条: a 请示 from a body that bypasses its 主管部门 is returned as 越级 (SKIP_LEVEL)', async () => {
    const { reasons } = await expectAutomaticReturn(requestBody(), [[ART41, 'SKIP_LEVEL']], 'real-estate-registration');
    expect(reasons[0]!.message).toContain('应通过主管部门 市自然资源和规划局 报送');
  });

  it('第四十一条: a 报告 that carries 请示事项 is returned (REPORT_CARRIES_REQUEST)', async () => {
    await expectAutomaticReturn(reportBody({ requestItems: ['请市政府安排专项资金'] }), [[ART41, 'REPORT_CARRIES_REQUEST']]);
  });

  describe('第四十一条: a 请示 on which departments disagree', () => {
    const lead = 'natural-resources';
    const withDisagreement = (overrides: Record<string, unknown>) =>
      requestBody({ disagreement: disagreementBody(lead, 'finance', overrides) });

    it('第四十一条: is returned when the heads of the departments have not consulted (DISAGREEMENT_HEADS_NOT_CONSULTED)', async () => {
      await expectAutomaticReturn(withDisagreement({ headsConsulted: false }), [[ART41, 'DISAGREEMENT_HEADS_NOT_CONSULTED']]);
    });

    it('第四十一条: is returned when only one side is listed (DISAGREEMENT_SIDES_MISSING)', async () => {
      await expectAutomaticReturn(withDisagreement({ positions: [position(lead, '具备收储条件', '《土地储备管理办法》')] }), [
        [ART41, 'DISAGREEMENT_SIDES_MISSING'],
      ]);
    });

    it('第四十一条: is returned when a side gives no 理由 (DISAGREEMENT_REASONS_MISSING)', async () => {
      const positions = [position(lead, '具备收储条件', '《土地储备管理办法》'), { unit: 'finance', basis: '《2026年市级财政预算》' }];
      const { reasons } = await expectAutomaticReturn(withDisagreement({ positions }), [[ART41, 'DISAGREEMENT_REASONS_MISSING']]);
      expect(reasons[0]!.message).toContain('缺少 市财政局 的理由');
    });

    it('第四十一条: is returned when a side gives no 依据 (DISAGREEMENT_BASIS_MISSING)', async () => {
      const positions = [position(lead, '具备收储条件', '   '), position('finance', '资金已安排完毕', '《2026年市级财政预算》')];
      const { reasons } = await expectAutomaticReturn(withDisagreement({ positions }), [[ART41, 'DISAGREEMENT_BASIS_MISSING']]);
      expect(reasons[0]!.message).toContain('缺少 市自然资源和规划局 的依据');
    });

    it('第四十一条: is returned when no handling is proposed (DISAGREEMENT_PROPOSAL_MISSING)', async () => {
      await expectAutomaticReturn(withDisagreement({ proposal: undefined }), [[ART41, 'DISAGREEMENT_PROPOSAL_MISSING']]);
    });
  });

  it('第四十六条: a request that the 市政府 批转 a matter within the unit’s own authority is returned (FORWARDING_WITHIN_OWN_AUTHORITY)', async () => {
    const { reasons } = await expectAutomaticReturn(
      requestBody({
        title: '关于提请市政府批转《2026年地质灾害防治方案》的请示',
        forwarding: { mode: 'government_approve_forward', withinOwnAuthority: true },
      }),
      [[ART46, 'FORWARDING_WITHIN_OWN_AUTHORITY']],
    );
    expect(reasons[0]!.message).toContain('不得要求市政府批转');
  });

  it('第四十六条: a request that the 市政府办公室 转发 a matter within the unit’s own authority is returned', async () => {
    const { reasons } = await expectAutomaticReturn(
      requestBody({ forwarding: { mode: 'office_forward', withinOwnAuthority: true } }),
      [[ART46, 'FORWARDING_WITHIN_OWN_AUTHORITY']],
    );
    expect(reasons[0]!.message).toContain('不得要求市政府办公室转发');
  });

  it('第四十六条: a 批转 request for a matter beyond the unit’s own authority is not returned', async () => {
    const res = expectStatus(
      await client.submit(
        tokens.unit('natural-resources'),
        requestBody({ forwarding: { mode: 'government_approve_forward', withinOwnAuthority: false } }),
      ),
      201,
    );
    expect(typesOf(res.body.events)).toEqual([{ type: 'document.submitted', revision: 0 }]);
  });
});

describe('a returned document is corrected and resubmitted on the same stream, and its history keeps every attempt', () => {
  const unit = 'natural-resources';
  let id: string;

  it('第四十一、四十六条: a submission breaking several rules is returned once, with every reason listed', async () => {
    ({ id } = await expectAutomaticReturn(
      requestBody({
        mainTo: [CODES.organ, CODES.suzhou],
        copyTo: ['mayor'],
        forwarding: { mode: 'government_approve_forward', withinOwnAuthority: true },
      }),
      [
        [ART41, 'ADDRESSED_TO_LEADER'],
        [ART41, 'MULTIPLE_MAIN_TO'],
        [ART41, 'SKIP_LEVEL'],
        [ART46, 'FORWARDING_WITHIN_OWN_AUTHORITY'],
      ],
    ));
  });

  it('a returned document cannot be registered (409 RETURNED), and only the submitting unit may resubmit (403)', async () => {
    const register = await client.register(id, tokens.officeClerk);
    expect(register.status).toBe(409);
    expect(register.body.code).toBe('RETURNED');
    const other = await client.resubmit(id, tokens.unit('finance'), { mainTo: [CODES.organ] });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('NOT_SUBMITTING_UNIT');
    const empty = await client.resubmit(id, tokens.unit(unit), {});
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('NO_CORRECTIONS');
  });

  it('第四十一条: a resubmission that changes nothing, empty or repeating the returned fields, is refused (400 NO_CORRECTIONS) and nothing is stored', async () => {
    const head = await store.headPosition();
    for (const body of [{}, { mainTo: [CODES.organ, CODES.suzhou], copyTo: ['mayor'] }]) {
      const res = await client.resubmit(id, tokens.unit(unit), body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'NO_CORRECTIONS', details: { article: ART41 } });
      expect(res.body.message).toMatch(/^第四十一条: /);
    }
    expect(await store.headPosition()).toBe(head);
    // The merge-patch semantics are the API's documented contract.
    const openApi = (await http(t.app).get('/docs/openapi.json')).body;
    expect(openApi.paths['/documents/{id}/resubmission'].post.description).toContain('写 null 的字段被清除');
    expect(openApi.components.schemas.ResubmitDocumentDto.description).toContain('未写的字段保持被退回时的内容');
  });

  it('a resubmission that still breaks a rule is returned again, as attempt 2, with the remaining reason only', async () => {
    const res = expectStatus(await client.resubmit(id, tokens.unit(unit), { mainTo: [CODES.organ], copyTo: null }), 200);
    expect(typesOf(res.body.events)).toEqual([
      { type: 'document.resubmitted', revision: 2 },
      { type: 'document.returned', revision: 3 },
    ]);
    const state = (await client.get(id, tokens.unit(unit))).body;
    expect(state).toMatchObject({ status: 'returned', submission: { attempt: 2, mainTo: [CODES.organ], copyTo: [] } });
    expect(state.returns.map((r: { attempt: number; reasons: Reason[] }) => [r.attempt, r.reasons.map((x) => x.code)])).toEqual([
      [1, ['ADDRESSED_TO_LEADER', 'MULTIPLE_MAIN_TO', 'SKIP_LEVEL', 'FORWARDING_WITHIN_OWN_AUTHORITY']],
      [2, ['FORWARDING_WITHIN_OWN_AUTHORITY']],
    ]);
  });

  it('the corrected third attempt is accepted on the same stream and goes on to 签收登记', async () => {
    const res = expectStatus(
      await client.resubmit(id, tokens.unit(unit), { forwarding: null, title: '关于某地块土地收储的请示(修改稿)' }),
      200,
    );
    expect(res.body).toMatchObject({ id, revision: 4, events: [{ type: 'document.resubmitted', revision: 4 }] });
    const state = (await client.get(id, tokens.unit(unit))).body;
    expect(state).toMatchObject({ status: 'submitted', submission: { attempt: 3, title: '关于某地块土地收储的请示(修改稿)' } });
    expect(state.submission.forwarding).toBeUndefined();
    expect(state.returns).toHaveLength(2);
    expectStatus(await client.register(id, tokens.officeClerk), 200);

    const stored = await store.readStream(`document-${id}`);
    expect(stored.map((e) => [e.type, (e.data as { attempt?: number }).attempt])).toEqual([
      ['document.submitted', 1],
      ['document.returned', 1],
      ['document.resubmitted', 2],
      ['document.returned', 2],
      ['document.resubmitted', 3],
      ['document.registered', undefined],
    ]);
    // The first attempt's text is kept as it was sent.
    expect(stored[0]!.data).toMatchObject({ mainTo: [CODES.organ, CODES.suzhou], copyTo: ['mayor'] });
  });

  it('resubmitting a document that is not returned is refused (409 NOT_RETURNED)', async () => {
    const res = await client.resubmit(id, tokens.unit(unit), { summary: '再改一次' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_RETURNED');
  });
});

describe('第四十七条: a classified document is refused outright, and nothing of it is stored', () => {
  const title = '关于某涉密工程选址的请示(标题本身即敏感)';
  const summary = '选址位于某军事管理区附近';

  it.each(['secret', 'confidential', 'top_secret', 'work_secret', 'sensitive'])(
    '第四十七条: a document classified %s is refused with 422 CLASSIFIED_NOT_ALLOWED: no stream, no event, the message does not echo it',
    async (classification) => {
      const head = await store.headPosition();
      const key = `classified-${classification}`;
      const res = await client.submit(tokens.unit('natural-resources'), requestBody({ title, summary, classification }), { 'idempotency-key': key });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'CLASSIFIED_NOT_ALLOWED', details: { article: ART47 } });
      expect(res.body.message).toContain('第四十七条');
      expect(JSON.stringify(res.body)).not.toContain(title);
      expect(JSON.stringify(res.body)).not.toContain(summary);

      // The stream the submission would have created (its id follows from the Idempotency-Key).
      const id = uuidFrom(`document\nclerk-natural-resources\n${key}`);
      expect(await store.readStream(`document-${id}`)).toEqual([]);
      expect((await client.get(id, tokens.officeClerk)).status).toBe(404);
      expect(await store.headPosition()).toBe(head);
    },
  );

  it('第四十七条: a "must be reported directly" classified matter (第四十一条’s exception) is refused the same way', async () => {
    const head = await store.headPosition();
    const res = await client.submit(
      tokens.unit('public-security'),
      requestBody({ title, mainTo: ['mayor'], addressingException: 'classified_direct_report' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CLASSIFIED_NOT_ALLOWED');
    expect(JSON.stringify(res.body)).not.toContain(title);
    expect(await store.headPosition()).toBe(head);
  });

  it('第四十七条: a correction that declares the document classified is refused too, and the stream is unchanged', async () => {
    const { id } = await expectAutomaticReturn(requestBody({ mainTo: ['finance'] }), [[ART41, 'MAIN_TO_NOT_GOVERNMENT']]);
    const head = await store.headPosition();
    const res = await client.resubmit(id, tokens.unit('natural-resources'), { mainTo: [CODES.organ], title, classification: 'secret' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CLASSIFIED_NOT_ALLOWED');
    expect(JSON.stringify(res.body)).not.toContain(title);
    expect(await store.headPosition()).toBe(head);
    expect((await store.readStream(`document-${id}`)).map((e) => e.type)).toEqual(['document.submitted', 'document.returned']);
  });

  it('nothing anywhere in the store holds the refused title', async () => {
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((e) => JSON.stringify(e).includes(title))).toBe(false);
  });
});

describe('第四十二条: the office may 退文 by hand, with reasons', () => {
  const unit = 'natural-resources';
  let id: string;

  beforeAll(async () => {
    id = expectStatus(await client.submit(tokens.unit(unit), requestBody()), 201).body.id;
    expectStatus(await client.register(id, tokens.officeClerk), 200);
  });

  it('第四十二条: only the office returns a document (403 OFFICE_ONLY for a unit or a leader)', async () => {
    for (const token of [tokens.unit(unit), tokens.unit('finance'), tokens.viceMayor1, tokens.supervisor]) {
      const res = await client.return(id, token, { reasons: [{ message: '材料不全' }] });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'OFFICE_ONLY', details: { article: ART42 } });
    }
  });

  it('a 退文 without reasons is refused (400), nothing is written', async () => {
    for (const body of [{ reasons: [] }, {}, { reasons: [{ message: '' }] }]) {
      const res = await client.return(id, tokens.officeClerk, body);
      expect(res.status).toBe(400);
    }
    expect((await client.get(id, tokens.officeClerk)).body).toMatchObject({ status: 'registered', revision: 1 });
  });

  it('第四十二条: the office returns it with two reasons; each is stored as {article, code, message}, 第四十二条 by default', async () => {
    const res = expectStatus(
      await client.return(id, tokens.officeClerk, {
        reasons: [
          { message: '缺少附件:收储地块红线图' },
          { article: ART41, code: 'NOT_COUNTERSIGNED', message: '涉及市财政局职责,未经会签' },
        ],
      }),
      200,
    );
    expect(typesOf(res.body.events)).toEqual([{ type: 'document.returned', revision: 2 }]);
    const state = (await client.get(id, tokens.unit(unit))).body;
    expect(state.status).toBe('returned');
    expect(state.returns).toEqual([
      {
        by: 'office',
        attempt: 1,
        reasons: [
          { article: ART42, code: 'OFFICE_RETURN', message: '第四十二条: 缺少附件:收储地块红线图' },
          { article: ART41, code: 'NOT_COUNTERSIGNED', message: '第四十一条: 涉及市财政局职责,未经会签' },
        ],
      },
    ]);
  });

  it('the unit corrects and resubmits; the office then registers it again, and both attempts stay in the history', async () => {
    expectStatus(await client.resubmit(id, tokens.unit(unit), { summary: '已补充红线图,并经市财政局会签' }), 200);
    expectStatus(await client.register(id, tokens.officeClerk), 200);
    const state = (await client.get(id, tokens.officeClerk)).body;
    expect(state).toMatchObject({ status: 'registered', submission: { attempt: 2, summary: '已补充红线图,并经市财政局会签' } });
    expect(state.returns).toHaveLength(1);
    const stored = await store.readStream(`document-${id}`);
    expect(stored.map((e) => e.type)).toEqual([
      'document.submitted',
      'document.registered',
      'document.returned',
      'document.resubmitted',
      'document.registered',
    ]);
  });

  it('第四十二条: once routed to the leaders the office can no longer 退文 (409 ALREADY_ROUTED)', async () => {
    expectStatus(await client.review(id, tokens.officeClerk, reviewBody()), 200);
    expectStatus(await client.route(id, tokens.officeClerk), 200);
    const res = await client.return(id, tokens.officeClerk, { reasons: [{ message: '再退一次' }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ALREADY_ROUTED', details: { article: ART42 } });
  });

  it('a returned document the unit never resubmits can be closed by the office with a reason', async () => {
    const { id: abandoned } = await expectAutomaticReturn(requestBody({ mainTo: ['finance'] }), [[ART41, 'MAIN_TO_NOT_GOVERNMENT']]);
    const noReason = await client.close(abandoned, tokens.officeClerk, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('CLOSE_REASON_REQUIRED');
    expectStatus(await client.close(abandoned, tokens.officeClerk, { reason: '退文后报文单位未重新报送' }), 200);
    expect((await client.get(abandoned, tokens.officeClerk)).body.closure).toEqual({ from: 'returned', reason: '退文后报文单位未重新报送' });
  });
});
