import { history, P, REGISTER, spec } from './fixtures';

const assigned = history([
  [REGISTER, P.officeClerk, '2026-03-01T02:00:00Z'],
  [{ type: 'assign', leadUnit: 'education', coUnits: ['housing-construction', 'transport'] }, P.officeClerk, '2026-03-02T02:00:00Z'],
]);
const withOpinions = history([
  [{ type: 'submitCoOpinion', opinion: '可结合老旧小区改造增设停车泊位' }, P.housingClerk, '2026-03-20T02:00:00Z'],
  [{ type: 'submitCoOpinion', opinion: '同意在学校周边道路施划临时泊位' }, P.transportClerk, '2026-04-03T02:00:00Z'],
], assigned);
const answered = history([[{ type: 'answer', answerClass: 'B', summary: '已列入2026年实事项目计划' }, P.eduClerk, '2026-05-20T02:00:00Z']], withOpinions);

describe('人大代表建议 / 政协委员提案 (第二十七条)', () => {
  it('registers the deputy, the session and the subject', () => {
    spec.given([]).when(REGISTER, P.officeClerk, '2026-03-01T02:00:00Z').then([
      {
        type: 'proposal.registered',
        data: {
          kind: 'npc_suggestion',
          number: '第0012号',
          session: '市十六届人大五次会议',
          proposer: '王代表',
          coProposers: ['李代表'],
          subject: '关于增加城区学校周边停车位的建议',
          registeredOn: '2026-03-01',
        },
      },
    ]);
  });

  it('a 协办 opinion after its deadline (2026-04-02) is recorded as late', () => {
    expect(withOpinions.slice(-2).map((e) => e.data)).toMatchObject([{ unit: 'housing-construction', late: false }, { unit: 'transport', late: true }]);
  });

  it('第二十七条: the 主办 answer is refused until every 协办 unit gave its opinion', () => {
    const one = history([[{ type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk, '2026-03-20T02:00:00Z']], assigned);
    spec.given(one).when({ type: 'answer', answerClass: 'A', summary: '已解决' }, P.eduClerk).thenRefused({
      kind: 'invalid_state',
      code: 'CO_OPINIONS_MISSING',
      article: '第二十七条',
    });
  });

  it('第二十七条: only a 协办 unit gives a 协办 opinion', () => {
    spec.given(assigned).when({ type: 'submitCoOpinion', opinion: '同意' }, P.eduClerk).thenRefused({ kind: 'forbidden', code: 'NOT_CO_UNIT', article: '第二十七条' });
  });

  it('第二十七条: only the 主办 unit answers', () => {
    spec.given(withOpinions).when({ type: 'answer', answerClass: 'A', summary: '已解决' }, P.housingClerk).thenRefused({
      kind: 'forbidden',
      code: 'NOT_LEAD_UNIT',
      article: '第二十七条',
    });
  });

  it('the answer carries its class A/B/C/D and whether it was on time', () => {
    expect(answered.at(-1)).toEqual({
      type: 'proposal.answered',
      data: { answerClass: 'B', summary: '已列入2026年实事项目计划', answeredOn: '2026-05-20', round: 1, late: false },
    });
    spec.given(withOpinions).when({ type: 'answer', answerClass: 'E' as 'A', summary: 'x' }, P.eduClerk).thenRefused({ kind: 'invalid', code: 'ANSWERCLASS_INVALID' });
  });

  describe('extensions with approval', () => {
    const requested = history([[{ type: 'requestExtension', reason: '需市财政统筹资金', requestedDueDate: '2026-06-20' }, P.eduClerk, '2026-05-25T02:00:00Z']], withOpinions);

    it('第二十七条: an approved extension to Saturday 2026-06-20 (端午) becomes Monday 2026-06-22', () => {
      spec.given(requested).when({ type: 'approveExtension' }, P.officeDirector, '2026-05-26T02:00:00Z').then([
        {
          type: 'proposal.extension_approved',
          // The named day is kept as well, so new calendar data can roll it again.
          data: { previousDueDate: '2026-06-02', approvedDate: '2026-06-20', answerDeadline: { dueDate: '2026-06-22', dueAt: '2026-06-22T15:59:59.999Z', ruleCode: 'ART27_EXTENSION_APPROVED' } },
        },
      ], true);
    });

    it('第二十七条: an extension needs the approval of the office director or a deputy director', () => {
      spec.given(requested).when({ type: 'approveExtension' }, P.officeClerk).thenRefused({ kind: 'forbidden', code: 'NOT_APPROVER', article: '第二十七条' });
    });

    it('第二十七条: a rejected extension leaves the deadline; answering later is late', () => {
      const rejected = history([[{ type: 'rejectExtension', reason: '可先行答复' }, P.officeDirector, '2026-05-26T02:00:00Z']], requested);
      spec.given(rejected).when({ type: 'answer', answerClass: 'C', summary: '因资金限制暂不能解决' }, P.eduClerk, '2026-06-03T02:00:00Z').then(
        [{ type: 'proposal.answered', data: { late: true } }],
        true,
      );
    });

    it('第二十七条: an extension must move the deadline later', () => {
      spec.given(withOpinions).when({ type: 'requestExtension', reason: 'x', requestedDueDate: '2026-06-01' }, P.eduClerk).thenRefused({
        kind: 'invalid',
        code: 'EXTENSION_NOT_LATER',
        article: '第二十七条',
      });
    });
  });

  it('第二十七条: a dissatisfied deputy reopens handling with a 1-month deadline (2026-06-05 → Sunday 07-05 → Monday 07-06)', () => {
    spec.given(answered).when({ type: 'recordSatisfaction', satisfaction: 'dissatisfied', feedback: '实施进度太慢' }, P.officeClerk, '2026-06-05T02:00:00Z').then([
      { type: 'proposal.satisfaction_recorded', data: { satisfaction: 'dissatisfied', feedback: '实施进度太慢', recordedOn: '2026-06-05', round: 1 } },
      {
        type: 'proposal.reopened',
        data: {
          round: 2,
          reopenedAt: '2026-06-05T02:00:00.000Z',
          answerDeadline: { dueDate: '2026-07-06', dueAt: '2026-07-06T15:59:59.999Z', ruleCode: 'ART27_REOPEN_1M' },
        },
      },
    ], true);
  });

  it('第二十七条: after reopening, the second answer and a satisfied deputy close it, and the result is published', () => {
    const events = history([
      [{ type: 'recordSatisfaction', satisfaction: 'dissatisfied', feedback: '实施进度太慢' }, P.officeClerk, '2026-06-05T02:00:00Z'],
      [{ type: 'answer', answerClass: 'A', summary: '已新增泊位120个' }, P.eduClerk, '2026-07-01T02:00:00Z'],
      [{ type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.officeClerk, '2026-07-03T02:00:00Z'],
    ], answered);
    expect(events.at(-2)).toMatchObject({ type: 'proposal.answered', data: { round: 2, late: false } });
    expect(spec.fold(events).status).toBe('closed');
    spec.given(events).when({ type: 'publishResult', channel: '张家港市人民政府网站' }, P.officeClerk, '2026-07-06T02:00:00Z').then([
      { type: 'proposal.result_published', data: { publishedOn: '2026-07-06', channel: '张家港市人民政府网站' } },
    ]);
  });

  it('第二十七条: the answer of a 重新办理 is published too, though the round-1 answer the deputy rejected was published', () => {
    const events = history([
      [{ type: 'publishResult', channel: '张家港市人民政府网站' }, P.officeClerk, '2026-05-21T02:00:00Z'],
      [{ type: 'recordSatisfaction', satisfaction: 'dissatisfied', feedback: '实施进度太慢' }, P.officeClerk, '2026-06-05T02:00:00Z'],
      [{ type: 'answer', answerClass: 'A', summary: '已新增泊位120个' }, P.eduClerk, '2026-07-01T02:00:00Z'],
    ], answered);
    spec.given(events).when({ type: 'publishResult', channel: '张家港市人民政府网站' }, P.officeClerk, '2026-07-02T02:00:00Z').then([
      { type: 'proposal.result_published', data: { publishedOn: '2026-07-02', channel: '张家港市人民政府网站' } },
    ]);
    const again = history([[{ type: 'publishResult', channel: '网站' }, P.officeClerk, '2026-07-02T02:00:00Z']], events);
    spec.given(again).when({ type: 'publishResult', channel: '网站' }, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'ALREADY_PUBLISHED' });
  });

  it('a second satisfaction once the deputy was satisfied is refused as already recorded, not as unanswered', () => {
    const closed = history([[{ type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.officeClerk, '2026-06-05T02:00:00Z']], answered);
    const error = spec.given(closed).when({ type: 'recordSatisfaction', satisfaction: 'dissatisfied' }, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'SATISFACTION_ALREADY_RECORDED' });
    expect(error.message).toBe('代表/委员已对本件答复表示满意, 该件已办结');
  });

  it('a result cannot be published before an answer (a lifecycle refusal: no article cited)', () => {
    const error = spec.given(assigned).when({ type: 'publishResult', channel: '网站' }, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'NOT_ANSWERED' });
    expect(error.article).toBeUndefined();
    expect(error.message).toBe('尚未答复, 没有可公开的办理结果');
  });

  it('第二十七条: only the office 交办', () => {
    const registered = assigned.slice(0, 1);
    spec.given(registered).when({ type: 'assign', leadUnit: 'education' }, P.eduClerk).thenRefused({ kind: 'forbidden', code: 'NOT_OFFICE', article: '第二十七条' });
  });

  it('交办 goes only to units that handle matters, named in the refusal', () => {
    const registered = assigned.slice(0, 1);
    const error = spec.given(registered).when({ type: 'assign', leadUnit: 'zjg-gov-office' }, P.officeClerk).thenRefused({ kind: 'invalid', code: 'UNIT_NOT_HANDLING' });
    expect(error.message).toBe('张家港市人民政府办公室 不是可以承办建议、提案的单位');
  });

  describe('messages name units as the directory does, never by code', () => {
    it('第二十七条: the answer waiting for 协办 opinions names the missing units', () => {
      const error = spec.given(assigned).when({ type: 'answer', answerClass: 'A', summary: '已解决' }, P.eduClerk).thenRefused({
        kind: 'invalid_state',
        code: 'CO_OPINIONS_MISSING',
        article: '第二十七条',
      });
      expect(error.message).toBe('第二十七条: 尚缺协办单位 市住房和城乡建设局、市交通运输局 的协办意见');
    });

    it('第二十七条: a unit that is not a 协办 unit is named', () => {
      const error = spec.given(assigned).when({ type: 'submitCoOpinion', opinion: '同意' }, P.eduClerk).thenRefused({ kind: 'forbidden', code: 'NOT_CO_UNIT', article: '第二十七条' });
      expect(error.message).toBe('第二十七条: 市教育局 不是本件的协办单位');
    });

    it('a lead unit listed as 协办 too is named', () => {
      const registered = assigned.slice(0, 1);
      const error = spec
        .given(registered)
        .when({ type: 'assign', leadUnit: 'education', coUnits: ['education'] }, P.officeClerk)
        .thenRefused({ kind: 'invalid', code: 'LEAD_ALSO_CO' });
      expect(error.message).toBe('主办单位 市教育局 不能同时是协办单位');
    });
  });
});
